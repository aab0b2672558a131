import XCTest
import BulletinModel
@testable import BulletinLayout

final class ComposerTests: XCTestCase {
    /// The classic layout without the contents box and imprint, so that stories flow over
    /// whole pages (`BoxTests` test the boxes).
    func compose(_ stories: [Story]) throws -> (Document, LayoutSpec) {
        var layout = try Fixtures.classic()
        layout.contents.place = .none
        layout.imprint.place = .none
        return (try Composer(layout: layout, shaper: FakeShaper()).compose(Fixtures.issue(stories)), layout)
    }

    func body(_ page: Page) -> [PlacedText] { page.texts.filter { $0.kind == .body } }

    func testColumnsSitOnTheGridAtTheirPositions() throws {
        let (document, layout) = try compose([Fixtures.story("Long", paragraphs: Array(repeating: 80, count: 30))])
        let geometry = PageGeometry(layout: layout)
        XCTAssertGreaterThanOrEqual(document.pages.count, 2)
        for (p, page) in document.pages.enumerated() {
            for text in body(page) {
                let column = try XCTUnwrap(text.column)
                XCTAssertGreaterThanOrEqual(text.x, geometry.columnX(column) - 0.001)
                XCTAssertLessThanOrEqual(text.x + text.fragment.width, geometry.columnX(column) + geometry.columnWidth + 0.001)
            }
            // Same baselines in every column: positions on the page's grid.
            let baselines = Set(body(page).map { (($0.baseline - geometry.bodyTop(page: p)) * 1000).rounded() / 1000 })
            let offset = try XCTUnwrap(baselines.min()).truncatingRemainder(dividingBy: layout.grid.baseline)
            for b in baselines {
                let steps = (b - offset) / layout.grid.baseline
                XCTAssertEqual(steps, steps.rounded(), accuracy: 0.001)
            }
        }
        // Page 2 is full: all three columns end on the same last grid line or one above it.
        let page2 = body(document.pages[1])
        let bottoms: [Double] = (0..<3).map { c -> Double in page2.filter { $0.column == c }.map(\.baseline).max() ?? 0 }
        let highest = bottoms.max() ?? 0, lowest = bottoms.min() ?? 0
        XCTAssertLessThanOrEqual(highest - lowest, layout.grid.baseline + 0.001)
        XCTAssertLessThanOrEqual(highest, geometry.bodyBottom)
    }

    /// A code block's lines keep their own indent (nested code, YAML): each leading space half
    /// an em of the body, a tab to the next stop of four.
    func testCodeLinesKeepTheirIndent() throws {
        var story = Fixtures.story("Code", paragraphs: [])
        story.body = [.code("top:\n    nested: 1\n\ttabbed: 2\n  two: 3")]
        let (document, layout) = try compose([story])
        let geometry = PageGeometry(layout: layout)
        // From the left of the word's column: a short block is balanced over the columns.
        let x = { (word: String) in
            self.body(document.pages[0]).first { $0.fragment.text == word }.map { $0.x - geometry.columnX($0.column ?? 0) }
        }
        let top = try XCTUnwrap(x("top:")), size = layout.style(.body).size
        XCTAssertEqual(try XCTUnwrap(x("nested:")) - top, 2 * size, accuracy: 0.001)
        XCTAssertEqual(try XCTUnwrap(x("tabbed:")) - top, 2 * size, accuracy: 0.001)
        XCTAssertEqual(try XCTUnwrap(x("two:")) - top, size, accuracy: 0.001)
    }

    /// A thematic break, and so the break the Markdown reader puts over a story's notes, is a
    /// rule a third of the measure long between the text and what follows, not a blank line;
    /// every note starts at the column's edge, led by its number, the second as the first.
    func testNotesStandUnderARuleEachLedByItsNumber() throws {
        var story = Fixtures.story("Noted", paragraphs: [])
        story.body = [.paragraph([.text("A claim¹ and a second one² in the text.")]), .thematicBreak,
                      .paragraph([.text("¹\u{00A0}"), .text("First note.")]), .paragraph([.text("²\u{00A0}"), .text("Second note.")])]
        let (document, layout) = try compose([story])
        let geometry = PageGeometry(layout: layout)
        let page = document.pages[0]
        let claim = try XCTUnwrap(body(page).first { $0.fragment.text == "A" })
        let first = try XCTUnwrap(body(page).first { $0.fragment.text.hasPrefix("¹") })
        let second = try XCTUnwrap(body(page).first { $0.fragment.text.hasPrefix("²") })
        let column = try XCTUnwrap(first.column)
        XCTAssertEqual(first.x, geometry.columnX(column), accuracy: 0.001)
        XCTAssertEqual(second.x, geometry.columnX(try XCTUnwrap(second.column)), accuracy: 0.001, "the second note is not indented")
        // One short rule, at the left of the first note's column, right above it.
        let rules = page.items.compactMap { item -> Rule? in if case .rule(let r) = item { return r } else { return nil } }
            .filter { abs($0.x1 - $0.x0 - geometry.columnWidth / 3) < 0.001 }
        XCTAssertEqual(rules.count, 1, "one rule over the notes")
        let rule = try XCTUnwrap(rules.first)
        XCTAssertEqual(rule.x0, geometry.columnX(column), accuracy: 0.001)
        XCTAssertGreaterThan(first.baseline, rule.y0)
        XCTAssertLessThan(first.baseline - rule.y0, 2 * layout.grid.baseline)
        XCTAssertTrue(try XCTUnwrap(claim.column) < column || claim.baseline < rule.y0, "the rule comes after the text")
    }

    func testHeadSpansAllColumns() throws {
        let (document, layout) = try compose([Fixtures.story("A headline long enough to run well past one column of the page", paragraphs: [60, 60])])
        let geometry = PageGeometry(layout: layout)
        let headline = document.pages[0].texts.filter { $0.kind == .headline }
        XCTAssertEqual(headline.first?.x ?? 0, geometry.left, accuracy: 0.001)
        let end = headline.map { $0.x + $0.fragment.width }.max() ?? 0
        // Balanced over two lines, it still runs well across the second column.
        XCTAssertGreaterThan(end, geometry.columnX(1) + geometry.columnWidth / 2)
        // The body starts below the whole head.
        let lowestHead = document.pages[0].texts.filter { [.kicker, .headline, .deck, .byline].contains($0.kind) }.map(\.baseline).max() ?? 0
        let firstBody = body(document.pages[0]).map(\.baseline).min() ?? 0
        XCTAssertGreaterThan(firstBody, lowestHead)
        XCTAssertTrue(document.pages[0].texts.contains { $0.kind == .byline && $0.fragment.text.hasPrefix("Written") })
    }

    func testTwoLineHeadlinesAreBalanced() throws {
        // At full width the fake font would leave "reach" alone on the second line.
        let title = "Record numbers head overseas as the exchange programme widens its reach"
        let (document, layout) = try compose([Fixtures.story(title, paragraphs: [40])])
        let lines = Dictionary(grouping: document.pages[0].texts.filter { $0.kind == .headline }, by: \.baseline)
        XCTAssertEqual(lines.count, 2)
        let widths = lines.values.map { line in (line.map { $0.x + $0.fragment.width }.max() ?? 0) - (line.map(\.x).min() ?? 0) }
        XCTAssertLessThan(abs(widths[0] - widths[1]), layout.style(.headline).size * 6, "\(widths)")
    }

    func testFlowGoesColumnByColumnThenPageByPage() throws {
        let (document, _) = try compose([Fixtures.story("Long", paragraphs: Array(repeating: 80, count: 30))])
        var previous = (page: 0, column: 0)
        for (p, page) in document.pages.enumerated() {
            for text in body(page) {
                let position = (page: p, column: text.column ?? -1)
                XCTAssertTrue(position.page > previous.page || position.column >= previous.column, "\(position) after \(previous)")
                previous = position
            }
        }
        // The words come out in the story's order.
        let words = document.pages.flatMap(body).map(\.fragment).map { $0.actualText ?? $0.text }
        XCTAssertTrue(words.joined(separator: " ").replacingOccurrences(of: "\u{00AD} ", with: "").hasPrefix(Fixtures.words(80, seed: 100).capitalizedFirst))
    }

    /// A contact too long for the footer's two lines takes more lines, split at its separators,
    /// none of them condensed, and the text area ends above them on every page; the layout's
    /// footer stays as it is where the contact fits.
    func testALongContactTakesMoreFooterLinesRatherThanBeCondensed() throws {
        var layout = try Fixtures.classic()
        layout.contents.place = .none
        layout.imprint.place = .none
        var issue = Fixtures.issue([Fixtures.story("Long", paragraphs: Array(repeating: 80, count: 12))])
        issue.contact.email = "research-services-grants-and-contracts-administration@research.institute.example.edu"
        issue.contact.web = "https://www.research.institute.example.edu/offices/research-services/knowledge-exchange/contacts"
        issue.copyright = "© 2026 The Trustees of the Institute. All rights reserved."
        let clock = BreakClock()
        let document = try Composer(layout: layout, shaper: FakeShaper(), clock: clock).compose(issue)
        XCTAssertFalse(clock.warnings.contains { $0.message.contains("condensed") }, "\(clock.warnings)")
        let leading = layout.style(.footer).leading
        for page in document.pages {
            let footer = page.texts.filter { $0.kind == .footer }
            XCTAssertTrue(footer.allSatisfy { $0.fragment.scale == 1 })
            let baselines = Set(footer.map(\.baseline)).sorted()
            XCTAssertGreaterThan(baselines.count, layout.footer.lines.count)
            let text = footer.map(\.fragment.text).joined(separator: " ")
            for part in ["research-services-grants", "knowledge-exchange", "All rights reserved."] { XCTAssertTrue(text.contains(part), text) }
            let lowestBody = page.texts.filter { $0.kind == .body }.map(\.baseline).max() ?? 0
            XCTAssertLessThan(lowestBody, (baselines.first ?? 0) - leading)
        }
        let plain = try Composer(layout: layout, shaper: FakeShaper()).compose(Fixtures.issue([Fixtures.story("Long", paragraphs: [80])]))
        XCTAssertEqual(Set(plain.pages[0].texts.filter { $0.kind == .footer }.map(\.baseline)).count, layout.footer.lines.count)
    }

    func testFooterOnEveryPageAndRunningHeadAfterTheFirst() throws {
        let (document, _) = try compose([Fixtures.story("Long", paragraphs: Array(repeating: 80, count: 30))])
        let count = document.pages.count
        for (p, page) in document.pages.enumerated() {
            let footer = page.texts.filter { $0.kind == .footer }.map(\.fragment.text).joined(separator: " ")
            XCTAssertTrue(footer.contains("Test Office"), footer)
            XCTAssertTrue(footer.contains("1 Test Road"))
            XCTAssertTrue(footer.contains("01632 960000"))
            XCTAssertTrue(footer.contains("t@example.edu"))
            XCTAssertTrue(footer.contains("© 2026 Test"))
            XCTAssertTrue(footer.contains("page \(p + 1) of \(count)"), footer)
            let head = page.texts.filter { $0.kind == .runningHead }.map(\.fragment.text).joined(separator: " ")
            if p == 0 {
                XCTAssertTrue(head.isEmpty)
                XCTAssertTrue(page.texts.contains { $0.kind == .mastheadTitle })
            } else {
                XCTAssertTrue(head.contains("Test Bulletin"))
                XCTAssertTrue(head.contains("November 2026"))
                XCTAssertTrue(head.contains("page \(p + 1)"))
            }
        }
    }

    /// A furniture line that is the same on every page (the contact lines, a running head
    /// without the page number) is set once, however many pages; only the lines with the
    /// page's number are set for each page.
    func testFurnitureTheSameOnEveryPageIsSetOnce() throws {
        var layout = try Fixtures.classic()
        layout.runningHead.text = "{title} · {month}"
        let issue = Fixtures.issue([])
        func linesSet(pages count: Int) -> (paragraphs: Int, pages: [Page]) {
            let typesetter = Typesetter(shaper: FakeShaper())
            let furniture = PageFurniture(layout: layout, geometry: PageGeometry(layout: layout), typesetter: typesetter,
                                          issueFile: "issue.yaml", words: layout.wording.words(issue.language))
            var pages = [Page](repeating: Page(), count: count)
            furniture.add(to: &pages, issue: issue)
            return (typesetter.clock.paragraphs, pages)
        }
        let (few, _) = linesSet(pages: 3)
        let (many, pages) = linesSet(pages: 30)
        // One line with the page's number a page, and the first contact line, which keeps
        // clear of the number, once more where the number grows a digit (page 10).
        XCTAssertEqual(many - few, 27 + 1)
        // Every page still has all its lines, with its own number.
        let first = pages[1].texts.filter { $0.kind == .runningHead }.map(\.fragment.text)
        for (index, page) in pages.enumerated() {
            let footer = page.texts.filter { $0.kind == .footer }.map(\.fragment.text).joined(separator: " ")
            XCTAssertTrue(footer.contains("page \(index + 1) of 30"), footer)
            XCTAssertTrue(footer.contains("01632 960000"), footer)
            if index > 0 { XCTAssertEqual(page.texts.filter { $0.kind == .runningHead }.map(\.fragment.text), first) }
        }
        XCTAssertFalse(first.isEmpty)
    }

    func testRulesSeparateStoriesButNotTheMastheadFromTheFirst() throws {
        let (document, _) = try compose([Fixtures.story("First", paragraphs: [40]), Fixtures.story("Second", paragraphs: [40])])
        let items = document.pages[0].items
        let firstHeadline = try XCTUnwrap(items.firstIndex { if case .text(let t) = $0 { return t.kind == .kicker } else { return false } })
        let rulesBefore = items[..<firstHeadline].filter { if case .rule = $0 { return true } else { return false } }.count
        XCTAssertEqual(rulesBefore, 2, "the masthead's own two rules only")
        let secondStory = try XCTUnwrap(items.firstIndex { if case .text(let t) = $0 { return t.story == 1 } else { return false } })
        let between = items[firstHeadline..<secondStory].filter { if case .rule = $0 { return true } else { return false } }.count
        XCTAssertEqual(between, 1, "one rule between the stories")
    }

    func testAHeadTallerThanAPageIsAnErrorNamingTheStory() throws {
        var story = Fixtures.story("Huge", paragraphs: [20])
        story.deck = String(repeating: "An endless deck sentence. ", count: 300)
        story.file = "stories/09-huge.md"
        story.titleLine = 3
        XCTAssertThrowsError(try compose([story])) { error in
            let message = (error as? InputError)?.description ?? ""
            XCTAssertTrue(message.hasPrefix("stories/09-huge.md:3: the story's head"), message)
        }
    }

    func testShortStoryColumnsAreBalanced() throws {
        let (document, layout) = try compose([Fixtures.story("Short", paragraphs: [70, 50, 60, 40, 55])])
        let lines = body(document.pages[0])
        let perColumn: [Int] = (0..<3).map { c -> Int in Set(lines.filter { $0.column == c }.map(\.baseline)).count }
        XCTAssertTrue(perColumn.allSatisfy { $0 > 0 }, "\(perColumn)")
        // Within two lines of each other (20, 19, 18 here): evener columns would leave a widow
        // or an orphan, which balancing never does.
        XCTAssertLessThanOrEqual((perColumn.max() ?? 0) - (perColumn.min() ?? 0), 2, "\(perColumn)")
        XCTAssertEqual(KeepRuleTests.faults(document), [])
        _ = layout
    }

    func testNextStoryStartsBelowTheBalancedColumns() throws {
        let (document, _) = try compose([Fixtures.story("First", paragraphs: [70, 50, 60]), Fixtures.story("Second", paragraphs: [60, 60])])
        let page = document.pages[0]
        let firstBottom = page.texts.filter { $0.story == 0 && $0.kind == .body }.map(\.baseline).max() ?? 0
        let secondTop = page.texts.filter { $0.story == 1 }.map(\.baseline).min() ?? 0
        XCTAssertGreaterThan(secondTop, firstBottom)
        XCTAssertEqual(document.outline.map(\.title), ["First", "Second"])
    }

    func testWidowsAndOrphansMoveUnlessNothingElseFits() {
        func line(_ rule: ColumnElement.BreakAfter) -> ColumnElement {
            ColumnElement(content: .space, height: 10, baseline: 8, inset: 0, breakAfter: rule)
        }
        // A 5-line paragraph: no break after line 1 (orphan) or line 4 (widow).
        let paragraph: [ColumnElement] = [line(.avoid), line(.allowed), line(.allowed), line(.avoid), line(.allowed)]
        let flow = ColumnFlow(elements: ([line(.allowed)] + paragraph).map { e in
            var e = e
            e.content = .line(TypesetLine(fragments: [], width: 0, naturalWidth: 0, ratio: 0, hyphenated: false, isLast: false), kind: .body, block: 0)
            return e
        })
        // Room for 2 lines: the column would end after the paragraph's first line: it moves on.
        XCTAssertEqual(flow.fill(from: 0, capacity: 20).end, 1)
        // Room for 5: ending before the last line would leave a widow: 4 lines go.
        XCTAssertEqual(flow.fill(from: 0, capacity: 50).end, 4)
        // A column that can only hold an orphan takes it rather than stay empty.
        XCTAssertEqual(flow.fill(from: 1, capacity: 10).end, 2)
    }

    func testSubheadStaysWithItsText() {
        let text = ColumnElement(content: .line(TypesetLine(fragments: [], width: 0, naturalWidth: 0, ratio: 0, hyphenated: false, isLast: true), kind: .body, block: 0),
                                 height: 10, baseline: 8, inset: 0, breakAfter: .allowed)
        var subhead = text
        subhead.breakAfter = .never
        let flow = ColumnFlow(elements: [text, text, subhead, text, text])
        XCTAssertEqual(flow.fill(from: 0, capacity: 30).end, 2)
        XCTAssertEqual(flow.fill(from: 2, capacity: 30).end, 5)
    }

    /// In a chain of columns (a front-page band), a subhead whose table does not fit under it
    /// leaves its column empty and goes on with the table, rather than stand alone at the foot
    /// of the band; where nothing of the story has been placed yet, it still goes in by force.
    func testSubheadGoesOnWithATableTooTallForTheColumnsLeft() {
        let text = ColumnElement(content: .line(TypesetLine(fragments: [], width: 0, naturalWidth: 0, ratio: 0, hyphenated: false, isLast: true), kind: .body, block: 0),
                                 height: 10, baseline: 8, inset: 0, breakAfter: .allowed)
        var subhead = text
        subhead.breakAfter = .never
        let space = ColumnElement(content: .space, height: 10, baseline: 0, inset: 0, breakAfter: .never)
        let table = ColumnElement(content: .table([]), height: 60, baseline: 0, inset: 0, breakAfter: .allowed)
        let flow = ColumnFlow(elements: [text, text, space, subhead, space, table, text])
        // Two text lines in the first column; neither the second nor the third holds the
        // subhead with its table, so both stay empty and the story goes on from the subhead.
        let columns = flow.fillChain(from: 0, capacities: [50, 50, 40])
        XCTAssertEqual(columns.map(\.end), [2, 3, 3])
        XCTAssertEqual(columns.map(\.height), [20, 0, 0])
        // A taller column further on takes them together.
        XCTAssertEqual(flow.fillChain(from: 0, capacities: [50, 50, 90]).map(\.end), [2, 3, 7])
        // At the chain's head, with nothing placed before it, the subhead goes in alone.
        XCTAssertEqual(flow.fillChain(from: 2, capacities: [50, 100]).map(\.end), [5, 7])
    }
}
