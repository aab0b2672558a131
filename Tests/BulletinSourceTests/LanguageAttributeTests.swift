import XCTest
import BulletinModel
@testable import BulletinSource

/// `{lang=en}` after a paragraph or heading, a fenced div `::: {lang=en}` … `:::` and a span
/// `[words]{lang=en}` put text in another language than its story's; the attribute's own text
/// is never kept, and braces and brackets that are not an attribute stay as written.
final class LanguageAttributeTests: XCTestCase {
    func read(_ markdown: String, warnings: inout [Warning]) throws -> [Block] {
        try MarkdownReader.read(markdown, file: "s.md", firstLine: 5, warnings: &warnings)
    }

    func read(_ markdown: String) throws -> [Block] {
        var warnings: [Warning] = []
        let blocks = try read(markdown, warnings: &warnings)
        XCTAssertEqual(warnings, [])
        return blocks
    }

    func testAParagraphOrHeadingEndingInTheAttributeIsInThatLanguage() throws {
        XCTAssertEqual(try read("Hello there. {lang=en}\n\nGuten Tag.\n"),
                       [.paragraph([.language("en", [.text("Hello there.")])]), .paragraph([.text("Guten Tag.")])])
        // On a line of its own at the paragraph's end, quoted (smart quotes), and after a heading.
        XCTAssertEqual(try read("Hello\nthere.\n{lang=\"en-GB\"}\n"),
                       [.paragraph([.language("en-GB", [.text("Hello"), .softBreak, .text("there.")])])])
        XCTAssertEqual(try read("## Welcome *all* {lang=en}\n"),
                       [.heading(level: 2, [.language("en", [.text("Welcome "), .emphasis([.text("all")])])])])
    }

    func testAFencedDivPutsItsBlocksInItsLanguage() throws {
        let blocks = try read("Vorher.\n\n::: {lang=en}\nFirst.\n\n- an item\n\nLast.\n:::\n\nNachher.\n")
        XCTAssertEqual(blocks, [
            .paragraph([.text("Vorher.")]),
            .paragraph([.language("en", [.text("First.")])]),
            .list(ordered: false, start: 0, items: [[.paragraph([.language("en", [.text("an item")])])]]),
            .paragraph([.language("en", [.text("Last.")])]),
            .paragraph([.text("Nachher.")]),
        ])
    }

    /// A closing `:::` right under a list item's or a quote's text is, to cmark, a lazy line of
    /// that text: it is still the div's end, not printed, and what follows is in the story's language.
    func testAFencedDivClosingRightAfterAListOrQuoteEndsIt() throws {
        XCTAssertEqual(try read("::: {lang=en}\n- Boards.\n- Soil.\n:::\n\nNachher.\n"), [
            .list(ordered: false, start: 0, items: [[.paragraph([.language("en", [.text("Boards.")])])],
                                                    [.paragraph([.language("en", [.text("Soil.")])])]]),
            .paragraph([.text("Nachher.")]),
        ])
        XCTAssertEqual(try read("::: {lang=en}\n> Quoted\n> words.\n:::\n\nNachher.\n"), [
            .blockQuote([.paragraph([.language("en", [.text("Quoted"), .softBreak, .text("words.")])])]),
            .paragraph([.text("Nachher.")]),
        ])
    }

    func testASpanIsInItsLanguage() throws {
        XCTAssertEqual(try read("an das [International Office]{lang=en}, das\n"),
                       [.paragraph([.text("an das "), .language("en", [.text("International Office")]), .text(", das")])])
        XCTAssertEqual(try read("sagt [*Guten Tag*]{lang=de} laut\n"),
                       [.paragraph([.text("sagt "), .language("de", [.emphasis([.text("Guten Tag")])]), .text(" laut")])])
    }

    func testBracesThatAreNoAttributeStayAsWritten() throws {
        for text in ["Set {x} to {lang=en} now.", "a {lang=} b", "[not a span]{class=x}", "{lang=en} first", "The set {1, 2}"] {
            XCTAssertEqual(try read(text + "\n"), [.paragraph([.text(text)])], text)
        }
        XCTAssertEqual(try read(":::\n"), [.paragraph([.text(":::")])])
    }

    func testABadTagIsAWarningAndItsTextIsStillTakenOut() throws {
        var warnings: [Warning] = []
        XCTAssertEqual(try read("Hello. {lang=english}\n", warnings: &warnings), [.paragraph([.text("Hello.")])])
        XCTAssertEqual(warnings.map(\.description), ["s.md:5: warning: {lang=english} is not a language tag such as en, de or zh-Hans: the text keeps the story's language"])
    }

    func testASpanWithABadTagIsAWarningAndKeepsItsWordsWithoutItsBrackets() throws {
        for (tag, line) in [("qq-!!", 7), ("en_GB", 7), ("de@x", 7)] {
            var warnings: [Warning] = []
            XCTAssertEqual(try read("First.\n\nSecond [span]{lang=\(tag)} here.\n", warnings: &warnings),
                           [.paragraph([.text("First.")]), .paragraph([.text("Second span here.")])], tag)
            XCTAssertEqual(warnings.map(\.description),
                           ["s.md:\(line): warning: {lang=\(tag)} is not a language tag such as en, de or zh-Hans: the text keeps the story's language"], tag)
        }
        // The same at a paragraph's end.
        var warnings: [Warning] = []
        XCTAssertEqual(try read("Hello. {lang=qq-!!}\n", warnings: &warnings), [.paragraph([.text("Hello.")])])
        XCTAssertEqual(warnings.count, 1, "\(warnings)")
    }

    func testManySpansAndStrayMarkersReadInLinearTime() throws {
        // One pass: neither many spans nor many "]{lang=" without a "[" may cost a scan each.
        let spans = String(repeating: "[a]{lang=en} ", count: 20_000)
        let stray = String(repeating: "x]{lang=en ", count: 20_000) + String(repeating: "[ ", count: 20_000)
        let start = ContinuousClock.now
        let blocks = try read(spans + "\n\n" + stray + "\n")
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(5))
        guard case .paragraph(let first)? = blocks.first, case .paragraph(let second)? = blocks.last else { return XCTFail("\(blocks.count)") }
        XCTAssertEqual(first.filter { if case .language = $0 { return true } else { return false } }.count, 20_000)
        XCTAssertEqual(second.plainText, stray.trimmingCharacters(in: .whitespaces))
    }
}
