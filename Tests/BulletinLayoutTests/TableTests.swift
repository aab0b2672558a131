import XCTest
import BulletinModel
@testable import BulletinLayout

/// Tables set within a column: cells of a row on one baseline, columns aligned as the Markdown
/// says, rules under the header and between rows, read row by row, kept in one column unless
/// taller than one; the classic layout with the fake shaper.
final class TableTests: XCTestCase {
    func compose(_ stories: [Story], boxes: Bool = false) throws -> (Document, PageGeometry) {
        var layout = try Fixtures.classic()
        if !boxes {
            layout.contents.place = .none
            layout.imprint.place = .none
        }
        let document = try Composer(layout: layout, shaper: FakeShaper()).compose(Fixtures.issue(stories))
        XCTAssertEqual(ContentCheck.missing(in: document, issue: Fixtures.issue(stories)), [])
        return (document, PageGeometry(layout: layout))
    }

    /// A fee table: a text column, then two right-aligned columns of numbers of unlike widths.
    func fees(rows: Int = 4) -> Table {
        let amounts = ["£5", "£1,234", "£77", "£490"]
        return Table(alignments: [.left, .right, .right],
                     header: [[.text("Application")], [.text("Before")], [.text("After")]],
                     rows: (0..<rows).map { i in
                         [[.text("Kind \(i) of visa application made from outside")], [.text(amounts[i % 4])], [.text(amounts[(i + 1) % 4])]]
                     })
    }

    func story(_ table: Table, before: Int = 40, after: Int = 60) -> Story {
        var story = Fixtures.story("Fees", paragraphs: [before, after])
        story.body.insert(.table(table), at: 1)
        return story
    }

    func cells(_ document: Document) -> [PlacedText] {
        document.pages.flatMap(\.texts).filter { $0.kind == .tableCell }
    }

    func testCellsOfARowShareABaselineAndNumbersEndTogether() throws {
        let (document, _) = try compose([story(fees())])
        let texts = cells(document)
        XCTAssertFalse(texts.isEmpty)
        XCTAssertTrue(texts.allSatisfy { $0.fragment.table != nil })
        for row in 0...4 {
            let inRow = texts.filter { $0.fragment.table?.row == row }
            // Each cell's first line on the row's baseline.
            let firsts = (0..<3).map { cell in inRow.filter { $0.fragment.table?.cell == cell }.map(\.baseline).min() }
            XCTAssertEqual(Set(firsts.compactMap { $0 }).count, 1, "row \(row): \(firsts)")
            XCTAssertEqual(firsts.compactMap { $0 }.count, 3)
            // The header in bold, the rest not.
            XCTAssertTrue(inRow.allSatisfy { $0.fragment.font.bold == (row == 0) }, "row \(row)")
        }
        // The right-aligned columns' cells end at one x each, the left column's start at one x.
        for cell in 1...2 {
            let ends = Set(texts.filter { $0.fragment.table?.cell == cell }.map { (($0.x + $0.fragment.width) * 1000).rounded() })
            XCTAssertEqual(ends.count, 1, "column \(cell) ends at \(ends.sorted())")
        }
        let starts = Set(Dictionary(grouping: texts.filter { $0.fragment.table?.cell == 0 }, by: { $0.baseline }).values.map { line in
            (line.map(\.x).min()! * 1000).rounded()
        })
        XCTAssertEqual(starts.count, 1)
    }

    func testCellsAreReadRowByRowWithinTheColumn() throws {
        let (document, geometry) = try compose([story(fees())])
        let texts = cells(document)
        // In the page's order: row after row, cell after cell.
        let order = texts.map { [$0.fragment.table!.row, $0.fragment.table!.cell] }
        XCTAssertEqual(order, order.sorted { $0.lexicographicallyPrecedes($1) })
        let words = texts.map(\.fragment.text).joined(separator: " ")
        XCTAssertTrue(words.hasPrefix("Application Before After Kind 0 of visa"), words)
        XCTAssertFalse(words.contains("|"))
        // Within its column, the text wrapped where the column is too narrow for a row on one line.
        for text in texts {
            let column = try XCTUnwrap(text.column)
            XCTAssertGreaterThanOrEqual(text.x, geometry.columnX(column) - 0.001)
            XCTAssertLessThanOrEqual(text.x + text.fragment.width, geometry.columnX(column) + geometry.columnWidth + 0.001)
        }
        XCTAssertGreaterThan(Set(texts.filter { $0.fragment.table?.row == 1 && $0.fragment.table?.cell == 0 }.map(\.baseline)).count, 1)
    }

    func testRulesLieUnderTheHeaderAndBetweenRows() throws {
        let (document, geometry) = try compose([story(fees())])
        let page = document.pages[0]
        let texts = cells(document)
        let rowTops = (0...4).map { row in texts.filter { $0.fragment.table?.row == row }.map(\.baseline).min()! }
        let rowBottoms = (0...4).map { row in texts.filter { $0.fragment.table?.row == row }.map(\.baseline).max()! }
        let column = try XCTUnwrap(texts.first?.column)
        let rules = page.items.compactMap { item -> Rule? in
            guard case .rule(let rule) = item, abs(rule.x0 - geometry.columnX(column)) < 0.001,
                  abs(rule.x1 - rule.x0 - geometry.columnWidth) < 0.001 else { return nil }
            return rule
        }
        // One above the table, one under each row.
        XCTAssertEqual(rules.count, 6, "\(rules)")
        for row in 0..<4 {
            XCTAssertTrue(rules.contains { $0.y0 > rowBottoms[row] && $0.y0 < rowTops[row + 1] }, "no rule between rows \(row) and \(row + 1)")
        }
        // The rule under the header is heavier than those between rows.
        let underHeader = try XCTUnwrap(rules.first { $0.y0 > rowBottoms[0] && $0.y0 < rowTops[1] })
        let betweenRows = try XCTUnwrap(rules.first { $0.y0 > rowBottoms[1] && $0.y0 < rowTops[2] })
        XCTAssertGreaterThan(underHeader.thickness, betweenRows.thickness)
    }

    func testATableIsKeptInOneColumnWhenItFits() throws {
        // Wherever the text before it ends, the table goes whole into one column: in columns
        // filled from the top, and in a short story's columns balanced beside the contents.
        let cases = stride(from: 20, through: 400, by: 29).map { (before: $0, after: 60, boxes: false) }
            + [(before: 5, after: 5, boxes: true), (before: 12, after: 5, boxes: true)]
        for (before, after, boxes) in cases {
            let (document, _) = try compose([story(fees(rows: 3), before: before, after: after)], boxes: boxes)
            var places = Set<[Int]>()
            for (p, page) in document.pages.enumerated() {
                for text in page.texts where text.kind == .tableCell { places.insert([p, text.column ?? -1]) }
            }
            XCTAssertEqual(places.count, 1, "with \(before) words before it the table is split: \(places)")
        }
    }

    func testATableTallerThanAColumnSplitsBetweenRows() throws {
        let (document, _) = try compose([story(fees(rows: 120))])
        var columnOfRow: [Int: Set<[Int]>] = [:]
        for (p, page) in document.pages.enumerated() {
            for text in page.texts where text.kind == .tableCell {
                columnOfRow[text.fragment.table!.row, default: []].insert([p, text.column!])
            }
        }
        XCTAssertEqual(columnOfRow.count, 121)
        XCTAssertTrue(columnOfRow.values.allSatisfy { $0.count == 1 }, "a row split across columns")
        XCTAssertGreaterThan(Set(columnOfRow.values.flatMap { $0 }).count, 1)
    }

    func testTheContentCheckMissesADroppedCell() throws {
        let stories = [story(fees())]
        var (document, _) = try compose(stories)
        // "£1,234" of the second row, third cell: the text after it is still there.
        for p in document.pages.indices {
            document.pages[p].items.removeAll {
                if case .text(let t) = $0 { return t.fragment.table?.row == 4 && t.fragment.table?.cell == 2 } else { return false }
            }
        }
        XCTAssertEqual(ContentCheck.missing(in: document, issue: Fixtures.issue(stories)).map(\.excerpt), ["£5"])
    }

    /// A table whose longest words do not fit its column side by side is set smaller, no
    /// smaller than three quarters of its size, and no word or figure of it is broken between
    /// letters; one that fits keeps its size.
    func testATableTooWideForItsColumnIsSetSmaller() throws {
        let wide = Table(alignments: [.left, .right, .right, .right],
                         header: [[.text("Applications")], [.text("Beforehand")], [.text("Afterwards")], [.text("Difference")]],
                         rows: [[[.text("Student visa")], [.text("£490")], [.text("£524")], [.text("+£34")]],
                                [[.text("Priority service")], [.text("£500")], [.text("£500")], [.text("—")]]])
        let clock = BreakClock()
        var layout = try Fixtures.classic()
        layout.contents.place = .none
        layout.imprint.place = .none
        let stories = [story(wide)]
        let document = try Composer(layout: layout, shaper: FakeShaper(), clock: clock).compose(Fixtures.issue(stories))
        XCTAssertEqual(ContentCheck.missing(in: document, issue: Fixtures.issue(stories)), [])
        XCTAssertEqual(clock.overlongWords, [])
        let size = layout.style(.boxText).size
        let sizes = Set(cells(document).map(\.fragment.font.size))
        XCTAssertEqual(sizes.count, 1)
        XCTAssertLessThan(sizes.first ?? size, size)
        XCTAssertGreaterThanOrEqual(sizes.first ?? 0, size * 0.75 - 1e-9)
        // The fee table fits: its size is the box text's.
        let (fits, _) = try compose([story(fees())])
        XCTAssertEqual(Set(cells(fits).map(\.fragment.font.size)), [size])
    }

    /// Every column has room for its longest word, so a cell that wraps does so between words:
    /// a word broken in a narrow cell ("Alema-/nia, Fran-/cia") reads as two. The same text in
    /// the body is hyphenated.
    func testACellWrapsBetweenWordsNotInsideThem() throws {
        let countries = "Germany, France, Italy"
        let table = Table(alignments: [.left, .left, .right, .right],
                          header: [[.text("Group of countries")], [.text("Examples")], [.text("Monthly grant")], [.text("Language course")]],
                          rows: [[[.text("Group 1")], [.text("Denmark, Ireland, Norway")], [.text("£360")], [.text("£250")]],
                                 [[.text("Group 2")], [.text(countries)], [.text("£310")], [.text("£250")]]])
        var layout = try Fixtures.classic()
        layout.contents.place = .none
        layout.imprint.place = .none
        var story = story(table)
        story.body.append(.paragraph([.text(countries + " " + countries + " " + countries)]))
        let document = try Composer(layout: layout, shaper: FakeShaper(), hyphenator: AnywhereHyphenator()).compose(Fixtures.issue([story]))
        XCTAssertEqual(ContentCheck.missing(in: document, issue: Fixtures.issue([story])), [])
        let cellLines = cells(document).filter { $0.fragment.table?.cell == 1 }
        XCTAssertGreaterThan(Set(cellLines.filter { $0.fragment.table?.row == 2 }.map(\.baseline)).count, 1, "the countries' cell wraps")
        XCTAssertEqual(cellLines.filter { $0.fragment.text.hasSuffix("-") }.map(\.fragment.text), [])
        let body = document.pages.flatMap(\.texts).filter { $0.kind == .body }
        XCTAssertTrue(body.contains { $0.fragment.text.hasSuffix("-") }, "the body's text is hyphenated")
    }

    /// Hyphenates a word of five letters or more between any two of its letters but its first two and last two.
    struct AnywhereHyphenator: Hyphenating {
        func hyphenationPoints(in word: String, language: String) -> [Int] {
            let n = word.unicodeScalars.count
            return n >= 5 ? Array(2...(n - 2)) : []
        }
    }

    func testColumnWidthsShareTheMeasure() {
        // All on one line fit: natural widths, the room over shared equally.
        XCTAssertEqual(TableSetting.widths(natural: [50, 20], minimum: [20, 20], available: 100), [65, 35])
        // Or among the columns of text only, when there are some.
        XCTAssertEqual(TableSetting.widths(natural: [50, 20, 10], minimum: [20, 20, 10], available: 100, takesRoom: [true, false, false]), [70, 20, 10])
        XCTAssertEqual(TableSetting.widths(natural: [50, 20], minimum: [20, 20], available: 100, takesRoom: [false, false]), [65, 35])
        // Not: each its longest word, the rest as each lacks its natural width.
        let shared = TableSetting.widths(natural: [150, 30], minimum: [30, 20], available: 110)
        XCTAssertEqual(shared[0], 30 + 120 * 60 / 130, accuracy: 1e-9)
        XCTAssertEqual(shared[1], 20 + 10 * 60 / 130, accuracy: 1e-9)
        // Words too long even so: shared as the longest words are.
        XCTAssertEqual(TableSetting.widths(natural: [150, 30], minimum: [60, 20], available: 40), [30, 10])
        // Unless the columns of figures keep theirs whole and leave the text a third of its share.
        XCTAssertEqual(TableSetting.widths(natural: [150, 30], minimum: [60, 20], available: 60, takesRoom: [true, false]), [40, 20])
        XCTAssertEqual(TableSetting.widths(natural: [150, 30], minimum: [60, 20], available: 24, takesRoom: [true, false]), [18, 6])
    }

    /// A table of more columns than its column holds side by side even set smaller: its gaps
    /// narrow before a figure is broken, no cell's text is lost (forty columns once made
    /// widths below nothing, and the build failed as a fault), and it is told once as a table,
    /// not word by word.
    func testATableOfTooManyColumnsLosesNothingAndIsToldOnce() throws {
        var layout = try Fixtures.classic()
        layout.contents.place = .none
        layout.imprint.place = .none
        for count in [12, 40] {
            let table = Table(alignments: [.left] + Array(repeating: .right, count: count - 1),
                              header: [[.text("Country")]] + (1..<count).map { [.text("\(2000 + $0)")] },
                              rows: ["Kenya", "Japan"].map { name in [[.text(name)]] + (1..<count).map { [.text("\(100 + $0)")] } })
            let clock = BreakClock()
            let stories = [story(table)]
            let document = try Composer(layout: layout, shaper: FakeShaper(), clock: clock).compose(Fixtures.issue(stories))
            XCTAssertEqual(ContentCheck.missing(in: document, issue: Fixtures.issue(stories)), [], "\(count) columns")
            XCTAssertEqual(clock.overlongWords, [])
            XCTAssertEqual(clock.warnings.map(\.message).filter { $0.contains("table") }, ["\"Country\": a table of \(count) columns is too wide for its column even set smaller: words in its cells are broken between letters"])
            let numbers = cells(document).filter { Int($0.fragment.text).map { $0 > 100 && $0 < 200 } ?? false }
            if count == 12 { XCTAssertEqual(numbers.count, 2 * 11, "every figure of the body rows whole") }
        }
        // Thirteen columns of short figures fit once the space between them narrows.
        let narrow = Table(alignments: [.left] + Array(repeating: .right, count: 12),
                           header: [[.text("Land")]] + (1..<13).map { [.text("\(10 + $0)")] },
                           rows: ["Kenya", "Japan"].map { name in [[.text(name)]] + (1..<13).map { [.text("\(100 + $0)")] } })
        let clock = BreakClock()
        _ = try Composer(layout: layout, shaper: FakeShaper(), clock: clock).compose(Fixtures.issue([story(narrow)]))
        XCTAssertEqual(clock.overlongWords, [])
        XCTAssertEqual(clock.warnings.map(\.message).filter { $0.contains("table") }, [])
    }

    /// A table too tall for the room a column has left goes down a paragraph (twice at most),
    /// and the text after it fills the column, rather than the column ending three lines or more
    /// short above the table (a test issue's front page did, six lines short): on every page
    /// but the story's last, where its columns run to the foot. The page still reads the table
    /// where it is written, before the lines that passed it (its items come first).
    func testTheTextAfterATablePassesItRatherThanLeaveAColumnShort() throws {
        var short: [Int] = [], passed = 0
        for words in stride(from: 200, through: 1_600, by: 50) {
            var story = Fixtures.story("Fees", paragraphs: [words] + Array(repeating: 70, count: 14))
            story.body.insert(.table(fees(rows: 6)), at: 1)
            let (document, geometry) = try compose([story])
            let pages = document.pages.indices.filter { p in document.pages[p].texts.contains { $0.story == 0 && $0.kind == .body } }
            for p in pages.dropLast() {
                let texts = document.pages[p].texts.filter { $0.story == 0 && ($0.kind == .body || $0.kind == .tableCell) }
                let columns = Set(texts.compactMap(\.column)).sorted()
                for (column, next) in zip(columns, columns.dropFirst()) {
                    let lowest = texts.filter { $0.column == column }.map(\.baseline).max() ?? 0
                    let first = texts.filter { $0.column == next }.min { $0.baseline < $1.baseline }
                    if first?.kind == .tableCell, geometry.bodyBottom - lowest > 3.3 * geometry.grid { short.append(words) }
                }
                // Lines of the paragraph after the table that stand above it, in the column
                // before: read after it all the same.
                guard let firstCell = texts.firstIndex(where: { $0.kind == .tableCell }), let cellColumn = texts[firstCell].column else { continue }
                let after = texts.filter { ($0.column ?? 0) < cellColumn && ($0.block ?? 0) > 0 && $0.block != texts.first?.block }
                if let passing = after.last, let block = passing.block, texts[..<firstCell].allSatisfy({ $0.block != block }),
                   texts[firstCell...].contains(where: { $0.block == block }) { passed += 1 }
            }
        }
        XCTAssertEqual(short, [], "columns ended three lines short above the table")
        XCTAssertGreaterThan(passed, 0, "the text after the table passed it, and is read after it")
    }

    /// A table too long for a column is split between its rows, and no part of it is a float:
    /// the text after it never comes between its rows (its last row, alone at a column's head,
    /// went down a paragraph when any row set whole was taken for a table).
    func testTheRowsOfASplitTableStayTogether() throws {
        var between: [Int] = [], split = 0
        for words in stride(from: 100, through: 1_300, by: 40) {
            var story = Fixtures.story("Fees", paragraphs: [words] + Array(repeating: 70, count: 10))
            // Its last row tall: a long note in its first cell.
            var table = fees(rows: 30)
            table.rows[table.rows.count - 1][0] = [.text(Fixtures.words(40))]
            story.body.insert(.table(table), at: 1)
            let (document, _) = try compose([story])
            let texts = document.pages.flatMap(\.texts).filter { $0.story == 0 && ($0.kind == .body || $0.kind == .tableCell) }
            guard let first = texts.firstIndex(where: { $0.kind == .tableCell }),
                  let last = texts.lastIndex(where: { $0.kind == .tableCell }) else { continue }
            if Set(texts[first...last].compactMap(\.column)).count > 1 { split += 1 }
            if texts[first...last].contains(where: { $0.kind == .body }) { between.append(words) }
        }
        XCTAssertEqual(between, [], "text read between a split table's rows")
        XCTAssertGreaterThan(split, 10, "the table was split across columns")
        // A table set whole may be passed; no row of a split one may, not even its last, after
        // which a column may end.
        func row(first: Bool) -> TableRow {
            TableRow(cells: [], height: 11, baseline: 8, leading: 11, width: 100, ruleAbove: 0, ruleBelow: 0,
                     ruleColour: Colour(red: 0, green: 0, blue: 0), isFirst: first)
        }
        func element(_ rows: [TableRow], _ breakAfter: ColumnElement.BreakAfter) -> ColumnElement {
            ColumnElement(content: .table(rows), height: 11 * Double(rows.count), baseline: 0, inset: 0, breakAfter: breakAfter)
        }
        XCTAssertTrue(element([row(first: true), row(first: false)], .allowed).isFloat)
        XCTAssertFalse(element([row(first: true)], .never).isFloat, "a split table's first row")
        XCTAssertFalse(element([row(first: false)], .allowed).isFloat, "a split table's last row")
    }

    /// A subhead over a table stays with it: where the table does not fit under the subhead at
    /// a column's foot, the subhead goes to the next column's head with it, never left alone.
    func testASubheadIsNotStrandedAtAColumnsFootAboveItsTable() throws {
        var stranded: [Int] = []
        for words in stride(from: 300, through: 1_200, by: 60) {
            var story = Fixtures.story("Survey", paragraphs: [words, 60])
            story.body.insert(contentsOf: [.heading(level: 2, [.text("Results by year")]), .table(fees(rows: 12))], at: 1)
            let (document, _) = try compose([story])
            let texts = document.pages.enumerated().flatMap { page, content in content.texts.map { (page, $0) } }
            let head = try XCTUnwrap(texts.last { $0.1.kind == .subhead })
            let header = try XCTUnwrap(texts.first { $0.1.kind == .tableCell })
            if head.0 != header.0 || head.1.column != header.1.column || header.1.baseline < head.1.baseline { stranded.append(words) }
        }
        XCTAssertEqual(stranded, [], "the subhead stood apart from its table")
    }
}
