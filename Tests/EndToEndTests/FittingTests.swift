import Foundation
import XCTest

/// `pages: N` end to end: the fitted sample makes exactly its pages, and an issue that cannot be
/// fitted says by how much, naming issue.yaml's line and leaving the earlier PDF alone.
final class FittingTests: XCTestCase {
    func pages(_ pdf: String) throws -> Int {
        let info = try Tools.run("pdfinfo", [pdf]).stdout
        let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
        return Int(line.split(separator: " ").last ?? "") ?? 0
    }

    func testFittedSampleMakesEightPages() throws {
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let issue = Tools.root.appendingPathComponent("examples/sample-fitted").path
        XCTAssertTrue(try String(contentsOfFile: issue + "/issue.yaml", encoding: .utf8).contains("pages: 8"))
        let result = try Tools.run(Tools.bulletin, ["make", issue, "-o", folder + "/fitted.pdf"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try pages(folder + "/fitted.pdf"), 8)
    }

    /// The whole imprint would have needed a page of its own: the short form (the issue and its
    /// editors) takes the last free space instead, and no page is left almost empty.
    func testShortImprintSparesAPageOfItsOwn() throws {
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let issue = Tools.root.appendingPathComponent("examples/research-digest").path
        let result = try Tools.run(Tools.bulletin, ["make", issue, "-o", folder + "/digest.pdf"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(result.stderr.contains("lines of the last page are empty"), result.stderr)
        let text = try Tools.run("pdftotext", [folder + "/digest.pdf", "-"]).stdout
        XCTAssertTrue(text.contains("Imprint"), text)
        XCTAssertTrue(text.contains("Editors: Marguerite Okafor-Lindqvist"), text)
        let last = try Tools.run("pdftotext", ["-f", "\(try pages(folder + "/digest.pdf"))", folder + "/digest.pdf", "-"]).stdout
        XCTAssertTrue(last.split(separator: "\n").count > 20, "the last page holds more than the imprint")
    }

    func testAnImpossibleFitSaysHowFarOver() throws {
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: Tools.root.appendingPathComponent("examples/sample").path, toPath: folder + "/issue")
        let yaml = folder + "/issue/issue.yaml"
        let text = try String(contentsOfFile: yaml, encoding: .utf8) + "pages: 2\n"
        try text.write(toFile: yaml, atomically: true, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        let result = try Tools.run(Tools.bulletin, ["make", folder + "/issue", "-o", folder + "/out.pdf"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("issue.yaml:\(line): the issue cannot be fitted to 2 pages"), result.stderr)
        XCTAssertTrue(result.stderr.contains("lines over"), result.stderr)
        XCTAssertTrue(result.stderr.contains("The longest story is"), result.stderr)
        XCTAssertTrue(result.stderr.contains("--pages none"), "the message says how to see the issue at its natural length")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/out.pdf"))
    }

    /// `--pages` outranks issue.yaml: `none` sets the fitted sample at its natural length in a
    /// layout where eight pages are out of reach, and a fit that cannot be made names `--pages`,
    /// not issue.yaml, with no line.
    func testPagesOnTheCommandLineOverridesIssueYAML() throws {
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let issue = Tools.root.appendingPathComponent("examples/sample-fitted").path
        let natural = try Tools.run(Tools.bulletin, ["make", issue, "--layout", "letter", "--pages", "none", "-o", folder + "/letter.pdf"])
        XCTAssertEqual(natural.status, 0, natural.stderr)
        XCTAssertGreaterThan(try pages(folder + "/letter.pdf"), 8)
        let tooMany = try Tools.run(Tools.bulletin, ["make", Tools.root.appendingPathComponent("examples/sample").path, "--pages", "40", "-o", folder + "/forty.pdf"])
        XCTAssertEqual(tooMany.status, 1)
        XCTAssertTrue(tooMany.stderr.contains("error: --pages: the issue cannot be fitted to 40 pages: at its loosest"), tooMany.stderr)
        XCTAssertFalse(tooMany.stderr.contains("issue.yaml"), tooMany.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/forty.pdf"))
        let nonsense = try Tools.run(Tools.bulletin, ["make", issue, "--pages", "eight"])
        XCTAssertNotEqual(nonsense.status, 0)
        XCTAssertTrue(nonsense.stderr.contains("--pages must be a whole number"), nonsense.stderr)
    }
}
