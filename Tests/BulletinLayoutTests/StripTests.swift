import XCTest
import BulletinModel
@testable import BulletinLayout

/// No strips: where a story ends, its last lines are set two lines a column at least, three
/// where four columns or more are available; a short story takes fewer columns (or a narrower
/// block, for a filler) rather than a line or two in each. The classic layout with the fake
/// shaper, in three columns and in five.
final class StripTests: XCTestCase {
    func compose(_ stories: [Story], columns: Int = 3, images: [String: ImageSize] = [:]) throws -> Document {
        var layout = try Fixtures.classic()
        layout.grid.columns = columns
        layout.contents.place = .none
        layout.imprint.place = .none
        let issue = Fixtures.issue(stories)
        let document = try Composer(layout: layout, shaper: FakeShaper(), images: FakeImages(sizes: images)).compose(issue)
        XCTAssertEqual(ContentCheck.missing(in: document, issue: issue), [])
        return document
    }

    /// The lines of story `story` on the page where it ends, by column.
    func linesByColumn(_ document: Document, story: Int) -> [Int: Int] {
        let kinds: Set<TextKind> = [.body, .listItem, .subhead, .quote]
        guard let page = document.pages.lastIndex(where: { $0.texts.contains { $0.story == story && kinds.contains($0.kind) } }) else { return [:] }
        var baselines: [Int: Set<Double>] = [:]
        for text in document.pages[page].texts where text.story == story && kinds.contains(text.kind) {
            if let column = text.column { baselines[column, default: []].insert((text.baseline * 100).rounded()) }
        }
        return baselines.mapValues(\.count)
    }

    func assertNoStrips(_ document: Document, story: Int, least: Int, _ note: String, file: StaticString = #filePath, line: UInt = #line) {
        let columns = linesByColumn(document, story: story)
        XCTAssertFalse(columns.isEmpty, note, file: file, line: line)
        guard columns.count > 1 else { return }
        XCTAssertTrue(columns.values.allSatisfy { $0 >= least }, "\(note): lines by column \(columns.sorted { $0.key < $1.key })",
                      file: file, line: line)
    }

    func testShortStoryAcrossTheColumnsTakesFewerOfThem() throws {
        for (columns, least) in [(3, 2), (5, 3)] {
            for words in stride(from: 6, through: 90, by: 6) {
                // Alone on page 1, and after a story that ends on it.
                let alone = try compose([Fixtures.story("Short", paragraphs: [words], seed: words)], columns: columns)
                assertNoStrips(alone, story: 0, least: least, "\(columns) columns, \(words) words alone")
                let after = try compose([Fixtures.story("Before", paragraphs: [80, 80, 80]),
                                         Fixtures.story("Short", paragraphs: [words], seed: words)], columns: columns)
                assertNoStrips(after, story: 1, least: least, "\(columns) columns, \(words) words after a story")
            }
        }
    }

    func testShortStoryBesideANarrowOneIsNotStrewnOverTheColumns() throws {
        // The narrow story stands in the right column; the short one's head spans the others, and
        // its text may go on below the narrow story: a chain of columns that do not start level.
        for (columns, least) in [(3, 2), (5, 3)] {
            for words in stride(from: 6, through: 90, by: 6) {
                var narrow = Fixtures.story("Narrow", paragraphs: [30, 20], seed: 7)
                narrow.columns = 1
                let document = try compose([narrow, Fixtures.story("Short", paragraphs: [words], seed: words)], columns: columns)
                assertNoStrips(document, story: 1, least: least, "\(columns) columns, \(words) words beside a narrow story")
            }
        }
    }

    func testFillerInTheGapBeforeAPageBreakIsANarrowerBlock() throws {
        // A story across the page opens on page 2 (its picture needs the room): the filler is set
        // in the gap it leaves on page 1, as few columns wide as keep two lines in each.
        var pictured = Fixtures.story("Pictured", paragraphs: [60, 60, 60], seed: 2)
        pictured.image = ImageRef(path: "images/square.jpg", resolved: "/issue/images/square.jpg", caption: "A caption.", span: nil)
        let square = ["/issue/images/square.jpg": ImageSize(width: 1000, height: 1000)]
        var placedInGap = 0
        for words in stride(from: 8, through: 48, by: 4) {
            var filler = Fixtures.story("Filler", paragraphs: [words], seed: words)
            filler.filler = true
            let document = try compose([Fixtures.story("First", paragraphs: [60, 60, 60]), pictured, filler], images: square)
            if document.outline.first(where: { $0.title == "Filler" })?.page == 0 { placedInGap += 1 }
            assertNoStrips(document, story: 2, least: 2, "a filler of \(words) words")
        }
        XCTAssertGreaterThan(placedInGap, 5, "the fillers go in the gap")
    }
}
