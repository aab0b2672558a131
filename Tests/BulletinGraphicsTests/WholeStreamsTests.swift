import XCTest
import Foundation
import CCairo
import CWholeStreams
import CZlib
import CLibraryLoader
@testable import BulletinGraphics

/// Cairo's and qpdf's Flate streams compressed whole by libdeflate (Sources/CWholeStreams): the
/// same data as zlib's, in the same format, no larger, and only while a thread has asked for it.
/// (qpdf's: `PDFFinishingTests.testObjectStreamsAreCompressedWholeAndReadBack`.)
final class WholeStreamsTests: XCTestCase {
    /// A PDF cairo writes with text in DejaVu Sans (one font to embed, with its ToUnicode map),
    /// its streams compressed whole or by zlib.
    func cairoPDF(whole: Bool) throws -> [UInt8] {
        let path = NSTemporaryDirectory() + "cairo-streams-\(UUID().uuidString).pdf"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let surface = try XCTUnwrap(cairo_pdf_surface_create(path, 300, 100))
        let cr = try XCTUnwrap(cairo_create(surface))
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, 14)
        cairo_move_to(cr, 10, 40)
        cairo_show_text(cr, "Whole streams, quickly packed: 0123456789 ÆØÅ äöü")
        cairo_destroy(cr)
        bulletin_streams_whole(whole ? 1 : 0)
        cairo_surface_finish(surface)
        bulletin_streams_whole(0)
        XCTAssertEqual(cairo_surface_status(surface), CAIRO_STATUS_SUCCESS)
        cairo_surface_destroy(surface)
        return try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The data of each Flate stream in a PDF cairo wrote (its dictionaries and streams are
    /// written plainly, each stream's data between "stream\n" and "\nendstream").
    func flateStreams(_ pdf: [UInt8]) -> [[UInt8]] {
        var streams: [[UInt8]] = []
        var searchFrom = pdf.startIndex
        let start = Array("stream\n".utf8), end = Array("\nendstream".utf8)
        while let open = find(start, in: pdf, from: searchFrom) {
            let dataStart = open + start.count
            guard let close = find(end, in: pdf, from: dataStart) else { break }
            // The dictionary before: from the last "obj" before the stream.
            let before = String(decoding: pdf[max(0, open - 300)..<open], as: UTF8.self)
            if before.components(separatedBy: " obj").last?.contains("/FlateDecode") == true {
                streams.append(Array(pdf[dataStart..<close]))
            }
            searchFrom = close + end.count
        }
        return streams
    }

    func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
        var index = from
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0] && Array(haystack[index..<(index + needle.count)]) == needle { return index }
            index += 1
        }
        return nil
    }

    /// `input` through zlib's `step` (inflate or deflate, on a stream set up), `chunk` bytes of
    /// output at a time until it stops giving Z_OK: what came out, and the last status.
    func pump(_ stream: inout z_stream, _ input: [UInt8], chunk size: Int, _ step: (inout z_stream) -> Int32) -> ([UInt8], Int32) {
        var input = input, out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: size)
        let status: Int32 = input.withUnsafeMutableBufferPointer { input in
            stream.next_in = input.baseAddress
            stream.avail_in = uInt(input.count)
            var status = Z_OK
            while status == Z_OK {
                status = chunk.withUnsafeMutableBufferPointer { chunk in
                    stream.next_out = chunk.baseAddress
                    stream.avail_out = uInt(chunk.count)
                    let status = step(&stream)
                    out += chunk[..<(chunk.count - Int(stream.avail_out))]
                    return status
                }
            }
            return status
        }
        return (out, status)
    }

    /// `data` in the zlib format, inflated; nil if it is not a whole zlib stream.
    func inflated(_ data: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        let (out, status) = pump(&stream, data, chunk: 65536) { inflate(&$0, Z_NO_FLUSH) }
        return status == Z_STREAM_END ? out : nil
    }

    func testCairosStreamsCompressedWholeHoldTheSameDataAsZlibsAndAreNoLarger() throws {
        let before = bulletin_streams_made_whole("libcairo.so")
        let whole = try cairoPDF(whole: true)
        let madeWhole = bulletin_streams_made_whole("libcairo.so") - before
        let piecewise = try cairoPDF(whole: false)
        XCTAssertEqual(bulletin_streams_made_whole("libcairo.so") - before, madeWhole, "only while the thread asked for it")

        let wholeStreams = flateStreams(whole), zlibStreams = flateStreams(piecewise)
        // The font's file at least (its ToUnicode map too, unless cairo wrote it plain).
        XCTAssertGreaterThanOrEqual(zlibStreams.count, 1)
        XCTAssertEqual(wholeStreams.count, zlibStreams.count)
        XCTAssertEqual(Int(madeWhole), wholeStreams.count)
        XCTAssertTrue(wholeStreams != zlibStreams, "compressed by libdeflate, not zlib")
        for (a, b) in zip(wholeStreams, zlibStreams) {
            let decodedA = try XCTUnwrap(inflated(a)), decodedB = try XCTUnwrap(inflated(b))
            XCTAssertEqual(decodedA, decodedB)
            XCTAssertGreaterThan(decodedA.count, 0)
        }
        XCTAssertGreaterThan(wholeStreams.compactMap { inflated($0)?.count }.max() ?? 0, 5_000, "the font's file")
        let wholeBytes = wholeStreams.map(\.count).reduce(0, +), zlibBytes = zlibStreams.map(\.count).reduce(0, +)
        XCTAssertLessThanOrEqual(Double(wholeBytes), Double(zlibBytes) * 1.02)
    }

    /// Zlib's own streams go on as they were while a thread asks for cairo's whole: a stream
    /// started here (not in cairo) is compressed by zlib, piece by piece.
    func testOtherStreamsGoToZlib() throws {
        let text = [UInt8](String(repeating: "Zlib keeps every stream that is not cairo's. ", count: 400).utf8)
        let before = bulletin_streams_made_whole("libcairo.so")
        bulletin_streams_whole(1)
        defer { bulletin_streams_whole(0) }
        var stream = z_stream()
        XCTAssertEqual(deflateInit_(&stream, Z_DEFAULT_COMPRESSION, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)), Z_OK)
        XCTAssertNotNil(stream.state, "zlib's own state")
        // A small buffer: zlib hands its output out over many calls.
        let (compressed, status) = pump(&stream, text, chunk: 64) { deflate(&$0, Z_FINISH) }
        XCTAssertEqual(status, Z_STREAM_END)
        XCTAssertEqual(deflateEnd(&stream), Z_OK)
        XCTAssertEqual(bulletin_streams_made_whole("libcairo.so"), before)
        XCTAssertEqual(inflated(compressed), text)
    }

    /// A stream's library is told by its caller's address, in the ranges the libraries are
    /// loaded at (found once each, and looked for again while a library is not loaded).
    nonisolated(unsafe) static var programData = 0

    func testCallersAreToldApartByTheirLibrary() throws {
        let cairo = try XCTUnwrap(dlsym(UnsafeMutableRawPointer(bitPattern: 0), "cairo_create"))
        let zlib = try XCTUnwrap(dlsym(UnsafeMutableRawPointer(bitPattern: 0), "crc32"))
        // Addresses on either side of every library: the stack's, above them, and the program's
        // own data, below them.
        var local = 0
        for _ in 0..<2 {
            XCTAssertEqual(withUnsafePointer(to: &local) { bulletin_address_in_library($0, "libcairo.so") }, 0)
            XCTAssertEqual(withUnsafePointer(to: &Self.programData) { bulletin_address_in_library($0, "libcairo.so") }, 0)
            XCTAssertEqual(bulletin_address_in_library(cairo, "libcairo.so"), 1)
            XCTAssertEqual(bulletin_address_in_library(cairo, "libqpdf.so"), 0)
            XCTAssertEqual(bulletin_address_in_library(zlib, "libcairo.so"), 0)
            XCTAssertEqual(bulletin_address_in_library(zlib, "libz.so"), 1)
            XCTAssertEqual(bulletin_address_in_library(cairo, "libnot-loaded-here.so"), 0)
        }
    }
}
