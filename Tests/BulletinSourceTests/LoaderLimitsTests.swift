import XCTest
import BulletinModel
@testable import BulletinSource

/// The loaders' limits, line endings and cleaning, seen through `IssueLoader.load`.
final class LoaderLimitsTests: XCTestCase {
    func error(_ scratch: ScratchIssue, file: StaticString = #filePath, line: UInt = #line) -> InputError? {
        do {
            _ = try IssueLoader.load(folder: scratch.path)
            XCTFail("expected an error", file: file, line: line)
        } catch {
            return error as? InputError
        }
        return nil
    }

    func testCRLFAndCRStoriesReadWithTheirLines() throws {
        let crlf = ScratchIssue(issueYAML: ScratchIssue.validIssue.replacingOccurrences(of: "\n", with: "\r\n"), stories: [
            "01.md": "---\r\ntitle: Windows\r\nkicker: K\r\n---\r\nOne.\r\n\r\nTwo.\r\n",
            "02.md": "---\rtitle: Old Mac\r---\rOne.\r\rTwo.\r",
        ])
        let loaded = try IssueLoader.load(folder: crlf.path)
        XCTAssertEqual(loaded.issue.title, "Test Bulletin")
        XCTAssertEqual(loaded.issue.contact.web, "www.example.edu")
        XCTAssertEqual(loaded.issue.stories.map(\.title), ["Windows", "Old Mac"])
        for story in loaded.issue.stories {
            XCTAssertEqual(story.body, [.paragraph([.text("One.")]), .paragraph([.text("Two.")])])
        }
        let bad = error(ScratchIssue(stories: ["01.md": "---\r\ntitle: T\r\nkicker: K\r\nlang: not a tag\r\n---\r\nText.\r\n"]))
        XCTAssertEqual(bad?.line, 4)
    }

    func testUnprintableCharactersAreRemovedWithOneWarning() throws {
        let story = "---\ntitle: Clean\(ScratchIssue.noncharacterFDD0) title\ndeck: one\u{2029}two\n---\nBefore\u{FFFF} after.\n\nBell\u{7} and \u{9B}C1.\n"
        let scratch = ScratchIssue(stories: ["01.md": story])
        let loaded = try IssueLoader.load(folder: scratch.path)
        let s = loaded.issue.stories[0]
        XCTAssertEqual(s.title, "Clean title")
        XCTAssertEqual(s.deck, "one two")
        XCTAssertEqual(s.body, [.paragraph([.text("Before after.")]), .paragraph([.text("Bell and C1.")])])
        XCTAssertEqual(loaded.warnings.count, 1, "\(loaded.warnings)")
        XCTAssertEqual(loaded.warnings.first?.line, 2)
        for code in ["U+FDD0", "U+2029", "U+FFFF", "U+0007", "U+009B"] {
            XCTAssertTrue(loaded.warnings.first?.message.contains(code) == true, code)
        }
    }

    func testControlInFrontMatterIsAnError() {
        let e = error(ScratchIssue(stories: ["01.md": "---\ntitle: T\nkicker: a\u{0}b\n---\nx\n"]))
        XCTAssertEqual(e?.line, 3)
        XCTAssertEqual(e?.message, "invalid YAML: U+0000 (a control character) is not allowed: remove it")
        XCTAssertEqual(error(ScratchIssue(issueYAML: "title: T\u{1B}\ndate: 2026-11\n"))?.line, 1)
    }

    func testStoryFileSize() {
        let scratch = ScratchIssue()
        scratch.write("stories/02-big.md", "---\ntitle: Big\n---\n" + String(repeating: String(repeating: "word ", count: 1000) + "\n\n", count: 420))
        let e = error(scratch)
        XCTAssertTrue(e?.file.hasSuffix("stories/02-big.md") == true)
        XCTAssertTrue(e?.message.hasSuffix("over the limit of 2 MB") == true, e?.message ?? "")
    }

    func testIssueFileSize() {
        let comments = String(repeating: "# " + String(repeating: "x", count: 1000) + "\n", count: 300)
        let e = error(ScratchIssue(issueYAML: ScratchIssue.validIssue + "\n" + comments))
        XCTAssertTrue(e?.description.contains("issue.yaml: file is") == true, e?.description ?? "")
        XCTAssertTrue(e?.message.hasSuffix("over the limit of 256 KB") == true, e?.message ?? "")
    }

    func testHeadlineWords() throws {
        let forty = Array(repeating: "word", count: Limits.headlineWords).joined(separator: " ")
        let fine = ScratchIssue(stories: ["01.md": "---\ntitle: \(forty)\n---\nx\n"])
        XCTAssertNoThrow(try IssueLoader.load(folder: fine.path))
        let title = error(ScratchIssue(stories: ["01.md": "---\ntitle: \(forty) more\n---\nx\n"]))
        XCTAssertEqual(title?.description.hasSuffix("01.md:2: the title has 41 words, over the limit of 40: move the rest to the deck or the text"), true,
                       title?.description ?? "")
    }

    func testFrontMatterValueLength() {
        let e = error(ScratchIssue(stories: ["01.md": "---\ntitle: T\ndeck: >\n" + String(repeating: "  " + String(repeating: "w ", count: 100) + "\n", count: 30) + "---\nx\n"]))
        XCTAssertEqual(e?.line, 3)
        XCTAssertTrue(e?.message.hasPrefix("deck is ") == true, e?.message ?? "")
        XCTAssertTrue(e?.message.hasSuffix(" bytes long, over the limit of 4 KB") == true, e?.message ?? "")
    }

    func testStoryCount() throws {
        var stories: [String: String] = [:]
        for i in 0...Limits.stories { stories["s\(i).md"] = "---\ntitle: T\n---\nx\n" }
        let scratch = ScratchIssue(stories: stories)
        let e = error(scratch)
        XCTAssertTrue(e?.description.hasSuffix("/stories: holds 501 stories, over the limit of 500 for an issue") == true, e?.description ?? "")
        try FileManager.default.removeItem(atPath: scratch.path + "/stories/s0.md")
        XCTAssertEqual(try IssueLoader.load(folder: scratch.path).issue.stories.count, Limits.stories)
    }
}
