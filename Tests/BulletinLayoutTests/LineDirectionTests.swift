import XCTest
import BulletinModel
@testable import BulletinLayout

/// Right-to-left text: a paragraph whose first letter is Arabic or Hebrew runs from the right,
/// and words of the other direction keep their own order as a group.
final class LineDirectionTests: XCTestCase {
    let font = FontSpec(family: "Test", size: 10)

    func run(_ text: String, language: String = "ar") -> [StyledRun] {
        [StyledRun(text: text, font: font, colour: "text", language: language)]
    }

    func testLevelsAndTheOrderWordsAreSeenIn() {
        typealias K = LineDirection.Kind
        // Arabic words around a Latin name: the name's two words keep their order.
        let kinds: [K] = [.rightToLeft, .rightToLeft, .leftToRight, .leftToRight, .rightToLeft]
        let levels = LineDirection.levels(kinds, fromRight: true)
        XCTAssertEqual(levels, [1, 1, 2, 2, 1])
        XCTAssertEqual(LineDirection.visualOrder(levels), [4, 2, 3, 1, 0])
        // An English line with an Arabic name of two words: the name reads from the right.
        let english = LineDirection.levels([.leftToRight, .leftToRight, .rightToLeft, .rightToLeft], fromRight: false)
        XCTAssertEqual(english, [0, 0, 1, 1])
        XCTAssertEqual(LineDirection.visualOrder(english), [0, 1, 3, 2])
        // A dash between Arabic words goes with them; between two directions, with the paragraph.
        XCTAssertEqual(LineDirection.levels([.rightToLeft, .neutral, .rightToLeft], fromRight: false), [1, 1, 1])
        XCTAssertEqual(LineDirection.levels([.leftToRight, .neutral, .rightToLeft], fromRight: true), [2, 1, 1])
        // Numbers in a right-to-left paragraph read left to right, as a group.
        XCTAssertEqual(LineDirection.levels([.rightToLeft, .number, .rightToLeft], fromRight: true), [1, 2, 1])
        XCTAssertEqual(LineDirection.kind(of: "٢٠٢٧"), .number)
        XCTAssertEqual(LineDirection.kind(of: "«مرحبا»"), .rightToLeft)
        XCTAssertEqual(LineDirection.kind(of: "–"), .neutral)
    }

    /// An Arabic paragraph: each line starts at the right edge and its first word is the
    /// rightmost; the first-line indent is on the right; the last line stands flush right.
    func testAnArabicParagraphRunsFromTheRight() {
        let typesetter = Typesetter(shaper: FakeShaper())
        let words = ["ينظم", "مكتب", "الشؤون", "الدولية", "أسبوع", "الثقافات", "في", "شهر", "مايو", "ويشارك", "فيه", "طلاب", "من", "أكثر"]
        let rules = ParagraphRules(justified: true, breaking: BreakingSpec(), hyphenation: HyphenationSpec(enabled: false), firstLineIndent: 10)
        let lines = typesetter.lines(run(words.joined(separator: " ")), width: 120, align: .justify, rules: rules)
        XCTAssertGreaterThan(lines.count, 2)
        for (index, line) in lines.enumerated() {
            XCTAssertTrue(line.fromRight)
            // Logical order is kept in the line; the places go leftwards.
            let xs = line.fragments.map(\.x)
            XCTAssertEqual(xs, xs.sorted(by: >), line.text)
            let right = line.rightEdge
            XCTAssertEqual(right, index == 0 ? 110 : 120, accuracy: 0.01, "line \(index) ends at the right edge (the first less its indent)")
            XCTAssertEqual(line.fragments.first.map { $0.x + $0.width } ?? 0, right, accuracy: 0.01)
        }
        // The last line is not justified: it leaves its white on the left.
        XCTAssertGreaterThan(lines.last?.fragments.map(\.x).min() ?? 0, 1)
        XCTAssertEqual(lines.dropLast().map { $0.fragments.map(\.x).min() ?? -1 }.min() ?? -1, 0, accuracy: 0.01)
    }

    /// An English byline with an Arabic name: the line runs from the left, the name's two words
    /// read from the right.
    func testAnArabicNameInAnEnglishLine() {
        let typesetter = Typesetter(shaper: FakeShaper())
        let rules = ParagraphRules(justified: false, breaking: BreakingSpec(), hyphenation: HyphenationSpec(enabled: false))
        guard let line = typesetter.lines(run("Written by ليلى حداد today", language: "en"), width: 500, align: .left, rules: rules).first else {
            return XCTFail("no line")
        }
        XCTAssertFalse(line.fromRight)
        let x = Dictionary(uniqueKeysWithValues: line.fragments.map { ($0.text, $0.x) })
        XCTAssertEqual(x["Written"] ?? -1, 0, accuracy: 0.01)
        XCTAssertLessThan(x["by"] ?? 0, x["حداد"] ?? 0)
        XCTAssertLessThan(x["حداد"] ?? 0, x["ليلى"] ?? 0)
        XCTAssertLessThan(x["ليلى"] ?? 0, x["today"] ?? 0)
    }

    /// Display lines balanced into a narrower measure still stand at the full measure's right.
    func testLinesFromTheRightMoveWithTheirMeasure() {
        let typesetter = Typesetter(shaper: FakeShaper())
        let rules = ParagraphRules(justified: false, breaking: BreakingSpec(), hyphenation: HyphenationSpec(enabled: false))
        guard let line = typesetter.lines(run("أسبوع الثقافات"), width: 100, align: .left, rules: rules).first else { return XCTFail("no line") }
        XCTAssertEqual(line.rightEdge, 100, accuracy: 0.01)
        XCTAssertEqual(line.measured(180).rightEdge, 180, accuracy: 0.01)
    }
}
