import XCTest
import BulletinModel
@testable import BulletinSource

final class IssueLoaderTests: XCTestCase {
    func load(_ scratch: ScratchIssue) throws -> LoadedIssue { try IssueLoader.load(folder: scratch.path) }

    /// The error thrown by loading `scratch`, or a failure if it loads.
    func error(_ scratch: ScratchIssue, file: StaticString = #filePath, line: UInt = #line) -> InputError? {
        do {
            _ = try load(scratch)
            XCTFail("expected an error", file: file, line: line)
            return nil
        } catch let error as InputError {
            return error
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
            return nil
        }
    }

    func testLoadsIssueAndStory() throws {
        let loaded = try load(ScratchIssue())
        let issue = loaded.issue
        XCTAssertEqual(issue.title, "Test Bulletin")
        XCTAssertEqual(issue.date, IssueDate(year: 2026, month: 11))
        XCTAssertEqual(issue.volume, "1")
        XCTAssertEqual(issue.editors, ["Ann Editor", "Bo Editor"])
        XCTAssertEqual(issue.contact.telephone, "+44 1632 960 000")
        XCTAssertEqual(issue.layout, "classic")
        XCTAssertEqual(issue.stories.count, 1)
        let story = issue.stories[0]
        XCTAssertEqual(story.title, "A first story")
        XCTAssertEqual(story.titleLine, 2)
        XCTAssertEqual(story.byline.text, "Written by Ann Writer · Edited by Bo Editor and Cy Editor")
        XCTAssertEqual(story.body, [.paragraph([.text("The first paragraph of the story.")]), .paragraph([.text("The second paragraph.")])])
        XCTAssertTrue(loaded.warnings.isEmpty)
    }

    func testMarkdownBecomesBlocks() throws {
        let story = """
        ---
        title: Markdown
        ---
        Some *emphasis*, **strong** and a [link](https://example.edu/x) with "quotes".

        ## A subhead

        > A quotation.

        - one
        - two

        3. three

        4) four
        5) five
        """
        let body = try load(ScratchIssue(stories: ["a.md": story])).issue.stories[0].body
        XCTAssertEqual(body[0], .paragraph([.text("Some "), .emphasis([.text("emphasis")]), .text(", "), .strong([.text("strong")]),
                                            .text(" and a "), .link(url: "https://example.edu/x", [.text("link")]),
                                            .text(" with \u{201C}quotes\u{201D}.")]))
        XCTAssertEqual(body[1], .heading(level: 2, [.text("A subhead")]))
        XCTAssertEqual(body[2], .blockQuote([.paragraph([.text("A quotation.")])]))
        XCTAssertEqual(body[3], .list(ordered: false, start: 0, items: [[.paragraph([.text("one")])], [.paragraph([.text("two")])]]))
        XCTAssertEqual(body[4], .list(ordered: true, start: 3, items: [[.paragraph([.text("three")])]]))
        // Another delimiter starts another list, which keeps its delimiter.
        XCTAssertEqual(body[5], .list(ordered: true, start: 4, items: [[.paragraph([.text("four")])], [.paragraph([.text("five")])]],
                                      delimiter: .parenthesis))
    }

    func testStoriesFollowFileNamesUnlessOrdered() throws {
        let scratch = ScratchIssue(stories: [
            "01-a.md": "---\ntitle: A\n---\nA.",
            "02-b.md": "---\ntitle: B\n---\nB.",
            "03-c.md": "---\ntitle: C\norder: 1\n---\nC.",
        ])
        XCTAssertEqual(try load(scratch).issue.stories.map(\.title), ["C", "A", "B"])
    }

    /// Two stories asking for the same place are set in file-name order, with a warning at the
    /// second one's `order:` line naming the first.
    func testTwoStoriesOfTheSameOrderAreTold() throws {
        let scratch = ScratchIssue(stories: [
            "01-a.md": "---\ntitle: A\norder: 2\n---\nA.",
            "02-b.md": "---\ntitle: B\n---\nB.",
            "03-c.md": "---\ntitle: C\nwritten_by: X\norder: 2\n---\nC.",
        ])
        let loaded = try load(scratch)
        XCTAssertEqual(loaded.issue.stories.map(\.title), ["A", "C", "B"])
        let told = loaded.warnings.filter { $0.message.hasPrefix("order:") }
        XCTAssertEqual(told.map(\.message), ["order: 2 is also that of \(IssueLoader.display(scratch.path + "/stories/01-a.md")): the two are set in file-name order"])
        XCTAssertEqual(told.first?.line, 4)
        XCTAssertTrue(told.first?.file.hasSuffix("stories/03-c.md") == true)
    }

    func testMissingFolder() {
        XCTAssertThrowsError(try IssueLoader.load(folder: "/nonexistent/issue")) { error in
            XCTAssertEqual((error as? InputError)?.description, "/nonexistent/issue: issue folder not found")
        }
    }

    func testMissingIssueFile() {
        let scratch = ScratchIssue(issueYAML: nil)
        XCTAssertTrue(error(scratch)?.description.hasSuffix("issue.yaml: file not found: an issue folder holds issue.yaml and stories/") == true)
    }

    func testBrokenIssueYAMLNamesFileAndLine() {
        let scratch = ScratchIssue(issueYAML: "title: X\ndate: 2026-11\ncontact:\n  email: [unclosed\n")
        let failure = error(scratch)
        XCTAssertTrue(failure?.file.hasSuffix("issue.yaml") == true)
        XCTAssertNotNil(failure?.line)
        XCTAssertTrue(failure?.message.hasPrefix("invalid YAML") == true, failure?.message ?? "")
    }

    func testBrokenFrontMatterLineIsTheFilesLine() {
        let story = "---\ntitle: Fine\nkicker: \"unclosed\n---\nBody.\n"
        let failure = error(ScratchIssue(stories: ["01-x.md": story]))
        XCTAssertTrue(failure?.file.hasSuffix("stories/01-x.md") == true)
        XCTAssertTrue(failure?.message.hasPrefix("invalid YAML") == true)
        XCTAssertTrue((3...4).contains(failure?.line ?? 0), "line \(failure?.line ?? 0)")
    }

    func testStoryWithoutTitle() {
        let failure = error(ScratchIssue(stories: ["01-x.md": "---\nkicker: News\n---\nBody.\n"]))
        XCTAssertEqual(failure?.line, 2)
        XCTAssertTrue(failure?.message.hasPrefix("title is missing") == true)
    }

    func testStoryWithoutFrontMatter() {
        let failure = error(ScratchIssue(stories: ["01-x.md": "Just text.\n"]))
        XCTAssertEqual(failure?.line, 1)
        XCTAssertTrue(failure?.message.contains("front matter") == true)
    }

    func testInvalidUTF8NamesLine() {
        let scratch = ScratchIssue()
        scratch.write("stories/02-latin1.md", bytes: Array("---\ntitle: Caf".utf8) + [0xE9] + Array("\n---\nBody.\n".utf8))
        let failure = error(scratch)
        XCTAssertTrue(failure?.file.hasSuffix("stories/02-latin1.md") == true)
        XCTAssertEqual(failure?.line, 2)
        XCTAssertTrue(failure?.message.hasPrefix("the file is not UTF-8") == true)
    }

    func testUnknownKeysAndRawHTMLWarnWithLines() throws {
        let story = "---\ntitle: T\nauthor: Someone\n---\nText <b>bold</b>.\n\n<div>block</div>\n"
        let warnings = try load(ScratchIssue(stories: ["01-x.md": story])).warnings.map(\.description)
        XCTAssertEqual(warnings.count, 3, "\(warnings)")
        XCTAssertTrue(warnings[0].contains("01-x.md:3: warning: unknown key \"author\""), warnings[0])
        XCTAssertTrue(warnings.contains { $0.contains("01-x.md:5: warning: raw HTML") })
        XCTAssertTrue(warnings.contains { $0.contains("01-x.md:7: warning: raw HTML") })
    }

    /// Stories are read on every core at once and taken in file order: the warnings come in
    /// that order, the first broken story is the error, and `bulletin check`'s collected errors
    /// are listed in that order too.
    func testStoriesReadTogetherGiveWarningsAndErrorsInFileOrder() throws {
        var stories: [String: String] = [:]
        for number in 1...12 {
            stories[String(format: "%02d-s.md", number)] = "---\ntitle: Story \(number)\nkey\(number): x\n---\nText of story \(number).\n"
        }
        let loaded = try load(ScratchIssue(stories: stories))
        XCTAssertEqual(loaded.issue.stories.map(\.title), (1...12).map { "Story \($0)" })
        XCTAssertEqual(loaded.warnings.map { $0.description.components(separatedBy: "unknown key \"").last?.prefix { $0 != "\"" } ?? "" },
                       (1...12).map { "key\($0)"[...] })
        stories["04-s.md"] = "---\ntitle: [broken\n---\nText.\n"
        stories["09-s.md"] = "---\ntitle: T\ndate: x\nlang: 12\n---\n"
        stories["07-s.md"] = "no front matter at all\n"
        let broken = ScratchIssue(stories: stories)
        XCTAssertTrue(error(broken)?.file.hasSuffix("04-s.md") == true)
        let collected = try IssueLoader.load(folder: broken.path, collectingErrors: true)
        XCTAssertEqual(collected.errors.map { ($0.file as NSString).lastPathComponent }, ["04-s.md", "07-s.md", "09-s.md"])
        XCTAssertEqual(collected.issue.stories.count, 9)
    }

    func testBadDateAndLang() {
        let badDate = error(ScratchIssue(issueYAML: "title: X\ndate: November\n"))
        XCTAssertEqual(badDate?.line, 2)
        XCTAssertTrue(badDate?.message.hasPrefix("date must be YYYY-MM") == true)
        let badLang = error(ScratchIssue(stories: ["01.md": "---\ntitle: T\nlang: english language\n---\nx"]))
        XCTAssertEqual(badLang?.line, 3)
    }

    func testIssueDates() {
        XCTAssertEqual(IssueDate(parsing: "2026-11"), IssueDate(year: 2026, month: 11))
        XCTAssertEqual(IssueDate(parsing: "2024-02-29"), IssueDate(year: 2024, month: 2, day: 29))
        XCTAssertNil(IssueDate(parsing: "2025-02-29"))
        XCTAssertNil(IssueDate(parsing: "2026-13"))
        XCTAssertEqual(IssueDate(year: 2026, month: 11).monthName, "November 2026")
    }

    func testBundledSampleLoads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let loaded = try IssueLoader.load(folder: root.appendingPathComponent("examples/sample").path)
        XCTAssertGreaterThanOrEqual(loaded.issue.stories.count, 6)
        XCTAssertTrue(loaded.warnings.isEmpty, "\(loaded.warnings)")
        XCTAssertTrue(loaded.issue.stories.contains { $0.lang == "de" })
        XCTAssertTrue(loaded.issue.stories.contains { $0.lang.hasPrefix("zh") })
    }

    func testLogoIsFoundInTheIssueFolderAndCheckedAsAPicture() throws {
        let scratch = ScratchIssue(issueYAML: ScratchIssue.validIssue + "\nlogo: images/logo.svg\n")
        scratch.write("images/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"/>")
        let logo = try XCTUnwrap(try load(scratch).issue.logo)
        XCTAssertEqual(logo.path, "images/logo.svg")
        XCTAssertTrue(logo.resolved.hasSuffix("/images/logo.svg"), logo.resolved)
        XCTAssertEqual(logo.line, ScratchIssue.validIssue.split(separator: "\n", omittingEmptySubsequences: false).count + 1)

        let missing = ScratchIssue(issueYAML: ScratchIssue.validIssue + "\nlogo: images/nowhere.png\n")
        let message = error(missing)?.description ?? ""
        XCTAssertTrue(message.contains("issue.yaml:") && message.contains("nowhere.png") && message.contains("not found"), message)

        let outside = ScratchIssue(issueYAML: ScratchIssue.validIssue + "\nlogo: ../../etc/hostname\n")
        let refused = error(outside)?.description ?? ""
        XCTAssertTrue(refused.contains("issue.yaml:") && refused.contains("outside the issue folder"), refused)
    }
}
