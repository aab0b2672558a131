import XCTest
import CCairo
import CZlib
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

    /// Streams are rewritten on several threads and handed to qpdf Flate-compressed: each
    /// decompresses to its own rewrite, in its place; one without furniture is left alone.
    func testStreamsAreRewrittenAndCompressedInTheirPlaces() throws {
        let contents = (0..<40).map { index in
            index % 3 == 0 ? "BT (no furniture \(index)) Tj ET" : "/Private << /MCID \(index) >> BDC 0 0 m \(index) \(index) l S EMC"
        }.map { Array($0.utf8) }
        let results = ArtifactMarking.rewritten(contents)
        XCTAssertEqual(results.count, contents.count)
        for (content, result) in zip(contents, results) {
            guard let expected = ArtifactMarking.unmarkArtifacts(content) else {
                XCTAssertNil(result)
                continue
            }
            let compressed = try XCTUnwrap(result)
            var length = uLong(expected.count + 64)
            var inflated = [UInt8](repeating: 0, count: Int(length))
            XCTAssertEqual(uncompress(&inflated, &length, compressed, uLong(compressed.count)), Z_OK)
            XCTAssertEqual(Array(inflated.prefix(Int(length))), expected)
        }
    }

    /// Every page's compressed stream is held until all are handed to qpdf: each takes the
    /// room of its compressed bytes, not of the stream uncompressed.
    func testACompressedStreamTakesTheRoomOfItsBytes() throws {
        let page = Array(String(repeating: "/Private << /MCID 1 >> BDC 0 0 m 10 10 l S EMC\n", count: 4000).utf8)
        let compressed = try XCTUnwrap(ArtifactMarking.rewritten([page])[0])
        XCTAssertLessThan(compressed.count, page.count / 50)
        XCTAssertLessThan(compressed.capacity, compressed.count * 2 + 64)
    }

    /// The pages' content goes into the PDF at least as small as zlib's default level makes
    /// it (the level qpdf compresses at), though compressed by libdeflate, which is faster.
    func testContentIsCompressedAsSmallAsZlibsDefaultLevel() throws {
        // A page's text as cairo writes it: glyph strings with positions, words marked.
        var content = ""
        for line in 0..<700 {
            content += "/P << /MCID \(line) >> BDC BT /f-0-0 1 Tf 9.5 0 0 9.5 \(36 + line % 3 * 180) \(760 - line % 60 * 12) Tm [<00\(String(line % 97, radix: 16))2a>-\(line % 13)<0031003f0052\(String(line % 89, radix: 16))>]TJ ET EMC\n"
        }
        let page = Array(content.utf8)
        let compressed = try XCTUnwrap(ArtifactMarking.deflated(page))
        var zlibLength = compressBound(uLong(page.count))
        var zlib = [UInt8](repeating: 0, count: Int(zlibLength))
        XCTAssertEqual(compress2(&zlib, &zlibLength, page, uLong(page.count), Z_DEFAULT_COMPRESSION), Z_OK)
        XCTAssertLessThanOrEqual(compressed.count, Int(zlibLength))
        var length = uLong(page.count + 64)
        var inflated = [UInt8](repeating: 0, count: Int(length))
        XCTAssertEqual(uncompress(&inflated, &length, compressed, uLong(compressed.count)), Z_OK)
        XCTAssertEqual(Array(inflated.prefix(Int(length))), page)
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

/// A line-end hyphen's actual text: the letters keep their glyphs, U+00AD takes the hyphen's.
final class ActualTextClusterTests: XCTestCase {
    func run(_ text: String) -> GlyphRun {
        var run = GlyphRun()
        run.utf8 = Array(text.utf8CString.dropLast())
        run.glyphs = text.unicodeScalars.enumerated().map { cairo_glyph_t(index: UInt($0.offset + 1), x: Double($0.offset) * 5, y: 0) }
        run.clusters = text.unicodeScalars.map { cairo_text_cluster_t(num_bytes: Int32(String($0).utf8.count), num_glyphs: 1) }
        return run
    }

    func testTheSharedLettersKeepTheirClusters() {
        var hyphenated = run("stud-")
        hyphenated.replaceText(with: "stud\u{00AD}")
        XCTAssertEqual(hyphenated.clusters.map(\.num_bytes), [1, 1, 1, 1, 2])
        XCTAssertEqual(hyphenated.clusters.map(\.num_glyphs), [1, 1, 1, 1, 1])
        XCTAssertEqual(String(decoding: hyphenated.utf8.map { UInt8(bitPattern: $0) }, as: UTF8.self), "stud\u{00AD}")
        // Nothing in common: one cluster for all.
        var other = run("ab")
        other.replaceText(with: "xyz")
        XCTAssertEqual(other.clusters.map(\.num_bytes), [3])
        XCTAssertEqual(other.clusters.map(\.num_glyphs), [2])
        // The text drawn is all of the actual text's start: the last glyph still takes the rest.
        var longer = run("ab")
        longer.replaceText(with: "abc")
        XCTAssertEqual(longer.clusters.map(\.num_bytes), [1, 2])
        XCTAssertEqual(longer.clusters.map(\.num_glyphs), [1, 1])
    }
}
