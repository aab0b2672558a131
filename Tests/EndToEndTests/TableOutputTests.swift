import Foundation
import XCTest

/// A story with a GitHub table, made into a PDF and read back with poppler-utils: the cells'
/// text row by row, no Markdown pipes, the table tagged Table/TR/TH/TD for screen readers.
final class TableOutputTests: XCTestCase {
    static let story = """
        ---
        title: What the new visa fees mean for you
        kicker: Immigration
        ---

        The fees rise on 9 April.

        | Application | Before | After | Change |
        |---|---:|---:|---:|
        | Student visa | £490 | £524 | +£34 |
        | Extension | £490 | £540 | +£50 |
        | Surcharge | £776 | £845 | +£69 |

        Apply early if you can.
        """

    func make() throws -> (folder: String, pdf: String) {
        let folder = Tools.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/stories", withIntermediateDirectories: true)
        try "title: Tables\ndate: 2026-12\nlayout: classic\n".write(toFile: folder + "/issue.yaml", atomically: true, encoding: .utf8)
        try Self.story.write(toFile: folder + "/stories/01-fees.md", atomically: true, encoding: .utf8)
        let pdf = folder + "/tables.pdf"
        let result = try Tools.run(Tools.bulletin, ["make", folder, "-o", pdf])
        XCTAssertEqual(result.status, 0, result.stderr)
        return (folder, pdf)
    }

    func testTheCellsReadRowByRowWithoutPipes() throws {
        let (folder, pdf) = try make()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // In the order of the page's content (-raw), which is the order it is drawn and read
        // in: the rows in turn, each cell after the one on its left.
        let text = try Tools.run("pdftotext", ["-raw", "-enc", "UTF-8", pdf, "-"]).stdout
        XCTAssertFalse(text.contains("|"), text)
        XCTAssertFalse(text.contains("---"), text)
        let rows = ["Application Before After Change", "Student visa £490 £524 +£34", "Extension £490 £540 +£50", "Surcharge £776 £845 +£69"]
        let before = try XCTUnwrap(text.range(of: "The fees rise")).lowerBound
        var position = before
        for row in rows {
            let found = try XCTUnwrap(text.range(of: row, range: position..<text.endIndex), "\(row) not found after the row before it in\n\(text)")
            position = found.upperBound
        }
        XCTAssertNotNil(text.range(of: "Apply early", range: position..<text.endIndex))
        // As laid out on the page, each row on a line of its own.
        let laidOut = try Tools.run("pdftotext", ["-layout", "-enc", "UTF-8", pdf, "-"]).stdout
            .split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        for row in rows { XCTAssertTrue(laidOut.contains { $0.hasSuffix(row) }, "\(row) in\n\(laidOut.joined(separator: "\n"))") }
        // `check` finds nothing to say.
        let check = try Tools.run(Tools.bulletin, ["check", folder])
        XCTAssertEqual(check.status, 0, check.stderr)
    }

    func testTheTableIsTaggedRowByRow() throws {
        let (folder, pdf) = try make()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lines = try Tools.run("pdfinfo", ["-struct-text", pdf]).stdout
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let table = lines.firstIndex(where: { $0.hasPrefix("Table") }) else { return XCTFail(lines.joined(separator: "\n")) }
        let expected = ["TR", "TH", "\"Application\"", "TH", "\"Before\"", "TH", "\"After\"", "TH", "\"Change\"",
                        "TR", "TD", "\"Student visa\"", "TD", "\"£490\"", "TD", "\"£524\"", "TD", "\"+£34\"", "TR"]
        XCTAssertEqual(Array(lines[(table + 1)...].prefix(expected.count)), expected)
        XCTAssertEqual(lines.filter { $0 == "TR" }.count, 4)
        XCTAssertEqual(lines.filter { $0 == "TD" }.count, 12)
    }
}
