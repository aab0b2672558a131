import XCTest
@testable import BulletinSource

/// The key an unknown one was meant to be: another tool's word, or a slip of the keyboard.
final class KeySuggestionTests: XCTestCase {
    func testOtherToolsWordsAndSlips() {
        let keys = StoryLoader.keys
        XCTAssertEqual(KeySuggestion.suggest("author", known: keys), "written_by")
        XCTAssertEqual(KeySuggestion.suggest("Authors", known: keys), "written_by")
        XCTAssertEqual(KeySuggestion.suggest("summery", known: keys), "summary")
        XCTAssertEqual(KeySuggestion.suggest("writen_by", known: keys), "written_by")
        XCTAssertEqual(KeySuggestion.suggest("pull-quote", known: keys), "pull_quote")
        XCTAssertEqual(KeySuggestion.suggest("titel", known: keys), "title")
        XCTAssertNil(KeySuggestion.suggest("colour", known: keys), "nothing near: the known keys are listed instead")
        XCTAssertNil(KeySuggestion.suggest("size", known: StoryLoader.imageKeys))
    }

    func testTheWarningCarriesTheSuggestionAsItsHint() {
        let warning = KeySuggestion.unknownKey("author", known: StoryLoader.keys, file: "s.md", line: 3)
        XCTAssertEqual(warning.description, "s.md:3: warning: unknown key \"author\" is ignored: did you mean \"written_by\"?")
        XCTAssertEqual(warning.hint, "did you mean \"written_by\"?")
        let listed = KeySuggestion.unknownKey("colour", known: ["title", "deck"], file: "s.md", line: 4)
        XCTAssertEqual(listed.description, "s.md:4: warning: unknown key \"colour\" is ignored (known: deck, title)")
    }

    func testEditDistance() {
        XCTAssertEqual(KeySuggestion.distance("kitten", "sitting"), 3)
        XCTAssertEqual(KeySuggestion.distance("", "abc"), 3)
        XCTAssertEqual(KeySuggestion.distance("same", "same"), 0)
    }
}
