import Foundation
import XCTest

/// Inputs an editor really sends: empty stories, a lone heading, a word longer than a column,
/// a long address, nested quotes, a huge headline, a minimal issue.yaml.
final class AwkwardInputTests: XCTestCase {
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
}
