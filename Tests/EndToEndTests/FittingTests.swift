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
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/out.pdf"))
    }
}
