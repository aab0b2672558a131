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
}
