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

    /// An editor writing in another language reaches for that language's word: it is known
    /// for the key it stands for, in the story's front matter, issue.yaml and its contact block.
    func testTheKeysWordsInTheLanguagesBulletinSets() {
        let story = StoryLoader.keys, issue = IssueLoader.keys
        for (word, key) in [("autor", "written_by"), ("Auteur", "written_by"), ("作者", "written_by"), ("titre", "title"),
                            ("título", "title"), ("Bild", "image"), ("immagine", "image"), ("язык", "lang"), ("idioma", "lang"),
                            ("fecha", "date"), ("Datum", "date"), ("resumen", "summary"), ("Zitat", "pull_quote"),
                            ("Untertitel", "deck"), ("redakteur", "edited_by"), ("rubrique", "kicker")] {
            XCTAssertEqual(KeySuggestion.suggest(word, known: story), key, word)
        }
        // The same word, another file: an issue's subtitle and editors, not a story's deck and editor.
        XCTAssertEqual(KeySuggestion.suggest("Untertitel", known: issue), "subtitle")
        XCTAssertEqual(KeySuggestion.suggest("redakteur", known: issue), "editors")
        XCTAssertEqual(KeySuggestion.suggest("Jahrgang", known: issue), "volume")
        XCTAssertEqual(KeySuggestion.suggest("numéro", known: issue), "number")
        for (word, key) in [("telefon", "telephone"), ("teléfono", "telephone"), ("adresse", "address"), ("courriel", "email"),
                            ("e-mail", "email"), ("website", "web"), ("organization", "organisation")] {
            XCTAssertEqual(KeySuggestion.suggest(word, known: IssueLoader.contactKeys), key, word)
        }
        let warning = KeySuggestion.unknownKey("autor", known: story, file: "s.md", line: 3)
        XCTAssertEqual(warning.description, "s.md:3: warning: unknown key \"autor\" is ignored: did you mean \"written_by\"?")
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
