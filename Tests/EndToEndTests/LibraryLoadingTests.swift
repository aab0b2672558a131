import Foundation
import XCTest

/// libqpdf is not linked into bulletin but loaded when a build begins, on a thread of its own
/// (CQpdfLoader): with its own libraries (libstdc++, GnuTLS and theirs) it took about 6 ms of
/// every start, `bulletin --version` included.
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
}
