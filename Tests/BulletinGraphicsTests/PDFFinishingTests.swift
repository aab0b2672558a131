import XCTest
import BulletinModel
import BulletinLayout
@testable import BulletinGraphics
import CWholeStreams

/// The pass through libqpdf that sets what cairo cannot: /Lang and the page boxes.
final class PDFFinishingTests: FolderTestCase {
    override class var folderPrefix: String { "finishing" }

    /// A small PDF of three pages, as the renderer writes it.
    func renderedPDF(sheets: SheetPlan? = nil) throws -> [UInt8] {
        let path = folder + "/small.pdf"
        let renderer = CairoRenderer(shaper: PangoShaper(fonts: RendererTests.fonts), colours: Colours(named: ["text": .black]), creator: "test")
        try renderer.writePDF(OutputFileTests.document, sheets: sheets, to: path)
        return [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: path)))
    }

    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Each stream's dictionary and whether it is a page's content, read by `qpdf --json`.
    func streams(_ pdf: [UInt8]) throws -> [(dictionary: [String: Any], isContent: Bool)] {
        let path = folder + "/streams-\(UUID().uuidString).pdf"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(pdf)))
        let data = try PDFImages.output("qpdf", ["--json=2", "--json-key=qpdf", path]).data
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let objects = try XCTUnwrap((json["qpdf"] as? [Any])?.last as? [String: Any])
        var contents = Set<String>()
        for case let object as [String: Any] in objects.values {
            guard let value = object["value"] as? [String: Any], value["/Type"] as? String == "/Page" else { continue }
            if let one = value["/Contents"] as? String { contents.insert(one) }
            if let many = value["/Contents"] as? [String] { contents.formUnion(many) }
        }
        return objects.compactMap { key, object in
            guard let stream = (object as? [String: Any])?["stream"] as? [String: Any], let dictionary = stream["dict"] as? [String: Any] else { return nil }
            return (dictionary, contents.contains(key.replacingOccurrences(of: "obj:", with: "")))
        }
    }

    /// Cairo leaves pages' content uncompressed (`CAIRO_DEBUG_PDF`, set by the first
    /// renderer), and the finished PDF has every stream compressed but its XMP metadata.
    func testCairoLeavesContentForThePassToCompress() throws {
        let renderer = CairoRenderer(shaper: PangoShaper(fonts: RendererTests.fonts), colours: Colours(named: ["text": .black]), creator: "test")
        let path = folder + "/left.pdf"
        try renderer.writePDF(OutputFileTests.document, to: path)
        let written = try streams(renderer.cairoOutput.bytes)
        XCTAssertEqual(written.filter(\.isContent).count, 3, "three pages")
        XCTAssertTrue(written.filter(\.isContent).allSatisfy { $0.dictionary["/Filter"] == nil }, "cairo's content uncompressed")
        XCTAssertTrue(written.contains { $0.dictionary["/Filter"] != nil }, "its fonts compressed")
        let finished = try streams([UInt8](try XCTUnwrap(FileManager.default.contents(atPath: path))))
        let unfiltered = finished.filter { $0.dictionary["/Filter"] == nil && $0.dictionary["/Type"] as? String != "/Metadata" }
        XCTAssertEqual(unfiltered.count, 0, "\(unfiltered.map(\.dictionary))")
        XCTAssertEqual(finished.filter(\.isContent).count, 3)
    }

    func testLanguageAndBoxesAreSetOnTheCatalogAndEveryPage() throws {
        let finishing = PDFFinishing(language: "de-CH", trimBox: .init(left: 10, bottom: 10, right: 190.5, top: 90),
                                     bleedBox: .init(left: 1.5, bottom: 1.5, right: 199, top: 98.5), objectStreams: false)
        let pdf = text(try finishing.apply(to: renderedPDF()))
        XCTAssertTrue(pdf.contains("/Lang (de-CH)"), "no /Lang")
        XCTAssertTrue(pdf.contains("/ViewerPreferences << /DisplayDocTitle true >>"), "readers are not told to show the title")
        XCTAssertEqual(pdf.components(separatedBy: "/TrimBox [ 10 10 190.5 90 ]").count - 1, 3, "a TrimBox on each of the 3 pages")
        XCTAssertEqual(pdf.components(separatedBy: "/BleedBox [ 1.5 1.5 199 98.5 ]").count - 1, 3, "a BleedBox on each of the 3 pages")
    }

    func testTheRendererSetsTheDocumentLanguageOnEveryEdition() throws {
        // The email edition packs the catalog into an object stream; undone here to read it.
        let plain = try PDFFinishing(language: "en", objectStreams: false).apply(to: renderedPDF())
        XCTAssertTrue(text(plain).contains("/Lang (en)"))
        XCTAssertFalse(text(plain).contains("/TrimBox"), "the email edition has no trim")
        let plan = SheetPlan.print(pages: 3, width: 200, height: 100, spec: PrintSpec(), imposition: nil)
        let print = text(try renderedPDF(sheets: plan))
        XCTAssertTrue(print.contains("/Lang (en)"))
        XCTAssertEqual(print.components(separatedBy: "/TrimBox").count - 1, 3)
    }

    func testTheSameInputGivesTheSameBytes() throws {
        let input = try renderedPDF()
        let finishing = PDFFinishing(language: "en", objectStreams: true)
        let first = try finishing.apply(to: input), second = try finishing.apply(to: input)
        XCTAssertEqual(first, second)
        // The file identifier is a digest of the content, not of the time.
        XCTAssertEqual(try renderedPDF(), try renderedPDF())
    }

    func testObjectStreamsMakeTheFileSmaller() throws {
        let input = try renderedPDF()
        let packed = try PDFFinishing(language: "en", objectStreams: true).apply(to: input)
        let plain = try PDFFinishing(language: "en", objectStreams: false).apply(to: input)
        XCTAssertLessThan(packed.count, plain.count)
    }

    /// The email edition's object streams are compressed whole by libdeflate as qpdf writes
    /// them (Sources/CWholeStreams), and read back as qpdf wrote them.
    func testObjectStreamsAreCompressedWholeAndReadBack() throws {
        let input = try renderedPDF()
        let before = bulletin_streams_made_whole("libqpdf.so")
        let packed = try PDFFinishing(language: "de-AT", objectStreams: true).apply(to: input)
        XCTAssertGreaterThanOrEqual(bulletin_streams_made_whole("libqpdf.so") - before, 1, "qpdf's object streams")
        XCTAssertFalse(text(packed).contains("/Lang (de-AT)"), "the catalog is in an object stream")
        let middle = bulletin_streams_made_whole("libqpdf.so")
        _ = try PDFFinishing(language: "de-AT", objectStreams: false).apply(to: input)
        XCTAssertEqual(bulletin_streams_made_whole("libqpdf.so"), middle, "without object streams qpdf compresses nothing")
        let path = folder + "/packed.pdf"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(packed)))
        let check = String(decoding: try PDFImages.output("qpdf", ["--check", path]).data, as: UTF8.self)
        XCTAssertTrue(check.contains("No syntax or stream encoding errors found"), check)
        let plain = String(decoding: try PDFImages.output("qpdf", ["--object-streams=disable", path, "-"]).data, as: UTF8.self)
        XCTAssertTrue(plain.contains("/Lang (de-AT)"), "the catalog read back from its object stream")
    }

    func testADamagedPDFIsAnErrorNotARepair() throws {
        let input = try renderedPDF()
        let finishing = PDFFinishing(language: "en", objectStreams: false)
        for damaged in [Array(input.prefix(input.count / 2)), Array("not a PDF at all".utf8), []] {
            XCTAssertThrowsError(try finishing.apply(to: damaged)) { error in
                XCTAssertTrue("\(error)".hasPrefix("cannot set the page boxes and language: qpdf"), "\(error)")
            }
        }
    }

    /// Two stories, each an Art element of the structure tree, the second with a picture-less
    /// figure's worth of text: what cairo tags.
    func taggedPDF() throws -> [UInt8] {
        let font = FontSpec(family: "Liberation Sans", size: 12)
        func text(_ words: String, story: Int, y: Double) -> PageItem {
            .text(PlacedText(x: 10, baseline: y, fragment: Fragment(x: 0, width: 80, text: words, font: font, colour: "text", language: "en"),
                             kind: .body, story: story, block: 0))
        }
        let document = Document(width: 200, height: 100, pages: [Page(items: [text("Erste", story: 0, y: 20), text("Second", story: 1, y: 40)])],
                                metadata: DocumentMetadata(title: "t", author: "a", subject: "s", language: "en", created: "2026-11-01T00:00:00Z"))
        let path = folder + "/tagged.pdf"
        try CairoRenderer(shaper: PangoShaper(fonts: RendererTests.fonts), colours: Colours(named: ["text": .black]), creator: "test")
            .writePDF(document, to: path)
        return [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: path)))
    }

    func testStructureElementsGetTheirEntriesInTreeOrder() throws {
        let finishing = PDFFinishing(language: "en", elementEntries: [.init(element: "Art", key: "/Lang", values: ["de", nil])],
                                     objectStreams: false)
        let pdf = text(try finishing.apply(to: taggedPDF()))
        // The catalog's (en) and the first article's (de); the second article is left alone.
        XCTAssertEqual(pdf.components(separatedBy: "/Lang (de)").count - 1, 1, pdf)
        XCTAssertEqual(pdf.components(separatedBy: "/Lang (").count - 1, 2)
        let at = try XCTUnwrap(pdf.range(of: "/Lang (de)"))
        // Its dictionary: from the "<<" before it to the ">>" after it.
        let start = try XCTUnwrap(pdf[..<at.lowerBound].range(of: "<<", options: .backwards)).lowerBound
        let end = try XCTUnwrap(pdf[at.upperBound...].range(of: ">>")).upperBound
        let article = pdf[start..<end]
        XCTAssertTrue(article.contains("/S /Art"), String(article))
    }
}
