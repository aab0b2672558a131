import XCTest
import BulletinModel
@testable import BulletinSource

/// The words printed from the front matter are punctuated as the body's: a headline, deck,
/// kicker, caption and pull quote typed with straight marks print typographic ones, the same
/// cmark-gfm's smart punctuation gives the body.
final class SmartPunctuationTests: XCTestCase {
    /// Straight marks typed in the front matter, and the same words in the body, read alike.
    func testFrontMatterWordsArePunctuatedAsTheBody() throws {
        let scratch = ScratchIssue(stories: ["01-a.md": """
        ---
        title: "The office's \\"new\\" portal -- 2027--28"
        kicker: Don't miss
        deck: Every proposal's plan, checked... at last.
        short_title: 'A ''short'' one'
        pull_quote: "\\"Ninety-two per cent passed.\\""
        summary: The office's portal.
        image: {path: images/a.svg, caption: "The 'before' picture", credit: "Photo: O'Neill"}
        ---

        The office's "new" portal -- 2027--28. Every proposal's plan, checked... at last.

        ![A chart](images/a.svg "Where the office's students are")
        """])
        scratch.write("images/a.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>")
        let story = try IssueLoader.load(folder: scratch.path).issue.stories[0]
        XCTAssertEqual(story.title, "The office\u{2019}s \u{201C}new\u{201D} portal \u{2013} 2027\u{2013}28")
        XCTAssertEqual(story.kicker, "Don\u{2019}t miss")
        XCTAssertEqual(story.deck, "Every proposal\u{2019}s plan, checked\u{2026} at last.")
        XCTAssertEqual(story.shortTitle, "A \u{2018}short\u{2019} one")
        XCTAssertEqual(story.pullQuote, "\u{201C}Ninety-two per cent passed.\u{201D}")
        XCTAssertEqual(story.summary, "The office\u{2019}s portal.")
        XCTAssertEqual(story.image?.caption, "The \u{2018}before\u{2019} picture")
        XCTAssertEqual(story.image?.credit, "Photo: O\u{2019}Neill")
        guard case .paragraph(let inlines)? = story.body.first else { return XCTFail("no paragraph: \(story.body)") }
        XCTAssertEqual(inlines.plainText, "The office\u{2019}s \u{201C}new\u{201D} portal \u{2013} 2027\u{2013}28. Every proposal\u{2019}s plan, checked\u{2026} at last.")
        let captions = story.body.compactMap { block -> String? in
            if case .image(let image) = block { return image.caption }
            return nil
        }
        XCTAssertEqual(captions, ["Where the office\u{2019}s students are"])
    }

    /// Names in bylines and issue.yaml's printed words (subtitle, editors, copyright) too:
    /// "O’Donnell" in the byline as in the text.
    func testNamesAndIssueWordsArePunctuatedAsTheText() throws {
        let issueYAML = "title: Quarterly\ndate: 2026-12\nsubtitle: The office's news\neditors: [Margaret O'Donnell, Li Wei]\n"
            + "copyright: \"© 2026 The Trustees' Office\"\n"
        let scratch = ScratchIssue(issueYAML: issueYAML, stories: ["01-a.md": """
        ---
        title: A story
        written_by: [Seán O'Neill, Li Wei]
        edited_by: D'Arcy Smith
        ---

        Text.
        """])
        let issue = try IssueLoader.load(folder: scratch.path).issue
        XCTAssertEqual(issue.subtitle, "The office\u{2019}s news")
        XCTAssertEqual(issue.editors, ["Margaret O\u{2019}Donnell", "Li Wei"])
        XCTAssertEqual(issue.copyright, "© 2026 The Trustees\u{2019} Office")
        XCTAssertEqual(issue.stories[0].byline.writtenBy, ["Seán O\u{2019}Neill", "Li Wei"])
        XCTAssertEqual(issue.stories[0].byline.editedBy, ["D\u{2019}Arcy Smith"])
    }

    /// The issue's title and the contact's organisation and address are printed words too (the
    /// masthead, the footer beside the copyright): the same marks; email and web stay as written.
    func testTitleAndContactArePunctuatedAsTheCopyright() throws {
        let issueYAML = "title: Residents' Letter\ndate: 2026-12\ncopyright: \"© 2026 Tenants' Association\"\n"
            + "contact:\n  organisation: Tenants' Association\n  address: \"Block C -- Long Wharf\"\n"
            + "  email: o'brien@example.org\n  web: example.org/a--b\n"
        let scratch = ScratchIssue(issueYAML: issueYAML, stories: ["01-a.md": "---\ntitle: A story\n---\n\nText.\n"])
        let issue = try IssueLoader.load(folder: scratch.path).issue
        XCTAssertEqual(issue.title, "Residents\u{2019} Letter")
        XCTAssertEqual(issue.contact.organisation, "Tenants\u{2019} Association")
        XCTAssertEqual(issue.contact.address, "Block C \u{2013} Long Wharf")
        XCTAssertEqual(issue.contact.email, "o'brien@example.org")
        XCTAssertEqual(issue.contact.web, "example.org/a--b")
    }

    /// The same marks as cmark-gfm's smart punctuation gives a paragraph of the same text.
    func testMarksAreCmarks() throws {
        let texts = ["'Tis the season", "He said \"yes\" and 'no'", "rock 'n' roll", "the '90s", "(\"quoted\")",
                     "a---b", "a----b", "a-----b", "one-two", "wait....", "\"Yes,\" she said, \"at once.\"",
                     "students' union", "l'Université d'Auenfeld", "it's 'fine'."]
        for text in texts {
            var warnings: [Warning] = []
            let blocks = try MarkdownReader.read(text, file: "s.md", firstLine: 1, warnings: &warnings)
            guard case .paragraph(let inlines)? = blocks.first else { return XCTFail("not a paragraph: \(text)") }
            XCTAssertEqual(SmartPunctuation.apply(text), inlines.plainText, text)
        }
    }
}
