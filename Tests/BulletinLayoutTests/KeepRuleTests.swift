import XCTest
import BulletinModel
@testable import BulletinLayout

/// Hyphenates every word of seven letters or more in its middle, so that many lines end in a
/// hyphen and column ends meet them often.
struct MiddleHyphenator: Hyphenating {
    func hyphenationPoints(in word: String, language: String) -> [Int] {
        let n = word.unicodeScalars.count
        return n >= 7 ? [n / 2] : []
    }
}

/// The keep rules where the composer assigns them (BodyBuilder) and applies them (ColumnFlow,
/// Distributor), checked on whole composed issues: no widow, no orphan, no subhead parted from
/// its text, no story starting in a column's last lines, no hyphen at a column's end where a
/// clean break was a line away.
final class KeepRuleTests: XCTestCase {
    /// One line of body text as placed: where it is and which block it belongs to.
    struct Line {
        var page: Int
        var column: Int
        var baseline: Double
        var story: Int
        var block: Int
        var kind: TextKind
        var text: String
        /// Every fragment of the line is bold.
        var bold: Bool
    }

    /// Body lines of `document` in reading order: page by page, column by column, top down.
    static func lines(_ document: Document) -> [Line] {
        var result: [Line] = []
        for (p, page) in document.pages.enumerated() {
            var seen: [String: Int] = [:]
            for text in page.texts where [.body, .listItem, .quote, .subhead].contains(text.kind) {
                guard let column = text.column, let story = text.story, let block = text.block else { continue }
                let key = "\(column) \(text.baseline) \(story)"
                if let i = seen[key] {
                    result[i].text += " " + text.fragment.text
                    result[i].bold = result[i].bold && text.fragment.font.bold
                } else {
                    seen[key] = result.count
                    result.append(Line(page: p, column: column, baseline: text.baseline, story: story, block: block, kind: text.kind,
                                       text: text.fragment.text, bold: text.fragment.font.bold))
                }
            }
        }
        return result.sorted { ($0.page, $0.column, $0.baseline) < ($1.page, $1.column, $1.baseline) }
    }

    /// Column segments: runs of lines of one story in one column of one page.
    static func segments(_ lines: [Line]) -> [ArraySlice<Line>] {
        var result: [ArraySlice<Line>] = []
        var start = 0
        for i in lines.indices.dropFirst() where (lines[i].page, lines[i].column, lines[i].story) != (lines[i - 1].page, lines[i - 1].column, lines[i - 1].story) {
            result.append(lines[start..<i])
            start = i
        }
        if !lines.isEmpty { result.append(lines[start...]) }
        return result
    }

    /// What is wrong at each place a story's text goes from one column to the next.
    static func faults(_ document: Document) -> [String] {
        let all = lines(document)
        let segments = segments(all)
        var faults: [String] = []
        for (a, b) in zip(segments, segments.dropFirst()) where a.last!.story == b.first!.story {
            let end = a.last!, next = b.first!
            let where_ = "page \(end.page + 1) column \(end.column + 1)"
            let sameBlockBefore = a.dropLast().contains { $0.block == end.block } || all[..<a.startIndex].contains { $0.story == end.story && $0.block == end.block }
            if end.kind == .subhead { faults.append("\(where_): a subhead ends the column: \(end.text)") }
            if next.block == end.block {
                // The paragraph goes on into the next column.
                if !sameBlockBefore { faults.append("\(where_): orphan: \(end.text)") }
                let restOfBlock = all[b.startIndex...].filter { $0.story == next.story && $0.block == next.block }
                if restOfBlock.count == 1 { faults.append("\(where_): widow: \(next.text)") }
                // A list item or quoted paragraph of six lines or fewer stays whole.
                let blockLines = all.filter { $0.story == end.story && $0.block == end.block }.count
                if (end.kind == .listItem || end.kind == .quote) && blockLines <= 6 {
                    faults.append("\(where_): a \(blockLines)-line \(end.kind) split: \(end.text)")
                }
                // In columns filled to the foot of the page (the story goes on to a later page):
                // where the story ends on the page, its columns are balanced, and a hyphen may
                // end one where the clean break would cost more than it (a jump, or uneven columns).
                let goesOn = all.contains { $0.story == end.story && $0.page > end.page }
                if end.text.hasSuffix("-"), goesOn {
                    // A clean break a line higher: the line above ends no block and is not a
                    // paragraph's first line, nor within a bold lead's keep (its bold lines and
                    // one more), and the column holds more than it.
                    if a.count >= 3 {
                        let above = a[a.endIndex - 2]
                        let block = all.filter { $0.story == end.story && $0.block == end.block }
                        let bold = block.prefix { $0.bold }.count
                        let inBoldKeep = bold > 0 && (block.firstIndex { $0.page == above.page && $0.baseline == above.baseline } ?? 0) <= bold
                        if !above.text.hasSuffix("-") && !inBoldKeep && above.block == end.block && a.dropLast(2).contains(where: { $0.block == end.block }) {
                            faults.append("\(where_): hyphen at the column's end: \(end.text)")
                        }
                    }
                }
            }
            // A subhead keeps two lines of its text with it.
            if a.count >= 2, a[a.endIndex - 2].kind == .subhead { faults.append("\(where_): one line under a subhead: \(end.text)") }
            // Bold first lines (a run-in head that fills them) keep two lines of the text with them.
            if next.block == end.block {
                let block = all.filter { $0.story == end.story && $0.block == end.block }
                let bold = block.prefix { $0.bold }.count
                let here = a.filter { $0.block == end.block }
                if bold > 0, block.count >= bold + 2, here.first.map({ $0.baseline == block[0].baseline && $0.page == block[0].page }) ?? false,
                   here.count < bold + 2 {
                    faults.append("\(where_): \(bold) bold line(s) and \(here.count - bold) under them: \(end.text)")
                }
            }
        }
        return faults
    }

    /// Stories of paragraphs from 8 to 130 words, subheads between some of them.
    static func stories(seed: Int, count: Int = 5) -> [Story] {
        var state = UInt64(seed)
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        return (0..<count).map { s in
            var story = Fixtures.story("Story \(s) of seed \(seed)", paragraphs: [])
            story.body = (0..<(4 + next(14))).flatMap { p -> [Block] in
                let paragraph = Block.paragraph([.text(Fixtures.words(8 + next(122), seed: seed * 1000 + s * 50 + p).capitalizedFirst + ".")])
                switch next(9) {
                case 0: return [.heading(level: 2, [.text("A subhead \(p)")]), paragraph]
                case 1:
                    // A list of items from one line to eight.
                    let items = (0..<(2 + next(4))).map { i in [Block.paragraph([.text(Fixtures.words(3 + next(45), seed: seed * 977 + p * 31 + i))])] }
                    return [paragraph, .list(ordered: next(2) == 0, start: 1, items: items)]
                case 2: return [paragraph, .blockQuote([.paragraph([.text(Fixtures.words(10 + next(40), seed: seed * 733 + p))])])]
                case 5:
                    // A subhead over a one-line paragraph that introduces a list.
                    let items = (0..<(2 + next(3))).map { i in [Block.paragraph([.text(Fixtures.words(6 + next(20), seed: seed * 211 + p * 7 + i))])] }
                    return [.heading(level: 2, [.text("A subhead \(p)")]), .paragraph([.text(Fixtures.words(3, seed: seed * 97 + p).capitalizedFirst + ":")]),
                            .list(ordered: true, start: 1, items: items)]
                case 3, 4:
                    // A bold run-in that may fill a line, as a question in a Q&A.
                    let lead = Inline.strong([.text(Fixtures.words(4 + next(3), seed: seed * 577 + p).capitalizedFirst + "?")])
                    return [.paragraph([lead, .text(" " + Fixtures.words(20 + next(60), seed: seed * 389 + p) + ".")])]
                default: return [paragraph]
                }
            }
            return story
        }
    }

    func compose(_ stories: [Story], hyphenator: Hyphenating = NoHyphenation()) throws -> Document {
        var layout = try Fixtures.classic()
        layout.contents.place = .none
        layout.imprint.place = .none
        return try Composer(layout: layout, shaper: FakeShaper(), hyphenator: hyphenator).compose(Fixtures.issue(stories))
    }

    /// A question set in bold as a paragraph of its own (a Q&A) is not left at a column's foot
    /// apart from its answer, and is not hyphenated: it heads the answer as a subhead would.
    func testABoldQuestionOfItsOwnStaysWithItsAnswer() throws {
        var stranded: [String] = [], hyphenated = 0, ends = 0
        for seed in 1...8 {
            var story = Fixtures.story("Interview \(seed)", paragraphs: [])
            story.body = (0..<14).flatMap { p -> [Block] in
                [.paragraph([.strong([.text(Fixtures.words(4 + (seed * 7 + p * 3) % 5, seed: seed * 61 + p).capitalizedFirst + "?")])]),
                 .paragraph([.text(Fixtures.words(30 + (seed * 13 + p * 17) % 70, seed: seed * 89 + p).capitalizedFirst + ".")])]
            }
            let document = try compose([story], hyphenator: MiddleHyphenator())
            for (number, page) in document.pages.enumerated() {
                let body = page.texts.filter { $0.story == 0 && $0.kind == .body }
                // The blocks set in bold throughout: the questions.
                let questions = Set(Dictionary(grouping: body, by: { $0.block ?? -1 }).filter { $0.value.allSatisfy(\.fragment.font.bold) }.keys)
                for column in Set(body.compactMap(\.column)) {
                    guard let last = body.filter({ $0.column == column }).max(by: { $0.baseline < $1.baseline }) else { continue }
                    ends += 1
                    if let block = last.block, questions.contains(block) { stranded.append("seed \(seed), page \(number + 1), column \(column + 1)") }
                }
                hyphenated += body.filter { questions.contains($0.block ?? -1) && $0.fragment.text.hasSuffix("-") }.count
            }
        }
        XCTAssertEqual(stranded, [], "a question at a column's foot, its answer in the next")
        XCTAssertEqual(hyphenated, 0, "a question hyphenated")
        XCTAssertGreaterThan(ends, 20)
    }

    func testNoWidowOrphanOrLoneSubheadAcrossColumns() throws {
        var breaks = 0
        for seed in 1...12 {
            let document = try compose(Self.stories(seed: seed))
            XCTAssertEqual(Self.faults(document), [], "seed \(seed)")
            breaks += Self.segments(Self.lines(document)).count
        }
        // The check ran over many column ends.
        XCTAssertGreaterThan(breaks, 200)
    }

    func testNoHyphenAtAColumnEndWhereACleanBreakIsALineAway() throws {
        var hyphenated = 0
        for seed in 1...12 {
            let document = try compose(Self.stories(seed: seed), hyphenator: MiddleHyphenator())
            XCTAssertEqual(Self.faults(document), [], "seed \(seed)")
            hyphenated += Self.lines(document).filter { $0.text.hasSuffix("-") }.count
        }
        // Hyphens are common in these issues: the rule had many chances to fail.
        XCTAssertGreaterThan(hyphenated, 300)
    }

    /// A story that jumps to another page never leaves a word's first half behind: the line
    /// before "Continued on page N" does not end in a hyphen, where a column may end anywhere
    /// else at all (a reader would turn pages between the halves).
    func testNoHyphenBeforeAJump() throws {
        var jumps = 0, hyphenatedLines = 0
        for seed in 1...12 {
            let document = try compose(Self.stories(seed: seed, count: 8), hyphenator: MiddleHyphenator())
            let lines = Self.lines(document)
            hyphenatedLines += lines.filter { $0.text.hasSuffix("-") }.count
            let segments = Self.segments(lines)
            for (a, b) in zip(segments, segments.dropFirst()) where a.last!.story == b.first!.story && a.last!.page != b.first!.page {
                jumps += 1
                XCTAssertFalse(a.last!.text.hasSuffix("-"), "seed \(seed), story \(a.last!.story), page \(a.last!.page + 1): \(a.last!.text)")
            }
        }
        // Jumps enough, among lines enough that end in a hyphen, for the rule to be tried.
        XCTAssertGreaterThan(jumps, 20)
        XCTAssertGreaterThan(hyphenatedLines, 300)
    }

    func testNoStoryStartsInTheLastThreeLinesOfAColumn() throws {
        let geometry = PageGeometry(layout: try Fixtures.classic())
        var starts = 0
        for seed in 1...12 {
            let document = try compose(Self.stories(seed: seed, count: 8))
            for story in 0..<8 {
                guard let first = Self.lines(document).first(where: { $0.story == story }) else { continue }
                starts += 1
                // Three line slots at least below the story's first line.
                XCTAssertLessThan(first.baseline, geometry.bodyBottom - 3 * geometry.grid, "seed \(seed) story \(story): \(first.text)")
            }
        }
        XCTAssertEqual(starts, 96)
    }

    func testALineNineTenthsBoldBelongsToTheBoldLead() {
        func line(_ parts: [(String, Bool)]) -> TypesetLine {
            TypesetLine(fragments: parts.map { Fragment(x: 0, width: 10, text: $0.0, font: FontSpec(family: "Test", size: 9, bold: $0.1), colour: "text", language: "en") },
                        width: 100, naturalWidth: 100, ratio: 0, hyphenated: false, isLast: false)
        }
        XCTAssertTrue(line([("sound so worried about it?”", true), (" —", false)]).isMostlyBold)
        XCTAssertTrue(line([("How do I join a club?", true)]).isMostlyBold)
        XCTAssertFalse(line([("How?", true), (" Find five other people", false)]).isMostlyBold)
        XCTAssertFalse(line([("plain text", false)]).isMostlyBold)
    }
}


/// An ordered list's numbers are printed with the delimiter the story wrote: "1." or "1)".
final class ListMarkerTests: XCTestCase {
    func testOrderedListsKeepTheirDelimiter() throws {
        let items = (0..<3).map { i in [Block.paragraph([.text(Fixtures.words(6, seed: 40 + i))])] }
        var story = Fixtures.story("Lists", paragraphs: [30])
        story.body += [.list(ordered: true, start: 4, items: items, delimiter: .parenthesis),
                       .paragraph([.text(Fixtures.words(12, seed: 9).capitalizedFirst + ".")]),
                       .list(ordered: true, start: 1, items: items)]
        let document = try Composer(layout: try Fixtures.classic(), shaper: FakeShaper()).compose(Fixtures.issue([story]))
        let labels = document.pages.flatMap(\.items).compactMap { item -> String? in
            guard case .text(let text) = item, text.fragment.list?.isLabel == true else { return nil }
            return text.fragment.text
        }
        XCTAssertEqual(labels, ["4)", "5)", "6)", "1.", "2.", "3."])
    }
}
