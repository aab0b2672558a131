import XCTest
import BulletinModel
@testable import BulletinSource

/// A bare e-mail address whose local part has letters outside ASCII is one link, to the whole
/// address: cmark-gfm's autolink alone links only its ASCII end.
final class BareAddressTests: XCTestCase {
    func read(_ markdown: String) throws -> [Inline] {
        var warnings: [Warning] = []
        let blocks = try MarkdownReader.read(markdown, file: "s.md", firstLine: 1, warnings: &warnings)
        guard case .paragraph(let inlines)? = blocks.first else { XCTFail("\(blocks)"); return [] }
        return inlines
    }

    func testTheWholeAddressIsTheLink() throws {
        XCTAssertEqual(try read("Bei Anna-Lena Straßburger (straßburger@hs-kirchbergen.example.de) oder online."),
                       [.text("Bei Anna-Lena Straßburger ("),
                        .link(url: "mailto:stra%C3%9Fburger@hs-kirchbergen.example.de", [.text("straßburger@hs-kirchbergen.example.de")]),
                        .text(") oder online.")])
    }

    func testLettersOutsideASCIIAnywhereInTheLocalPart() throws {
        XCTAssertEqual(try read("müller.straße-b@example.de"),
                       [.link(url: "mailto:m%C3%BCller.stra%C3%9Fe-b@example.de", [.text("müller.straße-b@example.de")])])
        // Only letters that touch it: not across a space or a colon.
        XCTAssertEqual(try read("Mail:jörg@example.de und straß burger@example.de"),
                       [.text("Mail:"), .link(url: "mailto:j%C3%B6rg@example.de", [.text("jörg@example.de")]),
                        .text(" und straß "), .link(url: "mailto:burger@example.de", [.text("burger@example.de")])])
    }

    func testASCIIAddressesAndWrittenLinksAreAsBefore() throws {
        XCTAssertEqual(try read("Write to office@example.edu today."),
                       [.text("Write to "), .link(url: "mailto:office@example.edu", [.text("office@example.edu")]), .text(" today.")])
        XCTAssertEqual(try read("Straße [the office](mailto:office@example.edu)."),
                       [.text("Straße "), .link(url: "mailto:office@example.edu", [.text("the office")]), .text(".")])
    }
}
