import Foundation
import XCTest
import BulletinKit

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

    /// Story titles and bylines from the sample's files, in the order the issue sets them:
    /// by `order:` where a story has one, else by file name, and fillers last.
    func stories() throws -> [(title: String, byline: String, file: String, filler: Bool, lang: String)] {
        let files = try FileManager.default.contentsOfDirectory(atPath: sample + "/stories").filter { $0.hasSuffix(".md") }.sorted()
        let read = try files.enumerated().map { index, name in
            let text = try String(contentsOfFile: sample + "/stories/" + name, encoding: .utf8)
            let lines = text.split(separator: "\n").map(String.init)
            func value(_ key: String) -> String {
                let line = lines.first { $0.hasPrefix(key + ":") } ?? ""
                var v = line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
                if v.hasPrefix("\"") && v.hasSuffix("\"") { v = String(v.dropFirst().dropLast()) }
                return v
            }
            let key = (filler: value("filler") == "true", order: Double(value("order")) ?? Double(index + 1))
            return (key: key, story: (value("title"), value("written_by"), name, key.filler, value("lang")))
        }
        return read.sorted { a, b in
            a.key.filler != b.key.filler ? !a.key.filler : a.key.order < b.key.order
        }.map(\.story)
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
            guard let writer = story.byline.split(separator: ",").first, !story.byline.isEmpty else { continue }
            // The byline's words are in the story's language.
            let writtenBy = ["de": "Text: ", "zh": "撰文："][story.lang] ?? "Written by "
            let byline = all.range(of: writtenBy + writer.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "[]")), range: position..<all.endIndex)
            XCTAssertNotNil(byline, "byline of \(story.file)")
        }
    }

    func testLineEndHyphensReadAsSoftHyphens() throws {
        // The hyphen drawn at a hyphenated line's end is a soft hyphen in the PDF's text, which
        // readers join to the next line's part; a word's own hyphen stays "-".
        let lines = try text().split(separator: "\n")
        let soft = lines.filter { $0.hasSuffix("\u{00AD}") }
        XCTAssertGreaterThan(soft.count, 20, "hyphenated lines in the sample")
        XCTAssertFalse(lines.contains { $0.hasSuffix("\u{00AD}\u{00AD}") })
        // With --plain-hyphens the same lines end in "-".
        let plain = Self.folder + "/plain.pdf"
        XCTAssertEqual(try Tools.run(Tools.bulletin, ["make", sample, "-o", plain, "--plain-hyphens"]).status, 0)
        let plainText = try Tools.run("pdftotext", ["-raw", "-enc", "UTF-8", plain, "-"]).stdout
        XCTAssertFalse(plainText.contains("\u{00AD}"))
    }

    func testParagraphsReadInOrderNotAcrossColumns() throws {
        // The first story's paragraphs, as pdftotext reads them, come in the file's order.
        let all = try text().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            .replacingOccurrences(of: "- ", with: "").replacingOccurrences(of: "\u{00AD} ", with: "")
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

    /// Flattened text of a page: words separated by single spaces.
    func flat(page: Int) throws -> String {
        try text(page: page).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    func testContentsNumbersAreThePagesStoriesStartOn() throws {
        let pages = try pageCount()
        let lines = try text(page: 1).split(separator: "\n").map(String.init)
        let start = try XCTUnwrap(lines.firstIndex(of: "In this issue"))
        // Entries: title lines, then the page number (alone on its line, or at the end of a
        // one-line entry).
        let titles = try stories().filter { !$0.filler }.map(\.title)
        var entries: [(title: String, page: Int)] = []
        var title: [String] = []
        for line in lines[(start + 1)...] where entries.count < titles.count {
            let words = line.split(separator: " ")
            if let last = words.last, let number = Int(last), number <= pages {
                title += words.dropLast().map(String.init)
                entries.append((title.joined(separator: " "), number))
                title = []
            } else {
                title += words.map(String.init)
            }
        }
        XCTAssertEqual(entries.map(\.title), titles)
        for entry in entries {
            XCTAssertTrue(try flat(page: entry.page).contains(entry.title), "\(entry.title) is not on page \(entry.page)")
            for page in 2..<max(2, entry.page) {
                XCTAssertFalse(try flat(page: page).contains(entry.title), "\(entry.title) is on page \(page) already")
            }
        }
    }

    func testJumpLinesNameTheRightPages() throws {
        var jumps = 0
        for page in 1...(try pageCount()) {
            let here = try flat(page: page)
            var rest = Substring(here)
            while let found = rest.range(of: "Continued on page ") {
                rest = rest[found.upperBound...]
                let number = try XCTUnwrap(Int(rest.prefix { $0.isNumber }))
                jumps += 1
                // The story resumes there under its jump head, which points back here.
                let there = try flat(page: number)
                XCTAssertTrue(there.contains("Continued from page \(page)"), "page \(number) lacks the way back to \(page)")
                let resumed = try stories().first { story in
                    there.range(of: story.title + " Continued from page \(page)") != nil
                }
                XCTAssertNotNil(resumed, "no jump head over the continuation on page \(number)")
                if let resumed { XCTAssertTrue(try flat(page: page).contains(resumed.title), "\(resumed.title) is not on page \(page)") }
            }
        }
        XCTAssertGreaterThanOrEqual(jumps, 2, "the sample has stories that run on")
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
        // The same facts as XMP, which cairo cannot write.
        let xmp = try Tools.run("pdfinfo", ["-meta", Self.pdf]).stdout
        XCTAssertTrue(xmp.contains("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Global Campus"), xmp)
        XCTAssertTrue(xmp.contains("<dc:language><rdf:Bag><rdf:li>en</rdf:li></rdf:Bag></dc:language>"), xmp)
        XCTAssertTrue(xmp.contains("Eleanor Whitcombe"), xmp)
        XCTAssertTrue(xmp.contains("<xmp:CreateDate>2026-11-01"), xmp)
    }

    func testStructureTagsForScreenReaders() throws {
        let structure = try Tools.run("pdfinfo", ["-struct", Self.pdf]).stdout
        let lines = structure.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(lines.first, "Document")
        XCTAssertEqual(lines.filter { $0.hasPrefix("H1") }.count, 1, "the masthead title")
        XCTAssertEqual(lines.filter { $0.hasPrefix("H2") }.count, try stories().count, "one headline per story")
        // One article per story, though several run on to later pages: the parts after a jump
        // are joined into the story's first Art, so the tree reads each story whole.
        XCTAssertEqual(lines.filter { $0 == "Art" }.count, try stories().count)
        XCTAssertGreaterThan(lines.filter { $0.hasPrefix("P") }.count, 80)
        XCTAssertTrue(lines.contains { $0.hasPrefix("Link") })
        // Page furniture is artifact content, in no element: the running heads, the footers'
        // page numbers and address are not in the structure's text, and no element is left for it.
        let text = try Tools.run("pdfinfo", ["-struct-text", Self.pdf]).stdout
        XCTAssertFalse(text.contains("page 1 of"), "a footer's page number is read out")
        XCTAssertFalse(text.contains("University · 14 Harbour Road"), "the footer’s address is read out")
        XCTAssertFalse(lines.contains { $0.hasPrefix("Private") || $0.hasPrefix("Artifact") })
        let expanded = Self.folder + "/expanded.pdf"
        XCTAssertEqual(try Tools.run("qpdf", ["--qdf", "--object-streams=disable", Self.pdf, expanded]).status, 0)
        let raw = String(decoding: try XCTUnwrap(FileManager.default.contents(atPath: expanded)), as: UTF8.self)
        XCTAssertGreaterThanOrEqual(raw.components(separatedBy: "/Artifact BMC").count - 1, 2 * (try pageCount()))
        XCTAssertFalse(raw.contains("/Private"))
        // A paragraph with a link keeps the text around the link (in Spans): cairo marks only
        // the content of elements with no elements inside.
        XCTAssertTrue(text.contains("The full list of partner institutions"), "the text beside a link is in no element")
        // A contents entry reads as its title, then its page as a word of its own.
        XCTAssertTrue(text.contains("widens its reach 1\""), "the contents entry's page number is glued to its title")
        let articles = text.components(separatedBy: "\n  Art\n").dropFirst()
        let first = try XCTUnwrap(articles.first { $0.contains("Record numbers head overseas") })
        // Both its parts, read straight on: the jump lines between them are artifacts.
        XCTAssertTrue(first.contains("was convinced") && first.contains("that everyone else had settled in faster than me"), first)
        XCTAssertFalse(first.contains("Continued on page 2") || first.contains("Continued from page 1"), first)
    }

    /// Without downsampling (the print edition; EmailPicturesTests has the email edition's).
    func testPicturesAreEmbeddedAsTheyCame() throws {
        let full = Self.folder + "/full-resolution.pdf"
        var options = MakeOptions(issue: sample, output: full)
        options.downsampleImages = false
        _ = try Bulletin.make(options)
        // pdfimages -list: page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
        let rows = try Tools.run("pdfimages", ["-list", full]).stdout.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ").map(String.init) }
        // The photograph and the pictogram; the chart is vectors, no image.
        XCTAssertEqual(rows.count, 2, "\(rows)")
        let jpeg = try XCTUnwrap(rows.first { $0.count > 14 && $0[8] == "jpeg" }, "\(rows)")
        XCTAssertEqual(Array(jpeg[3...4]), ["900", "600"])
        // The JPEG's stream is the file itself: its size as pdfimages prints it, and its bytes.
        let original = try Data(contentsOf: URL(fileURLWithPath: sample + "/images/harbour-at-dusk.jpg"))
        XCTAssertEqual(jpeg[14], String(format: "%.1fK", Double(original.count) / 1024))
        let png = try XCTUnwrap(rows.first { $0.count > 8 && $0[8] == "image" }, "\(rows)")
        XCTAssertEqual(Array(png[3...4]), ["560", "390"])
        let extracted = Self.folder + "/picture"
        try Tools.run("pdfimages", ["-j", "-f", jpeg[0], "-l", jpeg[0], full, extracted])
        XCTAssertEqual(FileManager.default.contents(atPath: extracted + "-000.jpg"), original)
        // The chart's labels are text on page 1, the captions are story text.
        XCTAssertTrue(try text(page: 1).contains("Students abroad, 2026–27"))
        let all = try text().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for caption in ["Where this year’s 412 exchange students are studying.", "The 42 award holders: 26 postgraduates (blue)",
                        "The Harbour Building at dusk on the festival’s opening evening", "Picture: Global Campus"] {
            XCTAssertTrue(all.contains(caption), caption)
        }
        // Each story's picture is a Figure in the structure tree, its caption a Caption. The
        // masthead's logo, beside the title it repeats, is decoration in no element: an empty
        // Figure without alt text would be read out as "figure" and nothing more.
        let structure = try Tools.run("pdfinfo", ["-struct", Self.pdf]).stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(structure.filter { $0 == "Figure" }.count, 3)
        XCTAssertEqual(structure.filter { $0.hasPrefix("Caption") }.count, 3)
    }

    func testNoArgumentInsideAnIssueFolderRendersIt() throws {
        // A copy: the tests write nothing into examples/.
        let copy = Self.folder + "/here"
        try FileManager.default.copyItem(atPath: sample, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let result = try Tools.run(Tools.bulletin, ["make"], in: copy)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "out/global-campus-2026-11.pdf")
        XCTAssertTrue(FileManager.default.fileExists(atPath: copy + "/out/global-campus-2026-11.pdf"))
        // Again, over the first one: out/ is the issue's output, not one of its inputs.
        let again = try Tools.run(Tools.bulletin, ["make"], in: copy)
        XCTAssertEqual(again.status, 0, again.stderr)
    }

    func testNoArgumentOutsideAnIssueFolderSaysHowToStart() throws {
        let empty = Self.folder + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let result = try Tools.run(Tools.bulletin, ["make"], in: empty)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasPrefix("error: ") && result.stderr.contains("no issue.yaml here")
                      && result.stderr.contains("bulletin new") && result.stderr.contains("--sample"), result.stderr)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: empty), [], "nothing written")
    }
}
