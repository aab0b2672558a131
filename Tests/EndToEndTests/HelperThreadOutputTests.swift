import Foundation
import XCTest
import CPango
@testable import BulletinGraphics
@testable import BulletinKit

/// Stories prepared on a second thread, with a Pango context of its own, draw the same PDF,
/// byte for byte: the same widths, the same glyphs, the same fonts (the Chinese story's
/// compact face included), the same warnings.
final class HelperThreadOutputTests: XCTestCase {
    func testASecondThreadMakesTheSameFile() throws {
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for example in ["sample", "alumni-connect"] {
            var files: [Data?] = [], warnings: [[String]] = []
            for helper in [false, true] {
                var options = MakeOptions(issue: Tools.root.appendingPathComponent("examples/\(example)").path,
                                          output: folder + "/\(example)-\(helper).pdf")
                options.helperThread = helper
                let report = try Bulletin.make(options)
                files.append(FileManager.default.contents(atPath: options.output!))
                warnings.append(report.warnings.map(\.description))
            }
            XCTAssertNotNil(files[0])
            XCTAssertEqual(files[0], files[1], example)
            XCTAssertEqual(warnings[0], warnings[1], example)
        }
    }

    /// The fonts are read on another thread while the issue is read; the pictures' text (an
    /// SVG's, set by librsvg through Pango's default font map, which Pango keeps per thread)
    /// is still set with them on the thread that reads the pictures.
    func testFontsReadOnAnotherThreadAreThePicturesFonts() throws {
        let composed = try Bulletin.compose(MakeOptions(issue: Tools.root.appendingPathComponent("examples/sample").path, output: "-"))
        XCTAssertEqual(UnsafeMutableRawPointer(pango_cairo_font_map_get_default()), UnsafeMutableRawPointer(composed.shaper.fonts.fontMap))
    }

    /// The email edition's pictures are scaled down on another thread from the issue's first
    /// distribution on: composed, the issue's pictures are found made. The print edition
    /// keeps its pictures whole and scales none.
    func testPicturesAreScaledDownWhileTheIssueIsFitted() throws {
        var options = MakeOptions(issue: Tools.root.appendingPathComponent("examples/sample").path, output: "-")
        let email = try Bulletin.compose(options)
        XCTAssertEqual(email.images.reducedSizes, 2, "the sample's photograph and chart")
        options.edition = .print
        let print = try Bulletin.compose(options)
        XCTAssertEqual(print.images.reducedSizes, 0)
    }

    /// The words the second thread shaped are taken over by the shaper the renderer asks:
    /// drawing shapes no more than after one thread composed the issue (only what composing
    /// measured otherwise: hyphenated words' parts with the hyphen, letter-spaced text).
    func testDrawingShapesNoWordTheSecondThreadShaped() throws {
        var drawnShapes: [Int] = []
        for helper in [false, true] {
            var options = MakeOptions(issue: Tools.root.appendingPathComponent("examples/sample").path, output: "-")
            options.helperThread = helper
            let composed = try Bulletin.compose(options)
            let shaper = composed.shaper
            let before = shaper.itemsTaken + shaper.itemsMade
            let renderer = CairoRenderer(shaper: shaper, colours: composed.layout.colours, creator: "test", images: composed.images,
                                         links: composed.layout.links, compactFonts: true)
            _ = try renderer.pdfBytes(composed.document)
            drawnShapes.append(shaper.itemsTaken + shaper.itemsMade - before)
        }
        XCTAssertLessThan(drawnShapes[0], 400, "most words are drawn as composing shaped them")
        XCTAssertEqual(drawnShapes[1], drawnShapes[0])
    }
}
