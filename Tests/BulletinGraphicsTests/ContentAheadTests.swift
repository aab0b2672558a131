import XCTest
import CZlib
import Foundation
import BulletinModel
import BulletinLayout
@testable import BulletinGraphics

/// `ContentAhead`: the pages' content rewritten and compressed while later pages are drawn,
/// found in what cairo wrote and used only where qpdf reads the very same bytes.
final class ContentAheadTests: FolderTestCase {
    override class var folderPrefix: String { "ahead" }

    var renderer: CairoRenderer {
        CairoRenderer(shaper: PangoShaper(fonts: RendererTests.fonts), colours: Colours(named: ["text": .black]), creator: "test")
    }

    /// Three pages, each with a story's headline, a rule and a footer (furniture, an artifact).
    static let document: Document = {
        let font = FontSpec(family: "Liberation Sans", size: 20, bold: true)
        let pages = ["Bulletin", "Campus", "Harbour"].enumerated().map { story, word in
            Page(items: [.text(PlacedText(x: 20, baseline: 60, fragment: Fragment(x: 0, width: 80, text: word, font: font, colour: "text", language: "en"),
                                          kind: .headline, story: story, block: 0)),
                         .text(PlacedText(x: 20, baseline: 95, fragment: Fragment(x: 0, width: 40, text: "page \(story + 1)", font: font, colour: "text", language: "en"),
                                          kind: .footer)),
                         .rule(Rule(x0: 10, y0: 80, x1: 190, y1: 80, thickness: 2, colour: .black))])
        }
        return Document(width: 200, height: 100, pages: pages,
                        metadata: DocumentMetadata(title: "t", author: "a", subject: "s", language: "en", created: "2026-11-01T00:00:00Z"))
    }()

    func found(_ bytes: [UInt8]) -> [(object: Int, data: Range<Int>)] {
        bytes.withUnsafeBufferPointer { ContentAhead.streams(in: $0) }
    }

    /// An object's stream data as qpdf reads it from `pdf`, unfiltered.
    func rawStream(_ object: Int, of pdf: [UInt8]) throws -> [UInt8] {
        let path = folder + "/raw-\(UUID().uuidString).pdf"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(pdf)))
        return [UInt8](try PDFImages.output("qpdf", ["--show-object=\(object)", "--raw-stream-data", path]).data)
    }

    /// Every page's content is done while the pages are drawn: one stream a page, found where
    /// qpdf reads it, each the page's content with its furniture unmarked, compressed.
    func testEveryPagesContentIsDoneAsThePagesAreDrawn() throws {
        let renderer = renderer
        try renderer.writePDF(Self.document, to: folder + "/ahead.pdf")
        let written = renderer.cairoOutput.bytes
        let done = renderer.cairoOutput.doneAhead
        XCTAssertEqual(done.count, 3, "one content stream for each of the three pages")
        for (object, range) in done {
            let data = Array(written[range])
            XCTAssertEqual(try rawStream(object, of: written), data, "object \(object)")
            XCTAssertNotNil(ArtifactMarking.rewrittenContent(data), "the footer is furniture")
        }
        // Among those a search over the whole file finds (which has more: what cairo writes
        // at the end, after the last page).
        XCTAssertTrue(Set(done.keys).isSubset(of: found(written).map(\.object)))
    }

    /// What was done ahead goes into the file only for a stream whose bytes qpdf reads are
    /// the bytes it was made from; the others are rewritten in the pass as before.
    func testWorkDoneAheadIsTakenOnlyForTheBytesItWasMadeFrom() throws {
        let renderer = renderer
        try renderer.writePDF(Self.document, to: folder + "/plain.pdf")
        let written = renderer.cairoOutput.bytes
        let streams = renderer.cairoOutput.doneAhead.map { (object: $0.key, data: $0.value) }
        XCTAssertEqual(streams.count, 3)
        let marker = Array("q Q % made ahead\n".utf8)
        let compressed = try XCTUnwrap(ArtifactMarking.deflated(marker))
        func finished(_ ranges: (Range<Int>) -> Range<Int>) throws -> String {
            var finishing = PDFFinishing(language: "en", objectStreams: false)
            finishing.contentAhead = ContentAhead(done: Dictionary(uniqueKeysWithValues: streams.map {
                ($0.object, ContentAhead.Done(data: ranges($0.data), rewritten: compressed))
            }))
            let path = folder + "/finished-\(UUID().uuidString).pdf"
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(try finishing.apply(to: written))))
            let expanded = path + ".qdf"
            XCTAssertEqual(try PDFImages.output("qpdf", ["--qdf", "--object-streams=disable", path, expanded]).status, 0)
            return String(decoding: try XCTUnwrap(FileManager.default.contents(atPath: expanded)), as: UTF8.self)
        }
        let taken = try finished { $0 }
        XCTAssertEqual(taken.components(separatedBy: "% made ahead").count - 1, 3)
        // A range one byte off, or of another length: not the same bytes, not taken.
        for moved in [{ (range: Range<Int>) in (range.lowerBound + 1)..<(range.upperBound + 1) },
                      { (range: Range<Int>) in range.lowerBound..<(range.upperBound - 1) }] {
            let pass = try finished(moved)
            XCTAssertFalse(pass.contains("% made ahead"))
            XCTAssertTrue(pass.contains("/Artifact BMC"))
        }
    }

    /// A stream is found by the length cairo writes after it, not by the first `endstream` in
    /// its data; a filtered stream, one whose length does not fit, and one cut short are not.
    func testStreamsAreFoundByTheirLength() throws {
        func object(_ number: Int, _ data: String, filter: Bool = false, length: Int? = nil) -> String {
            "\(number) 0 obj\n<< /Length \(number + 1) 0 R\n" + (filter ? "   /Filter /FlateDecode\n" : "") + ">>\nstream\n" + data
                + "\nendstream\nendobj\n\(number + 1) 0 obj\n   \(length ?? data.utf8.count)\nendobj\n"
        }
        let tricky = "BT (endstream\nendobj\n8 0 obj\n   3\nendobj\n) Tj ET"
        let file = "%PDF-1.5\n" + object(5, "0 0 m 1 1 l S") + object(7, tricky) + object(9, "q Q", filter: true)
            + object(11, "q Q", length: 2) + object(13, "0 0 m")
        let bytes = Array(file.utf8)
        let streams = found(bytes)
        XCTAssertEqual(streams.map(\.object), [5, 7, 13])
        XCTAssertEqual(streams.map { String(decoding: bytes[$0.data], as: UTF8.self) }, ["0 0 m 1 1 l S", tricky, "0 0 m"])
        // Cut in the middle of the last object's length: not complete, not found.
        let cut = Array(bytes[..<(bytes.count - 10)])
        XCTAssertEqual(found(cut).map(\.object), [5, 7])
    }
}
