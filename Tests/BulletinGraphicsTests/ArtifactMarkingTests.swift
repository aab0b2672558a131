import XCTest
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import BulletinGraphics

/// The rewrite of furniture's marked content as artifacts: only real marked-content operators
/// change, never the bytes of a string, a comment or an inline image that read the same.
final class ArtifactMarkingTests: XCTestCase {
    func rewrite(_ content: String) -> String? {
        ArtifactMarking.unmarkArtifacts(Array(content.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    func testFurnitureBecomesAnArtifactSequence() {
        XCTAssertEqual(rewrite("/P <</MCID 0>> BDC BT (a) Tj ET EMC\n/Private << /MCID 12 >> BDC\n0 0 m 1 1 l S\nEMC"),
                       "/P <</MCID 0>> BDC BT (a) Tj ET EMC\n/Artifact BMC\n0 0 m 1 1 l S\nEMC")
        XCTAssertEqual(rewrite("/Private<</MCID 3>>BDC q Q EMC"), "/Artifact BMC q Q EMC")
    }

    func testLookalikesAreLeftAlone() {
        // In a literal string (with an escaped parenthesis), a hex string, a comment, an inline
        // image's data, another name that begins the same, and properties other than an MCID.
        XCTAssertNil(rewrite("BT (\\) /Private << /MCID 1 >> BDC) Tj ET"))
        XCTAssertNil(rewrite("BT <2F507269766174653E> Tj ET % /Private << /MCID 1 >> BDC\n"))
        XCTAssertNil(rewrite("BI /W 4 /H 1 /BPC 8 /CS /G ID /Private << /MCID 1 >> BDC\nEI Q"))
        XCTAssertNil(rewrite("/PrivateMore << /MCID 1 >> BDC EMC"))
        XCTAssertNil(rewrite("/Private << /ActualText (x) >> BDC EMC"))
        XCTAssertNil(rewrite("/Private << /MCID 1 >> BDCX EMC"))
    }

    func testContentAfterAnInlineImageIsStillRead() {
        XCTAssertEqual(rewrite("BI /W 1 /H 1 ID \u{1}\u{2} EI /Private <</MCID 1>> BDC EMC"), "BI /W 1 /H 1 ID \u{1}\u{2} EI /Artifact BMC EMC")
    }
}

/// The XMP packet: well-formed whatever the words are.
final class XMPPacketTests: XCTestCase {
    func testWordsAreEscapedAndControlsDropped() throws {
        let packet = XMPPacket(title: "News & <Views> \"Now\"", authors: ["Ann O'Hara"], subject: "Sub\u{1}ject", keywords: ["A&B", "C"],
                               language: "de", created: "2026-11-01T00:00:00Z", creatorTool: "bulletin")
        let xml = packet.xml
        XCTAssertTrue(xml.contains("News &amp; &lt;Views&gt; &quot;Now&quot;"), xml)
        XCTAssertTrue(xml.contains("<rdf:li>A&amp;B</rdf:li><rdf:li>C</rdf:li>"), xml)
        XCTAssertTrue(xml.contains("<rdf:li xml:lang=\"x-default\">Subject</rdf:li>"), xml)
        let parsed = try XMLDocument(data: Data(xml.utf8))
        XCTAssertEqual(try parsed.nodes(forXPath: "//*[local-name()='language']//*[local-name()='li']").first?.stringValue, "de")
    }
}
