import XCTest
import BulletinModel
@testable import BulletinLayout

/// Distribution on a tiny page, 120 × 220 pt in two columns, with the fake shaper (every
/// character half an em): each composed issue is written out as text, a line per set line, and
/// compared with the dump recorded in `Frames/`. A change in distribution shows as a change in
/// those files, to be read in the diff and recorded on purpose:
///
///     BULLETIN_RECORD_FRAMES=1 swift test --filter FrameDumpTests
final class FrameDumpTests: XCTestCase {
    static let frames = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Frames")

    /// 120 × 220 pt, margins 6 pt, two columns of 51 pt (25 characters of 4 pt type), a 6 pt grid.
    static func tiny() -> LayoutSpec {
        func style(_ size: Double, _ leading: Double, bold: Bool = false, italic: Bool = false, align: Alignment = .left,
                   indent: Double = 0, before: Double = 0, uppercase: Bool = false) -> TextStyle {
            TextStyle(family: "Test", size: size, leading: leading, bold: bold, italic: italic, align: align, indent: indent,
                      spaceBefore: before, uppercase: uppercase)
        }
        var layout = LayoutSpec(
            name: "tiny", page: PageSpec(width: 120, height: 220, margins: Insets(top: 6, bottom: 6, left: 6, right: 6)),
            grid: GridSpec(columns: 2, gutter: 6, baseline: 6),
            styles: [.body: style(4, 6, align: .justify, indent: 4), .subhead: style(4, 6, bold: true, before: 6),
                     .quote: style(4, 6, italic: true, align: .justify), .kicker: style(3, 6, bold: true, uppercase: true),
                     .headline: style(6, 6, bold: true), .deck: style(4, 6, italic: true), .byline: style(3, 6),
                     .mastheadTitle: style(8, 12, bold: true), .mastheadSubtitle: style(4, 6, italic: true),
                     .mastheadLine: style(3, 6, bold: true, uppercase: true), .runningHead: style(3, 6), .footer: style(3, 4)],
            colours: Colours(named: ["text": Colour(red: 0, green: 0, blue: 0), "accent": Colour(red: 0, green: 0, blue: 0.5),
                                     "rule": Colour(red: 0, green: 0, blue: 0.5), "muted": Colour(red: 0.3, green: 0.3, blue: 0.3)]),
            masthead: MastheadSpec(line: "No. {number} · {month}", ruleWidth: 1, thinRuleWidth: 0.5, spaceAfter: 6),
            runningHead: RunningHeadSpec(text: "{title} · page {page}", height: 12, ruleWidth: 0.5),
            footer: FooterSpec(lines: ["{organisation}"], pageText: "{page}/{pages}", height: 10, ruleWidth: 0.5),
            story: StorySpec(gap: 6, ruleWidth: 0.5))
        layout.contents.place = .none
        layout.imprint.place = .none
        return layout
    }

    /// Each page: its set lines top down, column by column for the body; a line's column (– for
    /// one across columns), baseline, left edge from the column's (or the page's), story, kind
    /// and words.
    static func dump(_ document: Document, geometry: PageGeometry) -> String {
        var out: [String] = []
        for (p, page) in document.pages.enumerated() {
            out.append("page \(p + 1)")
            var lines: [(column: Int, y: Double, kind: String, story: Int, x: Double, text: String)] = []
            for text in page.texts {
                let story = text.story ?? -1
                if let i = lines.firstIndex(where: { $0.y == text.baseline && $0.column == (text.column ?? -1) && $0.kind == text.kind.rawValue && $0.story == story }) {
                    lines[i].text += (text.fragment.followsSpace ? " " : "") + text.fragment.text
                } else {
                    lines.append((text.column ?? -1, text.baseline, text.kind.rawValue, story, text.x, text.fragment.text))
                }
            }
            // Across the page first in the order they stand, then the columns.
            lines.sort { ($0.column, $0.y, $0.x) < ($1.column, $1.y, $1.x) }
            for line in lines {
                // Where the line starts: from the column's left edge (an indent), or the page's.
                let left = line.column < 0 ? geometry.left : geometry.columnX(line.column)
                let x = String(format: "%5.1f", line.x - left)
                let story = line.story < 0 ? " " : String(line.story + 1)
                out.append("  \(line.column < 0 ? "–" : String(line.column + 1)) \(String(format: "%6.1f", line.y)) \(x) \(story) \(line.kind.padding(toLength: 10, withPad: " ", startingAt: 0)) \(line.text)")
            }
            for case .rule(let rule) in page.items {
                out.append(String(format: "  rule %.1f,%.1f–%.1f,%.1f", rule.x0, rule.y0, rule.x1, rule.y1))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    func check(_ name: String, _ stories: [Story], layout: LayoutSpec = FrameDumpTests.tiny(), file: StaticString = #filePath, line: UInt = #line) throws {
        let issue = Fixtures.issue(stories)
        let document = try Composer(layout: layout, shaper: FakeShaper()).compose(issue)
        XCTAssertEqual(ContentCheck.missing(in: document, issue: issue), [], file: file, line: line)
        let text = Self.dump(document, geometry: PageGeometry(layout: layout))
        let url = Self.frames.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["BULLETIN_RECORD_FRAMES"] == "1" {
            try FileManager.default.createDirectory(at: Self.frames, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let recorded = try String(contentsOf: url, encoding: .utf8)
        if recorded != text {
            // The first line that differs, to start reading from.
            let a = recorded.split(separator: "\n", omittingEmptySubsequences: false), b = text.split(separator: "\n", omittingEmptySubsequences: false)
            let at = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            XCTFail("\(name): frames differ from Frames/\(name).txt at line \(at + 1):\n  recorded: \(at < a.count ? String(a[at]) : "(end)")\n  now:      \(at < b.count ? String(b[at]) : "(end)")\nRecord on purpose with BULLETIN_RECORD_FRAMES=1 and read the diff.",
                    file: file, line: line)
        }
    }

    func story(_ title: String, _ paragraphs: [Int], seed: Int) -> Story {
        var story = Fixtures.story(title, paragraphs: paragraphs, seed: seed)
        story.kicker = nil
        story.deck = nil
        story.byline = Byline(writtenBy: ["Ann"])
        return story
    }

    func testAStoryRunsOnToTheNextPageUnderAJumpHead() throws {
        try check("jump", [story("First", [30, 24, 40, 36, 28, 30], seed: 1), story("Second", [20, 18], seed: 2)])
    }

    func testShortStoriesAreBalancedOneBelowAnother() throws {
        try check("balanced", [story("One", [18, 14], seed: 3), story("Two", [16, 12, 10], seed: 4), story("Three", [12], seed: 5)])
    }

    func testNarrowStoryStandsBesideAWideOne() throws {
        var notice = story("Notice", [10, 8], seed: 6)
        notice.columns = 1
        try check("narrow", [notice, story("Wide", [26, 20, 24], seed: 7)])
    }

    func testSubheadAndPullQuoteInTheFlow() throws {
        var feature = story("Feature", [], seed: 8)
        feature.body = [.paragraph([.text(Fixtures.words(26, seed: 81).capitalizedFirst + ".")]),
                        .heading(level: 2, [.text("A subhead")]),
                        .paragraph([.text(Fixtures.words(30, seed: 82).capitalizedFirst + ".")]),
                        .paragraph([.text(Fixtures.words(22, seed: 83).capitalizedFirst + ".")]),
                        .paragraph([.text(Fixtures.words(28, seed: 84).capitalizedFirst + ".")])]
        feature.pullQuote = "Words worth repeating"
        try check("subhead-pull-quote", [feature])
    }
}
