import XCTest
import CCairo
import CHarfBuzz
import BulletinModel
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

    /// The glyphs gathered for cutting down: a word of printable ASCII whose font's first
    /// font is not cut down is passed over without a look at its shape; the same letters in a
    /// font whose first font is the large CJK face (Chinese text's, which puts it first) are
    /// gathered.
    func testASCIIWordsAreGatheredWhereTheirFirstFontIsCutDown() throws {
        let fonts = FontLibrary(folders: [])
        let shaper = PangoShaper(fonts: fonts)
        let renderer = CairoRenderer(shaper: shaper, colours: Colours(named: [:]), creator: "test", compactFonts: true)
        let latinFirst = FontSpec(family: "Liberation Serif, Noto Serif CJK SC", size: 10)
        let cjkFirst = FontSpec(family: "Noto Serif CJK SC, Liberation Serif", size: 10)
        func text(_ words: String, _ font: FontSpec, _ language: String, _ y: Double) -> PageItem {
            .text(PlacedText(x: 0, baseline: y, fragment: Fragment(x: 0, width: 40, text: words, font: font, colour: "text", language: language),
                             kind: .body, story: 0))
        }
        let document = Document(width: 200, height: 200, pages: [Page(items: [
            text("Harbour", latinFirst, "en", 10), text("ABC", cjkFirst, "zh", 20), text("中秋", cjkFirst, "zh", 30),
        ])], metadata: DocumentMetadata(title: "t", author: "a", subject: "s", language: "en", created: ""))
        let gathered = renderer.glyphsByFont(document)
        let large = try XCTUnwrap(shaper.shaped("中秋", font: cjkFirst, language: "zh")?.scaledFont)
        let letters = try XCTUnwrap(shaper.shaped("ABC", font: cjkFirst, language: "zh"))
        XCTAssertEqual(letters.scaledFont, large, "Latin letters in the CJK face where it comes first")
        var run = GlyphRun()
        XCTAssertTrue(run.append(letters, x: 0, tracking: 0))
        XCTAssertTrue(Set(run.glyphs.map { UInt32($0.index) }).isSubset(of: gathered[large] ?? []), "A, B and C gathered")
        XCTAssertEqual(gathered.count, 1, "nothing in Liberation Serif: \(gathered)")
        XCTAssertNotNil(shaper.asciiFont(of: latinFirst, language: "en"))
        XCTAssertFalse(CompactFonts.isCandidate(try XCTUnwrap(shaper.asciiFont(of: latinFirst, language: "en"))))
        XCTAssertTrue(CompactFonts.isCandidate(try XCTUnwrap(shaper.asciiFont(of: cjkFirst, language: "zh"))))
    }
}
