import XCTest
import Foundation
import CCairo
import CCairoNumbers

/// The numbers cairo writes into a PDF are formatted by bulletin (Sources/CCairoNumbers) to the
/// bytes glibc's snprintf gives.
final class CairoNumbersTests: XCTestCase {
    /// A small generator with a seed, so that a failure can be had again.
    struct Numbers: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
    }

    func glibc(_ value: Double, _ precision: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        _ = withVaList([precision, value]) { vsnprintf(&buffer, buffer.count, "%.*f", $0) }
        return String(cString: buffer)
    }

    func ours(_ value: Double, _ precision: Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: 64)
        return bulletin_format_fixed(value, precision, &buffer) < 0 ? nil : String(cString: buffer)
    }

    func testFixedPointNumbersAreGlibcsToTheLastDigit() {
        var numbers = Numbers(state: 0x9E37_79B9_7F4A_7C15)
        var values: [Double] = [0, -0.0, 1, -1, 0.5, 1.5, 2.5, -2.5, 0.1, 0.05, 0.0078125, -0.0078125, 1e-7, 5e-7, 4.9999999e-7,
                                123456.5, 0.0000005, 0.00000049, 9.2e18, -9.2e18, 0x1p62, Double.leastNonzeroMagnitude,
                                Double.leastNormalMagnitude, 595.27559055118, 841.88976377953, 0.999_999_5, 9.999_999_5]
        for _ in 0..<4_000 {
            // Coordinates and widths as a page has them, small numbers, and any number at all.
            values.append(Double(Int64(bitPattern: numbers.next()) % 2_000_000) / 1000)
            values.append(Double.random(in: -0.1...0.1, using: &numbers))
            values.append(Double.random(in: -1e-6...1e-6, using: &numbers))
            values.append(Double(bitPattern: numbers.next() & ~(UInt64(0x7ff) << 52) | UInt64(Int.random(in: 900...1085, using: &numbers)) << 52))
            // Ties: a whole number of 2^-k, which a decimal expansion ends exactly halfway.
            values.append(Double(Int.random(in: -100_000...100_000, using: &numbers)) / Double(1 << Int.random(in: 1...30, using: &numbers)))
        }
        var compared = 0
        for value in values {
            for precision in Int32(0)...18 {
                guard let formatted = ours(value, precision) else {
                    XCTAssertGreaterThanOrEqual(value.magnitude, 0x1p63, "\(value) left to glibc")
                    continue
                }
                XCTAssertEqual(formatted, glibc(value, precision), "\(value) to \(precision) places")
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 300_000)
        XCTAssertNil(ours(.infinity, 6))
        XCTAssertNil(ours(.nan, 6))
        XCTAssertNil(ours(1e19, 6))
        XCTAssertNil(ours(1, 19))
    }

    /// A page of cairo's with numbers of every kind (a path's coordinates, text at fractional
    /// positions, a font's widths), its numbers formatted here or by glibc (nil: as the
    /// process has it, which is here).
    func cairoPDF(ours: Bool?) throws -> (pdf: [UInt8], formatted: UInt) {
        let path = NSTemporaryDirectory() + "cairo-numbers-\(UUID().uuidString).pdf"
        defer { try? FileManager.default.removeItem(atPath: path) }
        if let ours { bulletin_cairo_numbers_taken_over(ours ? 1 : 0) }
        defer { if ours != nil { bulletin_cairo_numbers_taken_over(1) } }
        let before = bulletin_cairo_numbers_formatted()
        let surface = try XCTUnwrap(cairo_pdf_surface_create(path, 595.27559, 841.88976))
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2026-12-01T00:00:00Z")
        let cr = try XCTUnwrap(cairo_create(surface))
        var numbers = Numbers(state: 42)
        for _ in 0..<200 {
            cairo_move_to(cr, Double.random(in: 0...595, using: &numbers), Double.random(in: 0...842, using: &numbers))
            cairo_curve_to(cr, Double.random(in: -0.09...0.09, using: &numbers), 1 / 128.0, 300.0078125, -2.5e-7, 17.33333, 0.5)
        }
        cairo_set_line_width(cr, 0.0625)
        cairo_stroke(cr)
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        for size in [7.25, 9.5, 11.0078125] {
            cairo_set_font_size(cr, size)
            cairo_move_to(cr, 36.123456789, size * 20.0001)
            cairo_show_text(cr, "Numbers 0.5, 1/128 and ÆØÅ")
        }
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        XCTAssertEqual(cairo_surface_status(surface), CAIRO_STATUS_SUCCESS)
        cairo_surface_destroy(surface)
        return ([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), bulletin_cairo_numbers_formatted() - before)
    }

    func testCairosPDFHasTheBytesGlibcGives() throws {
        // As every PDF the process writes has it (first: the switch below sets it again after).
        let (formattedHere, formatted) = try cairoPDF(ours: nil)
        let (glibcs, none) = try cairoPDF(ours: false)
        XCTAssertEqual(none, 0, "glibc's alone when switched off")
        XCTAssertGreaterThan(formatted, 1_000, "cairo's numbers formatted here")
        let first = (0..<min(formattedHere.count, glibcs.count)).first { formattedHere[$0] != glibcs[$0] } ?? min(formattedHere.count, glibcs.count)
        XCTAssertTrue(formattedHere == glibcs, "the PDFs differ from byte \(first) of \(glibcs.count)")
    }
}
