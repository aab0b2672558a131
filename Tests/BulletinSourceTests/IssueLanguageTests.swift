import XCTest
import BulletinModel
@testable import BulletinSource

/// The document's language, which the PDF's /Lang states: issue.yaml's `lang`, else the language
/// most of the stories are in.
final class IssueLanguageTests: XCTestCase {
    func story(_ lang: String) -> String { "---\ntitle: A story\nlang: \(lang)\n---\n\nText.\n" }

    func testIssueYAMLNamesTheLanguage() throws {
        let scratch = ScratchIssue(issueYAML: ScratchIssue.validIssue + "\nlang: de-AT\n", stories: ["01.md": story("en"), "02.md": story("en")])
        XCTAssertEqual(try IssueLoader.load(folder: scratch.path).issue.language, "de-AT")
    }

    func testMostStoriesNameItOtherwise() throws {
        let scratch = ScratchIssue(stories: ["01.md": story("en"), "02.md": story("de"), "03.md": story("de")])
        XCTAssertEqual(try IssueLoader.load(folder: scratch.path).issue.language, "de")
    }

    func testATieGoesToTheFirstStorysLanguage() {
        var issue = Issue(title: "t", date: IssueDate(year: 2026, month: 11))
        XCTAssertEqual(issue.language, "en", "no stories: English")
        issue.stories = [Story(title: "a", lang: "fr"), Story(title: "b", lang: "es"), Story(title: "c", lang: "es"), Story(title: "d", lang: "fr")]
        XCTAssertEqual(issue.language, "fr")
    }

    /// A story without a `lang:` of its own is in the issue's language (its hyphenation, its
    /// byline's words, its /Lang), not English in a Dutch issue; one that names its own keeps it.
    func testAStoryWithoutLangIsInTheIssuesLanguage() throws {
        let plain = "---\ntitle: Spreekuur verschuift\n---\n\nVanaf 1 maart is het spreekuur op woensdag.\n"
        let dutch = ScratchIssue(issueYAML: ScratchIssue.validIssue + "\nlang: nl\n", stories: ["01.md": plain, "02.md": story("sv")])
        XCTAssertEqual(try IssueLoader.load(folder: dutch.path).issue.stories.map(\.lang), ["nl", "sv"])
        let unnamed = ScratchIssue(stories: ["01.md": plain, "02.md": story("sv")])
        XCTAssertEqual(try IssueLoader.load(folder: unnamed.path).issue.stories.map(\.lang), ["en", "sv"])
    }

    func testALangThatIsNoLanguageTagIsAnError() throws {
        let scratch = ScratchIssue(issueYAML: ScratchIssue.validIssue + "\nlang: \"en_GB\"\n")
        XCTAssertThrowsError(try IssueLoader.load(folder: scratch.path)) { error in
            XCTAssertTrue("\(error)".hasSuffix("lang must be a language tag such as en, de or zh-Hans, not \"en_GB\""), "\(error)")
        }
    }
}
