import XCTest
import BulletinModel
@testable import BulletinSource

final class MarkdownReaderTests: XCTestCase {
    func read(_ markdown: String, firstLine: Int = 5) throws -> [Block] {
        var warnings: [Warning] = []
        return try MarkdownReader.read(markdown, file: "s.md", firstLine: firstLine, warnings: &warnings)
    }

    func error(_ markdown: String, file: StaticString = #filePath, line: UInt = #line) -> InputError? {
        do {
            _ = try read(markdown)
            XCTFail("expected an error", file: file, line: line)
        } catch {
            return error as? InputError
        }
        return nil
    }

    /// How many block quotes are inside each other at the start of `blocks`.
    func quoteDepth(_ blocks: [Block]) -> Int {
        var depth = 0
        var current = blocks
        while case .blockQuote(let inner)? = current.first {
            depth += 1
            current = inner
        }
        return depth
    }

    /// Stories are parsed on several threads at once; cmark-gfm's parsers share a table that
    /// attaching and freeing one changes, so they are made one at a time: parsed together,
    /// bare addresses become the same links as parsed alone.
    func testStoriesParsedOnSeveralThreadsReadAsAlone() throws {
        let markdown = (0..<40).map { "See www.example.edu/page-\($0)/gallery. Or write to office\($0)@example.edu, or https://example.org/\($0)." }
            .joined(separator: "\n\n")
        let alone = try read(markdown)
        let together = concurrentMap(Array(repeating: markdown, count: 64)) { text in Result { try self.read(text) } }
        XCTAssertEqual(try together.map { try $0.get() }.filter { $0 != alone }.count, 0)
    }

    /// `~~words~~` is struck through, its words kept; a single tilde is "about" and stays as
    /// typed, as does a tilde pair around nothing.
    func testTwoTildesStrikeWordsThroughAndOneStaysAsTyped() throws {
        let blocks = try read("The fair moves from ~~Friday 14~~ to Saturday 15, with ~200 stands and ~30 talks.\n")
        guard case .paragraph(let inlines)? = blocks.first else { return XCTFail("\(blocks)") }
        XCTAssertEqual(inlines, [.text("The fair moves from "), .strikethrough([.text("Friday 14")]),
                                 .text(" to Saturday 15, with ~200 stands and ~30 talks.")])
        XCTAssertEqual(inlines.plainText, "The fair moves from Friday 14 to Saturday 15, with ~200 stands and ~30 talks.")
        XCTAssertEqual(try read("Tickets cost ~5~ euros.\n"), [.paragraph([.text("Tickets cost ~5~ euros.")])])
    }

    /// GitHub's task list: an item's "[ ]" or "[x]" is its box, ☐ or ☑, before its words.
    func testATaskListsItemsOpenWithTheirBoxes() throws {
        let blocks = try read("- [ ] Passport\n- [x] Visa letter\n- Boarding pass\n")
        guard case .list(false, _, let items, _)? = blocks.first else { return XCTFail("\(blocks)") }
        XCTAssertEqual(items.map { $0.map { if case .paragraph(let i) = $0 { return i.plainText } else { return "?" } } },
                       [["\u{2610} Passport"], ["\u{2611} Visa letter"], ["Boarding pass"]])
    }

    func testNestingUpToTheLimitReads() throws {
        let quotes = try read(String(repeating: ">", count: Limits.nesting) + " deep\n")
        XCTAssertEqual(quoteDepth(quotes), Limits.nesting)
        let stars = String(repeating: "*", count: 2 * Limits.nesting)
        XCTAssertNoThrow(try read(stars + "deep" + stars))
        XCTAssertNoThrow(try read(String(repeating: "- ", count: Limits.nesting) + "deep\n"))
    }

    func testQuotesPastTheLimitNameTheLine() {
        let e = error("Fine.\n\n" + String(repeating: ">", count: Limits.nesting + 1) + " deep\n")
        XCTAssertEqual(e?.description, "s.md:7: block quotes and lists are nested more than 32 deep: flatten them")
    }

    func testListsAndQuotesCountTogether() {
        XCTAssertEqual(error(String(repeating: "> - ", count: 17) + "deep\n")?.line, 5)
        XCTAssertNoThrow(try read(String(repeating: "> - ", count: 16) + "deep\n"))
    }

    func testHugeNestingDoesNotCrash() {
        XCTAssertEqual(error(String(repeating: ">", count: 100_000) + "\n")?.line, 5)
        XCTAssertEqual(error(String(repeating: "- ", count: 50_000) + "x\n")?.line, 5)
        let stars = String(repeating: "*", count: 50_000)
        XCTAssertEqual(error("x\n" + stars + "deep" + stars + "\n")?.message, "emphasis, links and images are nested more than 32 deep: flatten them")
        XCTAssertEqual(error(String(repeating: "![", count: 50_000) + "x" + String(repeating: "](u)", count: 50_000))?.line, 5)
    }

    func testUnmatchedBracketsStayText() throws {
        // cmark does not nest unmatched brackets at all: 50,000 of them are one paragraph of text.
        let blocks = try read(String(repeating: "[", count: 50_000) + "x" + String(repeating: "]", count: 50_000))
        guard case .paragraph(let inlines)? = blocks.first else { return XCTFail("\(blocks.count) blocks") }
        XCTAssertEqual(inlines.plainText.count, 100_001)
    }

    func testRawHTMLIsEscapedInWarnings() throws {
        var warnings: [Warning] = []
        _ = try MarkdownReader.read("Text <b\tclass=x> here.\n", file: "s.md", firstLine: 4, warnings: &warnings)
        XCTAssertEqual(warnings.map(\.description), ["s.md:4: warning: raw HTML <b<U+0009>class=x> is dropped"])
    }

    /// Raw HTML's words are kept: a block's text without its tags (references read), a `<br>`
    /// as a line break; an editor's comment goes without a word; a tag is told once, at its
    /// opening.
    func testRawHTMLKeepsItsWordsAndLineBreaks() throws {
        var warnings: [Warning] = []
        let blocks = try MarkdownReader.read("""
            Water is H<sub>2</sub>O.<br>New line. <!-- a note to the editor --> Done.

            <div class="note">A block of <b>bold</b> text &amp; a caf&eacute; &#8212; open.</div>

            <!-- the whole block is a comment -->
            """, file: "s.md", firstLine: 4, warnings: &warnings)
        XCTAssertEqual(blocks, [.paragraph([.text("Water is H2O."), .lineBreak, .text("New line.  Done.")]),
                                .paragraph([.text("A block of bold text & a café \u{2014} open.")])])
        XCTAssertEqual(warnings.map(\.description), ["s.md:4: warning: raw HTML <sub> is dropped",
                                                     "s.md:6: warning: raw HTML's tags are dropped and its text kept: write the story in Markdown"])
    }

    /// Footnotes: each reference a raised number in the order they come, each note's text at
    /// the end under a rule, led by its number; a bracket that is not a footnote stays text.
    func testFootnotesAreNumberedAndSetAtTheEnd() throws {
        let blocks = try read("""
            First claim[^source] and a second[^2].

            A bracket [^none] of no note.

            [^2]: The second note.

            [^source]: The first note, *with emphasis*.
            """)
        XCTAssertEqual(blocks, [
            .paragraph([.text("First claim¹ and a second².")]),
            .paragraph([.text("A bracket [^none] of no note.")]),
            .thematicBreak,
            .paragraph([.text("¹\u{00A0}"), .text("The first note, "), .emphasis([.text("with emphasis")]), .text(".")]),
            .paragraph([.text("²\u{00A0}"), .text("The second note.")]),
        ])
    }

    // MARK: - Autolinks

    func testBareAddressesBecomeLinks() throws {
        let blocks = try read("Write to library-access@northbridge.example.edu or see https://example.edu/teaching-awards today.\n")
        XCTAssertEqual(blocks, [.paragraph([
            .text("Write to "),
            .link(url: "mailto:library-access@northbridge.example.edu", [.text("library-access@northbridge.example.edu")]),
            .text(" or see "),
            .link(url: "https://example.edu/teaching-awards", [.text("https://example.edu/teaching-awards")]),
            .text(" today."),
        ])])
    }

    func testAWwwAddressLinksOverHTTP() throws {
        let blocks = try read("Visit www.example.edu.\n")
        XCTAssertEqual(blocks, [.paragraph([.text("Visit "), .link(url: "http://www.example.edu", [.text("www.example.edu")]), .text(".")])])
    }

    func testAnAutolinkGoesThroughTheLinkPolicy() throws {
        // Percent-encoded like a written link: nothing in it can end the PDF string.
        let blocks = try read("See https://example.edu/a'b(c) now.\n")
        guard case .paragraph(let inlines)? = blocks.first, case .link(let url, _)? = inlines.dropFirst().first else {
            return XCTFail("\(blocks)")
        }
        XCTAssertEqual(url, "https://example.edu/a%27b%28c%29")
    }

    func testStruckWordsStayInTheStoryAndATableIsATable() throws {
        // Struck through, the words stay in the story, as a paragraph.
        let blocks = try read("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~\n")
        XCTAssertEqual(blocks.count, 2)
        XCTAssertEqual(blocks.map { if case .paragraph(let i) = $0 { return i.plainText } else { return "?" } }, ["?", "gone"])
        XCTAssertEqual(blocks.last, .paragraph([.strikethrough([.text("gone")])]))
        guard case .table(let table)? = blocks.first else { return XCTFail("\(blocks)") }
        XCTAssertEqual(table.cellTexts, ["a", "b", "1", "2"])
    }

    /// A row with more cells than its table's header keeps them all: cmark-gfm drops them (as
    /// GitHub shows such a table), and their text was lost with no word. The table is set as
    /// wide as its widest row, and a warning names the row's line.
    func testATableRowsCellsPastItsHeaderAreKept() throws {
        var warnings: [Warning] = []
        let markdown = "| Town | Students |\n|---|---:|\n| Oslo | 12 |\n| Bergen | 7 | **by train** \\| ferry | `x` |\n"
        let blocks = try MarkdownReader.read(markdown, file: "s.md", firstLine: 5, warnings: &warnings)
        guard case .table(let table)? = blocks.first else { return XCTFail("\(blocks)") }
        XCTAssertEqual(table.header.map(\.plainText), ["Town", "Students", "", ""])
        XCTAssertEqual(table.rows.map { $0.map(\.plainText) }, [["Oslo", "12", "", ""], ["Bergen", "7", "by train | ferry", "x"]])
        XCTAssertEqual(table.rows[1][2], [.strong([.text("by train")]), .text(" | ferry")])
        XCTAssertEqual(table.alignments, [.left, .right, .left, .left])
        XCTAssertEqual(warnings.map(\.description), ["s.md:8: warning: this table row has 4 cells and the table's header 2: the table is set with 4 columns, "
            + "the last 2 without a heading; give the header row a cell for each column"])
        XCTAssertEqual(MarkdownReader.tableCellTexts("| a | b \\| c | | d |"), [" a ", " b \\| c ", " ", " d "])
        XCTAssertEqual(MarkdownReader.tableCellTexts("a | b"), ["a ", " b"])
        // A table as wide as its header is read as before, with no word.
        warnings = []
        _ = try MarkdownReader.read("| a | b |\n|---|---|\n| 1 | 2 |\n| 3 |\n", file: "s.md", firstLine: 5, warnings: &warnings)
        XCTAssertEqual(warnings, [])
    }

    func testLinesStayRightAfterAutolinks() {
        // The line of the depth error still counts from the front matter.
        let e = error("See https://example.edu and me@example.edu.\n\n" + String(repeating: ">", count: Limits.nesting + 1) + " deep\n")
        XCTAssertEqual(e?.line, 7)
    }

    func testAVeryLongWordTurnsAutolinksOffWithAWarning() throws {
        // cmark-gfm's autolink is quadratic in a word's length: 60 KB of "www.a_" took seconds.
        var warnings: [Warning] = []
        let word = String(repeating: "www.a_", count: 10_000)
        let start = Date()
        let blocks = try MarkdownReader.read("See www.example.edu.\n\n" + word + "\n", file: "s.md", firstLine: 4, warnings: &warnings)
        XCTAssertLessThan(Date().timeIntervalSince(start), 1)
        XCTAssertEqual(warnings.map(\.description),
                       ["s.md:6: warning: a word is longer than 1,000 bytes: bare web and e-mail addresses in this story are not made links"])
        XCTAssertEqual(blocks.first, .paragraph([.text("See www.example.edu.")]))
        XCTAssertEqual(blocks.count, 2)
    }
}
