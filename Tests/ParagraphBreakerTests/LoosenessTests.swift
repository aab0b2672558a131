import XCTest
import ParagraphBreaker

/// TeX's looseness: asking for one line more or fewer than the optimum.
final class LoosenessTests: XCTestCase {
    let paragraph = TextParagraph(randomText(wordCount: 80, maxLength: 7, seed: 7))

    func testLoosenessAddsALineWhenFeasible() {
        let width = 24.0
        var parameters = BreakParameters(tolerance: 2000)
        let tight = breakParagraph(paragraph.items, lineWidth: { _ in width }, parameters: parameters)
        parameters.looseness = 1
        let loose = breakParagraph(paragraph.items, lineWidth: { _ in width }, parameters: parameters)
        XCTAssertEqual(loose.breaks.count, tight.breaks.count + 1)
        parameters.looseness = -1
        let shorter = breakParagraph(paragraph.items, lineWidth: { _ in width }, parameters: parameters)
        XCTAssertLessThanOrEqual(shorter.breaks.count, tight.breaks.count)
    }

    func testZeroLoosenessMatchesTheOptimum() {
        let parameters = BreakParameters(looseness: 0)
        XCTAssertEqual(breakParagraph(paragraph.items, lineWidth: { _ in 24 }, parameters: parameters),
                       breakParagraph(paragraph.items, lineWidth: { _ in 24 }))
    }

    /// A line fewer that no setting within tolerance gives is not sought in the least-loose
    /// pass (which weighs every chain of the paragraph): the tolerance pass's setting stands.
    func testAnUnreachableLoosenessKeepsTheSettingWithinTolerance() {
        var parameters = BreakParameters(tolerance: 2000)
        parameters.emergencyPass = .leastLoose
        let plain = breakParagraph(paragraph.items, lineWidth: { _ in 40 }, parameters: parameters)
        parameters.looseness = -5
        let asked = breakParagraph(paragraph.items, lineWidth: { _ in 40 }, parameters: parameters)
        XCTAssertNotEqual(plain.pass, .emergency)
        XCTAssertNotEqual(asked.pass, .emergency)
        XCTAssertEqual(asked.breaks.count, plain.breaks.count)
    }
}

