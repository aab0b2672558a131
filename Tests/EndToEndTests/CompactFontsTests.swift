import Foundation
import XCTest
@testable import BulletinGraphics
@testable import BulletinKit

/// The email edition's CJK fonts, cut down with HarfBuzz before cairo embeds them: the sample's
/// Chinese story, measured by the font programs' sizes in the PDF (`qpdf --json`), extracted
/// with `pdftotext` and drawn with `pdftoppm`.
final class CompactFontsTests: XCTestCase {
    var folder = ""

    override func setUp() { folder = Tools.temporaryFolder() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    /// The embedded font programs' lengths by font name (subset tag dropped).
    func fontPrograms(_ pdf: String) throws -> [(name: String, bytes: Int)] {
        let result = try Tools.run("qpdf", ["--json=2", "--json-key=qpdf", pdf])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let objects = try XCTUnwrap((json["qpdf"] as? [Any])?.last as? [String: [String: Any]])
        func dictionary(_ object: [String: Any]?) -> [String: Any]? {
            (object?["stream"] as? [String: Any])?["dict"] as? [String: Any] ?? object?["value"] as? [String: Any]
        }
        var fonts: [(String, Int)] = []
        for object in objects.values {
            guard let descriptor = dictionary(object), descriptor["/Type"] as? String == "/FontDescriptor",
                  let name = descriptor["/FontName"] as? String else { continue }
            for key in ["/FontFile", "/FontFile2", "/FontFile3"] {
                guard let reference = descriptor[key] as? String, let stream = dictionary(objects["obj:" + reference]) else { continue }
                var length = stream["/Length"] as? Int
                if let indirect = stream["/Length"] as? String { length = objects["obj:" + indirect]?["value"] as? Int }
                fonts.append((String(name.split(separator: "+").last ?? ""), length ?? 0))
            }
        }
        return fonts
    }

    func make(compact: Bool) throws -> String {
        let pdf = folder + (compact ? "/compact.pdf" : "/full.pdf")
        var options = MakeOptions(issue: Tools.root.appendingPathComponent("examples/sample").path, output: pdf)
        options.compactFonts = compact
        _ = try Bulletin.make(options)
        return pdf
    }

    func testARebuildTakesTheFacesCutDownByTheLastBuild() throws {
        // Two builds of one session (--watch), nothing changed: the second cuts no face down,
        // and writes the same file.
        let session = BuildSession()
        var options = MakeOptions(issue: Tools.root.appendingPathComponent("examples/sample").path, output: folder + "/first.pdf")
        options.session = session
        _ = try Bulletin.make(options)
        let cut = CompactFonts.cutDown
        options.output = folder + "/second.pdf"
        _ = try Bulletin.make(options)
        XCTAssertEqual(CompactFonts.cutDown, cut)
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/first.pdf"), FileManager.default.contents(atPath: folder + "/second.pdf"))
    }

    /// The small faces number their glyphs afresh (HarfBuzz's subsetter is much slower keeping
    /// the large face's numbers), and drawing renumbers the glyphs Pango shaped.
    func testTheSmallFacesNumberTheirGlyphsAfresh() throws {
        let composed = try Bulletin.compose(MakeOptions(issue: Tools.root.appendingPathComponent("examples/sample").path, output: folder + "/x.pdf"))
        let renderer = CairoRenderer(shaper: composed.shaper, colours: composed.layout.colours, creator: "test", images: composed.images,
                                     links: composed.layout.links, compactFonts: true)
        _ = try renderer.pdfBytes(composed.document)
        let faces = try XCTUnwrap(renderer.compactFonts).smallFaces
        XCTAssertFalse(faces.isEmpty)
        for face in faces {
            // The glyphs drawn, .notdef and the few that HarfBuzz keeps with them, not the large
            // face's 65,000.
            XCTAssertGreaterThan(face.glyphs, face.renumbered)
            XCTAssertLessThanOrEqual(face.glyphs, face.renumbered + 10)
        }
    }

    func testCJKFontsAreCutDownAndDrawTheSame() throws {
        let compact = try make(compact: true), full = try make(compact: false)
        let cjk = { (pdf: String) in try self.fontPrograms(pdf).filter { $0.name.contains("CJK") }.reduce(0) { $0 + $1.bytes } }
        let before = try cjk(full), after = try cjk(compact)
        XCTAssertGreaterThan(before, 400_000, "cairo embeds Noto Serif CJK's subroutines whole")
        XCTAssertLessThan(after, 100_000, "cut down to the glyphs drawn: \(after) bytes")
        // The size report reads the font programs out of cairo's own output (before the
        // finishing pass packs its objects): the same programs, of the same lengths, as qpdf
        // finds in the finished file.
        for (pdf, compactFonts) in [(compact, true), (full, false)] {
            var expected: [String: Int] = [:]
            for font in try fontPrograms(pdf) { expected["the font " + font.name, default: 0] += font.bytes }
            let composed = try Bulletin.compose(MakeOptions(issue: Tools.root.appendingPathComponent("examples/sample").path, output: pdf))
            let renderer = CairoRenderer(shaper: composed.shaper, colours: composed.layout.colours, creator: "test", images: composed.images,
                                         links: composed.layout.links, compactFonts: compactFonts)
            _ = try renderer.pdfBytes(composed.document)
            let measured = Bulletin.fontPrograms(in: Data(renderer.cairoOutput.bytes))
            XCTAssertEqual(Dictionary(uniqueKeysWithValues: measured.map { ($0.name, $0.bytes) }), expected)
        }
        // The Latin fonts are left to cairo.
        XCTAssertEqual(try fontPrograms(compact).filter { !$0.name.contains("CJK") }.map(\.bytes).sorted(),
                       try fontPrograms(full).filter { !$0.name.contains("CJK") }.map(\.bytes).sorted())

        // The same text, and the same pixels, on the page of the Chinese story.
        let title = "明月寄乡情"
        let page = try (1...6).first { try Tools.run("pdftotext", ["-f", "\($0)", "-l", "\($0)", compact, "-"]).stdout.contains(title) }
        let number = try XCTUnwrap(page, "the Chinese title is not in the compact PDF's text")
        XCTAssertEqual(try Tools.run("pdftotext", ["-f", "\(number)", "-l", "\(number)", compact, "-"]).stdout,
                       try Tools.run("pdftotext", ["-f", "\(number)", "-l", "\(number)", full, "-"]).stdout)
        for (pdf, name) in [(compact, "compact"), (full, "full")] {
            let drawn = try Tools.run("pdftoppm", ["-f", "\(number)", "-l", "\(number)", "-r", "100", "-singlefile", "-png", pdf, folder + "/" + name])
            XCTAssertEqual(drawn.status, 0, drawn.stderr)
        }
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/compact.png"), FileManager.default.contents(atPath: folder + "/full.png"),
                       "the cut-down fonts draw the page pixel for pixel as the full ones")
    }
}
