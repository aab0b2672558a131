import XCTest
import BulletinModel
@testable import BulletinLayout

/// The order in which a style's family and the layout's fallback families are tried: the
/// style's first, except for Chinese, Japanese and Korean text, which takes the fallback faces
/// made for its language first, then the style's, then the other fallbacks.
final class FallbackOrderTests: XCTestCase {
    let body = TextStyle(family: "Liberation Serif", size: 9, leading: 11)
    let byline = TextStyle(family: "Liberation Sans, FreeSans", size: 7.5, leading: 11)
    /// A Latin face and a CJK face, with the languages fontconfig finds in them.
    let fallback = FallbackFamilies(["FreeSerif", "Noto Serif CJK SC"],
                                    languages: ["FreeSerif": ["en", "de", "vi"], "Noto Serif CJK SC": ["en", "ja", "ko", "zh"]])

    func family(_ style: TextStyle, _ language: String, ownFirst: Bool = false) -> String {
        var runs = InlineRuns(style: style, fallbackFamilies: fallback, language: language)
        runs.ownFacesFirst = ownFirst
        return runs.font().family
    }

    func testLatinTextTakesItsOwnFaceThenTheFallbacksInTheLayoutsOrder() {
        XCTAssertEqual(family(body, "en"), "Liberation Serif, FreeSerif, Noto Serif CJK SC")
        XCTAssertEqual(family(body, "vi"), "Liberation Serif, FreeSerif, Noto Serif CJK SC")
        XCTAssertEqual(family(byline, "de"), "Liberation Sans, FreeSans, FreeSerif, Noto Serif CJK SC")
    }

    /// The CJK face before the style's (its full-width punctuation and quotes), and the Latin
    /// fallback after the style's, not before it.
    func testCJKTextTakesTheFacesMadeForItFirstAndTheLatinFallbackLast() {
        for language in ["zh", "zh-Hant-TW", "ja", "KO"] {
            XCTAssertEqual(family(body, language), "Noto Serif CJK SC, Liberation Serif, FreeSerif", language)
        }
        XCTAssertEqual(family(byline, "zh"), "Noto Serif CJK SC, Liberation Sans, FreeSans, FreeSerif")
        // A Chinese story's byline keeps its names in the byline's face.
        XCTAssertEqual(family(byline, "zh", ownFirst: true), "Liberation Sans, FreeSans, FreeSerif, Noto Serif CJK SC")
        // Spans of Chinese in an English paragraph follow the span's language.
        let runs = InlineRuns(style: body, fallbackFamilies: fallback, language: "en")
            .runs([.text("The "), .language("zh", [.text("“中秋”")]), .text(" festival")])
        XCTAssertEqual(runs.map(\.font.family), ["Liberation Serif, FreeSerif, Noto Serif CJK SC",
                                                 "Noto Serif CJK SC, Liberation Serif, FreeSerif",
                                                 "Liberation Serif, FreeSerif, Noto Serif CJK SC"])
    }

    /// Families nobody asked the fonts about (a layout made in code) count as made for every
    /// language: CJK text takes all of them first, in the layout's order.
    func testFamiliesOfUnknownLanguagesComeFirstForCJKText() {
        let unknown: FallbackFamilies = ["Noto Serif CJK SC", "Some Face"]
        XCTAssertEqual(unknown.families(style: "Liberation Serif", language: "ja"), ["Noto Serif CJK SC", "Some Face", "Liberation Serif"])
        var known = unknown
        known.languages["Some Face"] = ["en"]
        XCTAssertEqual(known.families(style: "Liberation Serif", language: "ja"), ["Noto Serif CJK SC", "Liberation Serif", "Some Face"])
        XCTAssertEqual(known.families(style: "Liberation Serif", language: "en"), ["Liberation Serif", "Noto Serif CJK SC", "Some Face"])
        XCTAssertEqual(Array(known), ["Noto Serif CJK SC", "Some Face"])
    }

    /// Of the CJK faces, each language's own cut first (Noto's and Source Han's names end in
    /// it): Japanese in the JP face, traditional Chinese in the TC face, the layout's order after.
    func testEachCJKLanguageTakesItsOwnCutFirst() {
        let cjk = ["Noto Serif CJK SC", "Noto Serif CJK JP", "Noto Serif CJK KR", "Noto Serif CJK TC"]
        let families = FallbackFamilies(["FreeSerif"] + cjk, languages: Dictionary(uniqueKeysWithValues: cjk.map { ($0, ["zh", "ja", "ko"]) } + [("FreeSerif", ["en"])]))
        func first(_ language: String) -> String? { families.families(style: "Liberation Serif", language: language).first }
        XCTAssertEqual(first("ja"), "Noto Serif CJK JP")
        XCTAssertEqual(first("ja-JP"), "Noto Serif CJK JP")
        XCTAssertEqual(first("ko"), "Noto Serif CJK KR")
        XCTAssertEqual(first("zh"), "Noto Serif CJK SC")
        XCTAssertEqual(first("zh-Hant-TW"), "Noto Serif CJK TC")
        XCTAssertEqual(families.families(style: "Liberation Serif", language: "ja"),
                       ["Noto Serif CJK JP", "Noto Serif CJK SC", "Noto Serif CJK KR", "Noto Serif CJK TC", "Liberation Serif", "FreeSerif"])
        // A Japanese story's byline keeps its names in the byline's face, its Japanese in the JP cut.
        XCTAssertEqual(families.families(style: "Liberation Sans", language: "ja", ownFirst: true),
                       ["Liberation Sans", "FreeSerif", "Noto Serif CJK JP", "Noto Serif CJK SC", "Noto Serif CJK KR", "Noto Serif CJK TC"])
        // Other languages keep the layout's order.
        XCTAssertEqual(families.families(style: "Liberation Serif", language: "en"), ["Liberation Serif", "FreeSerif"] + cjk)
    }
}
