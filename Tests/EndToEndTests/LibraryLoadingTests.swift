import Foundation
import XCTest

/// libqpdf and librsvg are not linked into bulletin but loaded when a build needs them, on a
/// thread of their own (CLibraryLoader): libqpdf with its own libraries (libstdc++, GnuTLS and
/// theirs) took about 6 ms of every start, `bulletin --version` included, and librsvg with
/// libxml2 and ICU about 2.6 ms.
final class LibraryLoadingTests: XCTestCase {
    func testLibqpdfIsLoadedOnlyByABuild() throws {
        let dynamic = try Tools.run("readelf", ["--dynamic", Tools.bulletin])
        XCTAssertEqual(dynamic.status, 0, dynamic.stderr)
        XCTAssertTrue(dynamic.stdout.contains("libcairo"), "readelf lists the libraries the program needs: \(dynamic.stdout)")
        XCTAssertFalse(dynamic.stdout.contains("libqpdf"), dynamic.stdout)

        // The dynamic loader's own account of what it loads (LD_DEBUG=libs).
        let version = try Tools.run("/usr/bin/env", ["LD_DEBUG=libs", Tools.bulletin, "--version"])
        XCTAssertEqual(version.status, 0, version.stderr)
        XCTAssertTrue(version.stderr.contains("libcairo"), version.stderr)
        XCTAssertFalse(version.stderr.contains("libqpdf"), "--version loads no libqpdf")

        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let made = try Tools.run("/usr/bin/env", ["LD_DEBUG=libs", Tools.bulletin, "make", "--sample", "-o", folder + "/issue.pdf", "-q"])
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertTrue(made.stderr.contains("libqpdf"), "a build loads libqpdf to finish the PDF")
        // Finished by qpdf: the document's language is set in the catalog.
        let root = try Tools.run("qpdf", ["--json=2", "--json-key=qpdf", folder + "/issue.pdf"])
        XCTAssertTrue(root.stdout.contains("\"/Lang\": \"u:en\""), String(root.stdout.prefix(500)))
    }

    func testLibrsvgIsLoadedOnlyByAnIssueWithAnSVG() throws {
        let dynamic = try Tools.run("readelf", ["--dynamic", Tools.bulletin])
        XCTAssertEqual(dynamic.status, 0, dynamic.stderr)
        XCTAssertTrue(dynamic.stdout.contains("libcairo"), dynamic.stdout)
        XCTAssertFalse(dynamic.stdout.contains("librsvg"), dynamic.stdout)
        XCTAssertFalse(dynamic.stdout.contains("libxml2"), dynamic.stdout)

        let version = try Tools.run("/usr/bin/env", ["LD_DEBUG=libs", Tools.bulletin, "--version"])
        XCTAssertEqual(version.status, 0, version.stderr)
        XCTAssertFalse(version.stderr.contains("librsvg"), "--version loads no librsvg")

        // The sample's chart and logo are SVGs: drawn, as vectors, with their text as text.
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let made = try Tools.run("/usr/bin/env", ["LD_DEBUG=libs", Tools.bulletin, "make", "--sample", "-o", folder + "/issue.pdf", "-q"])
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertTrue(made.stderr.contains("librsvg"), "an issue with SVGs loads librsvg")
        let text = try Tools.run("pdftotext", ["-f", "1", "-l", "1", folder + "/issue.pdf", "-"])
        XCTAssertTrue(text.stdout.contains("Europe"), "the chart's labels are text: \(text.stdout.prefix(800))")
    }

    /// Without a librsvg it can load, an issue with an SVG fails naming the picture's story and
    /// line, and saying what to do; nothing is written.
    func testAnSVGWithoutLibrsvgSaysSoAndWritesNothing() throws {
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let libraries = folder + "/lib"
        try FileManager.default.createDirectory(atPath: libraries, withIntermediateDirectories: true)
        for name in ["librsvg-2.so.2", "librsvg-2.so"] {
            try "not a library".write(toFile: libraries + "/" + name, atomically: true, encoding: .utf8)
        }
        let made = try Tools.run("/usr/bin/env", ["LD_LIBRARY_PATH=" + libraries, Tools.bulletin, "make", "--sample", "-o", folder + "/issue.pdf", "-q"])
        XCTAssertEqual(made.status, 1, made.stderr)
        XCTAssertTrue(made.stderr.contains("01-record-year-for-exchange.md:"), made.stderr)
        XCTAssertTrue(made.stderr.contains("librsvg cannot be loaded"), made.stderr)
        XCTAssertTrue(made.stderr.contains("make setup"), made.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["lib"], "no PDF, and no part of one")
    }

    /// Without a libqpdf it can load (here: files of its names that are not libraries, first on
    /// the library path), a build fails saying so, and writes nothing.
    func testABuildWithoutLibqpdfSaysSoAndWritesNothing() throws {
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let libraries = folder + "/lib"
        try FileManager.default.createDirectory(atPath: libraries, withIntermediateDirectories: true)
        for name in ["libqpdf.so.29", "libqpdf.so.28", "libqpdf.so"] {
            try "not a library".write(toFile: libraries + "/" + name, atomically: true, encoding: .utf8)
        }
        let made = try Tools.run("/usr/bin/env", ["LD_LIBRARY_PATH=" + libraries, Tools.bulletin, "make", "--sample", "-o", folder + "/issue.pdf", "-q"])
        XCTAssertEqual(made.status, 1, made.stderr)
        XCTAssertTrue(made.stderr.contains("libqpdf cannot be loaded"), made.stderr)
        XCTAssertTrue(made.stderr.contains("make setup"), made.stderr)
        XCTAssertTrue(made.stderr.contains("no PDF was written"), made.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["lib"], "no PDF, and no part of one")
    }
}
