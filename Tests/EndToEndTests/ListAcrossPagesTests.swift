import Foundation
import XCTest

/// A list the page breaks run through is one list to a screen reader: one L element whose
/// items are each one LI, however many pages it spans, and an item broken at a page's foot
/// one item, not two.
final class ListAcrossPagesTests: XCTestCase {
    /// A one-story issue: a paragraph, then a list of `items` items of about ninety words each,
    /// long enough to run over pages in the classic layout.
    func makeIssue(items: Int) throws -> String {
        let folder = Tools.temporaryFolder() + "/issue"
        try FileManager.default.createDirectory(atPath: folder + "/stories", withIntermediateDirectories: true)
        try "title: Lists\ndate: 2027-02\n".write(toFile: folder + "/issue.yaml", atomically: true, encoding: .utf8)
        let words = ["office", "students", "arrive", "before", "term", "begins", "with", "papers", "signed", "by", "their",
                     "advisers", "and", "housing", "booked", "near", "campus", "where", "buses", "run", "late"]
        var story = "---\ntitle: What to bring for the spring semester\nlang: en\n---\n\nEvery item below matters.\n\n"
        for item in 0..<items {
            let sentence = (0..<90).map { words[($0 * 7 + item * 3) % words.count] }.joined(separator: " ")
            story += "- Item \(item + 1): " + sentence + ".\n"
        }
        try story.write(toFile: folder + "/stories/01-lists.md", atomically: true, encoding: .utf8)
        return folder
    }

    func testAListRunningOverPagesIsOneListOfWholeItems() throws {
        let folder = try makeIssue(items: 16)
        let made = try Tools.run(Tools.bulletin, ["make", folder, "-o", folder + "/a.pdf"])
        XCTAssertEqual(made.status, 0, made.stderr)
        let pages = try Tools.run("pdfinfo", [folder + "/a.pdf"]).stdout
        XCTAssertTrue(pages.contains("Pages:           2") || pages.contains("Pages:           3"), pages)
        let structure = try Tools.run("pdfinfo", ["-struct", folder + "/a.pdf"]).stdout
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " (block)", with: "") }
        XCTAssertEqual(structure.filter { $0 == "Art" }.count, 1, structure.joined(separator: "\n"))
        XCTAssertEqual(structure.filter { $0 == "L" }.count, 1, structure.joined(separator: "\n"))
        XCTAssertEqual(structure.filter { $0 == "LI" }.count, 16, structure.joined(separator: "\n"))
        XCTAssertEqual(structure.filter { $0 == "LBody" }.count, 16, structure.joined(separator: "\n"))
        // Each item's text reads whole, in order, inside its own item.
        let text = try Tools.run("pdfinfo", ["-struct-text", folder + "/a.pdf"]).stdout
        var from = text.startIndex
        for item in 1...16 {
            let found = try XCTUnwrap(text.range(of: "Item \(item):", range: from..<text.endIndex), "item \(item) out of order")
            from = found.upperBound
        }
    }

    /// A task list's items ("- [ ] Passport") are marked by their boxes, not by bullets and boxes.
    func testATaskListIsMarkedByItsBoxes() throws {
        let folder = Tools.temporaryFolder() + "/tasks"
        try FileManager.default.createDirectory(atPath: folder + "/stories", withIntermediateDirectories: true)
        try "title: Tasks\ndate: 2027-02\n".write(toFile: folder + "/issue.yaml", atomically: true, encoding: .utf8)
        try "---\ntitle: Before you travel\nlang: en\n---\n\nBring these:\n\n- [ ] Passport valid for six months\n- [x] Visa letter\n- Boarding pass\n"
            .write(toFile: folder + "/stories/01-tasks.md", atomically: true, encoding: .utf8)
        let made = try Tools.run(Tools.bulletin, ["make", folder, "-o", folder + "/a.pdf"])
        XCTAssertEqual(made.status, 0, made.stderr)
        let text = try Tools.run("pdftotext", ["-raw", "-enc", "UTF-8", folder + "/a.pdf", "-"]).stdout
        XCTAssertTrue(text.contains("\u{2610} Passport valid for six months\n\u{2611} Visa letter\n\u{2022} Boarding pass"), text)
        XCTAssertFalse(text.contains("[ ]") || text.contains("[x]") || text.contains("\u{2022} \u{2610}"), text)
        // The box is the item's label for a screen reader, its words its body.
        let structure = try Tools.run("pdfinfo", ["-struct-text", folder + "/a.pdf"]).stdout
        XCTAssertTrue(structure.contains("\"\u{2610}\""), structure)
    }
}

