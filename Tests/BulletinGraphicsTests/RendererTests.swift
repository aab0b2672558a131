import XCTest
import CCairo
import CWholeStreams
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

    // MARK: - Links and structure

    /// Two words of one link on one line, and an unlinked word after them.
    func linkDocument(_ shaper: PangoShaper) -> Document {
        let font = FontSpec(family: "Liberation Sans", size: 20)
        var x = 10.0
        var items: [PageItem] = []
        for (word, link) in [("read", "https://example.edu"), ("more", "https://example.edu"), ("here", nil)] {
            let width = shaper.width(of: word, font: font, language: "en")
            items.append(.text(PlacedText(x: x, baseline: 40, fragment: Fragment(x: 0, width: width, text: word, font: font, colour: "text",
                                                                             link: link, language: "en"), kind: .body, story: 0, block: 0)))
            x += width + 6
        }
        return Document(width: 200, height: 60, pages: [Page(items: items)],
                        metadata: DocumentMetadata(title: "t", author: "a", subject: "s", language: "en", created: "2026-11-01T00:00:00Z"))
    }

    /// Struck words (`~~Friday~~`) have a line through them at the middle of their lower-case
    /// letters, on through the space between two struck words; a word not struck has none.
    func testStruckWordsHaveALineThroughThem() throws {
        let shaper = PangoShaper(fonts: Self.fonts)
        let font = FontSpec(family: "Liberation Serif", size: 20)
        var x = 10.0
        var items: [PageItem] = []
        for (word, struck) in [("Friday", true), ("14", true), ("Saturday", false)] {
            let width = shaper.width(of: word, font: font, language: "en")
            var fragment = Fragment(x: 0, width: width, text: word, font: font, colour: "text", language: "en")
            fragment.struck = struck
            items.append(.text(PlacedText(x: x, baseline: 40, fragment: fragment, kind: .body)))
            x += width + 6
        }
        let document = Document(width: 240, height: 60, pages: [Page(items: items)],
                                metadata: DocumentMetadata(title: "t", author: "a", subject: "s", language: "en", created: "2026-11-01T00:00:00Z"))
        let png = NSTemporaryDirectory() + "render-\(UUID().uuidString).png"
        defer { try? FileManager.default.removeItem(atPath: png) }
        try CairoRenderer(shaper: shaper, colours: Colours(named: ["text": .black]), creator: "test").writePNG(document, page: 0, dpi: 72, to: png)
        let at = try grey(png)
        guard case .text(let friday) = items[0], case .text(let number) = items[1], case .text(let saturday) = items[2] else { return XCTFail() }
        // The line: 0.27 em above the baseline, 1.1 pt thick; dark from "Friday" through "14",
        // the space between them included.
        let y = Int((40 - 20 * 0.27).rounded(.down))
        func dark(from start: Double, to end: Double) -> Double {
            let xs = Array(Int(start.rounded(.up)) + 1..<Int(end.rounded(.down)) - 1)
            return Double(xs.filter { min(at($0, y), at($0, y + 1)) < 128 }.count) / Double(xs.count)
        }
        XCTAssertEqual(dark(from: friday.x, to: number.x + number.fragment.width), 1, accuracy: 0.001)
        // Through "Saturday" the same row crosses its letters only.
        XCTAssertLessThan(dark(from: saturday.x, to: saturday.x + saturday.fragment.width), 0.7)
        // Nothing struck past "14" into the space before "Saturday".
        XCTAssertEqual(dark(from: number.x + number.fragment.width + 1, to: saturday.x - 1), 0)
    }

    func testLinksTakeTheLayoutsColourAndUnderline() throws {
        let shaper = PangoShaper(fonts: Self.fonts)
        let document = linkDocument(shaper)
        let png = NSTemporaryDirectory() + "render-\(UUID().uuidString).png"
        defer { try? FileManager.default.removeItem(atPath: png) }
        let colours = Colours(named: ["text": .black, "accent": Colour(red: 1, green: 0, blue: 0)])
        try CairoRenderer(shaper: shaper, colours: colours, creator: "test", links: LinkStyleSpec(colour: "accent", underline: 2))
            .writePNG(document, page: 0, dpi: 72, to: png)
        let surface = try XCTUnwrap(cairo_image_surface_create_from_png(png))
        defer { cairo_surface_destroy(surface) }
        let rowBytes = Int(cairo_image_surface_get_stride(surface))
        let data = try XCTUnwrap(cairo_image_surface_get_data(surface))
        func rgb(_ x: Int, _ y: Int) -> (r: Int, g: Int, b: Int) {
            let p = data.advanced(by: y * rowBytes + x * 4)
            return (Int(p[2]), Int(p[1]), Int(p[0]))
        }
        guard case .text(let more) = document.pages[0].items[1], case .text(let here) = document.pages[0].items[2] else { return XCTFail() }
        // Underlined in red, 0.12 em below the baseline, from "read" to the end of "more" and
        // across the space between them; not under "here".
        let underline = Int((40 + 20 * 0.12 + 1).rounded(.down))
        for x in stride(from: 12, through: Int(more.x + more.fragment.width) - 2, by: 4) {
            let c = rgb(x, underline)
            XCTAssertTrue(c.r > 200 && c.g < 60, "underline at \(x): \(c)")
        }
        for x in stride(from: Int(here.x) + 2, to: Int(here.x + here.fragment.width) - 2, by: 4) {
            XCTAssertEqual(rgb(x, underline).g, 255, "under \"here\" at \(x)")
        }
        // The linked words are red, the other one black.
        var red = 0, black = 0
        for y in 22...40 {
            for x in 10..<Int(more.x + more.fragment.width) where rgb(x, y).r > 200 && rgb(x, y).g < 60 { red += 1 }
            for x in Int(here.x)..<Int(here.x + here.fragment.width) where rgb(x, y).r < 60 { black += 1 }
        }
        XCTAssertGreaterThan(red, 100)
        XCTAssertGreaterThan(black, 50)
    }

    func testTheRendererKeepsEachArticlesLanguageAndEachFiguresAltText() throws {
        let shaper = PangoShaper(fonts: Self.fonts)
        var document = linkDocument(shaper)
        var german = document.pages[0]
        for i in german.items.indices {
            if case .text(var text) = german.items[i] {
                text.story = 1
                text.fragment.language = "de"
                german.items[i] = .text(text)
            }
        }
        document.pages.append(german)
        let pdf = NSTemporaryDirectory() + "render-\(UUID().uuidString).pdf"
        defer { try? FileManager.default.removeItem(atPath: pdf) }
        let renderer = CairoRenderer(shaper: shaper, colours: Colours(named: ["text": .black]), creator: "test")
        try renderer.writePDF(document, to: pdf)
        XCTAssertEqual(renderer.structureNotes.articleLanguages, ["en", "de"])
        XCTAssertEqual(renderer.structureNotes.articleStories, [0, 1])
        XCTAssertEqual(renderer.structureNotes.figureAlts, [])
    }

    /// The fonts cairo embeds as the renderer finishes its PDF are compressed whole
    /// (Sources/CWholeStreams), and the PDF has them, embedded, and its text.
    func testTheFontsAreCompressedWholeAsTheRendererFinishes() throws {
        let shaper = PangoShaper(fonts: Self.fonts)
        let pdf = NSTemporaryDirectory() + "render-\(UUID().uuidString).pdf"
        defer { try? FileManager.default.removeItem(atPath: pdf) }
        let before = bulletin_streams_made_whole("libcairo.so")
        try CairoRenderer(shaper: shaper, colours: Colours(named: ["text": .black]), creator: "test").writePDF(linkDocument(shaper), to: pdf)
        // The font's file.
        XCTAssertGreaterThanOrEqual(bulletin_streams_made_whole("libcairo.so") - before, 1)
        let fonts = String(decoding: try PDFImages.output("pdffonts", [pdf]).data, as: UTF8.self)
        XCTAssertTrue(fonts.contains("LiberationSans"), fonts)
        XCTAssertFalse(fonts.split(separator: "\n").dropFirst(2).contains { $0.split(separator: " ").dropLast(4).last != "yes" }, fonts)
        let text = String(decoding: try PDFImages.output("pdftotext", [pdf, "-"]).data, as: UTF8.self)
        XCTAssertEqual(text.split(whereSeparator: \.isWhitespace), ["read", "more", "here"])
    }

    func testListTextSitsInItsItemsLBodyAndItsMarkerInItsLbl() {
        let outer = ListPlace.Item(list: 3, item: 3), inner = ListPlace.Item(list: 5, item: 5)
        func path(_ kind: TextKind, _ place: ListPlace?) -> [String] {
            var fragment = Fragment(x: 0, width: 10, text: "x", font: FontSpec(family: "Liberation Serif", size: 9), colour: "text", language: "en")
            fragment.list = place
            return StructureTags.path(for: PlacedText(x: 0, baseline: 0, fragment: fragment, kind: kind, story: 2, block: 5)).map(\.name)
        }
        XCTAssertEqual(path(.listItem, ListPlace(items: [outer, inner], isLabel: true)), ["Art", "L", "LI", "LBody", "L", "LI", "Lbl"])
        XCTAssertEqual(path(.listItem, ListPlace(items: [outer, inner])), ["Art", "L", "LI", "LBody", "L", "LI", "LBody", "P"])
        XCTAssertEqual(path(.body, nil), ["Art", "P"])
        // Page furniture stands in no element: not in the reading order.
        XCTAssertEqual(path(.runningHead, nil), [])
        XCTAssertEqual(path(.footer, nil), [])
    }

    func testTableTextSitsInItsRowsHeaderOrDataCell() {
        func path(_ place: TablePlace, linked: Bool = false) -> [StructureTags.Tag] {
            var fragment = Fragment(x: 0, width: 10, text: "x", font: FontSpec(family: "Liberation Serif", size: 9), colour: "text", language: "en")
            fragment.table = place
            return StructureTags.path(for: PlacedText(x: 0, baseline: 0, fragment: fragment, kind: .tableCell, story: 2, block: 9), inLinkedBlock: linked)
        }
        let header = path(TablePlace(table: 7, row: 0, cell: 1))
        XCTAssertEqual(header.map(\.name), ["Art", "Table", "TR", "TH"])
        let data = path(TablePlace(table: 7, row: 2, cell: 1))
        XCTAssertEqual(data.map(\.name), ["Art", "Table", "TR", "TD"])
        guard header.count == 4, data.count == 4 else { return }
        // One Table for both; a TR each; the cells of a row apart.
        XCTAssertEqual(header[1], data[1])
        XCTAssertNotEqual(header[2], data[2])
        XCTAssertNotEqual(data[3], path(TablePlace(table: 7, row: 2, cell: 0))[3])
        // Beside a link in its cell, a Span, as in a paragraph.
        XCTAssertEqual(path(TablePlace(table: 7, row: 2, cell: 1), linked: true).map(\.name), ["Art", "Table", "TR", "TD", "Span"])
    }
}
