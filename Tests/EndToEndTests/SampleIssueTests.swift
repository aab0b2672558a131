import Foundation
import XCTest

/// Runs the built `bulletin make` on the bundled sample and reads the PDF with poppler-utils.
final class SampleIssueTests: XCTestCase {
    static let folder = Tools.temporaryFolder()
    static let pdf = folder + "/sample.pdf"
    nonisolated(unsafe) static var made: Tools.Result?

    override func setUpWithError() throws {
        if Self.made == nil {
            Self.made = try Tools.run(Tools.bulletin, ["make", Tools.root.appendingPathComponent("examples/sample").path, "-o", Self.pdf])
        }
        let made = try XCTUnwrap(Self.made)
        XCTAssertEqual(made.status, 0, made.stderr)
    }

    var sample: String { Tools.root.appendingPathComponent("examples/sample").path }

    func pageCount() throws -> Int {
        let info = try Tools.run("pdfinfo", [Self.pdf]).stdout
        let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
        return Int(line.split(separator: " ").last ?? "") ?? 0
    }

    /// The PDF's text in content order (`-raw`), which is the order the composer wrote it in:
    /// story by story, column by column.
    func text(page: Int? = nil) throws -> String {
        var arguments = ["-raw", "-enc", "UTF-8"]
        if let page { arguments += ["-f", "\(page)", "-l", "\(page)"] }
        return try Tools.run("pdftotext", arguments + [Self.pdf, "-"]).stdout
    }

    /// Story titles, bylines and first sentences from the sample's files.
    func stories() throws -> [(title: String, byline: String, file: String)] {
        let files = try FileManager.default.contentsOfDirectory(atPath: sample + "/stories").filter { $0.hasSuffix(".md") }.sorted()
        return try files.map { name in
            let text = try String(contentsOfFile: sample + "/stories/" + name, encoding: .utf8)
            let lines = text.split(separator: "\n").map(String.init)
            func value(_ key: String) -> String {
                let line = lines.first { $0.hasPrefix(key + ":") } ?? ""
                var v = line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
                if v.hasPrefix("\"") && v.hasSuffix("\"") { v = String(v.dropFirst().dropLast()) }
                return v
            }
            return (value("title"), value("written_by"), name)
        }
    }

    func testPrintsThePathAndWritesAPDF() throws {
        XCTAssertEqual(Self.made?.stdout.trimmingCharacters(in: .whitespacesAndNewlines), Self.pdf)
        let pages = try pageCount()
        XCTAssertGreaterThanOrEqual(pages, 3)
        XCTAssertLessThanOrEqual(pages, 8)
    }

    func testStoriesAppearInReadingOrder() throws {
        // Flatten whitespace: titles may wrap across lines.
        let all = try text().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        var position = all.startIndex
        for story in try stories() {
            let title = story.title.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            let found = all.range(of: title, range: position..<all.endIndex)
            XCTAssertNotNil(found, "title of \(story.file) not found after the previous story: \(title)")
            if let found { position = found.upperBound }
            let byline = all.range(of: "Written by " + story.byline.split(separator: ",").first!.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "[]")), range: position..<all.endIndex)
            XCTAssertNotNil(byline, "byline of \(story.file)")
        }
    }

    func testParagraphsReadInOrderNotAcrossColumns() throws {
        // The first story's paragraphs, as pdftotext reads them, come in the file's order.
        let all = try text().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").replacingOccurrences(of: "- ", with: "")
        let file = try String(contentsOfFile: sample + "/stories/" + (try stories()[0].file), encoding: .utf8)
        let body = file.components(separatedBy: "\n---\n").last ?? ""
        let paragraphs = body.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") && !$0.hasPrefix("-") && !$0.hasPrefix(">") && !$0.contains("*") && !$0.contains("[") }
        XCTAssertGreaterThan(paragraphs.count, 3)
        var position = all.startIndex
        for paragraph in paragraphs {
            // First five words of each paragraph, straight quotes as cmark's smart punctuation turns them.
            let words = paragraph.split(whereSeparator: { $0.isWhitespace }).prefix(5).joined(separator: " ")
            let found = all.range(of: words, range: position..<all.endIndex)
            XCTAssertNotNil(found, "paragraph out of order: \(words)")
            if let found { position = found.upperBound }
        }
    }

    func testFooterOnEveryPage() throws {
        let pages = try pageCount()
        for page in 1...pages {
            let text = try text(page: page).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            XCTAssertTrue(text.contains("International Office, Northbridge University"), "page \(page)")
            XCTAssertTrue(text.contains("international@northbridge.example.edu"), "page \(page)")
            XCTAssertTrue(text.contains("+44 1632 960 418"), "page \(page)")
            XCTAssertTrue(text.contains("page \(page) of \(pages)"), "page \(page)")
            if page > 1 { XCTAssertTrue(text.contains("Global Campus · November 2026 · page \(page)"), "running head, page \(page)") }
        }
    }

    func testGermanAndChineseTextComeOutIntact() throws {
        let all = try text()
        XCTAssertTrue(all.contains("ä") && all.contains("ö") && all.contains("ü") && all.contains("ß"))
        XCTAssertTrue(all.contains("中秋"), "Chinese text missing")
        XCTAssertFalse(all.contains("\u{FFFD}"))
    }

    func testFontsAreEmbeddedAndSubset() throws {
        let fonts = try Tools.run("pdffonts", [Self.pdf]).stdout.split(separator: "\n").dropFirst(2)
        XCTAssertGreaterThanOrEqual(fonts.count, 4)
        for line in fonts {
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            XCTAssertTrue(line.contains("+"), "not subset: \(line)")
            XCTAssertTrue(columns.contains("yes"), "not embedded: \(line)")
            XCTAssertFalse(line.contains(" no  "), "not embedded: \(line)")
        }
        XCTAssertTrue(fonts.contains { $0.contains("CJK") }, "no CJK font")
    }

    func testMetadataAndReproducibility() throws {
        let info = try Tools.run("pdfinfo", [Self.pdf]).stdout
        XCTAssertTrue(info.contains("Global Campus"))
        XCTAssertTrue(info.contains("Eleanor Whitcombe"))
        XCTAssertTrue(info.contains("Nov  1 00:00:00 2026"), info)
        let second = Self.folder + "/again.pdf"
        let again = try Tools.run(Tools.bulletin, ["make", sample, "-o", second])
        XCTAssertEqual(again.status, 0)
        XCTAssertEqual(FileManager.default.contents(atPath: Self.pdf), FileManager.default.contents(atPath: second), "two runs differ")
        let check = try Tools.run("qpdf", ["--check", Self.pdf])
        XCTAssertEqual(check.status, 0, check.stdout)
    }

    func testStructureTagsForScreenReaders() throws {
        let structure = try Tools.run("pdfinfo", ["-struct", Self.pdf]).stdout
        let lines = structure.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(lines.first, "Document")
        XCTAssertEqual(lines.filter { $0.hasPrefix("H1") }.count, 1, "the masthead title")
        XCTAssertEqual(lines.filter { $0.hasPrefix("H2") }.count, try stories().count, "one headline per story")
        XCTAssertGreaterThanOrEqual(lines.filter { $0 == "Art" }.count, try stories().count)
        XCTAssertGreaterThan(lines.filter { $0.hasPrefix("P") }.count, 80)
        XCTAssertTrue(lines.contains { $0.hasPrefix("Link") })
    }

    func testNoArgumentInsideAnIssueFolderRendersIt() throws {
        let out = Self.folder + "/here"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let result = try Tools.run(Tools.bulletin, ["make"], in: sample)
        _ = out
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "out/global-campus-2026-11.pdf")
        XCTAssertTrue(FileManager.default.fileExists(atPath: sample + "/out/global-campus-2026-11.pdf"))
        try? FileManager.default.removeItem(atPath: sample + "/out")
    }
}
