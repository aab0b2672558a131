import Foundation
import XCTest

/// Inputs an editor really sends: empty stories, a lone heading, a word longer than a column,
/// a long address, nested quotes, a huge headline, a minimal issue.yaml.
final class AwkwardInputTests: XCTestCase {
    /// Run inside the issue folder (`bulletin make .`), every message names its file as the
    /// others do, from the folder: "issue.yaml", not "./issue.yaml" beside "stories/01.md".
    func testMessagesNameIssueYAMLAsTheyNameTheStories() throws {
        let folder = Tools.temporaryFolder() + "/issue"
        try FileManager.default.createDirectory(atPath: folder + "/stories", withIntermediateDirectories: true)
        try "title: Short\ndate: 2027-02\n".write(toFile: folder + "/issue.yaml", atomically: true, encoding: .utf8)
        try "---\ntitle: A short notice\n---\n\nThe office is closed on Friday.\n".write(toFile: folder + "/stories/01.md", atomically: true, encoding: .utf8)
        let made = try Tools.run(Tools.bulletin, ["make", ".", "-o", "a.pdf"], in: folder)
        XCTAssertEqual(made.status, 0, made.stderr)
        let lines = made.stderr.split(separator: "\n").filter { $0.contains(": warning:") }
        XCTAssertTrue(lines.contains { $0.hasPrefix("issue.yaml: warning:") && $0.contains("lines of the last page are empty") }, made.stderr)
        XCTAssertFalse(made.stderr.contains("./"), made.stderr)
    }

    func testAwkwardStoriesStillMakeAnIssue() throws {
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/stories", withIntermediateDirectories: true)
        func write(_ name: String, _ text: String) throws { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        try write("issue.yaml", "title: Edge\ndate: 2026-12\n")
        try write("stories/01.md", "---\ntitle: Empty body\n---\n")
        try write("stories/02.md", "---\ntitle: Only a heading\n---\n## Heading alone\n")
        let long = "Supercalifragilisticexpialidociousantidisestablishmentarianismpneumonoultramicroscopic"
        try write("stories/03.md", """
        ---
        title: Long word
        ---
        \(long) is long. See https://www.example.edu/a/very/long/path/that/goes/on/and/on/index.html today.

        ---

        ```
        code block line
        ```

        1. one
        2. two

        > quote
        >
        > > nested quote
        """)
        let words = (0..<3000).map { ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur"][$0 % 6] }
        let paragraphs = stride(from: 0, to: words.count, by: 60).map { words[$0..<min($0 + 60, words.count)].joined(separator: " ") }
        try write("stories/04.md", "---\ntitle: \(String(repeating: "Very long headline ", count: 12))\nwritten_by: [A, B, C, D]\n---\n"
                  + paragraphs.joined(separator: "\n\n"))
        try write("stories/05.md", "---\ntitle: Tiny\n---\nOne line.\n")
        let pdf = folder + "/edge.pdf"
        let result = try Tools.run(Tools.bulletin, ["make", folder, "-o", pdf])
        XCTAssertEqual(result.status, 0, result.stderr)
        let text = try Tools.run("pdftotext", ["-raw", "-enc", "UTF-8", pdf, "-"]).stdout
        for needle in ["Empty body", "Heading alone", "nested quote", "code block line", "Tiny", "One line."] {
            XCTAssertTrue(text.contains(needle), needle)
        }
        // The over-long word and the address come out whole when their line breaks are joined
        // (the long word hyphenated: its hyphen reads as a soft hyphen).
        let joined = text.replacingOccurrences(of: "\u{00AD}\n", with: "").replacingOccurrences(of: "\n", with: "")
        XCTAssertTrue(joined.contains(long), "long word")
        XCTAssertTrue(joined.contains("https://www.example.edu/a/very/long/path/that/goes/on/and/on/index.html"), "address")
        // Nothing strays past the text area: every word box lies within the page margins.
        let boxes = try Tools.run("pdftotext", ["-bbox", pdf, "-"]).stdout
        for line in boxes.split(separator: "\n") where line.contains("<word ") {
            guard let range = line.range(of: "xMax=\""), let xMax = Double(line[range.upperBound...].prefix { $0 != "\"" }) else { continue }
            XCTAssertLessThanOrEqual(xMax, 595.28 - 42.52 + 0.5, String(line))
        }
    }

    /// A warning is told once, however often composing meets its cause: a masthead word too
    /// wide for a pocket-sized page was told once for each setting tried while fitting.
    func testEachWarningIsToldOnce() throws {
        let folder = Tools.temporaryFolder() + "/issue"
        try FileManager.default.copyItem(atPath: Tools.root.appendingPathComponent("examples/sample").path, toPath: folder)
        let classic = try String(contentsOfFile: Tools.root.appendingPathComponent("layouts/classic.yaml").path, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder + "/layouts", withIntermediateDirectories: true)
        try classic.replacingOccurrences(of: "  size: A4\n  margins: 15mm", with: "  size: [100mm, 150mm]\n  margins: 8mm")
            .replacingOccurrences(of: "  columns: 3", with: "  columns: 1")
            .write(toFile: folder + "/layouts/classic.yaml", atomically: true, encoding: .utf8)
        let made = try Tools.run(Tools.bulletin, ["make", folder, "-o", folder + "/pocket.pdf"])
        XCTAssertEqual(made.status, 0, made.stderr)
        let warnings = made.stderr.split(separator: "\n").filter { $0.contains(": warning: ") }
        XCTAssertTrue(warnings.contains { $0.contains("is too wide for the masthead") }, made.stderr)
        XCTAssertEqual(warnings.count, Set(warnings).count, made.stderr)
    }
}
