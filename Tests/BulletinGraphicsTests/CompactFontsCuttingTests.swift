import XCTest
import CCairo
import CHarfBuzz
import BulletinLayout
@testable import BulletinGraphics

/// The email edition's large CJK faces are cut down on another thread while the pages are
/// drawn: drawing waits for that work only at the first glyph drawn in one of those faces.
final class CompactFontsCuttingTests: XCTestCase {
    func testDrawingWaitsForTheCuttingOnlyAtAFaceBeingCut() throws {
        let shaper = PangoShaper(fonts: FontLibrary(folders: []))
        let chinese = try XCTUnwrap(shaper.shaped("中秋节快乐", font: FontSpec(family: "Noto Serif CJK SC", size: 10), language: "zh"))
        let latin = try XCTUnwrap(shaper.shaped("Harbour", font: FontSpec(family: "Liberation Serif", size: 10), language: "en"))
        let large = try XCTUnwrap(chinese.scaledFont), small = try XCTUnwrap(latin.scaledFont)
        var run = GlyphRun()
        XCTAssertTrue(run.append(chinese, x: 0, tracking: 0))
        let fonts = CompactFonts()
        fonts.prepare([large: Set(run.glyphs.map { UInt32($0.index) })])
        XCTAssertTrue(fonts.isCutting)
        // Latin text, in a face that is not cut down, is drawn without waiting.
        XCTAssertEqual(fonts.font(for: small, glyphs: []).font, small)
        XCTAssertTrue(fonts.isCutting)
        // The first Chinese glyphs take the small face, once it is made.
        let drawn = fonts.font(for: large, glyphs: run.glyphs)
        XCTAssertFalse(fonts.isCutting)
        XCTAssertNotEqual(drawn.font, large)
        XCTAssertEqual(drawn.glyphs.count, run.glyphs.count)
        XCTAssertNotEqual(drawn.glyphs.map(\.index), run.glyphs.map(\.index), "the small face numbers its glyphs afresh")
        // Cut down without its character map (reading it was most of HarfBuzz's time): glyphs
        // are drawn by number, their text comes from the runs.
        let face = try XCTUnwrap(cairo_ft_scaled_font_lock_face(drawn.font))
        defer { cairo_ft_scaled_font_unlock_face(drawn.font) }
        XCTAssertEqual(face.pointee.num_charmaps, 0)
        XCTAssertEqual(Int(face.pointee.num_glyphs), Set(run.glyphs.map(\.index)).count + 1, "the glyphs drawn and .notdef")
    }
}
