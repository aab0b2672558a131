import XCTest
import BulletinModel
@testable import BulletinLayout

/// A head taller than the page is the layout's fault when its type is too large for any
/// headline, and the story's when its headline or deck is too long.
final class StoryHeadErrorTests: XCTestCase {
    func compose(_ story: Story, layout: LayoutSpec) throws -> Document {
        try Composer(layout: layout, shaper: FakeShaper()).compose(Fixtures.issue([story]))
    }

    func story(title: String, deck: String? = "A short deck.") -> Story {
        var story = Fixtures.story(title, paragraphs: [40, 40])
        story.deck = deck
        story.file = "stories/01-x.md"
        story.titleLine = 2
        return story
    }

    /// The classic layout with `role` set at `size` on a leading of 1.1 × size.
    func classic(_ role: TextRole, size: Double) throws -> LayoutSpec {
        var layout = try Fixtures.classic()
        var style = layout.style(role)
        style.size = size
        style.leading = size * 1.1
        layout.styles[role] = style
        return layout
    }

    func testHugeHeadlineBlamesTheLayoutKey() throws {
        let layout = try classic(.headline, size: 300)
        XCTAssertThrowsError(try compose(story(title: "Three short words"), layout: layout)) { error in
            guard let e = error as? InputError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.file, layout.file)
            XCTAssertTrue(e.file.hasSuffix("classic.yaml"), e.file)
            XCTAssertEqual(e.line, layout.line(of: "styles.headline"))
            XCTAssertNotNil(e.line)
            XCTAssertTrue(e.message.hasPrefix("styles.headline is too large for the page: story \"Three short words\" (stories/01-x.md:2) has a head "),
                          e.message)
            XCTAssertTrue(e.message.hasSuffix("in a text area 708.9pt tall"), e.message)
        }
    }

    func testHugeDeckBlamesTheDeckStyle() throws {
        let layout = try classic(.deck, size: 250)
        XCTAssertThrowsError(try compose(story(title: "Fine", deck: "A deck of several words"), layout: layout)) { error in
            let e = error as? InputError
            XCTAssertEqual(e?.line, layout.line(of: "styles.deck"))
            XCTAssertTrue(e?.message.hasPrefix("styles.deck is too large for the page") == true, e?.message ?? "")
        }
    }

    func testLongHeadlineBlamesTheStory() throws {
        let layout = try Fixtures.classic()
        XCTAssertThrowsError(try compose(story(title: Fixtures.words(400)), layout: layout)) { error in
            let e = error as? InputError
            XCTAssertEqual(e?.file, "stories/01-x.md")
            XCTAssertEqual(e?.line, 2)
            XCTAssertEqual(e?.message, "the story's head (kicker, headline, deck and byline) is taller than a page: shorten the headline or deck")
        }
    }

    /// A large headline that still fits is no error: only a head too tall for the page is.
    func testLargeHeadlineThatFitsComposes() throws {
        let layout = try classic(.headline, size: 60)
        XCTAssertNoThrow(try compose(story(title: "Three short words"), layout: layout))
    }
}
