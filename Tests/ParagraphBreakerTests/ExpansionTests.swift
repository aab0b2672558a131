import XCTest
import ParagraphBreaker

/// Boxes that stretch and shrink (font expansion, letter-spacing).
final class ExpansionTests: XCTestCase {
    func testWithoutExpansionNothingIsWithinTolerance() {
        let paragraph = TextParagraph("spring garden party")
        // At 12.5 "spring garden" overflows and "spring" alone cannot stretch at all.
        let narrow = breakParagraph(paragraph.items, lineWidth: { _ in 12.5 })
        XCTAssertEqual(narrow.pass, .overfull)
        XCTAssertEqual(paragraph.lines(narrow), ["spring", "garden party"])
        XCTAssertEqual(narrow.breaks[0].ratio, 0, "a line without stretch reports 0")
        // At 14 "spring garden" needs r = 2 (badness 800).
        let wide = breakParagraph(paragraph.items, lineWidth: { _ in 14 })
        XCTAssertEqual(wide.pass, .overfull)
        XCTAssertEqual(paragraph.lines(wide), ["spring garden", "party"])
        XCTAssertEqual(wide.breaks[0].ratio, 2, accuracy: 1e-9)
    }

    func testBoxShrinkMakesATightLineFeasible() {
        // "spring garden" is 13 in 12.5: the space's 0.33 of shrink is not enough,
        // but 5 % shrink on 12 letters adds 0.6.
        let paragraph = TextParagraph("spring garden party", boxShrink: 0.05)
        let result = breakParagraph(paragraph.items, lineWidth: { _ in 12.5 })
        XCTAssertEqual(result.pass, .pretolerance)
        XCTAssertEqual(paragraph.lines(result), ["spring garden", "party"])
        XCTAssertEqual(result.breaks[0].ratio, -0.5 / 0.93, accuracy: 1e-9)
    }

    func testBoxStretchMakesALooseLineFeasible() {
        // "spring garden" is 13 in 14: one space's 0.5 gives r = 2, letter-spacing
        // adds 0.6 and brings r under 1.
        let paragraph = TextParagraph("spring garden party", boxStretch: 0.05)
        let result = breakParagraph(paragraph.items, lineWidth: { _ in 14 })
        XCTAssertEqual(result.pass, .pretolerance)
        XCTAssertEqual(paragraph.lines(result), ["spring garden", "party"])
        XCTAssertEqual(result.breaks[0].ratio, 1 / 1.1, accuracy: 1e-9)
    }

    func testSingleWordLineUsesItsOwnStretch() {
        // A line holding one word and no glue can still be justified by letter-spacing.
        let paragraph = TextParagraph("newsletter volunteers", boxStretch: 0.05)
        let result = breakParagraph(paragraph.items, lineWidth: { _ in 10.4 })
        XCTAssertEqual(paragraph.lines(result), ["newsletter", "volunteers"])
        XCTAssertEqual(result.breaks[0].ratio, 0.4 / 0.5, accuracy: 1e-9)
        XCTAssertEqual(result.pass, .pretolerance)
    }
}
