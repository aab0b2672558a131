import XCTest
import ParagraphBreaker

/// Which pass solves which paragraph: pretolerance, tolerance (hyphens), emergency, overfull.
final class PassTests: XCTestCase {
    func testEasyParagraphIsSolvedWithoutHyphenation() {
        let paragraph = TextParagraph(
            "the vil-lage hall hosts a spring gar-den par-ty with mu-sic and raf-fle tick-ets")
        let result = breakParagraph(paragraph.items, lineWidth: { _ in 24 })
        XCTAssertEqual(result.pass, .pretolerance)
        XCTAssertEqual(paragraph.lines(result),
                       ["the village hall hosts a", "spring garden party with", "music and raffle tickets"])
        XCTAssertEqual(result.breaks.map(\.ratio).dropLast(), [0, 0])
    }

    func testParagraphOnlyFeasibleWithHyphenation() {
        let paragraph = TextParagraph("vol-un-teers should reg-is-ter be-fore sat-ur-day af-ter-noon")
        let result = breakParagraph(paragraph.items, lineWidth: { _ in 22 })
        XCTAssertEqual(result.pass, .tolerance, "the pretolerance pass, without hyphens, must fail")
        XCTAssertEqual(paragraph.lines(result), ["volunteers should reg-", "ister before saturday", "afternoon"])
        XCTAssertEqual(result.breaks.map(\.hyphenated), [true, false, false])
        XCTAssertEqual(result.breaks[0].ratio, 0, accuracy: 1e-9)
        XCTAssertEqual(result.breaks[1].ratio, 1, accuracy: 1e-9)

        // Without hyphenation no line set is within tolerance: only the last resort remains.
        let unhyphenated = breakParagraph(paragraph.items, lineWidth: { _ in 22 },
                                          parameters: BreakParameters(maxConsecutiveHyphens: 0))
        XCTAssertEqual(unhyphenated.pass, .overfull)
        XCTAssertFalse(unhyphenated.breaks.contains { $0.hyphenated })
    }

    func testPretolerancePassCanBeSkipped() {
        let paragraph = TextParagraph("the club meets at a new venue nearby on friday")
        let result = breakParagraph(paragraph.items, lineWidth: { _ in 18 },
                                    parameters: BreakParameters(pretolerance: -1))
        XCTAssertEqual(result.pass, .tolerance)
        XCTAssertEqual(paragraph.lines(result), ["the club meets at", "a new venue nearby", "on friday"])
    }

    func testEmergencyPassReportsTheRealRatio() {
        let paragraph = TextParagraph("small improvements everywhere bring remarkable results")
        let width = 20.0
        let plain = breakParagraph(paragraph.items, lineWidth: { _ in width })
        XCTAssertEqual(plain.pass, .overfull, "nothing is within tolerance without emergency stretch")

        let parameters = BreakParameters(emergencyStretch: 0.25 * width)
        let result = breakParagraph(paragraph.items, lineWidth: { _ in width }, parameters: parameters)
        XCTAssertEqual(result.pass, .emergency)
        XCTAssertEqual(paragraph.lines(result), ["small improvements", "everywhere bring", "remarkable results"])
        // "small improvements" is 18 wide with one space: 2 pt over 0.5 of stretch, r = 4.
        // Badness was judged with 0.5 + 5 of stretch (r ≈ 0.36), but the renderer must apply 4.
        XCTAssertEqual(result.breaks[0].ratio, 4, accuracy: 1e-9)
        XCTAssertEqual(result.breaks[1].ratio, 8, accuracy: 1e-9)
        XCTAssertGreaterThan(result.breaks[0].ratio, 1)
    }

    func testOverfullLastResortSetsAnOverlongWordAlone() {
        let paragraph = TextParagraph("see the supercalifragilistic show")
        let result = breakParagraph(paragraph.items, lineWidth: { _ in 10 })
        XCTAssertEqual(result.pass, .overfull)
        XCTAssertEqual(paragraph.lines(result), ["see the", "supercalifragilistic", "show"])
        XCTAssertEqual(result.breaks[1].ratio, -1, "an overfull line is reported fully shrunk")
        // The other lines are underfull, not overfull: the last resort only overflows
        // where a single word leaves no choice.
        let widths = paragraph.naturalWidths(result)
        XCTAssertLessThanOrEqual(widths[0], 10)
        XCTAssertLessThanOrEqual(widths[2], 10)
    }

    func testOverfullPassNeverOverflowsWhenAvoidable() {
        // At width 16 every line is either very loose or a single word, so only the
        // last resort succeeds, yet no line needs to stick out.
        let paragraph = TextParagraph("international representatives acknowledged extraordinary generosity")
        let result = breakParagraph(paragraph.items, lineWidth: { _ in 16 })
        XCTAssertEqual(result.pass, .overfull)
        for (index, width) in paragraph.naturalWidths(result).enumerated() {
            XCTAssertLessThanOrEqual(width, 16, "line \(index) overflows")
            XCTAssertGreaterThanOrEqual(result.breaks[index].ratio, 0)
        }
    }

    func testLastResortOverflowsOnlyLinesThatCannotBeShortened() {
        var overfullLines = 0
        for seed in UInt64(1)...80 {
            let text = randomText(wordCount: 30, maxLength: 16, hyphenate: seed % 2 == 0, seed: seed)
            let paragraph = TextParagraph(text)
            let width = Double(6 + seed % 8)
            let parameters = BreakParameters(maxConsecutiveHyphens: 100)
            let result = breakParagraph(paragraph.items, lineWidth: { _ in width }, parameters: parameters)
            let ranges = result.lineRanges(in: paragraph.items)
            for (line, natural) in paragraph.naturalWidths(result).enumerated() {
                let range = ranges[line]
                let shrink = paragraph.items[range].reduce(0) { $0 + $1.shrink }
                guard natural - shrink > width + 1e-9 else { continue }
                overfullLines += 1
                XCTAssertEqual(result.pass, .overfull)
                XCTAssertEqual(result.breaks[line].ratio, -1)
                // No break inside the line: it is a single word or a single fragment.
                // (The last line's range ends with the finishing glue, which is no break.)
                let inner = range.dropFirst().filter { $0 != paragraph.items.count - 2 }
                XCTAssertFalse(inner.contains { paragraph.items[$0].kind != .box }, "seed \(seed) line \(line)")
            }
        }
        XCTAssertGreaterThan(overfullLines, 20, "the sample must contain overlong words")
    }

    func testLineRangesFollowTeXsDiscarding() {
        let paragraph = TextParagraph("aa bb-cc dd")
        // Items: aa, space, bb, hyphen, cc, space, dd, fil glue, final penalty.
        let result = BreakResult(breaks: [LineBreak(position: 1, ratio: 0, hyphenated: false),
                                          LineBreak(position: 3, ratio: 0, hyphenated: true),
                                          LineBreak(position: 8, ratio: 0, hyphenated: false)], pass: .tolerance)
        XCTAssertEqual(result.lineRanges(in: paragraph.items), [0..<1, 2..<3, 4..<8])
        XCTAssertEqual(paragraph.lines(result), ["aa", "bb-", "cc dd"])
    }

    func testEmptyInputGivesNoLines() {
        XCTAssertEqual(breakParagraph([], lineWidth: { _ in 10 }).breaks, [])
        XCTAssertEqual(breakGreedy([], lineWidth: { _ in 10 }).breaks, [])
    }

    func testParagraphWithoutFinishingItemsGetsThemImplicitly() {
        let items: [BreakItem] = [.box(3), .glue(1, stretch: 0.5, shrink: 0.33), .box(3)]
        let result = breakParagraph(items, lineWidth: { _ in 20 })
        XCTAssertEqual(result.breaks.map(\.position), [2])
        XCTAssertEqual(result.lineRanges(in: items), [0..<3])
        XCTAssertEqual(result.breaks[0].ratio, 0, accuracy: 1e-4, "set at natural spacing like a last line")
    }
}
