import XCTest
import Foundation
import CCairo
import CFontconfig
import CHarfBuzz
import CFontsetMatching

/// Cairo keeps at most ten FreeType faces open and closes one no thread holds to open another,
/// deciding so without the face's lock: a face it closes is set aside, whole, until no thread
/// draws (Sources/CFontsetMatching/face_closing.c).
final class FaceClosingTests: XCTestCase {
    func testFacesCairoClosesAreSetAsideUntilNoThreadDraws() throws {
        let folders = ["/usr/share/fonts/truetype/liberation", "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/freefont"]
        let files = folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".ttf") }.sorted().map { folder + "/" + $0 }
        }
        XCTAssertGreaterThan(files.count, 14, "fonts-liberation, fonts-dejavu and fonts-freefont-ttf")
        let before = bulletin_ft_faces_set_aside()
        var matrix = cairo_matrix_t(), identity = cairo_matrix_t()
        cairo_matrix_init_identity(&identity)
        let options = cairo_font_options_create()
        defer { cairo_font_options_destroy(options) }
        var faces: [OpaquePointer] = []
        defer { faces.forEach { cairo_font_face_destroy($0) } }
        // Each file's face asked for a glyph at two sizes, one after the other: the eleventh
        // face opened closes one of the first ten.
        for size in [11.0, 13.0] {
            cairo_matrix_init_scale(&matrix, size, size)
            for file in files {
                let pattern = try XCTUnwrap(FcPatternCreate())
                defer { FcPatternDestroy(pattern) }
                _ = file.withCString { FcPatternAddString(pattern, FC_FILE, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) }
                _ = FcPatternAddInteger(pattern, FC_INDEX, 0)
                let face = try XCTUnwrap(cairo_ft_font_face_create_for_pattern(pattern))
                if size == 11 { faces.append(face) } else { cairo_font_face_destroy(face) }
                let scaled = try XCTUnwrap(cairo_scaled_font_create(face, &matrix, &identity, options))
                defer { cairo_scaled_font_destroy(scaled) }
                var glyph = cairo_glyph_t(index: 36, x: 0, y: 0)
                var extents = cairo_text_extents_t()
                cairo_scaled_font_glyph_extents(scaled, &glyph, 1, &extents)
                XCTAssertEqual(cairo_scaled_font_status(scaled), CAIRO_STATUS_SUCCESS, file)
                XCTAssertGreaterThan(extents.width, 0, file)
            }
        }
        XCTAssertGreaterThanOrEqual(bulletin_ft_faces_set_aside() - before, UInt(files.count - 10))
        bulletin_ft_faces_let_go()
    }
}
