import XCTest
import BulletinModel
import BulletinSource
@testable import BulletinLayout

/// A pull quote set between its language's quotation marks, whether or not its author typed some.
final class QuotedTextTests: XCTestCase {
    func testAQuotationsOwnMarksGiveWayToTheLanguages() {
        func english(_ text: String) -> String { QuotedText.quoted(text, open: "\u{201C}", close: "\u{201D}") }
        func french(_ text: String) -> String { QuotedText.quoted(text, open: "\u{00AB}\u{00A0}", close: "\u{00A0}\u{00BB}") }
        XCTAssertEqual(english("Water does not stop."), "“Water does not stop.”")
        XCTAssertEqual(english("“Water does not stop.”"), "“Water does not stop.”")
        XCTAssertEqual(english("\"Water does not stop.\""), "“Water does not stop.”")
        XCTAssertEqual(english("‘Water does not stop.’"), "“Water does not stop.”")
        XCTAssertEqual(english("„Wasser hält nicht an.“"), "“Wasser hält nicht an.”")
        XCTAssertEqual(french("« Partir un semestre. »"), "«\u{00A0}Partir un semestre.\u{00A0}»")
        XCTAssertEqual(french("«\u{202F}Partir un semestre.\u{202F}»"), "«\u{00A0}Partir un semestre.\u{00A0}»")
        XCTAssertEqual(french("“Partir un semestre.”"), "«\u{00A0}Partir un semestre.\u{00A0}»")
        XCTAssertEqual(french("Partir un semestre."), "«\u{00A0}Partir un semestre.\u{00A0}»")
        // Marks that may belong to two quotations are left as typed, without another pair.
        XCTAssertEqual(english("“Yes,” she said, “at once.”"), "“Yes,” she said, “at once.”")
        // A quotation within, in single marks, and an apostrophe stay.
        XCTAssertEqual(english("“It’s ‘ours’ now.”"), "“It’s ‘ours’ now.”")
        XCTAssertEqual(english("It’s ours"), "“It’s ours”")
    }

    /// The pull quote on the page has one pair of marks, the story language's.
    func testAPullQuoteTypedWithMarksHasOnePair() throws {
        var layout = try Fixtures.classic()
        layout.contents.place = .none
        for (lang, typed, expected) in [("en", "“A sentence worth setting large”", "“A sentence worth setting large”"),
                                        ("fr", "« Une phrase à mettre en grand »", "«\u{00A0}Une phrase à mettre en grand\u{00A0}»")] {
            var story = Fixtures.story("Quoted", paragraphs: Array(repeating: 50, count: 10))
            story.lang = lang
            story.pullQuote = typed
            let document = try Composer(layout: layout, shaper: FakeShaper()).compose(Fixtures.issue([story]))
            let quote = document.pages.flatMap(\.texts).filter { $0.kind == .pullQuote }.map(\.fragment.text).joined(separator: " ")
            XCTAssertEqual(quote, expected)
        }
    }
}
