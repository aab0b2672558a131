import XCTest
import CFontconfig
import BulletinLayout
@testable import BulletinGraphics
import CFontsetMatching
import CPango

/// Pango 1.50 matches each new font list with fontconfig on two threads it starts for the list;
/// bulletin runs the match on the thread that asks, and keeps the sort until a thread needs the
/// list's later fonts, which then runs it (`Sources/CFontsetMatching`). Run so, they must choose the fonts Pango's threads choose: for
/// the list's own letters (fontconfig's best match) and for the characters only a later font
/// has (its sorted list).
final class FontsetMatchingTests: XCTestCase {
    /// Characters, with the language they are asked in: Latin in the first face; a Vietnamese
    /// letter Liberation Serif lacks; Chinese, from the CJK face; a Devanagari letter none of
    /// the named faces has, from fontconfig's sorted list of every installed font.
    static let cases: [(character: Character, language: String)] = [("a", "en"), ("ễ", "vi"), ("漢", "zh"), ("क", "hi"), ("ß", "de")]
    static let families = ["Liberation Serif, Noto Serif CJK SC", "Liberation Sans", "Noto Serif CJK SC, Liberation Serif"]

    func testBulletinsFontMatchingChoosesTheFontsPangosThreadsChoose() throws {
        let fonts = FontLibrary(folders: [])
        // Each font list is new to Pango: a size used nowhere else, one per way of matching.
        var size = 9.0137
        func chosen(ours: Bool) throws -> [String] {
            bulletin_fontset_matching_taken_over(ours ? 1 : 0)
            defer { bulletin_fontset_matching_taken_over(1) }
            var names: [String] = []
            for family in Self.families {
                for (character, language) in Self.cases {
                    size += 0.0011
                    names.append(try Self.font(for: character, in: FontSpec(family: family, size: size), language: language, fonts: fonts))
                }
            }
            return names
        }
        let lists = UInt(Self.families.count * Self.cases.count)
        let (matchesBefore, sortsBefore) = (bulletin_fontset_matchings_in_place(), bulletin_fontset_sorts_queued())
        let ours = try chosen(ours: true)
        // For each new list, the match in place and the sort on the sorting thread.
        XCTAssertEqual(bulletin_fontset_matchings_in_place() - matchesBefore, lists)
        XCTAssertEqual(bulletin_fontset_sorts_queued() - sortsBefore, lists)
        let threaded = try chosen(ours: false)
        XCTAssertEqual(bulletin_fontset_matchings_in_place() - matchesBefore, lists, "switched off, Pango's threads match")
        XCTAssertEqual(bulletin_fontset_sorts_queued() - sortsBefore, lists, "switched off, Pango's threads sort")
        XCTAssertEqual(ours, threaded)
        // The cases reach past the first face: the Chinese and Devanagari come from others.
        XCTAssertEqual(ours[2], "Noto Serif CJK SC")
        XCTAssertFalse(["Liberation Serif", "Noto Serif CJK SC"].contains(ours[3]), ours[3])
    }

    /// A font list asked for again at another size is given fontconfig's match and sort for the
    /// list at the first size (`Sources/CFontsetMatching/fontset_reuse.c`): the fonts chosen
    /// are those fontconfig chooses when asked every time, for the first face's letters and for
    /// the characters that only the sorted list has.
    func testAFontListAtAnotherSizeIsGivenTheSameFontsAsFontconfigWouldGive() throws {
        let fonts = FontLibrary(folders: [])
        var size = 10.0213
        func chosen(reusing: Bool) throws -> [String] {
            bulletin_fontset_reuse(reusing ? 1 : 0)
            defer { bulletin_fontset_reuse(1) }
            var names: [String] = []
            // Each family and language at three new sizes: the second and third are the first
            // list again, but for its size.
            for family in Self.families {
                for (character, language) in Self.cases {
                    for _ in 0..<3 {
                        size += 0.0017
                        names.append(try Self.font(for: character, in: FontSpec(family: family, size: size), language: language, fonts: fonts))
                    }
                }
            }
            return names
        }
        // Every sort run, on the sorting thread, to count those given again.
        bulletin_fontset_keep_sorts(0)
        defer { bulletin_fontset_keep_sorts(1) }
        let (sortsBefore, matchesBefore) = (bulletin_fontset_sorts_reused(), bulletin_fontset_matches_reused())
        let reusing = try chosen(reusing: true)
        Self.waitForTheSorts()
        let lists = UInt(Self.families.count * Self.cases.count)
        XCTAssertGreaterThanOrEqual(bulletin_fontset_matches_reused() - matchesBefore, 2 * lists, "each list's second and third size matched as its first")
        XCTAssertGreaterThanOrEqual(bulletin_fontset_sorts_reused() - sortsBefore, 2 * lists, "and sorted as its first")
        let (sortsBetween, matchesBetween) = (bulletin_fontset_sorts_reused(), bulletin_fontset_matches_reused())
        let asked = try chosen(reusing: false)
        Self.waitForTheSorts()
        // Switched off, these lists are given nothing again (the counts are the process's: work
        // an earlier test left on another thread may add one or two, never a list's worth).
        XCTAssertLessThan(bulletin_fontset_sorts_reused() - sortsBetween, lists, "switched off, nothing is given again")
        XCTAssertLessThan(bulletin_fontset_matches_reused() - matchesBetween, lists)
        XCTAssertEqual(reusing, asked)
        // The sorted list was read: the Devanagari letter is in none of the named faces.
        XCTAssertEqual(reusing[2 * 3], "Noto Serif CJK SC")
        XCTAssertFalse(["Liberation Serif", "Noto Serif CJK SC"].contains(reusing[3 * 3 + 1]), reusing[3 * 3 + 1])
    }

    /// A pattern fontconfig has edited (FcConfigSubstitute) is given the same edits again for
    /// an equal pattern in the same configuration, from what was kept
    /// (`Sources/CFontsetMatching/substitution_reuse.c`): the same values, bound alike, as
    /// fontconfig gives when asked every time.
    func testAnEqualPatternIsGivenFontconfigsEditsAgain() throws {
        let fonts = FontLibrary(folders: [])
        // Families with aliases and language rules of Debian's configuration; sizes asked nowhere else.
        let questions = ["Liberation Serif,Noto Serif CJK SC-9.5117:lang=zh", "Liberation Sans-12.3317:weight=200:slant=100:lang=en",
                         "serif-11.0419:lang=de", "Times New Roman-10.2251:lang=fr", "monospace-8.1177:lang=ja", "sans-serif-7.7713:lang=hi"]
        for question in questions {
            func edited(reusing: Bool) throws -> OpaquePointer {
                bulletin_substitution_reuse(reusing ? 1 : 0)
                defer { bulletin_substitution_reuse(1) }
                let pattern = try XCTUnwrap(FcNameParse(question))
                // FcMatchPattern (0): the enumerator is not visible here beside CPango's copy of the header.
                XCTAssertEqual(FcConfigSubstitute(fonts.config, pattern, .init(0)), FcTrue)
                return pattern
            }
            let before = bulletin_substitutions_reused()
            let first = try edited(reusing: true)
            let again = try edited(reusing: true)
            XCTAssertGreaterThanOrEqual(bulletin_substitutions_reused() - before, 1, "\(question): the second asking is given the first's edits")
            let asked = try edited(reusing: false)
            defer { [first, again, asked].forEach { FcPatternDestroy($0) } }
            XCTAssertEqual(FcPatternEqual(again, asked), FcTrue, question)
            XCTAssertEqual(Self.values(of: again), Self.values(of: asked), question)
            XCTAssertEqual(Self.values(of: first), Self.values(of: asked), question)
            XCTAssertGreaterThan(Self.values(of: asked).count, 20, "fontconfig edited it: \(question)")
        }
    }

    /// A second font map of the same configuration (the helper thread's) is given the edits
    /// the first's lists were given, and Pango chooses the fonts it chooses when fontconfig is
    /// asked every time.
    func testASecondFontMapIsGivenTheEditsAndChoosesTheSameFonts() throws {
        let fonts = FontLibrary(folders: [])
        var size = 12.0331
        var sizes: [Double] = []
        var first: [String] = []
        for family in Self.families {
            for (character, language) in Self.cases {
                size += 0.0013
                sizes.append(size)
                first.append(try Self.font(for: character, in: FontSpec(family: family, size: size), language: language, fonts: fonts))
            }
        }
        func chosen(in fonts: FontLibrary) throws -> [String] {
            var names: [String] = [], index = 0
            for family in Self.families {
                for (character, language) in Self.cases {
                    names.append(try Self.font(for: character, in: FontSpec(family: family, size: sizes[index]), language: language, fonts: fonts))
                    index += 1
                }
            }
            return names
        }
        let before = bulletin_substitutions_reused()
        let second = try chosen(in: fonts.sibling())
        XCTAssertGreaterThanOrEqual(bulletin_substitutions_reused() - before, UInt(sizes.count), "each list's edits given again")
        bulletin_substitution_reuse(0)
        defer { bulletin_substitution_reuse(1) }
        let asked = try chosen(in: fonts.sibling())
        XCTAssertEqual(second, asked)
        XCTAssertEqual(first, asked)
        XCTAssertEqual(asked[2], "Noto Serif CJK SC")
    }

    /// Each value of `pattern` with its element and binding, in order.
    static func values(of pattern: OpaquePointer) -> [String] {
        var described: [String] = []
        var iter = FcPatternIter()
        FcPatternIterStart(pattern, &iter)
        guard FcPatternIterIsValid(pattern, &iter) != 0 else { return [] }
        repeat {
            let object = String(cString: FcPatternIterGetObject(pattern, &iter))
            for index in 0..<FcPatternIterValueCount(pattern, &iter) {
                var value = FcValue()
                var binding = FcValueBindingWeak
                // FcResultMatch (0), as above.
                guard FcPatternIterGetValue(pattern, &iter, index, &value, &binding).rawValue == 0 else { continue }
                let text: String
                switch value.type {
                case FcTypeString: text = String(cString: value.u.s)
                case FcTypeInteger, FcTypeBool: text = String(value.u.i)
                case FcTypeDouble: text = String(value.u.d)
                default: text = "type \(value.type.rawValue)"
                }
                described.append("\(object) \(text) \(binding.rawValue)")
            }
        } while FcPatternIterNext(pattern, &iter) != 0
        return described
    }

    /// A new font list's sort is not run while its first font has every character asked for (a
    /// Latin story's lists never need theirs); the first character only a later font has makes
    /// the thread that asks run it, and that character is set in the font Pango's own sort gives.
    func testAListsSortWaitsUntilACharacterNeedsALaterFont() throws {
        let fonts = FontLibrary(folders: [])
        let (keptBefore, runBefore) = (bulletin_fontset_sorts_kept(), bulletin_fontset_sorts_run_when_needed())
        let list = FontSpec(family: "Liberation Serif", size: 11.0371)
        for letter: Character in ["a", "ß", "é", "ł"] {
            XCTAssertEqual(try Self.font(for: letter, in: list, language: "en", fonts: fonts), "Liberation Serif")
        }
        XCTAssertEqual(bulletin_fontset_sorts_kept() - keptBefore, 1, "the list's sort is kept")
        XCTAssertEqual(bulletin_fontset_sorts_run_when_needed() - runBefore, 0, "and not run")
        let devanagari = try Self.font(for: "क", in: list, language: "en", fonts: fonts)
        XCTAssertEqual(bulletin_fontset_sorts_kept() - keptBefore, 0, "a Devanagari letter needs it")
        XCTAssertEqual(bulletin_fontset_sorts_run_when_needed() - runBefore, 1)
        // The font Pango's threads choose for it.
        bulletin_fontset_matching_taken_over(0)
        defer { bulletin_fontset_matching_taken_over(1) }
        XCTAssertEqual(devanagari, try Self.font(for: "क", in: FontSpec(family: "Liberation Serif", size: 11.0373), language: "en", fonts: fonts))
        XCTAssertNotEqual(devanagari, "Liberation Serif")
    }

    /// Waits (ten seconds at most) for the sorting thread to finish the sorts queued so far:
    /// Pango waits for a list's sort only when a character needs a later font.
    static func waitForTheSorts() {
        let queued = bulletin_fontset_sorts_queued()
        for _ in 0..<1000 where bulletin_fontset_sorts_done() < queued { usleep(10_000) }
    }

    /// The family of the font Pango sets `character` in, in `font` and `language`.
    static func font(for character: Character, in font: FontSpec, language: String, fonts: FontLibrary) throws -> String {
        let map = try XCTUnwrap(pango_context_get_font_map(fonts.context))
        let fontset = try XCTUnwrap(pango_font_map_load_fontset(map, fonts.context, fonts.description(font), pango_language_from_string(language)))
        defer { g_object_unref(UnsafeMutableRawPointer(fontset)) }
        let scalar = try XCTUnwrap(character.unicodeScalars.first)
        let chosen = try XCTUnwrap(pango_fontset_get_font(fontset, scalar.value))
        defer { g_object_unref(UnsafeMutableRawPointer(chosen)) }
        let description = try XCTUnwrap(pango_font_describe(chosen))
        defer { pango_font_description_free(description) }
        return String(cString: pango_font_description_get_family(description))
    }
}
