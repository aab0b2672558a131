import XCTest
import BulletinModel
@testable import BulletinLayout

/// Random stories of awkward text (combining marks, zero-width characters, ideographs, emoji,
/// right-to-left words, very long words, empty blocks) must compose without a crash, keep every
/// story, and keep body text inside its column unless a single unbreakable piece is wider.
final class RandomIssueTests: XCTestCase {
    let pieces = ["word", "Wörter", "ß", "中文排版", "😀", "עברית", "e\u{301}", "\u{200B}", "\u{AD}", "a-b", "10–11",
                  "x@y.example", "https://a.example/c/d", "“quote”", "—", "ﬁne", "international", "", " ", "\u{2028}"]

    struct Random {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(n, 1)))
        }
    }

    func inlines(_ random: inout Random) -> [Inline] {
        (0..<random.next(30)).map { _ in
            let text = pieces[random.next(pieces.count)] + String(repeating: "x", count: random.next(3) == 0 ? random.next(45) : 0) + " "
            switch random.next(6) {
            case 0: return .emphasis([.text(text)])
            case 1: return .strong([.text(text)])
            case 2: return .link(url: "https://example.edu", [.text(text)])
            default: return .text(text)
            }
        }
    }

    func blocks(_ random: inout Random, depth: Int = 0) -> [Block] {
        (0..<random.next(10)).map { _ in
            switch random.next(depth > 1 ? 3 : 7) {
            case 0, 1, 2: return .paragraph(inlines(&random))
            case 3: return .heading(level: 2, inlines(&random))
            case 4: return .blockQuote(blocks(&random, depth: depth + 1))
            case 5: return .list(ordered: random.next(2) == 0, start: 1, items: (0..<random.next(4)).map { _ in blocks(&random, depth: depth + 1) })
            default: return .thematicBreak
            }
        }
    }

    func testRandomIssuesCompose() throws {
        let layout = try Fixtures.classic()
        let geometry = PageGeometry(layout: layout)
        var random = Random(state: 2026)
        for round in 0..<40 {
            let stories = (0..<(1 + random.next(4))).map { i in
                Story(title: "Story \(round)-\(i) " + pieces[random.next(pieces.count)], kicker: random.next(2) == 0 ? "Kicker" : nil,
                      deck: random.next(2) == 0 ? "A deck" : nil, byline: Byline(writtenBy: ["A"]),
                      lang: ["en", "de", "zh", "he"][random.next(4)], body: blocks(&random))
            }
            let document = try Composer(layout: layout, shaper: FakeShaper()).compose(Fixtures.issue(stories))
            XCTAssertEqual(ContentCheck.missing(in: document, issue: Fixtures.issue(stories)), [], "round \(round)")
            XCTAssertEqual(document.outline.count, stories.count, "round \(round)")
            for page in document.pages {
                for text in page.texts where text.kind == .body {
                    guard let column = text.column else {
                        XCTFail("body text without a column")
                        continue
                    }
                    let right = geometry.columnX(column) + geometry.columnWidth
                    // Nothing sticks out: a word wider than the column is broken between letters.
                    XCTAssertLessThanOrEqual(text.x + text.fragment.width, right + 0.01, "round \(round): \(text.fragment.text) sticks out")
                    XCTAssertLessThanOrEqual(text.baseline, geometry.bodyBottom + 0.01, "round \(round): below the text area")
                }
            }
        }
    }
}
