import XCTest
import CGlyphLoadCounting
import BulletinModel
import BulletinLayout
@testable import BulletinGraphics

/// Cairo loads a glyph from FreeType the first time a scaled font draws it, and a line set with
/// an expansion scale draws through a scaled font of that scale. `GlyphsAhead` loads a page's
/// glyphs on another thread first, into the very scaled fonts drawing then uses, so that the
/// drawing thread finds them loaded (and, for the PDF's font subsets, their outlines and their
/// advances at size 1).
final class GlyphsAheadTests: XCTestCase {
    nonisolated(unsafe) static let fonts = FontLibrary(folders: [])

    private func page(scales: [Double]) -> Page {
        let chinese = FontSpec(family: "Noto Serif CJK SC", size: 10), latin = FontSpec(family: "Liberation Serif", size: 10)
        var items: [PageItem] = []
        // Each line with characters of its own besides those it shares with the others.
        let words = ["中秋节快乐国际办公室欢迎新同学", "中秋节快乐海港楼图书馆", "中秋节快乐学生会春季"]
        for (line, scale) in scales.enumerated() {
            let y = 20 + Double(line) * 30
            items.append(.text(PlacedText(x: 10, baseline: y, fragment: Fragment(x: 0, width: 100, text: words[line % words.count],
                                                                                  font: chinese, colour: "text", language: "zh", scale: scale),
                                          kind: .body, story: 0)))
            items.append(.text(PlacedText(x: 10, baseline: y + 12, fragment: Fragment(x: 0, width: 100, text: "Harbour",
                                                                                       font: latin, colour: "text", language: "en", scale: scale),
                                          kind: .body, story: 0)))
        }
        return Page(items: items)
    }

    /// The loads on this thread while `renderer` writes a PDF of `page`, the glyphs loaded
    /// ahead by the renderer's own thread or not.
    private func loadsWhileDrawing(_ page: Page, shaper: PangoShaper, ahead: Bool) throws -> UInt {
        let document = Document(width: 300, height: 300, pages: [page],
                                metadata: DocumentMetadata(title: "t", author: "a", subject: "s", language: "en", created: ""))
        var renderer = CairoRenderer(shaper: shaper, colours: Colours(named: ["text": .black]), creator: "test")
        renderer.loadsGlyphsAhead = ahead
        let pdf = NSTemporaryDirectory() + "glyphs-ahead-\(UUID().uuidString).pdf"
        defer { try? FileManager.default.removeItem(atPath: pdf) }
        let before = bulletin_glyph_loads_on_this_thread()
        try renderer.writePDF(document, to: pdf)
        return bulletin_glyph_loads_on_this_thread() - before
    }

    func testTheDrawingThreadFindsAPagesGlyphsLoadedAtTheirScales() throws {
        let shaper = PangoShaper(fonts: Self.fonts)
        // The third line's scale is the first's again, after another: its new characters are
        // read at its own scale.
        let warmed = page(scales: [1.02, 0.98, 1.02])
        for case .text(let text) in warmed.items {
            XCTAssertNotNil(shaper.shaped(text.fragment.text, font: text.fragment.font, language: text.fragment.language))
        }
        let runs = CairoRenderer.runs(of: warmed, shapes: shaper.shapeLookup(), actualText: true)
        shaper.endShapeLookup()
        XCTAssertEqual(runs.count, 6)
        let ahead = try XCTUnwrap(GlyphsAhead(compact: nil))
        let handed = Handed((ahead, runs, warmed))
        let loadedThere = BackgroundWork { () -> UInt in
            handed.value.0.load(handed.value.1, of: handed.value.2)
            return bulletin_glyph_loads_on_this_thread()
        }.wait()
        XCTAssertGreaterThan(loadedThere, 0)
        // Drawn here (the renderer's own loading ahead off): nothing left to load.
        XCTAssertEqual(try loadsWhileDrawing(warmed, shaper: shaper, ahead: false), 0)
        // Lines at a scale not loaded ahead are loaded by the drawing thread: the count can tell.
        XCTAssertGreaterThan(try loadsWhileDrawing(page(scales: [1.03]), shaper: shaper, ahead: false), 10)
        withExtendedLifetime(ahead) {}
    }
}
