import XCTest
import CCairo
import BulletinModel
import BulletinLayout
@testable import BulletinGraphics

/// Renders small documents to PNG and checks pixels where things should and should not be.
final class RendererTests: XCTestCase {
    nonisolated(unsafe) static let fonts = FontLibrary(folders: [])

    /// Reads a PNG back with cairo; returns the grey level (0 black … 255 white) at a point.
    func grey(_ png: String) throws -> (Int, Int) -> Int {
        let surface = try XCTUnwrap(cairo_image_surface_create_from_png(png))
        XCTAssertEqual(cairo_surface_status(surface), CAIRO_STATUS_SUCCESS)
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = try XCTUnwrap(cairo_image_surface_get_data(surface))
        var pixels = [UInt8](repeating: 255, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                let p = data.advanced(by: y * stride + x * 4)
                pixels[y * width + x] = UInt8((Int(p[0]) + Int(p[1]) + Int(p[2])) / 3)
            }
        }
        cairo_surface_destroy(surface)
        return { x, y in (0..<width).contains(x) && (0..<height).contains(y) ? Int(pixels[y * width + x]) : 255 }
    }

    func testRulesAndTextLandWhereTheLayoutPutsThem() throws {
        let shaper = PangoShaper(fonts: Self.fonts)
        let font = FontSpec(family: "Liberation Sans", size: 20, bold: true)
        let width = shaper.width(of: "Bulletin", font: font, language: "en")
        let text = PlacedText(x: 20, baseline: 60, fragment: Fragment(x: 0, width: width, text: "Bulletin", font: font, colour: "text", language: "en"), kind: .headline)
        let rule = Rule(x0: 10, y0: 80, x1: 190, y1: 80, thickness: 2, colour: .black)
        let document = Document(width: 200, height: 100, pages: [Page(items: [.text(text), .rule(rule)])],
                                metadata: DocumentMetadata(title: "t", author: "a", subject: "s", language: "en", created: "2026-11-01T00:00:00Z"))
        let png = NSTemporaryDirectory() + "render-\(UUID().uuidString).png"
        defer { try? FileManager.default.removeItem(atPath: png) }
        try CairoRenderer(shaper: shaper, colours: Colours(named: ["text": .black]), creator: "test").writePNG(document, page: 0, dpi: 72, to: png)
        let at = try grey(png)
        // The rule: dark along y = 80 from x = 10 to 190, white just above and below it.
        for x in stride(from: 12, through: 188, by: 8) {
            XCTAssertLessThan(at(x, 80), 60, "rule at \(x)")
            XCTAssertGreaterThan(at(x, 76), 240, "above the rule at \(x)")
        }
        // The word: ink between its left edge and its measured width, above the baseline; none
        // left of it, past its end or below the descender line.
        var inkInside = 0, inkOutside = 0
        for y in 40...66 {
            for x in 0..<200 where at(x, y) < 128 {
                if (19...(20 + Int(width.rounded(.up)) + 1)).contains(x) && y <= 61 { inkInside += 1 } else { inkOutside += 1 }
            }
        }
        XCTAssertGreaterThan(inkInside, 150)
        XCTAssertEqual(inkOutside, 0)
    }

    /// The layout's paper colour fills the page of a PNG as of a PDF (`PrintEditionTests` checks
    /// the PDF and its bleed).
    func testThePaperColourFillsThePage() throws {
        let rule = Rule(x0: 10, y0: 80, x1: 190, y1: 80, thickness: 2, colour: .black)
        let document = Document(width: 200, height: 100, pages: [Page(items: [.rule(rule)])],
                                metadata: DocumentMetadata(title: "t", author: "a", subject: "s", language: "en", created: "2026-11-01T00:00:00Z"))
        let png = NSTemporaryDirectory() + "render-\(UUID().uuidString).png"
        defer { try? FileManager.default.removeItem(atPath: png) }
        let grey = try XCTUnwrap(Colour(hex: "#808080"))
        try CairoRenderer(shaper: PangoShaper(fonts: Self.fonts), colours: Colours(named: ["text": .black, "paper": grey]), creator: "test")
            .writePNG(document, page: 0, dpi: 72, to: png)
        let at = try self.grey(png)
        XCTAssertEqual(at(1, 1), 128, accuracy: 2)
        XCTAssertEqual(at(198, 98), 128, accuracy: 2)
        XCTAssertLessThan(at(100, 80), 60, "the rule is drawn over the paper")
    }
}
