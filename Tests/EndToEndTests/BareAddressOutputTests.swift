import Foundation
import XCTest

/// A bare e-mail address with letters outside ASCII is linked whole in the PDF.
final class BareAddressOutputTests: XCTestCase {
    func testTheLinkGoesToTheWholeAddress() throws {
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/stories", withIntermediateDirectories: true)
        try "title: Adressen\ndate: 2026-12\nlang: de\n".write(toFile: folder + "/issue.yaml", atomically: true, encoding: .utf8)
        try "---\ntitle: Partnerschaft\nlang: de\n---\n\nWeitere Informationen bei Anna-Lena Straßburger (straßburger@hs-kirchbergen.example.de).\n"
            .write(toFile: folder + "/stories/01.md", atomically: true, encoding: .utf8)
        let pdf = folder + "/a.pdf"
        let made = try Tools.run(Tools.bulletin, ["make", folder, "-o", pdf])
        XCTAssertEqual(made.status, 0, made.stderr)
        let urls = try Tools.run("pdfinfo", ["-url", pdf]).stdout
        XCTAssertTrue(urls.contains("mailto:stra%C3%9Fburger@hs-kirchbergen.example.de"), urls)
        XCTAssertFalse(urls.contains("mailto:burger@"), urls)
    }
}
