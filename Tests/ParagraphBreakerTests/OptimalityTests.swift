import XCTest
import ParagraphBreaker

/// The search with its pruning finds the same optimum as trying every chain of breaks.
final class OptimalityTests: XCTestCase {
    /// A random small paragraph with hyphens, ties, the odd forced break and some box stretch.
    func randomParagraph(seed: UInt64) -> TextParagraph {
        var generator = SeededGenerator(seed: seed &* 7919)
        var text = randomText(wordCount: Int.random(in: 4...11, using: &generator), maxLength: 8,
                              hyphenate: true, seed: seed)
        if Bool.random(using: &generator), let space = text.firstIndex(of: " ") {
            text.replaceSubrange(space...space, with: "~")
        }
        if Int.random(in: 0..<5, using: &generator) == 0, let space = text.lastIndex(of: " ") {
            text.replaceSubrange(space...space, with: " // ")
        }
        let expansion = Bool.random(using: &generator) ? 0.02 : 0
        return TextParagraph(text, boxStretch: expansion, boxShrink: expansion, hyphenCost: 50)
    }

    func testMatchesExhaustiveSearch() {
        var solved = 0, emergencies = 0, infeasible = 0
        for seed in UInt64(1)...400 {
            let paragraph = randomParagraph(seed: seed)
            var generator = SeededGenerator(seed: seed)
            let narrow = Double(Int.random(in: 8...16, using: &generator))
            let wide = narrow + Double(Int.random(in: 0...6, using: &generator))
            let width: (Int) -> Double = { $0 < 2 ? narrow : wide }
            let parameters = BreakParameters(
                tolerance: [200, 500, 2000].randomElement(using: &generator) ?? 200,
                pretolerance: -1,
                linePenalty: [10, 50].randomElement(using: &generator) ?? 10,
                doubleHyphenDemerits: [0, 3000, 10_000].randomElement(using: &generator) ?? 0,
                finalHyphenDemerits: [0, 5000].randomElement(using: &generator) ?? 0,
                adjacentDemerits: [0, 3000, 20_000].randomElement(using: &generator) ?? 0,
                emergencyStretch: [0, 3].randomElement(using: &generator) ?? 0,
                maxConsecutiveHyphens: Int.random(in: 0...3, using: &generator))

            let result = breakParagraph(paragraph.items, lineWidth: width, parameters: parameters)
            func reference(background: Double) -> ReferenceBreaker {
                ReferenceBreaker(items: paragraph.items, lineWidth: width, parameters: parameters,
                                 threshold: parameters.tolerance, allowsHyphens: true, background: background)
            }
            let plain = reference(background: 0)
            let emergency = reference(background: parameters.emergencyStretch)
            switch result.pass {
            case .tolerance:
                solved += 1
                let optimum = try? XCTUnwrap(plain.optimum(), "seed \(seed)")
                let found = plain.demerits(of: result.breaks)
                XCTAssertNotNil(found, "seed \(seed): a chosen line is infeasible")
                XCTAssertEqual(found ?? 0, optimum ?? 1, accuracy: 1e-6 * max(1, abs(optimum ?? 1)), "seed \(seed)")
            case .emergency:
                emergencies += 1
                XCTAssertNil(plain.optimum(), "seed \(seed): the tolerance pass should have succeeded")
                let optimum = try? XCTUnwrap(emergency.optimum(), "seed \(seed)")
                let found = emergency.demerits(of: result.breaks)
                XCTAssertEqual(found ?? 0, optimum ?? 1, accuracy: 1e-6 * max(1, abs(optimum ?? 1)), "seed \(seed)")
            case .overfull:
                infeasible += 1
                XCTAssertNil(plain.optimum(), "seed \(seed): the tolerance pass should have succeeded")
                if parameters.emergencyStretch > 0 {
                    XCTAssertNil(emergency.optimum(), "seed \(seed): the emergency pass should have succeeded")
                }
            case .pretolerance:
                XCTFail("seed \(seed): the pretolerance pass was disabled")
            }
        }
        // The sample must exercise each outcome.
        XCTAssertGreaterThan(solved, 50)
        XCTAssertGreaterThan(emergencies, 5)
        XCTAssertGreaterThan(infeasible, 5)
    }

    func testPretolerancePassIsOptimalWithoutHyphens() {
        var solved = 0
        for seed in UInt64(500)...700 {
            let paragraph = randomParagraph(seed: seed)
            let width = Double(10 + seed % 10)
            let result = breakParagraph(paragraph.items, lineWidth: { _ in width })
            guard result.pass == .pretolerance else { continue }
            solved += 1
            let reference = ReferenceBreaker(items: paragraph.items, lineWidth: { _ in width },
                                             parameters: BreakParameters(), threshold: 100,
                                             allowsHyphens: false, background: 0)
            let optimum = reference.optimum() ?? -1
            XCTAssertEqual(reference.demerits(of: result.breaks) ?? 0, optimum,
                           accuracy: 1e-6 * max(1, abs(optimum)), "seed \(seed)")
            XCTAssertFalse(result.breaks.contains { $0.hyphenated })
        }
        XCTAssertGreaterThan(solved, 20)
    }
}
