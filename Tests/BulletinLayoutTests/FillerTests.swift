import XCTest
import BulletinModel
@testable import BulletinLayout

/// Fillers go in the free space the stories leave, on the last page or a page before it, and
/// open a page of their own only where they fit in none; the warning about an empty last page
/// then says what would help. The classic layout with the fake shaper.
final class FillerTests: XCTestCase {
    func compose(_ stories: [Story], images: [String: ImageSize] = [:], clock: BreakClock = BreakClock()) throws -> Document {
        var layout = try Fixtures.classic()
        layout.contents.place = .none
        layout.imprint.place = .none
        let issue = Fixtures.issue(stories)
        let document = try Composer(layout: layout, shaper: FakeShaper(), clock: clock, images: FakeImages(sizes: images)).compose(issue)
        XCTAssertEqual(ContentCheck.missing(in: document, issue: issue), [])
        return document
    }

    func filler(_ paragraphs: [Int]) -> Story {
        var story = Fixtures.story("Found", paragraphs: paragraphs, seed: 5)
        story.filler = true
        story.deck = nil
        story.byline = Byline()
        return story
    }

    func testFillerGoesInAHoleOnAnEarlierPageRatherThanOpenAPage() throws {
        // The first story leaves the foot of page 1 free (less than a third of it, so the gap
        // before the page break is not filled at once); the pictured story opens on page 2 and
        // runs on, ending anywhere on the last page, full or not.
        var pictured = Fixtures.story("Pictured", paragraphs: [], seed: 2)
        pictured.image = ImageRef(path: "images/square.jpg", resolved: "/issue/images/square.jpg", caption: "A caption.", span: nil)
        let square = ["/issue/images/square.jpg": ImageSize(width: 1000, height: 1000)]
        let first = Fixtures.story("First", paragraphs: Array(repeating: 90, count: 7))
        var earlier = 0
        for paragraphs in stride(from: 8, through: 44, by: 2) {
            pictured.body = Fixtures.story("Pictured", paragraphs: Array(repeating: 80, count: paragraphs), seed: 2).body
            let without = try compose([first, pictured], images: square)
            let with = try compose([first, pictured, filler([20])], images: square)
            XCTAssertEqual(with.pages.count, without.pages.count, "\(paragraphs) paragraphs: the filler opens no page")
            let page = try XCTUnwrap(with.outline.first { $0.title == "Found" }?.page)
            if page < with.pages.count - 1 { earlier += 1 }
            // Whole on its page.
            XCTAssertEqual(Set(with.pages.indices.filter { p in with.pages[p].texts.contains { $0.story == 2 && $0.kind == .body } }), [page])
        }
        XCTAssertGreaterThan(earlier, 0, "where the last page is full, the filler goes on a page before it")
    }

    func testWarningAboutAnEmptyLastPageDoesNotAskForAFillerWhenOneIsSet() throws {
        // A filler too tall for any free space opens the last page: the warning names it and says
        // what would spare the page, not that a filler would fill it.
        var told = 0
        for paragraphs in stride(from: 10, through: 40, by: 3) {
            let clock = BreakClock()
            let document = try compose([Fixtures.story("Main", paragraphs: Array(repeating: 90, count: paragraphs)), filler([80, 80, 80, 80])],
                                       clock: clock)
            let last = try XCTUnwrap(document.pages.last)
            let empty = clock.warnings.filter { $0.message.contains("lines of the last page are empty") }.map(\.message)
            XCTAssertFalse(empty.contains { $0.contains("filler: true") }, "\(paragraphs) paragraphs: \(empty)")
            if !last.texts.contains(where: { $0.story == 0 }), !empty.isEmpty {
                told += 1
                XCTAssertTrue(empty[0].contains("the filler \"Found\"") && empty[0].hasSuffix("leaving it out, would spare the page"), empty[0])
            }
        }
        XCTAssertGreaterThan(told, 0, "a filler opened the last page")
    }

    func testWarningStillAsksForAFillerWhereThereIsNone() throws {
        let clock = BreakClock()
        _ = try compose([Fixtures.story("Main", paragraphs: Array(repeating: 90, count: 22))], clock: clock)
        let empty = clock.warnings.filter { $0.message.contains("lines of the last page are empty") }.map(\.message)
        XCTAssertEqual(empty.count, 1, "\(clock.warnings)")
        XCTAssertTrue(empty.first?.hasSuffix("a short story marked \"filler: true\" would fill them") ?? false, "\(empty)")
    }
}
