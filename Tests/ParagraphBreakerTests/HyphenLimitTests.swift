import XCTest
import ParagraphBreaker

/// The hard limit on hyphenated lines in a row, and the hyphen demerits.
final class HyphenLimitTests: XCTestCase {
    /// The longest run of consecutive hyphenated lines.
    func longestHyphenRun(_ result: BreakResult) -> Int {
        var longest = 0, current = 0
        for lineBreak in result.breaks {
            current = lineBreak.hyphenated ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    let paragraph = TextParagraph("our vil-lage news-let-ter group needs vol-un-teers for its gar-den par-ty in june")

    func testThreeHyphensInARowWhenTheLimitIsHigh() {
        // Every hyphenated line is exactly 20 wide, so the optimum hyphenates three times.
        let parameters = BreakParameters(doubleHyphenDemerits: 0, maxConsecutiveHyphens: 10)
        let result = breakParagraph(paragraph.items, lineWidth: { _ in 20 }, parameters: parameters)
        XCTAssertEqual(result.pass, .tolerance)
        XCTAssertEqual(paragraph.lines(result),
                       ["our village newslet-", "ter group needs vol-", "unteers for its gar-", "den party in june"])
        XCTAssertEqual(longestHyphenRun(result), 3)
    }

    func testNeverMoreThanTwoInARowWithTheDefaultLimit() {
        let parameters = BreakParameters(doubleHyphenDemerits: 0, maxConsecutiveHyphens: 2)
        let result = breakParagraph(paragraph.items, lineWidth: { _ in 20 }, parameters: parameters)
        XCTAssertLessThanOrEqual(longestHyphenRun(result), 2)
        XCTAssertEqual(paragraph.lines(result),
                       ["our village news-", "letter group needs", "volunteers for its", "garden party in june"])
    }

    func testLimitHoldsInEveryPassOnRandomParagraphs() {
        for seed in UInt64(1)...60 {
            let text = randomText(wordCount: 40, maxLength: 12, hyphenate: true, seed: seed)
            let paragraph = TextParagraph(text, hyphenCost: 0)
            for limit in [0, 1, 2] {
                let width = Double(12 + seed % 14)
                let parameters = BreakParameters(doubleHyphenDemerits: 0, finalHyphenDemerits: 0,
                                                 maxConsecutiveHyphens: limit)
                let result = breakParagraph(paragraph.items, lineWidth: { _ in width }, parameters: parameters)
                XCTAssertLessThanOrEqual(longestHyphenRun(result), limit, "seed \(seed), limit \(limit)")
                XCTAssertEqual(result.breaks.last?.position, paragraph.items.count - 1)
            }
        }
    }

    /// A word wider than three lines, whose every part between hyphenation points fits: the
    /// last resort hyphenates it past the limit rather than leave its rest running out of the
    /// column (a headline's compound in a narrow column ran off the page). Other paragraphs
    /// keep the limit in every pass (above).
    func testAWordWiderThanTheLimitAllowsTakesMoreHyphensRatherThanRunOut() {
        let word = TextParagraph("hoch-schul-part-ner-schafts-ver-ein-ba-rungs-un-ter-zeich-nungs-ze-re-mo-nie")
        let parameters = BreakParameters(maxConsecutiveHyphens: 2)
        let result = breakParagraph(word.items, lineWidth: { _ in 14 }, parameters: parameters)
        let lines = word.lines(result)
        XCTAssertEqual(lines.joined().replacingOccurrences(of: "-", with: ""), "hochschulpartnerschaftsvereinbarungsunterzeichnungszeremonie")
        XCTAssertTrue(lines.allSatisfy { $0.count <= 14 }, "\(lines)")
        XCTAssertGreaterThan(longestHyphenRun(result), 2)
        // With the limit at 0 (no hyphenation) it is not hyphenated at all.
        let none = breakParagraph(word.items, lineWidth: { _ in 14 }, parameters: BreakParameters(maxConsecutiveHyphens: 0))
        XCTAssertEqual(longestHyphenRun(none), 0)
    }

    func testDoubleHyphenDemeritsDiscourageConsecutiveHyphens() {
        // A tolerance of 10000 lets the unhyphenated setting compete in the same pass.
        let cheap = BreakParameters(tolerance: 10_000, doubleHyphenDemerits: 0, maxConsecutiveHyphens: 10)
        let costly = BreakParameters(tolerance: 10_000, doubleHyphenDemerits: 1e7, maxConsecutiveHyphens: 10)
        let withCheap = breakParagraph(paragraph.items, lineWidth: { _ in 20 }, parameters: cheap)
        let withCostly = breakParagraph(paragraph.items, lineWidth: { _ in 20 }, parameters: costly)
        XCTAssertEqual(longestHyphenRun(withCheap), 3)
        XCTAssertLessThanOrEqual(longestHyphenRun(withCostly), 1)
    }
}
