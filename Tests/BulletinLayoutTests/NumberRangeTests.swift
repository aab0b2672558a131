import XCTest
import BulletinModel
@testable import BulletinLayout

/// A number range ("10:00–12:30") breaks after its en dash only where nothing else sets the line.
final class NumberRangeTests: XCTestCase {
    /// The fake shaper's widths, with a break after every dash, as Pango offers them.
    struct DashShaper: TextShaper {
        func width(of text: String, font: FontSpec, language: String) -> Double { FakeShaper().width(of: text, font: font, language: language) }
        func metrics(of font: FontSpec, language: String) -> FontMetrics { FakeShaper().metrics(of: font, language: language) }
        func breakOpportunities(in text: String, language: String) -> [Int] {
            let scalars = Array(text.unicodeScalars)
            return (1..<max(1, scalars.count)).filter { scalars[$0 - 1] == "-" || scalars[$0 - 1] == "\u{2013}" }
        }
    }

    func testARangeBreaksAfterItsDashOnlyRatherThanALineOfGaps() {
        let typesetter = Typesetter(shaper: DashShaper())
        let font = FontSpec(family: "Test", size: 10)
        let rules = ParagraphRules(justified: true, breaking: BreakingSpec(), hyphenation: HyphenationSpec(enabled: false))
        func lines(_ text: String, _ width: Double) -> [String] {
            typesetter.lines([StyledRun(text: text, font: font, colour: "text", language: "en")], width: width, align: .justify, rules: rules).map(\.text)
        }
        // 30 characters to the measure: "aaaa bbbb cccc dddd eeee" alone would stretch 30 pt over
        // four spaces; the range parts rather.
        XCTAssertEqual(lines("aaaa bbbb cccc dddd eeee 10:00–12:30, Lecture Theatre 1", 150),
                       ["aaaa bbbb cccc dddd eeee 10:00–", "12:30, Lecture Theatre 1"])
        // Where a line sets well without it, the range stays whole.
        XCTAssertEqual(lines("aaaa bbbb cccc dddd eeee ff 10:00–12:30, Lecture Theatre 1", 150).first, "aaaa bbbb cccc dddd eeee ff")
        XCTAssertEqual(lines("aaaa bbbb cccc dddd eeee fffff 10:00–12:30, and Lecture Theatre 1", 160).first, "aaaa bbbb cccc dddd eeee fffff")
    }
}
