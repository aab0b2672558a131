import XCTest
import BulletinModel
import BulletinLayout
@testable import BulletinGraphics

/// Text cairo cannot draw stops the run, naming it, instead of leaving a PDF with the rest of the
/// issue silently missing (a failed cairo context draws nothing more).
final class DrawFailureTests: XCTestCase {
    nonisolated(unsafe) static let fonts = FontLibrary(folders: [])

    func document(_ words: [String]) -> Document {
        let font = FontSpec(family: "Liberation Serif", size: 10)
        let page = Page(items: words.enumerated().map { i, word in
            .text(PlacedText(x: 10 + Double(i) * 40, baseline: 20, fragment: Fragment(x: 0, width: 30, text: word, font: font,
                                                                                        colour: "text", language: "en"),
                             kind: .body, story: 0, column: 0, block: 0))
        })
        return Document(width: 200, height: 100, pages: [Page(), page],
                        metadata: DocumentMetadata(title: "t", author: "a", subject: "s", language: "en", created: "2026-11-01T00:00:00Z"))
    }

    func render(_ document: Document) throws -> String {
        let folder = NSTemporaryDirectory() + "bulletin-draw-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let pdf = folder + "/out.pdf"
        try CairoRenderer(shaper: PangoShaper(fonts: Self.fonts), colours: Colours(named: ["text": .black]), creator: "test")
            .writePDF(document, to: pdf)
        return pdf
    }

    func testNoncharacterStopsTheRunAndNamesIt() throws {
        XCTAssertThrowsError(try render(document(["Before", "bad\u{FFFF}", "after"]))) { error in
            guard let failure = error as? DrawError else { return XCTFail("\(error)") }
            XCTAssertEqual(failure.page, 1)
            XCTAssertEqual(failure.story, 0)
            XCTAssertEqual(failure.text, "bad\u{FFFF}")
            XCTAssertEqual(failure.description, "cannot draw \"badU+FFFF\" on page 2: input string not valid UTF-8")
        }
    }

    func testCleanTextDraws() throws {
        let pdf = try render(document(["Before", "good", "after"]))
        defer { try? FileManager.default.removeItem(atPath: (pdf as NSString).deletingLastPathComponent) }
        XCTAssertTrue(FileManager.default.fileExists(atPath: pdf))
    }
}
