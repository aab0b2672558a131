import XCTest
import BulletinModel
import BulletinLayout
@testable import BulletinGraphics

final class PangoShaperTests: XCTestCase {
    nonisolated(unsafe) static let fonts = FontLibrary(folders: [])
    let shaper = PangoShaper(fonts: PangoShaperTests.fonts)
    let serif = FontSpec(family: "Liberation Serif", size: 9)

    func testWidthsAreAdditiveWithoutRounding() {
        let whole = shaper.width(of: "international", font: serif, language: "en")
        XCTAssertGreaterThan(whole, 40)
        XCTAssertLessThan(whole, 60)
        // Unrounded positions: the width is not a whole number of points.
        XCTAssertNotEqual(whole, whole.rounded())
        XCTAssertEqual(shaper.width(of: "international", font: serif, language: "en"), whole)
    }

    /// Pango adds letter spacing between letters, not after the last: the layout counts on it.
    func testLetterSpacingGoesBetweenLetters() {
        var tracked = serif
        tracked.tracking = 1
        let plain = shaper.width(of: "abcde", font: serif, language: "en")
        let wide = shaper.width(of: "abcde", font: tracked, language: "en")
        XCTAssertEqual(wide - plain, 4, accuracy: 0.01)
    }

    func testFamiliesAreCheckedAgainstInstalledFonts() {
        XCTAssertTrue(Self.fonts.hasFamily("Liberation Serif"))
        XCTAssertTrue(Self.fonts.hasFamily("liberation sans"))
        XCTAssertFalse(Self.fonts.hasFamily("No Such Face"))
        // Generic names resolve through the system's configuration; its other aliases do not
        // stand in for a face a layout names.
        XCTAssertTrue(Self.fonts.hasFamily("serif"))
        XCTAssertTrue(Self.fonts.hasFamily("Sans-Serif"))
        XCTAssertTrue(Self.fonts.hasFamily("monospace"))
    }

    func testChineseBreaksBetweenIdeographs() {
        let breaks = shaper.breakOpportunities(in: "中秋佳节。欢迎", language: "zh")
        XCTAssertTrue(breaks.contains(1))
        XCTAssertFalse(breaks.contains(4), "no break before the full stop")
        XCTAssertTrue(breaks.contains(5))
    }

    func testHyphenatorUsesDebianPatterns() {
        let hyphenator = Hyphenator()
        XCTAssertEqual(hyphenator.hyphenationPoints(in: "international", language: "en"), [2, 5, 7])
        XCTAssertFalse(hyphenator.hyphenationPoints(in: "Zusammenarbeit", language: "de").isEmpty)
        XCTAssertTrue(hyphenator.hyphenationPoints(in: "Zusammenarbeit", language: "de").contains(8), "zusammen-arbeit")
        XCTAssertEqual(hyphenator.hyphenationPoints(in: "anything", language: "xx"), [])
    }
}
