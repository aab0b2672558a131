import Foundation
import XCTest
import BulletinKit
import BulletinGraphics

/// The email edition's links and structure, read back from the PDF with poppler-utils and qpdf:
/// bare addresses and the footer's are link annotations, one per link per line; lists, figures
/// and headings are tagged; running heads and footers stay out of the reading order.
final class EmailEditionTests: XCTestCase {
    static let folder = Tools.temporaryFolder()
    static let issue = folder + "/issue"
    static let pdf = folder + "/links.pdf"
    static let samplePDF = folder + "/sample.pdf"
    nonisolated(unsafe) static var made: Tools.Result?
    nonisolated(unsafe) static var sampleMade: Tools.Result?

    static let issueYAML = """
        title: Link Test
        date: 2026-11
        layout: classic
        editors: [Ann Editor]
        contact:
          organisation: Test Office
          address: 1 Quay Road
          telephone: "+44 1632 960 000"
          email: office@example.edu
          web: www.example.edu/office
        """

    static let story = """
        ---
        title: Links, lists and a picture
        kicker: Notices
        ---

        Write to library-access@example.edu or read https://example.edu/teaching-awards today.

        Apply through [the short online form](https://example.edu/apply) before Friday.

        What to bring:

        - your student card
        - a passport photograph

        ![Bar chart of students by region](images/students-by-region.svg "Where our students are")

        The end.
        """

    static let germanStory = """
        ---
        title: Neuigkeiten aus Auenfeld
        kicker: Partnerschaften
        lang: de
        ---

        Die Universität Auenfeld begrüßt die ersten Austauschstudierenden.

        Sie kommen aus elf Ländern und bleiben ein Jahr.

        A warm welcome to our guests from Auenfeld. {lang=en}
        """

    override func setUpWithError() throws {
        if Self.made == nil {
            let files = FileManager.default
            try files.createDirectory(atPath: Self.issue + "/stories", withIntermediateDirectories: true)
            try files.createDirectory(atPath: Self.issue + "/images", withIntermediateDirectories: true)
            try files.copyItem(atPath: Tools.root.appendingPathComponent("examples/sample/images/students-by-region.svg").path,
                               toPath: Self.issue + "/images/students-by-region.svg")
            try Self.issueYAML.write(toFile: Self.issue + "/issue.yaml", atomically: true, encoding: .utf8)
            try Self.story.write(toFile: Self.issue + "/stories/01-links.md", atomically: true, encoding: .utf8)
            try Self.germanStory.write(toFile: Self.issue + "/stories/02-auenfeld.md", atomically: true, encoding: .utf8)
            Self.made = try Tools.run(Tools.bulletin, ["make", Self.issue, "-o", Self.pdf])
        }
        let made = try XCTUnwrap(Self.made)
        XCTAssertEqual(made.status, 0, made.stderr)
    }

    /// The sample issue, made once into the tests' own folder: it has running heads.
    func sample() throws -> String {
        if Self.sampleMade == nil {
            Self.sampleMade = try Tools.run(Tools.bulletin, ["make", Tools.root.appendingPathComponent("examples/sample").path, "-o", Self.samplePDF])
        }
        XCTAssertEqual(Self.sampleMade?.status, 0, Self.sampleMade?.stderr ?? "")
        return Self.samplePDF
    }

    /// A link annotation: its page (from 1), its URI and its rectangle.
    struct Annotation {
        var page: Int
        var uri: String
        var rect: [Double]
    }

    /// The link annotations of a PDF, page by page, read from qpdf's JSON.
    func annotations(_ pdf: String) throws -> [Annotation] {
        let json = try Tools.run("qpdf", ["--json=2", "--json-key=pages", "--json-key=qpdf", pdf])
        XCTAssertEqual(json.status, 0, json.stderr)
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let pages = try XCTUnwrap(root["pages"] as? [[String: Any]])
        let objects = try XCTUnwrap((root["qpdf"] as? [Any])?.last as? [String: Any])
        func value(_ reference: String) -> [String: Any]? {
            (objects["obj:" + reference] as? [String: Any])?["value"] as? [String: Any]
        }
        var result: [Annotation] = []
        for (index, page) in pages.enumerated() {
            guard let reference = page["object"] as? String, let annots = value(reference)?["/Annots"] as? [String] else { continue }
            for annot in annots {
                guard let object = value(annot), object["/Subtype"] as? String == "/Link",
                      let uri = (object["/A"] as? [String: Any])?["/URI"] as? String,
                      let rect = object["/Rect"] as? [Double] else { continue }
                result.append(Annotation(page: index + 1, uri: uri.hasPrefix("u:") ? String(uri.dropFirst(2)) : uri, rect: rect))
            }
        }
        return result
    }

    func structure(_ pdf: String, text: Bool = false) throws -> [String] {
        try Tools.run("pdfinfo", [text ? "-struct-text" : "-struct", pdf]).stdout
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    // MARK: - Links

    func testBareAddressesAndTheFooterAreLinks() throws {
        let uris = Set(try annotations(Self.pdf).map(\.uri))
        for uri in ["mailto:library-access@example.edu", "https://example.edu/teaching-awards", "https://example.edu/apply",
                    "mailto:office@example.edu", "https://www.example.edu/office"] {
            XCTAssertTrue(uris.contains(uri), "\(uri) is not a link: \(uris.sorted())")
        }
        // pdfinfo lists the same.
        let listed = try Tools.run("pdfinfo", ["-url", Self.pdf]).stdout
        XCTAssertTrue(listed.contains("mailto:office@example.edu"), listed)
    }

    func testOneAnnotationPerLinkPerLine() throws {
        let all = try annotations(Self.pdf)
        // "the short online form": four words, one or two lines, never one annotation a word.
        let apply = all.filter { $0.uri == "https://example.edu/apply" }
        XCTAssertTrue((1...2).contains(apply.count), "\(apply.map(\.rect))")
        // No two annotations of one link on one line of one page.
        let sample = try annotations(try sample())
        for annotations in [all, sample] {
            var seen = Set<String>()
            for a in annotations {
                let key = "\(a.page) \(a.uri) \(Int(a.rect[1].rounded()))"
                XCTAssertTrue(seen.insert(key).inserted, "two annotations for \(a.uri) on one line of page \(a.page)")
            }
        }
        // The sample's five-word link ("Study Abroad and Exchange pages" and the like) and its
        // footers: one annotation a line, two footer links a page.
        let pages = Set(sample.map(\.page)).count
        XCTAssertEqual(sample.filter { $0.uri == "mailto:international@northbridge.example.edu" }.count, pages)
        XCTAssertLessThanOrEqual(sample.filter { $0.uri == "https://www.northbridge.example.edu/international/exchange" }.count, 2)
    }

    /// A link whose words run over two lines is one link: one annotation, with a rectangle
    /// (QuadPoints) for each line's words and none over the text beside them, and one Link
    /// element that reads its words whole ("Student Hub", "visa.advice@northbridge…" in the
    /// sample, each broken at a line's end).
    func testALinkOverTwoLinesIsOneLinkWithARectangleForEachLine() throws {
        let pdf = try sample()
        let json = try Tools.run("qpdf", ["--json=2", "--json-key=qpdf", pdf]).stdout
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let objects = try XCTUnwrap((root["qpdf"] as? [Any])?.last as? [String: Any])
        var found = 0
        for uri in ["https://www.northbridge.example.edu/studenthub/term-dates", "mailto:visa.advice@northbridge.example.edu"] {
            let annotations = objects.values.compactMap { ($0 as? [String: Any])?["value"] as? [String: Any] }.filter {
                (($0["/A"] as? [String: Any])?["/URI"] as? String).map { $0.hasSuffix(uri) } ?? false
            }
            XCTAssertEqual(annotations.count, 1, uri)
            let quads = try XCTUnwrap(annotations.first?["/QuadPoints"] as? [Double], uri)
            XCTAssertEqual(quads.count, 16, "two lines' rectangles for \(uri): \(quads)")
            // The two rectangles are a line apart, each within the annotation's rectangle.
            let rect = try XCTUnwrap(annotations.first?["/Rect"] as? [Double])
            let tops = stride(from: 0, to: quads.count, by: 8).map { quads[$0 + 1...$0 + 7].enumerated().filter { $0.offset % 2 == 0 }.map(\.element).max()! }
            XCTAssertGreaterThan(abs(tops[0] - tops[1]), 8, "\(quads)")
            XCTAssertTrue(quads.enumerated().allSatisfy { $0.offset % 2 == 0 ? (rect[0] - 0.01...rect[2] + 0.01).contains($0.element)
                                                                             : (rect[1] - 0.01...rect[3] + 0.01).contains($0.element) }, "\(quads) in \(rect)")
            found += 1
        }
        XCTAssertEqual(found, 2)
        let text = try structure(pdf, text: true)
        for words in ["\"Student Hub\"", "\"visa.advice@northbridge.example.edu \""] {
            let at = try XCTUnwrap(text.firstIndex(of: words), "\(words) is not one element's text")
            XCTAssertEqual(text[at - 2], "Link (inline)")
        }
    }

    // MARK: - Structure

    func testListsFiguresAndHeadingsAreTagged() throws {
        let lines = try structure(Self.pdf)
        XCTAssertEqual(lines.first, "Document")
        for element in ["Art", "H2 (block)", "P (block)", "L (block)", "LI (block)", "Lbl (block)", "LBody (block)", "Figure", "Caption"] {
            XCTAssertTrue(lines.contains(element), "no \(element) in\n\(lines.joined(separator: "\n"))")
        }
        XCTAssertEqual(lines.filter { $0 == "LI (block)" }.count, 2, "one LI per item")
        XCTAssertEqual(lines.filter { $0 == "L (block)" }.count, 1, "both items in one list")
        // Each item: its marker, then its text.
        let text = try structure(Self.pdf, text: true)
        guard let item = text.firstIndex(of: "LI (block)") else { return XCTFail("no LI") }
        XCTAssertEqual(Array(text[item...].prefix(6)),
                       ["LI (block)", "Lbl (block)", "\"•\"", "LBody (block)", "P (block)", "\"your student card\""])
        // One article a story, each holding its own text.
        XCTAssertEqual(lines.filter { $0 == "Art" }.count, 2)
    }

    func testAStoryInAnotherLanguageAndAFigureCarryLangAndAlt() throws {
        // Set by the qpdf pass from the renderer's structure notes: cairo 1.16 writes neither.
        let objects = try Tools.run("qpdf", ["--qdf", "--object-streams=disable", Self.pdf, "-"]).stdout
        XCTAssertTrue(objects.contains("/Lang (de)"), "no /Lang on the German story's Art")
        // The German story's English paragraph ({lang=en}) has its own /Lang on its P, and
        // the attribute is not text.
        let paragraphs = objects.components(separatedBy: "endobj").filter { $0.contains("/S /P\n") }
        XCTAssertEqual(paragraphs.filter { $0.contains("/Lang (en)") }.count, 1, "no /Lang on the English paragraph's P")
        XCTAssertFalse(try Tools.run("pdftotext", [Self.pdf, "-"]).stdout.contains("{lang"))
        XCTAssertTrue(objects.contains("/Alt (Bar chart of students by region)"), "no /Alt on the Figure")
    }

    func testTheStructuresTextHasItsWordSpaces() throws {
        // Word spaces are written as characters, at line ends too (pdfinfo adds none of its own):
        // a screen reader reads words, not "Writetolibrary".
        // (pdfinfo shows a paragraph holding links as its links alone.)
        let text = try structure(Self.pdf, text: true)
        XCTAssertTrue(text.contains("\"Die Universität Auenfeld begrüßt die ersten Austauschstudierenden.\""), text.joined(separator: "\n"))
        XCTAssertTrue(text.contains("\"the short online form \""), text.joined(separator: "\n"))
    }

    func testRunningHeadsAndFootersAreNotInTheReadingOrder() throws {
        let pdf = try sample()
        let text = try structure(pdf, text: true).joined(separator: "\n")
        let page2 = try Tools.run("pdftotext", ["-f", "2", "-l", "2", "-enc", "UTF-8", pdf, "-"]).stdout
        // Drawn on the page...
        XCTAssertTrue(page2.contains("Global Campus · November 2026 · page 2"), page2)
        XCTAssertTrue(page2.contains("page 2 of"), page2)
        XCTAssertTrue(page2.contains("14 Harbour Road"), page2)
        // ...but in no structure element.
        XCTAssertTrue(text.contains("Record numbers head overseas"))
        XCTAssertFalse(text.contains("November 2026 · page"), "running head in the structure")
        XCTAssertFalse(text.contains("page 2 of"), "page number in the structure")
        // (The imprint box at the end says the same without the separators, and is text.)
        XCTAssertFalse(text.contains("Tel. +44 1632 960 418 ·"), "footer in the structure")
        XCTAssertFalse(text.contains("Northbridge University · 14 Harbour Road"), "footer in the structure")
    }

    /// A story's jump lines and the title over its continuation are pagination, like the running
    /// heads: a screen reader reads the paragraph broken at page 5's foot straight on into page 6.
    func testJumpLinesAreNotInTheReadingOrder() throws {
        let pdf = try sample()
        let lines = try structure(pdf, text: true)
        let text = lines.joined(separator: "\n")
        XCTAssertTrue(try Tools.run("pdftotext", ["-f", "1", "-l", "1", pdf, "-"]).stdout.contains("Continued on page 2"))
        XCTAssertFalse(text.contains("Continued on page"), "a jump line in the structure")
        XCTAssertFalse(text.contains("Continued from page"), "a jump line in the structure")
        // The headline once, not again over the continuation.
        XCTAssertEqual(lines.filter { $0 == "\"Record numbers head overseas as exchange programme widens its reach\"" }.count, 1, text)
        let before = try XCTUnwrap(lines.firstIndex { $0.hasSuffix("genuinely learn from each other. \"") }, text)
        let after = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("\"That starts long before they arrive") }, text)
        XCTAssertTrue(lines[before..<after].allSatisfy { $0.hasPrefix("\"") }, text)
    }

    /// A block broken at a page's foot is one element across the page break, not two: the
    /// interview's paragraph at page 5's foot goes on at page 6's head in the same P, and its
    /// marked content on page 6 names that element in the parent tree (pdfinfo reads it
    /// through it).
    func testABlockBrokenAtAPageBreakIsOneElement() throws {
        let lines = try structure(try sample(), text: true)
        let before = try XCTUnwrap(lines.firstIndex { $0.hasSuffix("genuinely learn from each other. \"") }, lines.joined(separator: "\n"))
        XCTAssertEqual(lines[before - 1], "P (block)")
        XCTAssertTrue(lines[before + 1].hasPrefix("\"That starts long before they arrive"), lines.joined(separator: "\n"))
        XCTAssertEqual(lines.filter { $0.hasPrefix("\"That starts long before they arrive") }.count, 1, lines.joined(separator: "\n"))
    }

    // MARK: - Metadata

    func testKeywordsAreTheStoriesSections() throws {
        let info = try Tools.run("pdfinfo", ["-enc", "UTF-8", Self.pdf]).stdout
        XCTAssertTrue(info.contains("Keywords:        Notices, Partnerschaften"), info)
        let outline = try Tools.run("qpdf", ["--json=2", "--json-key=outlines", Self.pdf]).stdout
        XCTAssertTrue(outline.contains("Links, lists and a picture") && outline.contains("Neuigkeiten aus Auenfeld"), outline)
    }
}

/// What the pass after cairo needs for the sample: each article's story and language, each
/// figure's alt text, in the structure tree's order.
final class StructureNotesTests: XCTestCase {
    func testTheSamplesArticlesAndFigures() throws {
        let composed = try Bulletin.compose(MakeOptions(issue: Tools.root.appendingPathComponent("examples/sample").path))
        let pdf = Tools.temporaryFolder() + "/notes.pdf"
        let renderer = CairoRenderer(shaper: composed.shaper, colours: composed.layout.colours, creator: "test", images: composed.images)
        try renderer.writePDF(composed.document, to: pdf)
        let notes = renderer.structureNotes
        // As many as the PDF has, in the same order.
        let structure = try Tools.run("pdfinfo", ["-struct", pdf]).stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        // (The finishing pass joins a story's later articles into its first: one Art a story.)
        XCTAssertEqual(Set(notes.articleStories).count, structure.filter { $0 == "Art" }.count)
        XCTAssertEqual(notes.figureAlts.count, structure.filter { $0 == "Figure" }.count)
        // Every story has an article, in issue order; a continued story has two.
        XCTAssertEqual(Array(Set(notes.articleStories)).sorted(), Array(composed.issue.stories.indices).filter { !composed.document.omittedStories.contains($0) })
        for (story, language) in zip(notes.articleStories, notes.articleLanguages) {
            XCTAssertEqual(language, composed.issue.stories[story].lang, "story \(story)")
        }
        XCTAssertTrue(notes.articleLanguages.contains("de") && notes.articleLanguages.contains("zh"))
        // One language a paragraph, where it differs from its article's (outside an article, the
        // document's): the contents box's entries for the German and the Chinese story (their
        // page numbers are in no language), then the German story's English opening
        // ({lang=en}); its paragraph naming the [International Office]{lang=en} is of two
        // languages and keeps the story's.
        // (One part goes on from a block broken at a page's foot, joined into it: a paragraph of
        // the interview. The PDF has one element fewer for the paragraph.)
        XCTAssertEqual(notes.articleContinues.filter { $0 > 0 }.count, 1)
        XCTAssertEqual((notes.blockLanguages["P"] ?? []).count, structure.filter { $0 == "P (block)" }.count + 1)
        XCTAssertEqual((notes.blockLanguages["P"] ?? []).compactMap { $0 }, ["de", "zh", "en"])
        // That paragraph's English words are a Span of their own with its language.
        XCTAssertEqual(notes.spanLanguages.count, structure.filter { $0 == "Span" || $0 == "Span (inline)" }.count)
        XCTAssertEqual(notes.spanLanguages.compactMap { $0 }, ["en"])
        // Every picture with alt text in the sample keeps it.
        XCTAssertTrue(notes.figureAlts.contains("Forty-two small figures in six rows, twenty-six of them blue and sixteen orange."), "\(notes.figureAlts)")
    }
}
