import XCTest
import ParagraphBreaker

/// Forced and forbidden breaks, ties, and TeX's rules for where a break may fall.
final class PenaltyTests: XCTestCase {
    func testForcedBreakEndsTheLineMidParagraph() {
        let paragraph = TextParagraph("dear members // the club meets on friday")
        let result = breakParagraph(paragraph.items, lineWidth: { _ in 40 })
        XCTAssertEqual(paragraph.lines(result), ["dear members", "the club meets on friday"])
        let forced = paragraph.items.firstIndex { $0.forcesBreak }
        XCTAssertEqual(result.breaks[0].position, forced)
        XCTAssertEqual(result.breaks[0].ratio, 0, accuracy: 1e-4, "fil glue before the break absorbs the space")
        XCTAssertEqual(result.pass, .pretolerance)
    }

    func testForcedBreakWithoutFillGlueStretchesTheLineLikeTeX() {
        let space = TextParagraph.space
        let items: [BreakItem] = [.box(4), space, .box(4), .penalty(0, cost: BreakItem.forcedBreak), .box(4)]
            + BreakItem.paragraphEnd()
        let result = breakParagraph(items, lineWidth: { _ in 10 })
        XCTAssertEqual(result.breaks.map(\.position), [3, items.count - 1])
        // "aaaa bbbb" is 9 wide with 0.5 stretch: r = 2, too loose for any tolerance.
        XCTAssertEqual(result.breaks[0].ratio, 2, accuracy: 1e-9)
        XCTAssertEqual(result.pass, .overfull)
    }

    func testTwoForcedBreaksInARowMakeAnEmptyLine() {
        let paragraph = TextParagraph("one // // two")
        let result = breakParagraph(paragraph.items, lineWidth: { _ in 20 })
        XCTAssertEqual(paragraph.lines(result), ["one", "", "two"])
        XCTAssertEqual(result.breaks[1].ratio, 0)
        let greedy = breakGreedy(paragraph.items, lineWidth: { _ in 20 })
        XCTAssertEqual(paragraph.lines(greedy), ["one", "", "two"])
    }

    func testTiesAreNeverBroken() {
        let paragraph = TextParagraph("meet at 12~noon on friday in room~4 of the village~hall")
        let tieGlue = paragraph.items.indices.filter {
            paragraph.items[$0].kind == .glue && paragraph.items[$0 - 1].kind == .penalty
        }
        XCTAssertEqual(tieGlue.count, 3)
        for width in stride(from: 8.0, through: 30, by: 1) {
            for result in [breakParagraph(paragraph.items, lineWidth: { _ in width }),
                           breakGreedy(paragraph.items, lineWidth: { _ in width })] {
                for lineBreak in result.breaks {
                    XCTAssertFalse(tieGlue.contains(lineBreak.position), "width \(width)")
                    XCTAssertLessThan(paragraph.items[lineBreak.position].penalty, BreakItem.forbiddenBreak)
                }
                XCTAssertFalse(paragraph.lines(result).contains { $0.hasSuffix(" 12") || $0.hasSuffix(" room") })
            }
        }
    }

    func testForbiddenPenaltyKeepsWordsTogether() {
        // At 12 the natural break is after "village"; forbidding it moves "village" down.
        let free = TextParagraph("the village hall")
        XCTAssertEqual(free.lines(breakParagraph(free.items, lineWidth: { _ in 12 })), ["the village", "hall"])
        let tied = TextParagraph("the village~hall")
        let result = breakParagraph(tied.items, lineWidth: { _ in 12 })
        XCTAssertEqual(tied.lines(result), ["the", "village hall"])
    }

    func testGlueIsABreakOnlyAfterABox() {
        // Two glues in a row offer one break (after the box), never a break between them.
        let items: [BreakItem] = [.box(5), .glue(1, stretch: 1, shrink: 0), .glue(1, stretch: 1, shrink: 0), .box(5)]
            + BreakItem.paragraphEnd()
        for width in stride(from: 4.0, through: 14, by: 0.5) {
            let result = breakParagraph(items, lineWidth: { _ in width })
            XCTAssertFalse(result.breaks.contains { $0.position == 2 }, "width \(width)")
        }
        let narrow = breakParagraph(items, lineWidth: { _ in 6 })
        XCTAssertEqual(narrow.breaks.map(\.position), [1, items.count - 1])
        XCTAssertEqual(narrow.lineRanges(in: items), [0..<1, 3..<5], "both glues are discarded")
    }

    func testNegativePenaltyAttractsABreak() {
        // Six 4-pt words; a penalty after the third word's space (the line keeps that space).
        func items(cost: Double) -> [BreakItem] {
            var items: [BreakItem] = []
            for index in 0..<6 {
                if index > 0 { items.append(TextParagraph.space) }
                if index == 3 { items.append(.penalty(0, cost: cost)) }
                items.append(.box(4))
            }
            return items + BreakItem.paragraphEnd()
        }
        // One pass that accepts the loose line, so both settings compete.
        let parameters = BreakParameters(tolerance: 10_000, pretolerance: -1)
        // Neutral: four words fill 19 of 19.5; breaking after three would need r = 3.
        let neutral = items(cost: 0)
        let plain = breakParagraph(neutral, lineWidth: { _ in 19.5 }, parameters: parameters)
        XCTAssertEqual(plain.breaks.first?.position, 8, "at the space after the fourth word")
        // A bonus of 3000 (−9,000,000 demerits) outweighs the loose line.
        let attracted = items(cost: -3000)
        let result = breakParagraph(attracted, lineWidth: { _ in 19.5 }, parameters: parameters)
        XCTAssertEqual(result.breaks.first?.position, 6, "at the penalty")
        XCTAssertEqual(result.breaks.first?.ratio ?? 0, 4.5 / 1.5, accuracy: 1e-9)
    }
}
