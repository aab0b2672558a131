import Foundation
import XCTest

/// Bad input: one clear line naming the file, exit status 1, and no output written or replaced.
final class BadInputTests: XCTestCase {
    var folder = ""

    override func setUp() {
        folder = Tools.temporaryFolder()
        let sample = Tools.root.appendingPathComponent("examples/sample").path
        try? FileManager.default.copyItem(atPath: sample, toPath: folder + "/issue")
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    func make(_ extra: [String] = []) throws -> Tools.Result {
        try Tools.run(Tools.bulletin, ["make", folder + "/issue", "-o", folder + "/out.pdf"] + extra)
    }

    func replace(_ file: String, _ old: String, _ new: String) throws {
        let path = folder + "/issue/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains(old), "\(file) lacks \(old)")
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Asserts a failed run: status 1, one `error:` line containing `message`, no output file.
    func assertFails(_ result: Tools.Result, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.status, 1, file: file, line: line)
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        XCTAssertEqual(errors.count, 1, result.stderr, file: file, line: line)
        XCTAssertTrue(result.stderr.contains(message), "\(result.stderr) lacks \(message)", file: file, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/out.pdf"), file: file, line: line)
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { $0.contains(".tmp") } ?? []
        XCTAssertEqual(leftovers, [], file: file, line: line)
    }

    func testMissingFolder() throws {
        let result = try Tools.run(Tools.bulletin, ["make", folder + "/nothing", "-o", folder + "/out.pdf"])
        assertFails(result, "nothing: issue folder not found")
    }

    func testBrokenIssueYAML() throws {
        try replace("issue.yaml", "volume: 12", "volume: [12")
        assertFails(try make(), "issue.yaml:")
    }

    func testStoryWithoutTitle() throws {
        try replace("stories/05-festival-of-cultures.md", "title:", "headline:")
        assertFails(try make(), "stories/05-festival-of-cultures.md:2: title is missing")
    }

    func testUnknownLayout() throws {
        try replace("issue.yaml", "layout: classic", "layout: fancy")
        assertFails(try make(), "issue.yaml:6: unknown layout \"fancy\"")
    }

    func testMissingFontNamesLayoutFileAndLine() throws {
        let layout = folder + "/issue/layouts/broken.yaml"
        try FileManager.default.createDirectory(atPath: folder + "/issue/layouts", withIntermediateDirectories: true)
        let classic = try String(contentsOfFile: Tools.root.appendingPathComponent("layouts/classic.yaml").path, encoding: .utf8)
        try classic.replacingOccurrences(of: "headline:          {family: \"Liberation Sans, FreeSans\"", with: "headline:          {family: No Such Face")
            .write(toFile: layout, atomically: true, encoding: .utf8)
        let line = classic.components(separatedBy: "\n").firstIndex { $0.contains("headline:          {family") }! + 1
        assertFails(try make(["--layout", "broken"]), "broken.yaml:\(line): font family \"No Such Face\" is not installed")
    }

    func testNotUTF8() throws {
        let path = folder + "/issue/stories/03-global-futures-scholarships.md"
        var bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
        bytes.insert(0xFF, at: 10)
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        assertFails(try make(), "03-global-futures-scholarships.md:2: the file is not UTF-8")
    }

    func testMaxPagesNamesTheStoryOnTheFirstPagePastTheLimit() throws {
        // The sample's six pages: page 2 continues story 1, page 3 opens with story 3, page 4
        // continues story 4, page 5 opens with story 5, page 6 continues story 6.
        let expected = [1: "01-record-year-for-exchange.md", 2: "03-global-futures-scholarships.md",
                        3: "04-visa-advice-for-the-winter-break.md", 4: "05-festival-of-cultures.md",
                        5: "06-five-minutes-with-lucia-ferreira.md"]
        for (limit, story) in expected.sorted(by: { $0.key < $1.key }) {
            let result = try make(["--max-pages", String(limit)])
            assertFails(result, "issue/stories/\(story):2: the issue runs to 6 pages, past the limit of \(limit) (this story reaches page \(limit + 1)): pass --max-pages 6 to allow it")
        }
    }

    func testFailureKeepsTheLastGoodPDF() throws {
        let good = try make()
        XCTAssertEqual(good.status, 0, good.stderr)
        let before = FileManager.default.contents(atPath: folder + "/out.pdf")
        XCTAssertNotNil(before)
        try replace("issue.yaml", "date: 2026-11", "date: someday")
        let bad = try make()
        XCTAssertEqual(bad.status, 1)
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/out.pdf"), before)
    }

    func testWarningsDoNotStopTheIssue() throws {
        try replace("stories/05-festival-of-cultures.md", "kicker:", "colour: red\nkicker:")
        let result = try make()
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("05-festival-of-cultures.md:3: warning: unknown key \"colour\""), result.stderr)
    }

    func testVersionAndHelp() throws {
        XCTAssertEqual(try Tools.run(Tools.bulletin, ["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines), "0.1.0")
        let help = try Tools.run(Tools.bulletin, ["make", "--help"]).stdout
        XCTAssertTrue(help.contains("--output") && help.contains("--layout"))
    }
}
