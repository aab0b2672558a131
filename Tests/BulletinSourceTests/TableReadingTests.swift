import XCTest
import BulletinModel
@testable import BulletinSource

/// GitHub's tables read as tables: header, rows, each column's alignment, cells as inlines.
final class TableReadingTests: XCTestCase {
    func read(_ markdown: String) throws -> [Block] {
        var warnings: [Warning] = []
        let blocks = try MarkdownReader.read(markdown, file: "s.md", firstLine: 5, warnings: &warnings)
        XCTAssertEqual(warnings, [])
        return blocks
    }

    func testATableReadsAsHeaderRowsAndAlignments() throws {
        let blocks = try read("""
        Fees rise.

        | Application | Before | *From* 9 April | Mid |
        |---|---:|--:|:-:|
        | Student visa | £490 | £524 | a |
        | Health **surcharge** | £776 |
        | Extra | 1 | 2 | 3 |

        After.
        """)
        XCTAssertEqual(blocks.count, 3)
        guard case .table(let table) = blocks[1] else { return XCTFail("\(blocks)") }
        XCTAssertEqual(table.alignments, [.left, .right, .right, .centre])
        XCTAssertEqual(table.header, [[.text("Application")], [.text("Before")], [.emphasis([.text("From")]), .text(" 9 April")], [.text("Mid")]])
        XCTAssertEqual(table.rows.count, 3)
        XCTAssertEqual(table.rows[0], [[.text("Student visa")], [.text("£490")], [.text("£524")], [.text("a")]])
        // A short row is padded with empty cells (a long one widens the table, with a warning:
        // MarkdownReaderTests.testATableRowsCellsPastItsHeaderAreKept).
        XCTAssertEqual(table.rows[1], [[.text("Health "), .strong([.text("surcharge")])], [.text("£776")], [], []])
        XCTAssertEqual(table.rows[2].map(\.plainText), ["Extra", "1", "2", "3"])
        XCTAssertEqual(table.cellTexts.first, "Application")
        XCTAssertEqual(blocks[2], .paragraph([.text("After.")]))
    }

    func testPipesWithoutADelimiterRowStayText() throws {
        let blocks = try read("a | b\nc | d\n")
        XCTAssertEqual(blocks, [.paragraph([.text("a | b"), .softBreak, .text("c | d")])])
    }

    func testCellsTakeTheLanguageOfAFencedDiv() throws {
        let blocks = try read("::: {lang=de}\n\n| Art | Preis |\n|---|---:|\n| Visum | 490 € |\n\n:::\n")
        guard case .table(let table)? = blocks.first else { return XCTFail("\(blocks)") }
        XCTAssertEqual(table.rows[0][0], [.language("de", [.text("Visum")])])
    }

    func testAPictureInACellStandsForItsText() throws {
        let blocks = try read("| A | B |\n|---|---|\n| ![a chart](c.png) | x |\n")
        guard case .table(let table)? = blocks.first else { return XCTFail("\(blocks)") }
        XCTAssertEqual(table.rows[0][0].plainText, "a chart")
    }
}
