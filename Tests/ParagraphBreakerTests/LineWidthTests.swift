import XCTest
import ParagraphBreaker

/// Lines of different widths, such as beside an image.
final class LineWidthTests: XCTestCase {
    let paragraph = TextParagraph(
        "the club meets at a new venue nearby on friday at noon to plan the spring garden party for june")

    func width(_ line: Int) -> Double { line < 2 ? 18 : 24 }

    func testFirstTwoLinesAreShorter() {
        let result = breakParagraph(paragraph.items, lineWidth: width)
        let naturals = paragraph.naturalWidths(result)
        XCTAssertEqual(result.pass, .pretolerance)
        XCTAssertEqual(paragraph.lines(result), [
            "the club meets at", "a new venue nearby",
            "on friday at noon to plan", "the spring garden party", "for june",
        ])
        for (line, natural) in naturals.enumerated() {
            // Every line fits its own measure (allowing at most full shrink).
            let spaces = Double(paragraph.lines(result)[line].filter { $0 == " " }.count)
            XCTAssertLessThanOrEqual(natural - 0.33 * spaces, width(line) + 1e-9, "line \(line)")
        }
        XCTAssertTrue(naturals[0] <= 18 && naturals[1] <= 18)
        XCTAssertGreaterThan(naturals[2], 18, "the third line uses the full measure")
    }

    func testSameTextAtFullWidthBreaksDifferently() {
        let uniform = breakParagraph(paragraph.items, lineWidth: { _ in 24 })
        XCTAssertEqual(paragraph.lines(uniform), [
            "the club meets at a new", "venue nearby on friday at",
            "noon to plan the spring", "garden party for june",
        ])
    }

    func testLineWidthIsAskedPerLineIndex() {
        // A wide first line and narrow ones after: the first line takes more words.
        let result = breakParagraph(paragraph.items, lineWidth: { $0 == 0 ? 30 : 16 })
        let naturals = paragraph.naturalWidths(result)
        XCTAssertGreaterThan(naturals[0], 20)
        XCTAssertTrue(naturals.dropFirst().allSatisfy { $0 <= 16 + 0.33 * 4 })
    }
}
