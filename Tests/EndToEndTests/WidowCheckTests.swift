import XCTest
import BulletinLayout
import BulletinModel
@testable import BulletinKit

/// `bulletin check`'s reading of widows and orphans from composed pages: a paragraph split over
/// two columns with one line alone on either side. (The composer avoids them where anything
/// else fits, so the bundled issues have none; these pages are made by hand.)
final class WidowCheckTests: XCTestCase {
    /// A page whose column 0 ends with `foot` lines of block 1 and column 1 starts with `head`
    /// lines of it, block 0 filling the rest of column 0 and block 2 following in column 1.
    func page(foot: Int, head: Int) -> Document {
        let font = FontSpec(family: "Serif", size: 9)
        var items: [PageItem] = []
        func line(_ text: String, column: Int, row: Int, block: Int) {
            for (index, word) in text.split(separator: " ").enumerated() {
                let fragment = Fragment(x: 0, width: 10, text: String(word), font: font, colour: "text", language: "en")
                items.append(.text(PlacedText(x: Double(column * 200 + index * 20), baseline: Double(100 + row * 11), fragment: fragment,
                                              kind: .body, story: 0, column: column, block: block)))
            }
        }
        for row in 0..<(10 - foot) { line("filler words of block zero", column: 0, row: row, block: 0) }
        for row in 0..<foot { line(row == 0 ? "Opening splitline here" : "middle words", column: 0, row: 10 - foot + row, block: 1) }
        for row in 0..<head { line(row == head - 1 ? "closing lastwords." : "middle words", column: 1, row: row, block: 1) }
        line("next paragraph", column: 1, row: head, block: 2)
        return Document(width: 595, height: 842, pages: [Page(items: items)],
                        metadata: DocumentMetadata(title: "", author: "", subject: "", language: "en", created: ""))
    }

    func issue() -> Issue {
        var issue = Issue(title: "T", date: IssueDate(year: 2026, month: 11))
        issue.stories = [Story(title: "S", file: "/nonexistent/s.md")]
        return issue
    }

    func testOrphanAndWidowAreFound() {
        let orphan = Bulletin.widowsAndOrphans(in: page(foot: 1, head: 3), issue: issue())
        XCTAssertEqual(orphan.count, 1)
        XCTAssertTrue(orphan.first?.message.hasPrefix("orphan: ") ?? false, "\(orphan)")
        XCTAssertTrue(orphan.first?.message.contains("\"Opening splitline here\"") ?? false, "\(orphan)")

        let widow = Bulletin.widowsAndOrphans(in: page(foot: 3, head: 1), issue: issue())
        XCTAssertEqual(widow.map(\.message), ["widow: the last line of a paragraph is alone at the head of a column (\"closing lastwords.\")"])
        XCTAssertEqual(widow.first?.severity, .warning)
    }

    func testTwoLinesOnEachSideAreFine() {
        XCTAssertEqual(Bulletin.widowsAndOrphans(in: page(foot: 2, head: 2), issue: issue()), [])
    }
}
