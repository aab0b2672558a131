import XCTest
import BulletinModel
@testable import BulletinLayout

final class TypesetterTests: XCTestCase {
    let font = FontSpec(family: "Test", size: 10)

    func run(_ text: String) -> [StyledRun] { [StyledRun(text: text, font: font, colour: "text", language: "en")] }

    func rules(hyphenate: Bool = false) -> ParagraphRules {
        ParagraphRules(justified: true, breaking: BreakingSpec(), hyphenation: HyphenationSpec(enabled: hyphenate))
    }

    func testJustifiedLinesFillTheMeasureExactly() {
        let typesetter = Typesetter(shaper: FakeShaper())
        let lines = typesetter.lines(run(Fixtures.words(120)), width: 150, align: .justify, rules: rules())
        XCTAssertGreaterThan(lines.count, 5)
        for line in lines.dropLast() {
            let end = line.fragments.last.map { $0.x + $0.width } ?? 0
            XCTAssertEqual(end, 150, accuracy: 0.001, line.text)
            XCTAssertGreaterThanOrEqual(line.ratio, -1)
        }
        let last = lines[lines.count - 1]
        XCTAssertTrue(last.isLast)
        XCTAssertLessThanOrEqual(last.fragments.last.map { $0.x + $0.width } ?? 0, 150)
        // Every word comes out once, in order.
        XCTAssertEqual(lines.map(\.text).joined(separator: " "), Fixtures.words(120))
    }

    func testRaggedLinesKeepNaturalSpaces() {
        let typesetter = Typesetter(shaper: FakeShaper())
        let lines = typesetter.lines(run("aaaa bbbb cccc dddd eeee"), width: 100, align: .left, rules: rules())
        XCTAssertEqual(lines.map(\.text), ["aaaa bbbb cccc dddd", "eeee"])
        XCTAssertEqual(lines[0].fragments.map(\.x), [0, 25, 50, 75])
    }

    func testHyphenationDrawsAHyphenAndKeepsTheWordForExtraction() {
        let typesetter = Typesetter(shaper: FakeShaper(), hyphenator: TableHyphenator(table: ["international": [5, 7]]))
        // 10 chars per 50 pt line: "aaaa inter-" must break inside the long word.
        let lines = typesetter.lines(run("aaaa international bb"), width: 55, align: .justify, rules: rules(hyphenate: true))
        XCTAssertTrue(lines[0].hyphenated)
        XCTAssertEqual(lines[0].fragments.last?.text, "inter-")
        // Extracted text reads the whole word on the first line and nothing for its rest.
        XCTAssertEqual(lines[0].fragments.last?.actualText, "international")
        XCTAssertEqual(lines[1].fragments.first?.text, "national")
        XCTAssertEqual(lines[1].fragments.first?.actualText, "")
        XCTAssertEqual(lines.map(\.text).joined(separator: "|"), "aaaa inter-|national bb")
    }

    func testHyphenationRules() {
        let spec = HyphenationSpec()
        func core(_ word: String) -> Range<Int>? { ParagraphBuilder.hyphenatableCore(Array(word.unicodeScalars), rules: spec) }
        XCTAssertEqual(core("“international,”"), 1..<14)
        XCTAssertNil(core("NASA-funded"))
        XCTAssertNil(core("UNESCO"))
        XCTAssertNil(core("2026"))
        XCTAssertNil(core("www.example.edu"))
        XCTAssertNil(core("someone@example.edu"))
        XCTAssertNil(core("tiny"))
        XCTAssertEqual(core("Massachusetts"), 0..<13)
        XCTAssertEqual(core("evening\u{2019}s"), 0..<7)
        XCTAssertNil(core("rock\u{2019}n\u{2019}roll"))
        XCTAssertNil(ParagraphBuilder.hyphenatableCore(Array("Massachusetts".unicodeScalars), rules: HyphenationSpec(capitalised: false)))
    }

    func testCJKBreaksBetweenIdeographs() {
        let typesetter = Typesetter(shaper: FakeShaper())
        let text = String(repeating: "中文排版", count: 10)
        let lines = typesetter.lines(run(text), width: 52, align: .justify, rules: rules())
        XCTAssertEqual(lines.count, 4)
        XCTAssertEqual(lines.map(\.text).joined(), text)
        for line in lines.dropLast() {
            XCTAssertEqual(line.fragments.last.map { $0.x + $0.width } ?? 0, 52, accuracy: 0.001)
        }
    }

    func testTheSameParagraphBreaksTheSameWay() {
        let typesetter = Typesetter(shaper: FakeShaper())
        let a = typesetter.lines(run(Fixtures.words(200)), width: 140, align: .justify, rules: rules())
        let b = typesetter.lines(run(Fixtures.words(200)), width: 140, align: .justify, rules: rules())
        XCTAssertEqual(a, b)
    }
}
