import XCTest
import ParagraphBreaker

/// The least-loose emergency pass: no extra stretch, badness without TeX's cap, so the search
/// weighs a very loose line as much worse than a loose one.
final class LeastLooseTests: XCTestCase {
    /// Words of varied lengths that cannot be set within tolerance in a 21 pt measure.
    let text = "international offices coordinate exchanges between partner universities across several continents every academic year"

    func parameters(_ pass: BreakParameters.EmergencyPass) -> BreakParameters {
        var parameters = BreakParameters(emergencyStretch: 0.25 * 21)
        parameters.emergencyPass = pass
        return parameters
    }

    func testTakesOverWhereTheTolerancePassFails() {
        let paragraph = TextParagraph(text)
        let result = breakParagraph(paragraph.items, lineWidth: { _ in 21 }, parameters: parameters(.leastLoose))
        XCTAssertEqual(result.pass, .emergency)
        // Every line fits: no natural width beyond the measure after shrinking.
        for (line, width) in zip(result.breaks, paragraph.naturalWidths(result)) {
            XCTAssertGreaterThanOrEqual(line.ratio, -1)
            XCTAssertLessThanOrEqual(width - 21, 1e-9 + 0.33 * 3)
        }
    }

    func testItsWorstLineIsNoLooserThanTeXsEmergencyPass() {
        let paragraph = TextParagraph(text)
        let tex = breakParagraph(paragraph.items, lineWidth: { _ in 21 }, parameters: parameters(.emergencyStretch))
        let least = breakParagraph(paragraph.items, lineWidth: { _ in 21 }, parameters: parameters(.leastLoose))
        XCTAssertEqual(tex.pass, .emergency)
        let worst = { (result: BreakResult) in result.breaks.dropLast().map(\.ratio).max() ?? 0 }
        XCTAssertLessThanOrEqual(worst(least), worst(tex) + 1e-9)
        // The uncapped search minimises the sum of (l + 100 r³)²: compare that cost directly.
        func cost(_ result: BreakResult) -> Double {
            result.breaks.dropLast().reduce(0) { sum, line in
                let badness = 100 * pow(abs(line.ratio), 3)
                return sum + pow(10 + badness, 2)
            }
        }
        XCTAssertLessThanOrEqual(cost(least), cost(tex) + 1e-6)
    }
}

extension LeastLooseTests {
    /// Random paragraphs of English-like word lengths, with a little stretch on boxes as
    /// microtypography gives them.
    func randomParagraphs(_ count: Int) -> [TextParagraph] {
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        return (0..<count).map { _ in
            let words = (0..<(20 + next(40))).map { _ in String(repeating: "x", count: 1 + next(4) + next(5) + next(4)) }
            return TextParagraph(words.joined(separator: " "), boxStretch: 0.02, boxShrink: 0.02)
        }
    }

    func testAcrossManyParagraphsFewerVeryLooseLines() {
        var texVery = 0, leastVery = 0, emergencies = 0
        for paragraph in randomParagraphs(300) {
            let tex = breakParagraph(paragraph.items, lineWidth: { _ in 30 }, parameters: parameters(.emergencyStretch))
            let least = breakParagraph(paragraph.items, lineWidth: { _ in 30 }, parameters: parameters(.leastLoose))
            guard tex.pass == .emergency else { continue }
            emergencies += 1
            texVery += tex.breaks.dropLast().filter { $0.ratio > 2 }.count
            leastVery += least.breaks.dropLast().filter { $0.ratio > 2 }.count
        }
        XCTAssertGreaterThan(emergencies, 20)
        XCTAssertLessThan(leastVery, texVery)
    }
}
