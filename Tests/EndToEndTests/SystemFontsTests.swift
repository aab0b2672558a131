import Foundation
import XCTest

/// Fonts come from the system's fontconfig configuration, with the issue's and bulletin's
/// `fonts/` added: generic names (`serif`) and the user's own font folder work, an unknown
/// family is still an error, and the same input still gives the same bytes.
final class SystemFontsTests: XCTestCase {
    /// A one-story issue whose layout is classic with `body` and `headline` set in `body` and
    /// `headline`.
    func makeIssue(body: String, headline: String) throws -> String {
        let folder = Tools.temporaryFolder() + "/issue"
        try FileManager.default.createDirectory(atPath: folder + "/stories", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/layouts", withIntermediateDirectories: true)
        try "title: Fonts\ndate: 2026-11\nlayout: generic\n".write(toFile: folder + "/issue.yaml", atomically: true, encoding: .utf8)
        try "---\ntitle: A story in the system's fonts\nlang: en\n---\n\nThe body is set in whatever the system calls serif.\n"
            .write(toFile: folder + "/stories/01-story.md", atomically: true, encoding: .utf8)
        var layout = try String(contentsOfFile: Tools.root.appendingPathComponent("layouts/classic.yaml").path, encoding: .utf8)
        layout = layout.replacingOccurrences(of: "body:              {family: Liberation Serif", with: "body:              {family: \(body)")
        layout = layout.replacingOccurrences(of: "headline:          {family: \"Liberation Sans, FreeSans\"", with: "headline:          {family: \(headline)")
        try layout.write(toFile: folder + "/layouts/generic.yaml", atomically: true, encoding: .utf8)
        return folder
    }

    func testGenericFamiliesResolveAndTwoRunsGiveTheSameBytes() throws {
        let folder = try makeIssue(body: "serif", headline: "sans-serif")
        let first = try Tools.run(Tools.bulletin, ["make", folder, "-o", folder + "/a.pdf"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(try Tools.run(Tools.bulletin, ["make", folder, "-o", folder + "/b.pdf"]).status, 0)
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/a.pdf"), FileManager.default.contents(atPath: folder + "/b.pdf"))
        // The system's serif and sans-serif, as fc-match names them, are embedded.
        let fonts = try Tools.run("pdffonts", [folder + "/a.pdf"]).stdout
        for generic in ["serif", "sans-serif:bold"] {
            let family = try Tools.run("fc-match", ["-f", "%{family[0]}", generic]).stdout.replacingOccurrences(of: " ", with: "")
            XCTAssertFalse(family.isEmpty)
            XCTAssertTrue(fonts.contains("+" + family), "\(generic) is \(family) on this system, not embedded:\n\(fonts)")
        }
    }

    func testTheUsersFontFolderIsReadAndAnUnknownFamilyIsAnError() throws {
        let folder = try makeIssue(body: "Liberation Serif", headline: "Hostile Fnt")
        // Not installed anywhere: the layout's line is named.
        let missing = try Tools.run(Tools.bulletin, ["make", folder, "-o", folder + "/a.pdf"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("generic.yaml:") && missing.stderr.contains("font family \"Hostile Fnt\" is not installed"), missing.stderr)
        // In the user's font folder ($XDG_DATA_HOME/fonts, ~/.local/share/fonts by default),
        // which the system's configuration names: found. DejaVu Sans renamed "Hostile Fnt".
        let data = Tools.temporaryFolder()
        try FileManager.default.createDirectory(atPath: data + "/fonts", withIntermediateDirectories: true)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
        for encoding in [String.Encoding.utf16BigEndian, .ascii] {
            let from = try XCTUnwrap("DejaVu Sans".data(using: encoding)), to = try XCTUnwrap("Hostile Fnt".data(using: encoding))
            while let range = bytes.range(of: from) { bytes.replaceSubrange(range, with: to) }
        }
        try bytes.write(to: URL(fileURLWithPath: data + "/fonts/hostile.ttf"))
        let found = try Tools.run(Tools.bulletin, ["make", folder, "-o", folder + "/a.pdf"], environment: ["XDG_DATA_HOME": data])
        XCTAssertEqual(found.status, 0, found.stderr)
        // (Its PostScript name is still DejaVu's, which the classic layout does not use.)
        XCTAssertTrue(try Tools.run("pdffonts", [folder + "/a.pdf"]).stdout.contains("DejaVuSans"))
    }
}
