import XCTest
import ParagraphBreaker

/// Same input, same output; and a long paragraph as a rough (untimed) smoke test.
final class DeterminismTests: XCTestCase {
    let long = TextParagraph(randomText(wordCount: 2_000, hyphenate: true, seed: 42))

    func testRepeatedRunsAgree() {
        let parameters = BreakParameters(emergencyStretch: 7.5)
        let first = breakParagraph(long.items, lineWidth: { _ in 30 }, parameters: parameters)
        let second = breakParagraph(long.items, lineWidth: { _ in 30 }, parameters: parameters)
        XCTAssertEqual(first, second)
        XCTAssertEqual(breakGreedy(long.items, lineWidth: { _ in 30 }), breakGreedy(long.items, lineWidth: { _ in 30 }))
    }

    func testTwoThousandWordsGiveAPlausibleLineCount() {
        let width = 30.0
        let result = breakParagraph(long.items, lineWidth: { _ in width },
                                    parameters: BreakParameters(emergencyStretch: 0.25 * width))
        let natural = long.items.reduce(0) { $0 + ($1.kind == .penalty || $1.stretch > 1e5 ? 0 : $1.width) }
        let estimate = natural / width
        XCTAssertGreaterThan(Double(result.breaks.count), estimate * 0.9)
        XCTAssertLessThan(Double(result.breaks.count), estimate * 1.2)
        XCTAssertEqual(result.breaks.last?.position, long.items.count - 1)
        XCTAssertTrue(result.breaks.allSatisfy { $0.ratio >= -1 })
        XCTAssertNotEqual(result.pass, .overfull)
        let positions = result.breaks.map(\.position)
        XCTAssertEqual(positions, positions.sorted())
        XCTAssertEqual(Set(positions).count, positions.count)
        // First fit shrinks every line as far as it can, so it never needs more lines.
        let greedy = breakGreedy(long.items, lineWidth: { _ in width })
        XCTAssertLessThanOrEqual(greedy.breaks.count, result.breaks.count)
    }

    func testManyShortParagraphs() {
        // A document's worth of newsletter paragraphs at a 55 mm-like measure.
        var lines = 0
        for seed in UInt64(100)..<400 {
            let paragraph = TextParagraph(randomText(wordCount: 60, hyphenate: true, seed: seed))
            let result = breakParagraph(paragraph.items, lineWidth: { _ in 30 },
                                        parameters: BreakParameters(emergencyStretch: 7.5))
            XCTAssertEqual(result.breaks.last?.position, paragraph.items.count - 1)
            lines += result.breaks.count
        }
        XCTAssertGreaterThan(lines, 300 * 8)
    }
}
