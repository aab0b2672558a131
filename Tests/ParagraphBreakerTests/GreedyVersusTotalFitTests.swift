import XCTest
import ParagraphBreaker

/// Total fit against first fit on a paragraph where first fit strands a very loose line.
final class GreedyVersusTotalFitTests: XCTestCase {
    let paragraph = TextParagraph("the club meets at a new venue nearby on friday")
    let width = 18.0

    func testGreedyPacksTheFirstLineAndLeavesAVeryLooseSecondLine() {
        let result = breakGreedy(paragraph.items, lineWidth: { _ in self.width })
        XCTAssertEqual(paragraph.lines(result), ["the club meets at a", "new venue nearby", "on friday"])
        // "the club meets at a" is 19 wide: 1 pt of shrink out of 4 × 0.33.
        XCTAssertEqual(result.breaks[0].ratio, -1 / 1.32, accuracy: 1e-9)
        // "new venue nearby" is 16 wide: 2 pt of stretch out of 2 × 0.5, r = 2: very loose.
        XCTAssertEqual(result.breaks[1].ratio, 2, accuracy: 1e-9)
        XCTAssertEqual(result.pass, .tolerance)
    }

    func testTotalFitMovesOneWordDownAndEvensTheLines() {
        let result = breakParagraph(paragraph.items, lineWidth: { _ in self.width })
        XCTAssertEqual(paragraph.lines(result), ["the club meets at", "a new venue nearby", "on friday"])
        XCTAssertEqual(result.breaks[0].ratio, 1 / 1.5, accuracy: 1e-9)
        XCTAssertEqual(result.breaks[1].ratio, 0, accuracy: 1e-9)
        XCTAssertEqual(result.pass, .pretolerance)
        XCTAssertFalse(result.breaks.contains { $0.hyphenated })
    }

    func testTotalFitHasTheSmallerWorstRatio() {
        let greedy = breakGreedy(paragraph.items, lineWidth: { _ in self.width })
        let total = breakParagraph(paragraph.items, lineWidth: { _ in self.width })
        XCTAssertEqual(greedy.breaks.count, total.breaks.count)
        // The last line is set at natural spacing in both, so compare the justified lines.
        let greedyWorst = greedy.breaks.dropLast().map { abs($0.ratio) }.max() ?? 0
        let totalWorst = total.breaks.dropLast().map { abs($0.ratio) }.max() ?? 0
        XCTAssertGreaterThan(greedyWorst, 1, "greedy should leave a very loose line")
        XCTAssertLessThan(totalWorst, greedyWorst)
        XCTAssertLessThanOrEqual(totalWorst, 1)
    }

    func testLastLineRatioIsTheRealTinyRatioOfTheFinishingGlue() {
        let result = breakParagraph(paragraph.items, lineWidth: { _ in self.width })
        let last = try? XCTUnwrap(result.breaks.last)
        XCTAssertEqual(last?.position, paragraph.items.count - 1)
        // "on friday" is 9 wide: 9 pt spread over 0.5 + 1e6 of stretch.
        XCTAssertEqual(last?.ratio ?? -1, 9 / (0.5 + BreakItem.fil), accuracy: 1e-12)
    }

    func testGreedyHonoursForcedBreaksAndSetsLongWordsAlone() {
        let forced = TextParagraph("one two // three")
        XCTAssertEqual(forced.lines(breakGreedy(forced.items, lineWidth: { _ in 40 })), ["one two", "three"])

        let long = TextParagraph("see the supercalifragilistic show")
        let result = breakGreedy(long.items, lineWidth: { _ in 10 })
        XCTAssertEqual(long.lines(result), ["see the", "supercalifragilistic", "show"])
        XCTAssertEqual(result.pass, .overfull)
        XCTAssertEqual(result.breaks[1].ratio, -1)
    }
}
