import XCTest
import BulletinModel
import BulletinLayout
@testable import BulletinGraphics
import CPango
import CFontconfig

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

    /// A font's ascent and descent are asked in English, the language of the text most often
    /// set in it, not in the process locale's: each language a font is asked in costs Pango a
    /// fontset of its own and fontconfig a sort of every installed font.
    func testFontsAreAskedInEnglishWhereNoLanguageIsGiven() throws {
        let language = try XCTUnwrap(pango_context_get_language(PangoShaperTests.fonts.context))
        XCTAssertEqual(String(cString: pango_language_to_string(language)), "en")
        let sibling = PangoShaperTests.fonts.sibling()
        XCTAssertEqual(String(cString: pango_language_to_string(pango_context_get_language(sibling.context))), "en")
    }

    /// The library's configuration is fontconfig's current one once the library is made: Pango
    /// loads the current configuration on a thread of its own when its first font map is
    /// made, and would otherwise read the system's configuration files a second time.
    func testTheLibrarysConfigurationIsFontconfigsCurrentOne() {
        let library = FontLibrary(folders: [])
        XCTAssertEqual(FcConfigGetCurrent(), library.config)
    }

    /// A font's ascent and descent are the first font's of its families, from the font file's
    /// own extents for lines (its `hhea` table): Liberation Serif's 1825 and 443 units of 2048,
    /// Noto Serif CJK's 1151 and 286 of 1000 where it comes first.
    func testAFontsAscentAndDescentAreItsFirstFontsOwn() {
        let metrics = shaper.metrics(of: FontSpec(family: "Liberation Serif, Noto Serif CJK SC", size: 10), language: "en")
        XCTAssertEqual(metrics.ascent, 10 * 1825 / 2048, accuracy: 0.01)
        XCTAssertEqual(metrics.descent, 10 * 443 / 2048, accuracy: 0.01)
        let cjk = shaper.metrics(of: FontSpec(family: "Noto Serif CJK SC, Liberation Serif", size: 10), language: "zh")
        XCTAssertEqual(cjk.ascent, 11.51, accuracy: 0.01)
        XCTAssertEqual(cjk.descent, 2.86, accuracy: 0.01)
    }

    /// The caches hash a word with its font's size and style only: the same word at the same
    /// size in another family or language is still another entry.
    func testTheSameWordInAnotherFamilyOrLanguageIsMeasuredApart() throws {
        let sans = FontSpec(family: "DejaVu Sans", size: 9)
        let inSerif = shaper.width(of: "Harbour", font: serif, language: "en")
        let inSans = shaper.width(of: "Harbour", font: sans, language: "en")
        XCTAssertGreaterThan(inSans - inSerif, 3, "DejaVu Sans is the wider face")
        let serifRun = try XCTUnwrap(shaper.shaped("Harbour", font: serif, language: "en"))
        let sansRun = try XCTUnwrap(shaper.shaped("Harbour", font: sans, language: "en"))
        XCTAssertFalse(serifRun === sansRun)
        // The same letters in another language: another entry.
        XCTAssertFalse(try XCTUnwrap(shaper.shaped("Harbour", font: serif, language: "tr")) === serifRun)
    }

    /// A word shaped in one run keeps its width with its glyphs, not in a table of its own:
    /// only letter-spaced words (and words in several runs) are measured apart.
    func testAShapedWordsWidthIsKeptWithItsGlyphs() throws {
        let shaper = PangoShaper(fonts: Self.fonts)
        for word in ["harbour", "library", "exchange", "semester"] {
            let width = shaper.width(of: word, font: serif, language: "en")
            XCTAssertEqual(try XCTUnwrap(shaper.shaped(word, font: serif, language: "en")).width, width)
        }
        XCTAssertEqual(shaper.widthsKeptApart, 0)
        var tracked = serif
        tracked.tracking = 0.5
        _ = shaper.width(of: "harbour", font: tracked, language: "en")
        XCTAssertEqual(shaper.widthsKeptApart, 1)
    }

    /// A piece of a paragraph set in several fonts has its runs shaped for drawing where it is
    /// measured, on the thread setting the paragraph, not later by the renderer on the drawing
    /// thread; a piece in one font (its glyphs kept whole) and a beginning have none.
    func testAPieceInSeveralFontsHasItsRunsShapedWhereItIsMeasured() throws {
        let shaper = PangoShaper(fonts: Self.fonts), reference = PangoShaper(fonts: Self.fonts)
        // Liberation Serif has no ễ: FreeSerif sets it.
        let font = FontSpec(family: "Liberation Serif, FreeSerif", size: 9)
        XCTAssertEqual(shaper.pieceWidth(of: "Nguyen", font: font, language: "en"), reference.width(of: "Nguyen", font: font, language: "en"))
        _ = shaper.prefixWidth(of: "Nguy", font: font, language: "en")
        XCTAssertEqual(shaper.runShapesKept, 0)
        XCTAssertEqual(shaper.pieceWidth(of: "Nguyễn", font: font, language: "en"), reference.width(of: "Nguyễn", font: font, language: "en"))
        XCTAssertEqual(shaper.runShapesKept, 1)
        let runs = try XCTUnwrap(shaper.shapedRuns("Nguyễn", font: font, language: "en"))
        XCTAssertEqual(runs.map(\.text), ["Nguy", "ễ", "n"])
        XCTAssertEqual(shaper.runShapesKept, 1, "taken as shaped")
        // Setting a paragraph measures its pieces so.
        let setter = PangoShaper(fonts: Self.fonts)
        let rules = ParagraphRules(justified: false, breaking: BreakingSpec(), hyphenation: HyphenationSpec(enabled: false))
        let lines = Typesetter(shaper: setter).lines([StyledRun(text: "Dr Nguyễn spoke", font: font, colour: "text", language: "en")],
                                                     width: 200, align: .left, rules: rules)
        XCTAssertEqual(lines.count, 1)
        XCTAssertEqual(setter.runShapesKept, 1)
    }

    /// A word's beginnings up to its hyphenation points are measured as the whole word is,
    /// to the same widths, but their glyphs are not kept: no line draws them as they are.
    func testAWordsBeginningsAreMeasuredWithoutKeepingTheirGlyphs() throws {
        let shaper = PangoShaper(fonts: Self.fonts), reference = PangoShaper(fonts: Self.fonts)
        let beginnings = ["inter", "interna", "internation", "Ωmega", "naïve"]
        for text in beginnings {
            XCTAssertEqual(shaper.prefixWidth(of: text, font: serif, language: "en"), reference.width(of: text, font: serif, language: "en"), text)
        }
        XCTAssertEqual(shaper.shapesKept, 0)
        XCTAssertEqual(shaper.prefixWidthsKept, beginnings.count)
        // The whole word is kept with its glyphs, for drawing, also where it was measured as
        // a beginning before ("inter" of "international" and "inter" alone); a beginning
        // shaped for drawing after all is shaped then, to the same glyphs and width.
        let whole = shaper.width(of: "international", font: serif, language: "en")
        XCTAssertEqual(shaper.width(of: "inter", font: serif, language: "en"), shaper.prefixWidth(of: "inter", font: serif, language: "en"))
        XCTAssertEqual(shaper.shapesKept, 2)
        XCTAssertEqual(shaper.widthsKeptApart, 0)
        XCTAssertEqual(try XCTUnwrap(shaper.shaped("international", font: serif, language: "en")).width, whole)
        XCTAssertEqual(try XCTUnwrap(shaper.shaped("inter", font: serif, language: "en")).width,
                       shaper.prefixWidth(of: "inter", font: serif, language: "en"))
    }

    /// Pango adds letter spacing between letters, not after the last: the layout counts on it.
    func testLetterSpacingGoesBetweenLetters() {
        var tracked = serif
        tracked.tracking = 1
        let plain = shaper.width(of: "abcde", font: serif, language: "en")
        let wide = shaper.width(of: "abcde", font: tracked, language: "en")
        XCTAssertEqual(wide - plain, 4, accuracy: 0.01)
    }

    /// fontconfig's languages of a family decide which fallback faces Chinese text takes before
    /// its style's own: the CJK face has the letters of Chinese, Japanese and Korean, the Latin
    /// fallback those of Vietnamese and none of the three.
    func testFallbackFamiliesLanguagesComeFromFontconfig() {
        let fonts = Self.fonts
        let cjk = fonts.languages(ofFamily: "Noto Serif CJK SC"), latin = fonts.languages(ofFamily: "FreeSerif")
        XCTAssertTrue(cjk.isSuperset(of: ["zh", "ja", "ko"]), "\(cjk.sorted())")
        XCTAssertTrue(latin.isSuperset(of: ["en", "vi", "de"]), "\(latin.sorted())")
        XCTAssertTrue(latin.isDisjoint(with: ["zh", "ja", "ko"]), "\(latin.sorted())")
        XCTAssertFalse(fonts.languages(ofFamily: "Liberation Serif").contains("vi"), "Liberation Serif has Vietnamese: no fallback needed")
        XCTAssertEqual(fonts.languages(ofFamily: "No Such Face"), [])
        let described = fonts.withLanguages(["FreeSerif", "Noto Serif CJK SC"])
        XCTAssertEqual(described.families(style: "Liberation Serif", language: "zh"), ["Noto Serif CJK SC", "Liberation Serif", "FreeSerif"])
    }

    /// A language tag's base language is its first part between hyphens that is not empty,
    /// lower-cased: for every tag fontconfig knows (the languages of a family's fonts), and
    /// the odd ones.
    func testTheBaseLanguageOfATagIsItsFirstPart() throws {
        var tags = ["", "-", "-x", "--a-b", "ZH-CN", "zh-Hant-TW", "sr-Latn", "de-1901", "x"]
        if let known = FcGetLangs(), let each = FcStrListCreate(known) {
            while let tag = FcStrListNext(each) { tags.append(String(cString: UnsafeRawPointer(tag).assumingMemoryBound(to: CChar.self))) }
            FcStrListDone(each)
            FcStrSetDestroy(known)
        }
        XCTAssertGreaterThan(tags.count, 200)
        for tag in tags {
            XCTAssertEqual(FallbackFamilies.baseLanguage(tag), tag.split(separator: "-").first.map { $0.lowercased() } ?? "", tag)
        }
        XCTAssertEqual(["ZH-CN", "zh-Hant-TW", "--a-b", "-"].map(FallbackFamilies.baseLanguage), ["zh", "zh", "a", ""])
    }

    /// Widths come from shaping the text's items, not from a layout: the two agree exactly, for
    /// every word and every prefix of the example issues, in the fonts and languages they use,
    /// fallback fonts (Chinese, rare Latin letters) included.
    func testShapedWidthsAreTheLayoutsWidths() throws {
        let fonts = [serif, FontSpec(family: "Liberation Sans", size: 7.5), FontSpec(family: "Liberation Serif", size: 11.5),
                     FontSpec(family: "Liberation Sans", size: 20)]
        var checked = 0
        for (language, words) in try HyphenatorTests.exampleWords() {
            for word in words.sorted() + ["ễ", "ẵ", "中秋佳节。欢迎", "a b", " ", "", "ﬁnance", "\u{05E9}\u{05DC}\u{05D5}\u{05DD} world"] {
                let scalars = Array(word.unicodeScalars)
                for end in [scalars.count] + (scalars.count <= 12 ? Array(1..<max(1, scalars.count)) : []) {
                    var prefix = String.UnicodeScalarView()
                    prefix.append(contentsOf: scalars[0..<end])
                    let text = String(prefix)
                    for font in fonts {
                        XCTAssertEqual(shaper.shapedWidth(of: text, font: font, language: language),
                                       shaper.layoutWidth(of: text, font: font, language: language), "\(text) in \(font)")
                        checked += 1
                    }
                    // What the renderer draws: the same glyphs, at the same places, in the same
                    // font, whether the word was itemised or took an earlier word's item.
                    for font in fonts {
                        let shaped = shaper.shaped(text, font: font, language: language)
                        let layout = shaper.layoutShaped(text, font: font, language: language)
                        XCTAssertEqual(shaped.map(Self.glyphs), layout.map(Self.glyphs), "\(text) in \(font)")
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 10_000)
        // Most words are shaped without being itemised: they took an earlier word's item.
        XCTAssertGreaterThan(shaper.itemsTaken, 4 * shaper.itemsMade, "\(shaper.itemsTaken) taken, \(shaper.itemsMade) made")
    }

    /// A word takes an earlier word's item only where Pango would give it that item: a letter
    /// the first font lacks sends the word to the fallback font, a space or another script to
    /// Pango's itemising.
    func testAWordTakesAnEarlierWordsItemOnlyWherePangoWouldGiveItThatItem() {
        let shaper = PangoShaper(fonts: Self.fonts)
        // Latin letters far into the Basic Multilingual Plane: Liberation Serif has the
        // ligature "ﬁ", not the full-width letters.
        for word in ["ễ", "harbour", "Northbridge", "Nguyễn", "1990s", "(2026)", "中秋", "a b", "naïve", "—", "©2026", "Đà",
                     "ﬁnance", "ｒｏｏｍ", "ﬁｒｅ"] {
            let shaped = shaper.shaped(word, font: serif, language: "en")
            XCTAssertEqual(shaped.map(Self.glyphs), shaper.layoutShaped(word, font: serif, language: "en").map(Self.glyphs), word)
        }
        XCTAssertEqual(PangoShaper.oneRunClass("Northbridge's"), .latin)
        XCTAssertEqual(PangoShaper.oneRunClass("(2026)"), .common)
        XCTAssertEqual(PangoShaper.oneRunClass("中秋"), .ideographic(G_UNICODE_SCRIPT_HAN.rawValue))
        XCTAssertEqual(PangoShaper.oneRunClass("ひらがな"), .ideographic(g_unichar_get_script(0x3072).rawValue))
        XCTAssertNotEqual(PangoShaper.oneRunClass("ひらがな"), PangoShaper.oneRunClass("カタカナ"))
        for other in ["a b", "©2026", "e\u{301}", "\u{05E9}", "", "1\u{FE0F}", "日本語の", "中a", "a中", "(中", "中)", "中，", "中 秋"] {
            XCTAssertNil(PangoShaper.oneRunClass(other), other)
        }
        XCTAssertGreaterThan(shaper.itemsTaken, 0)
    }

    /// A Chinese or Japanese word in a Latin face is set in a fallback font: a later word of its
    /// script and language takes that word's item, as Pango would give it, and is not itemised.
    func testAChineseOrJapaneseWordTakesAnEarlierWordsItemInTheFallbackFont() throws {
        let shaper = PangoShaper(fonts: Self.fonts)
        for (words, language) in [(["中秋", "月饼", "学生", "东溪", "交流"], "zh"), (["ひらがな", "の", "カタカナ", "留学", "日本"], "ja"),
                                  (["中秋", "月饼"], "en")] {
            for word in words {
                let shaped = try XCTUnwrap(shaper.shaped(word, font: serif, language: language), word)
                XCTAssertEqual(Self.glyphs(shaped), shaper.layoutShaped(word, font: serif, language: language).map(Self.glyphs), word)
            }
        }
        // Four Chinese words, "の" after "ひらがな", "日本" after "留学", "月饼" in English.
        XCTAssertEqual(shaper.itemsTaken, 7)
        XCTAssertEqual(shaper.itemsMade, 5)
    }

    /// While another thread reads a copy of the shapes (`shapeLookup`), the shapes made are
    /// kept apart, so that the dictionary the copy shares is not copied whole for a word: they
    /// are found all the same, and taken in once the copy is let go of.
    func testShapesMadeWhileACopyIsReadAreKeptApart() throws {
        let shaper = PangoShaper(fonts: Self.fonts)
        let harbour = try XCTUnwrap(shaper.shaped("harbour", font: serif, language: "en"))
        let copy = shaper.shapeLookup()
        let kept = shaper.shapesKept
        let lighthouse = try XCTUnwrap(shaper.shaped("lighthouse", font: serif, language: "en"))
        XCTAssertEqual(shaper.shapesKept, kept, "not in the dictionary the copy shares")
        XCTAssertTrue(shaper.shaped("lighthouse", font: serif, language: "en") === lighthouse, "found again, not shaped again")
        XCTAssertTrue(copy.shaped("harbour", font: serif, language: "en")?.flatMap { $0 } === harbour)
        XCTAssertNil(copy.shaped("lighthouse", font: serif, language: "en"), "the copy is as it was")
        shaper.endShapeLookup()
        XCTAssertEqual(shaper.shapesKept, kept + 1)
        XCTAssertTrue(shaper.shaped("lighthouse", font: serif, language: "en") === lighthouse)
    }

    /// A helper's shapes are taken over as its table is (`adopt`), not inserted one by one into
    /// the shaper's own: found after the shaper's own (a word both shaped is the shaper's), by
    /// the shaper and by the copy another thread reads, and not shaped again; the helper keeps
    /// none, and a session's next helper adds to what was taken over.
    func testAHelpersShapesAreTakenOverWithoutMovingThem() throws {
        let shaper = PangoShaper(fonts: Self.fonts)
        let mine = try XCTUnwrap(shaper.shaped("harbour", font: serif, language: "en"))
        let helper = shaper.helper()
        let theirs = try XCTUnwrap(helper.shaped("lighthouse", font: serif, language: "en"))
        let both = try XCTUnwrap(helper.shaped("harbour", font: serif, language: "en"))
        XCTAssertFalse(both === mine)
        let helperWidth = helper.prefixWidth(of: "light", font: serif, language: "en")
        shaper.adopt(helper)
        XCTAssertEqual(shaper.shapesKept, 1, "the shaper's own table is as it was")
        XCTAssertEqual(shaper.shapesAdopted, 2)
        XCTAssertEqual(helper.shapesKept, 0)
        XCTAssertEqual(helper.prefixWidthsKept, 0)
        let shapingBefore = shaper.shaping
        XCTAssertTrue(shaper.shaped("lighthouse", font: serif, language: "en") === theirs)
        XCTAssertTrue(shaper.shaped("harbour", font: serif, language: "en") === mine, "the shaper's own first")
        XCTAssertEqual(shaper.prefixWidth(of: "light", font: serif, language: "en"), helperWidth)
        XCTAssertEqual(shaper.shaping, shapingBefore, "nothing shaped again")
        XCTAssertTrue(shaper.shapeLookup().shaped("lighthouse", font: serif, language: "en")?.flatMap { $0 } === theirs)
        shaper.endShapeLookup()
        // A session's next build: its helper's words join those taken over.
        let next = try XCTUnwrap(helper.shaped("quay", font: serif, language: "en"))
        shaper.adopt(helper)
        XCTAssertEqual(shaper.shapesAdopted, 3)
        XCTAssertTrue(shaper.shaped("quay", font: serif, language: "en") === next)
        XCTAssertTrue(shaper.shaped("lighthouse", font: serif, language: "en") === theirs)
    }

    static func glyphs(_ shaped: ShapedText) -> [String] {
        let string = shaped.item.pointee.glyphs!.pointee
        let font = shaped.item.pointee.item.pointee.analysis.font.map { "\(UInt(bitPattern: $0))" } ?? "none"
        return [font, "\(shaped.item.pointee.item.pointee.offset) \(shaped.item.pointee.item.pointee.length)"] + (0..<Int(string.num_glyphs)).map { i in
            let glyph = string.glyphs[i]
            return "\(glyph.glyph) \(glyph.geometry.width) \(glyph.geometry.x_offset) \(glyph.geometry.y_offset) \(string.log_clusters[i])"
        }
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
