import XCTest
import BulletinModel
@testable import BulletinSource

/// Straight quotation marks typed in a story print as the marks of the language they are in:
/// German „so“ and ‚so‘, French « ainsi », Japanese 「こう」, English “so” and ‘so’. An
/// apostrophe is ’ everywhere; marks typed as they print stay as typed; code keeps its marks.
final class QuotationMarksTests: XCTestCase {
    func story(_ text: String) throws -> Story {
        let scratch = ScratchIssue(stories: ["01-a.md": text])
        scratch.write("images/a.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>")
        return try withExtendedLifetime(scratch) { try IssueLoader.load(folder: scratch.path).issue.stories[0] }
    }

    func paragraphs(_ story: Story) -> [String] {
        story.body.compactMap { block in
            if case .paragraph(let inlines) = block { return inlines.plainText }
            return nil
        }
    }

    func testAGermanStorysMarksAreGermanInItsFrontMatterAndBody() throws {
        let story = try story("""
        ---
        title: Der "Campus" von morgen
        deck: "'Gut', sagte sie."
        lang: de
        ---

        "Wie geht's?", fragte sie. Er sagte: "Das Büro nennt es 'Haus am Hafen'." Die '90er sind vorbei.

        Ein `"Code"`-Beispiel, ein schon „gesetztes“ Zitat und ein englisch “getipptes”.
        """)
        XCTAssertEqual(story.title, "Der \u{201E}Campus\u{201C} von morgen")
        XCTAssertEqual(story.deck, "\u{201A}Gut\u{2018}, sagte sie.")
        XCTAssertEqual(paragraphs(story), [
            "\u{201E}Wie geht\u{2019}s?\u{201C}, fragte sie. Er sagte: \u{201E}Das Büro nennt es \u{201A}Haus am Hafen\u{2018}.\u{201C} Die \u{2019}90er sind vorbei.",
            "Ein \"Code\"-Beispiel, ein schon \u{201E}gesetztes\u{201C} Zitat und ein englisch \u{201C}getipptes\u{201D}.",
        ])
    }

    /// A single mark between letters is an apostrophe, not the close of an inner quotation
    /// open before it: the close comes after the quoted words.
    func testAnApostropheInsideAnInnerQuotationDoesNotCloseIt() throws {
        let story = try story("---\ntitle: Sie fragte 'geht's gut' zuerst\nlang: de\n---\n\nSie fragte 'geht's gut' zuerst.\n")
        XCTAssertEqual(story.title, "Sie fragte \u{201A}geht\u{2019}s gut\u{2018} zuerst")
        XCTAssertEqual(paragraphs(story), ["Sie fragte \u{201A}geht\u{2019}s gut\u{2018} zuerst."])
    }

    func testFrenchMarksHaveANarrowSpaceInside() throws {
        let story = try story("---\ntitle: Le \"campus\"\nlang: fr\n---\n\nElle a dit : \"Bienvenue à l'université.\"\n")
        XCTAssertEqual(story.title, "Le \u{00AB}\u{202F}campus\u{202F}\u{00BB}")
        XCTAssertEqual(paragraphs(story), ["Elle a dit : \u{00AB}\u{202F}Bienvenue à l\u{2019}université.\u{202F}\u{00BB}"])
    }

    /// The language a quotation is in decides its marks: a paragraph, a span or a fenced div in
    /// English inside a German story has English marks, and the German text around it German ones.
    func testTheMarksFollowTheLanguageOfTheirText() throws {
        let story = try story("""
        ---
        title: Zitate
        lang: de
        ---

        Sie sagte [we "really" did]{lang=en} und "wirklich".

        He said "yes". {lang=en}

        ::: {lang=ja}
        彼は"はい"と言った。
        :::
        """)
        XCTAssertEqual(paragraphs(story), [
            "Sie sagte we \u{201C}really\u{201D} did und \u{201E}wirklich\u{201C}.",
            "He said \u{201C}yes\u{201D}.",
            "彼は\u{300C}はい\u{300D}と言った。",
        ])
    }

    /// An English story's text marked as another language takes that language's marks: the
    /// story is searched for `{lang` to know that its marks wait for their language.
    func testAnEnglishStorysTextInAnotherLanguageTakesThatLanguagesMarks() throws {
        let story = try story("""
        ---
        title: Quotes
        lang: en
        ---

        She said "yes".

        Sie sagte "ja". {lang=de}

        Il a dit [« oui » "non"]{lang=fr}.
        """)
        XCTAssertEqual(paragraphs(story), [
            "She said \u{201C}yes\u{201D}.",
            "Sie sagte \u{201E}ja\u{201C}.",
            "Il a dit « oui » \u{00AB}\u{202F}non\u{202F}\u{00BB}.",
        ])
    }

    /// In a table's cells, a list's items and a picture's caption as in a paragraph.
    func testCellsItemsAndCaptionsTakeTheStorysMarks() throws {
        let story = try story("""
        ---
        title: Tabelle
        lang: de
        ---

        | Ort | Name |
        |---|---|
        | Hafen | "Nordlicht" |

        - Das "Foyer"

        ![Ein Bild](images/a.svg (Das "neue" Haus))
        """)
        guard case .table(let table)? = story.body.first(where: { if case .table = $0 { true } else { false } }) else { return XCTFail("\(story.body)") }
        XCTAssertEqual(table.rows.first?.last?.plainText, "\u{201E}Nordlicht\u{201C}")
        guard case .list(_, _, let items, _)? = story.body.first(where: { if case .list = $0 { true } else { false } }),
              case .paragraph(let item)? = items.first?.first else { return XCTFail("\(story.body)") }
        XCTAssertEqual(item.plainText, "Das \u{201E}Foyer\u{201C}")
        let caption = story.body.compactMap { block -> String? in if case .image(let image) = block { image.caption } else { nil } }.first
        XCTAssertEqual(caption, "Das \u{201E}neue\u{201C} Haus")
    }

    /// English, and a language without marks of its own here, as before: “so” and ‘so’.
    func testEnglishAndUnlistedLanguagesKeepEnglishMarks() throws {
        for language in ["en", "nl", "id"] {
            let story = try story("---\ntitle: A \"test\"\nlang: \(language)\n---\n\nShe said \"it's 'fine'\".\n")
            XCTAssertEqual(story.title, "A \u{201C}test\u{201D}", language)
            XCTAssertEqual(paragraphs(story), ["She said \u{201C}it\u{2019}s \u{2018}fine\u{2019}\u{201D}."], language)
        }
    }

    /// issue.yaml's printed words take the issue's `lang`, whichever key comes first; its
    /// stories take it where they name none.
    func testTheIssuesWordsAndStoriesTakeTheIssuesLanguage() throws {
        let scratch = ScratchIssue(issueYAML: "title: Der \"Bote\"\ndate: 2026-12\ncopyright: \"© 2026 'Haus am Hafen'\"\nlang: de\n",
                                   stories: ["01-a.md": "---\ntitle: Ein \"Test\"\n---\n\nSie sagte \"ja\".\n"])
        let issue = try withExtendedLifetime(scratch) { try IssueLoader.load(folder: scratch.path).issue }
        XCTAssertEqual(issue.title, "Der \u{201E}Bote\u{201C}")
        XCTAssertEqual(issue.copyright, "© 2026 \u{201A}Haus am Hafen\u{2018}")
        XCTAssertEqual(issue.stories[0].title, "Ein \u{201E}Test\u{201C}")
        XCTAssertEqual(paragraphs(issue.stories[0]), ["Sie sagte \u{201E}ja\u{201C}."])
    }

    func testMarksByLanguage() {
        XCTAssertEqual(QuotationMarks.of("de-CH").open, "\u{00AB}")
        XCTAssertEqual(QuotationMarks.of("pt-BR"), .english)
        XCTAssertEqual(QuotationMarks.of("pt").open, "\u{00AB}")
        XCTAssertEqual(QuotationMarks.of("zh-Hant").open, "\u{300C}")
        XCTAssertEqual(QuotationMarks.of("zh").open, QuotationMarks.english.open)
        XCTAssertEqual(QuotationMarks.of("pl").close, "\u{201D}")
    }
}
