import Foundation
import XCTest
import BulletinKit

/// The email edition's pictures, read back with `pdfimages -list`, and its size report.
final class EmailPicturesTests: XCTestCase {
    var folder = ""
    var issue: String { folder + "/issue" }

    override func setUpWithError() throws {
        folder = Tools.temporaryFolder()
        try FileManager.default.copyItem(atPath: Tools.root.appendingPathComponent("examples/sample").path, toPath: issue)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    struct ImageRow: Equatable {
        var type: String
        var width: Int
        var height: Int
        var encoding: String
        var xppi: Int
        var yppi: Int
    }

    /// `pdfimages -list`'s rows: page num type width height color comp bpc enc interp object ID
    /// x-ppi y-ppi size ratio.
    func images(_ pdf: String) throws -> [ImageRow] {
        let result = try Tools.run("pdfimages", ["-list", pdf])
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout.split(separator: "\n").dropFirst(2).compactMap { line in
            let cells = line.split(separator: " ").map(String.init)
            guard cells.count >= 14, let width = Int(cells[3]), let height = Int(cells[4]), let x = Int(cells[12]), let y = Int(cells[13]) else { return nil }
            return ImageRow(type: cells[2], width: width, height: height, encoding: cells[8], xppi: x, yppi: y)
        }
    }

    func make(_ arguments: [String] = []) throws -> (pdf: String, result: Tools.Result) {
        let pdf = folder + "/issue-\(UUID().uuidString).pdf"
        let result = try Tools.run(Tools.bulletin, ["make", issue, "-o", pdf] + arguments)
        XCTAssertEqual(result.status, 0, result.stderr)
        return (pdf, result)
    }

    func testFullResolutionWithoutDownsampling() throws {
        var options = MakeOptions(issue: issue, output: folder + "/print.pdf")
        options.downsampleImages = false
        _ = try Bulletin.make(options)
        let rows = try images(folder + "/print.pdf")
        // The PNG chart at its 560 × 390 pixels (251 ppi as placed), the photograph as its JPEG.
        XCTAssertEqual(rows.map(\.width), [560, 900])
        XCTAssertEqual(rows.map(\.encoding), ["image", "jpeg"])
        XCTAssertEqual(rows.map(\.xppi), [251, 193])
    }

    func testPicturesAtMostTheLayoutsResolution() throws {
        let rows = try images(try make().pdf)
        XCTAssertEqual(rows.count, 2)
        // The photograph is scaled to 150 dpi and re-encoded as JPEG.
        let photo = try XCTUnwrap(rows.last)
        XCTAssertEqual(photo.encoding, "jpeg")
        XCTAssertEqual(photo.width, 698)
        XCTAssertEqual([photo.xppi, photo.yppi], [150, 150])
        // The flat-colour chart would be larger scaled (its blurred edges compress worse than
        // the original's 5 KB, and worse still as JPEG): it goes in as it came.
        XCTAssertEqual(rows.first, ImageRow(type: "image", width: 560, height: 390, encoding: "image", xppi: 251, yppi: 251))

        let layout = folder + "/coarse.yaml"
        try (try String(contentsOfFile: Tools.root.appendingPathComponent("layouts/classic.yaml").path, encoding: .utf8)
             + "\nemail:\n  image_dpi: 72\n  jpeg_quality: 40\n").write(toFile: layout, atomically: true, encoding: .utf8)
        let coarse = try images(try make(["--layout", layout]).pdf)
        XCTAssertEqual(coarse.last?.xppi, 72)
        XCTAssertLessThan(coarse.last?.width ?? 999, 698)
    }

    func testTransparentPNGStaysLosslessWithItsMask() throws {
        // A 1600 × 1000 RGBA PNG over the chart: far finer than 150 dpi where it is placed.
        let png = issue + "/images/scholarship-awards.png"
        let script = #"""
        import struct, sys, zlib
        w, h = 1600, 1000
        rows = b"".join(b"\x00" + b"".join(bytes((x % 256, y % 256, 128, 255 if (x // 40 + y // 40) % 2 else 0)) for x in range(w))
                        for y in range(h))
        def chunk(kind, data):
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
        open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
                                      + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
        """#
        let made = try Tools.run(try MailTests.python(), ["-c", script, png])
        XCTAssertEqual(made.status, 0, made.stderr)
        let rows = try images(try make().pdf)
        let picture = try XCTUnwrap(rows.first { $0.type == "image" && $0.width < 1600 && $0.encoding == "image" }, "\(rows)")
        XCTAssertLessThanOrEqual(picture.xppi, 150)
        XCTAssertTrue(rows.contains { $0.type == "smask" && $0.width == picture.width }, "the transparency is kept as a soft mask: \(rows)")
        XCTAssertFalse(rows.contains { $0.type == "image" && $0.encoding == "jpeg" && $0.width == picture.width }, "not flattened into a JPEG")
    }

    /// A photograph saved as a PNG with an alpha channel that is opaque everywhere (as
    /// screenshot tools and many editors save them) is an opaque picture: scaled down to a JPEG,
    /// without a soft mask, as the same pixels without the channel would be; it stayed lossless,
    /// many times larger.
    func testOpaqueAlphaChannelIsNoTransparency() throws {
        let png = issue + "/images/scholarship-awards.png"
        let script = #"""
        import struct, sys, zlib
        w, h = 1600, 1000
        def row(y):
            return b"\x00" + b"".join(bytes(((x + y) % 256, (x * 7 + y * 13) % 251, (x * y // 97) % 256, 255)) for x in range(w))
        rows = b"".join(row(y) for y in range(h))
        def chunk(kind, data):
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
        open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
                                      + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
        """#
        let made = try Tools.run(try MailTests.python(), ["-c", script, png])
        XCTAssertEqual(made.status, 0, made.stderr)
        let rows = try images(try make().pdf)
        // In the chart's place, its shape (1,600 × 1,000) scaled down.
        let picture = try XCTUnwrap(rows.first { $0.type == "image" && abs(Double($0.width) / Double($0.height) - 1.6) < 0.02 }, "\(rows)")
        XCTAssertLessThanOrEqual(picture.xppi, 150)
        XCTAssertEqual(picture.encoding, "jpeg", "\(rows)")
        XCTAssertFalse(rows.contains { $0.type == "smask" }, "no soft mask: \(rows)")
    }

    func testSizeIsReportedAndTheBudgetNamesTheLargestParts() throws {
        let within = try make()
        // Warnings, then one summary line.
        let lines = within.result.stderr.split(separator: "\n").filter { !$0.contains(": warning: ") }
        XCTAssertEqual(lines.count, 1, within.result.stderr)
        XCTAssertFalse(within.result.stderr.contains("over the size budget"), within.result.stderr)
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: within.pdf)[.size] as? Int)
        // The summary counts the warnings above it.
        let warned = within.result.stderr.split(separator: "\n").count - 1
        let counted = warned == 0 ? "" : " · \(warned) warning\(warned == 1 ? "" : "s")"
        XCTAssertTrue(within.result.stderr.hasSuffix("\(within.pdf) · 6 pages · \(Int((Double(size) / 1024).rounded())) KB\(counted)\n"), within.result.stderr)
        XCTAssertEqual(within.result.stdout, within.pdf + "\n", "standard output is the path alone")

        let over = try make(["--size-budget", "200KB"])
        let warning = try XCTUnwrap(over.result.stderr.split(separator: "\n").first { $0.contains("over the size budget") }, over.result.stderr)
        XCTAssertTrue(warning.hasPrefix(issue + "/issue.yaml: warning: the PDF is "), String(warning))
        XCTAssertTrue(warning.contains("over the size budget of 200 KB (--size-budget); the largest parts: text and pages "), String(warning))
        XCTAssertTrue(warning.contains(", the font NotoSerifCJKsc-Regular "), String(warning))
        XCTAssertTrue(warning.contains("harbour-at-dusk.jpg in \"Sixty countries, one weekend"), String(warning))
        // Sent to standard output: its fonts are read out of cairo's output just the same.
        let piped = try Tools.run(Tools.bulletin, ["make", issue, "-o", "-", "--size-budget", "200KB"])
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertTrue(piped.stderr.contains(", the font NotoSerifCJKsc-Regular "), piped.stderr)
        let pipedWarnings = piped.stderr.split(separator: "\n").filter { $0.contains(": warning: ") }.count
        XCTAssertTrue(piped.stderr.hasSuffix("\nstandard output · 6 pages · \(Int((Double(size) / 1024).rounded())) KB · \(pipedWarnings) warning\(pipedWarnings == 1 ? "" : "s")\n"), piped.stderr)

        let layout = folder + "/small.yaml"
        let classic = try String(contentsOfFile: Tools.root.appendingPathComponent("layouts/classic.yaml").path, encoding: .utf8)
        try (classic + "\nemail:\n  size_budget: 200KB\n").write(toFile: layout, atomically: true, encoding: .utf8)
        let line = classic.components(separatedBy: "\n").count + 2
        let fromLayout = try make(["--layout", layout])
        XCTAssertTrue(fromLayout.result.stderr.contains("\(layout):\(line): warning: the PDF is "), fromLayout.result.stderr)
        XCTAssertTrue(fromLayout.result.stderr.contains("over the size budget of 200 KB (email.size_budget)"), fromLayout.result.stderr)
    }
}
