import XCTest
import BulletinModel
@testable import BulletinLayout

final class TypesetterTests: XCTestCase {
    let font = FontSpec(family: "Test", size: 10)

    func run(_ text: String) -> [StyledRun] { [StyledRun(text: text, font: font, colour: "text", language: "en")] }

    /// Rules for these small paragraphs, whose last lines may fill the measure unless a test asks otherwise.
    func rules(hyphenate: Bool = false, lastLineSpace: Double = 0) -> ParagraphRules {
        var breaking = BreakingSpec()
        breaking.lastLineSpace = lastLineSpace
        return ParagraphRules(justified: true, breaking: breaking, hyphenation: HyphenationSpec(enabled: hyphenate))
    }

    /// A fragment's rarer parts (link, text for readers' tools, list place) are held in a box
    /// its copies share: each reads back as set, a copy changed leaves the original as it was,
    /// and fragments compare by what they hold, not by box.
    func testAFragmentsRarerPartsBehaveAsValues() {
        let font = FontSpec(family: "Serif", size: 9)
        var original = Fragment(x: 0, width: 10, text: "word", font: font, colour: "text", link: "https://example.org",
                                language: "en", actualText: "wo")
        XCTAssertEqual(original.link, "https://example.org")
        XCTAssertEqual(original.actualText, "wo")
        XCTAssertNil(original.list)
        var copy = original
        copy.list = ListPlace(items: [ListPlace.Item(list: 1, item: 2)], isLabel: true)
        copy.link = nil
        XCTAssertEqual(original.link, "https://example.org")
        XCTAssertNil(original.list)
        XCTAssertEqual(copy.list?.items.first?.item, 2)
        XCTAssertNil(copy.link)
        XCTAssertNotEqual(copy, original)
        // Set alike in two ways, they are equal; with every part cleared, equal to one that never had any.
        var again = Fragment(x: 0, width: 10, text: "word", font: font, colour: "text", language: "en", actualText: "wo")
        again.link = "https://example.org"
        XCTAssertEqual(again, original)
        original.link = nil
        original.actualText = nil
        XCTAssertEqual(original, Fragment(x: 0, width: 10, text: "word", font: font, colour: "text", language: "en"))
    }

    /// Letter-spaced words are spaced as their letters are: a word space in tracked text takes
    /// the tracking on both its sides, as a line set whole with the letter spacing would have it
    /// (set with a plain space, "IN EIGENER SACHE" read almost as one word).
    func testALetterSpacedRunsWordSpaceTakesTheTrackingOnBothSides() throws {
        let typesetter = Typesetter(shaper: FakeShaper())
        let tracked = FontSpec(family: "Test", size: 10, tracking: 1.5)
        let line = try XCTUnwrap(typesetter.lines([StyledRun(text: "IN EIGENER SACHE", font: tracked, colour: "text", language: "de")],
                                                  width: 400, align: .left, rules: rules()).first)
        XCTAssertEqual(line.fragments.count, 3)
        let plainSpace = FakeShaper().width(of: " ", font: FontSpec(family: "Test", size: 10), language: "de")
        for (a, b) in zip(line.fragments, line.fragments.dropFirst()) {
            XCTAssertEqual(b.x - (a.x + a.width), plainSpace + 2 * 1.5, accuracy: 1e-9)
        }
        XCTAssertEqual(ParagraphBuilder.spaceWidth(font: FontSpec(family: "Test", size: 10), language: "de", shaper: FakeShaper()), plainSpace)
    }

    /// What the fragments of a run share (font but for its letter spacing, colour, language)
    /// is held once for the whole paragraph, on every line, though each line spaces its
    /// letters differently; and it still behaves as each fragment's own value.
    func testARunsFragmentsShareTheirStyle() {
        let typesetter = Typesetter(shaper: FakeShaper())
        var runs = run(Fixtures.words(40) + " ")
        runs.append(StyledRun(text: Fixtures.words(40), font: FontSpec(family: "Test", size: 10, italic: true), colour: "accent", language: "de"))
        let lines = typesetter.lines(runs, width: 150, align: .justify, rules: rules())
        let fragments = lines.flatMap(\.fragments)
        XCTAssertGreaterThan(lines.count, 5)
        XCTAssertGreaterThan(Set(fragments.map(\.font.tracking)).count, 2, "lines space their letters differently")
        let upright = fragments.filter { !$0.font.italic }, italic = fragments.filter(\.font.italic)
        XCTAssertGreaterThan(upright.count, 10)
        XCTAssertGreaterThan(italic.count, 10)
        XCTAssertEqual(Set(upright.map(\.styleIdentity)).count, 1)
        XCTAssertEqual(Set(italic.map(\.styleIdentity)).count, 1)
        XCTAssertEqual(Set(italic.map(\.colour)), ["accent"])
        XCTAssertEqual(Set(italic.map(\.language)), ["de"])
        // A copy given another font, colour or language leaves the original and its run as
        // they were; given its own font back, it equals the original again.
        let original = italic[0]
        var copy = original
        copy.font.bold = true
        copy.colour = "text"
        copy.language = "fr"
        XCTAssertTrue(copy.font.bold)
        XCTAssertEqual(copy.font.tracking, original.font.tracking)
        XCTAssertEqual([copy.colour, copy.language], ["text", "fr"])
        XCTAssertFalse(italic[1].font.bold)
        XCTAssertEqual([original.colour, original.language], ["accent", "de"])
        XCTAssertNotEqual(copy, original)
        copy.font = original.font
        copy.colour = "accent"
        copy.language = "de"
        XCTAssertEqual(copy, original)
        // Letter spacing is the fragment's own: a new value keeps the shared box.
        var spaced = original
        spaced.font.tracking += 0.25
        XCTAssertEqual(spaced.styleIdentity, original.styleIdentity)
        XCTAssertEqual(spaced.font.tracking, original.font.tracking + 0.25)
        XCTAssertLessThanOrEqual(MemoryLayout<Fragment>.stride, 80, "a fragment is held twice for every word while an issue is composed")
    }

    /// A word's beginnings up to its hyphenation points are measured as beginnings, which a
    /// shaper need not keep for drawing; the whole word and what comes after an explicit
    /// hyphen (which a line may end with as it is) are measured as words.
    func testAWordsBeginningsAreMeasuredAsBeginnings() {
        final class Recorder: TextShaper {
            var words: [String] = [], beginnings: [String] = []
            func width(of text: String, font: FontSpec, language: String) -> Double {
                words.append(text)
                return FakeShaper().width(of: text, font: font, language: language)
            }
            func prefixWidth(of text: String, font: FontSpec, language: String) -> Double {
                beginnings.append(text)
                return FakeShaper().width(of: text, font: font, language: language)
            }
            func metrics(of font: FontSpec, language: String) -> FontMetrics { FakeShaper().metrics(of: font, language: language) }
            func breakOpportunities(in text: String, language: String) -> [Int] { FakeShaper().breakOpportunities(in: text, language: language) }
        }
        let shaper = Recorder()
        let typesetter = Typesetter(shaper: shaper, hyphenator: TableHyphenator(table: ["international": [5, 7]]))
        _ = typesetter.lines(run("an international well-known"), width: 300, align: .justify, rules: rules(hyphenate: true))
        XCTAssertEqual(shaper.beginnings, ["inter", "interna"])
        XCTAssertTrue(shaper.words.contains("international"))
        XCTAssertTrue(shaper.words.contains("well-"))
        XCTAssertTrue(shaper.words.contains("well-known"))
        // A space and a hyphen are measured once a paragraph in each run's font, not at every
        // word and every hyphenation point.
        shaper.words = []
        var runs = run(Array(repeating: "an international exchange", count: 10).joined(separator: " ") + " ")
        runs.append(StyledRun(text: "and international", font: FontSpec(family: "Test", size: 10, italic: true), colour: "text", language: "en"))
        _ = typesetter.lines(runs, width: 300, align: .justify, rules: rules(hyphenate: true))
        XCTAssertEqual(shaper.words.filter { $0 == " " }.count, 2)
        XCTAssertEqual(shaper.words.filter { $0 == "-" }.count, 2)
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
        // The drawn hyphen reads as a soft hyphen, which text extraction joins across the line
        // end; the rest of the word keeps its own text, where it is drawn.
        XCTAssertEqual(lines[0].fragments.last?.actualText, "inter\u{00AD}")
        XCTAssertEqual(lines[1].fragments.first?.text, "national")
        XCTAssertNil(lines[1].fragments.first?.actualText)
        XCTAssertEqual(lines.map(\.text).joined(separator: "|"), "aaaa inter-|national bb")
        // The hyphen stretches with its line's letters: the line ends exactly on the measure.
        XCTAssertEqual(lines[0].fragments.last.map { $0.x + $0.width } ?? 0, 55, accuracy: 1e-9)
    }

    /// The last word of a paragraph hyphenates only when nothing else sets the paragraph
    /// within tolerance: "aaaa bbbb ccc" alone would stretch 35 pt over two spaces.
    func testTheLastWordHyphenatesOnlyToAvoidALineOfGaps() {
        let typesetter = Typesetter(shaper: FakeShaper(), hyphenator: TableHyphenator(table: ["international": [5, 7]]))
        let tight = typesetter.lines(run("aaaa bbbb ccc international"), width: 100, align: .justify, rules: rules(hyphenate: true))
        XCTAssertEqual(tight.map(\.text).joined(separator: "|"), "aaaa bbbb ccc inter-|national")
        // Set within tolerance without it: the last word stays whole.
        let easy = typesetter.lines(run("aaaa bbbb cccc dddd international"), width: 100, align: .justify, rules: rules(hyphenate: true))
        XCTAssertEqual(easy.map(\.text).joined(separator: "|"), "aaaa bbbb cccc dddd|international")
    }

    /// Wherever a paragraph's last word is hyphenated, keeping it whole would have left a line
    /// of gaps: the same paragraph with that word unhyphenatable has a line that ends short.
    /// And at some measures the word stays whole where it would have been the cheaper break.
    func testTheLastWordHyphenatesOnlyWhereWholeItLeavesGaps() {
        let hyphenating = Typesetter(shaper: FakeShaper(), hyphenator: TableHyphenator(table: ["logement": [2, 5], "international": [5, 7]]))
        let whole = Typesetter(shaper: FakeShaper())
        var hyphenated = 0, kept = 0
        for text in ["un sinistre dans le logement.", "aides et bourses pour le logement.", "aaaa bbbb ccc international", "we met the new international"] {
            for width in stride(from: 60.0, through: 160, by: 1) {
                let lines = hyphenating.lines(run(text), width: width, align: .justify, rules: rules(hyphenate: true))
                guard !lines.contains(where: \.brokenInsideWord) else { continue }
                let alone = whole.lines(run(text), width: width, align: .justify, rules: rules(hyphenate: true))
                // A word too wide for the measure hyphenates wherever it stands.
                guard !alone.contains(where: \.brokenInsideWord) else { continue }
                if lines.count > 1, lines[lines.count - 2].hyphenated, lines[lines.count - 2].fragments.count == 1 || !lines.last!.text.contains(" ") {
                    hyphenated += 1
                    XCTAssertTrue(alone.contains(where: \.endsShort), "\(text) at \(width): \(lines.map(\.text)) against \(alone.map(\.text))")
                } else {
                    kept += 1
                }
            }
        }
        XCTAssertGreaterThan(hyphenated, 0)
        XCTAssertGreaterThan(kept, 0)
    }

    /// The letter tests that decide which words may be hyphenated answer ASCII without
    /// Unicode's tables, and as the tables do, for every ASCII character and beyond it.
    func testLetterTestsAgreeWithUnicode() {
        for value in UInt32(0)..<0x250 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            XCTAssertEqual(ParagraphBuilder.isAlphabetic(scalar), scalar.properties.isAlphabetic, "U+\(String(value, radix: 16))")
            XCTAssertEqual(ParagraphBuilder.isUppercase(scalar), scalar.properties.isUppercase, "U+\(String(value, radix: 16))")
        }
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

    func testProtrusionHangsPunctuationIntoTheMargin() {
        let typesetter = Typesetter(shaper: FakeShaper())
        var hanging = rules()
        hanging.breaking.protrusion = true
        let text = "aaaa bbbb, cccc dddd eeee ffff gggg hhhh iiii."
        let plain = typesetter.lines(run(text), width: 52, align: .justify, rules: rules())
        let hung = typesetter.lines(run(text), width: 52, align: .justify, rules: hanging)
        XCTAssertEqual(plain.map(\.text), hung.map(\.text))
        XCTAssertEqual(hung[0].text, "aaaa bbbb,")
        // The comma (5 pt wide in the fake font) hangs 70 % of its width past the measure.
        XCTAssertEqual(hung[0].fragments.last.map { $0.x + $0.width } ?? 0, 52 + 3.5, accuracy: 0.001)
        XCTAssertEqual(plain[0].fragments.last.map { $0.x + $0.width } ?? 0, 52, accuracy: 0.001)
        XCTAssertEqual(hung[0].fragments.first?.x, 0)
    }

    func testMicrotypeSpreadsTheAdjustmentOverLettersAndSpaces() {
        let typesetter = Typesetter(shaper: FakeShaper())
        var microtype = rules()
        microtype.breaking.expansion = 0.02
        microtype.breaking.letterSpacing = 0.015
        let lines = typesetter.lines(run("aaaa bbbb cccc dddd eeee ffff"), width: 72, align: .justify, rules: microtype)
        XCTAssertEqual(lines[0].text, "aaaa bbbb cccc")
        let first = lines[0].fragments[0]
        // Stretched: glyphs widen (scale above 1) and letters move apart (positive tracking)...
        XCTAssertGreaterThan(first.scale, 1)
        XCTAssertLessThanOrEqual(first.scale, 1.02 + 1e-9)
        XCTAssertGreaterThan(first.font.tracking, 0)
        // ...and the set width is exactly what scale and tracking draw: scale × (width + 3 gaps × tracking).
        XCTAssertEqual(first.width, first.scale * (20 + 3 * first.font.tracking), accuracy: 1e-9)
        XCTAssertEqual(lines[0].fragments.last.map { $0.x + $0.width } ?? 0, 72, accuracy: 1e-9)
    }

    func testFirstFitLeavesLooserLinesThanTotalFit() {
        let typesetter = Typesetter(shaper: FakeShaper())
        var greedy = rules()
        greedy.breaking.method = .firstFit
        let text = Fixtures.words(300, seed: 7)
        let worst = { (lines: [TypesetLine]) in lines.dropLast().map(\.ratio).max() ?? 0 }
        let firstFit = typesetter.lines(run(text), width: 150, align: .justify, rules: greedy)
        let totalFit = typesetter.lines(run(text), width: 150, align: .justify, rules: rules())
        XCTAssertLessThan(worst(totalFit), worst(firstFit))
    }

    func testAWordAloneOnALineIsNotStretchedPastTheLimit() {
        let typesetter = Typesetter(shaper: FakeShaper(), hyphenator: TableHyphenator(table: ["abcdefghijklmnopqrstuvwxyz": [13]]))
        // 26 letters = 130 pt; the measure of 100 pt forces the word apart at its only point.
        let lines = typesetter.lines(run("abcdefghijklmnopqrstuvwxyz end"), width: 100, align: .justify, rules: rules(hyphenate: true))
        XCTAssertEqual(lines.first?.text, "abcdefghijklm-")
        let first = lines[0].fragments[0]
        XCTAssertLessThanOrEqual(first.scale, 1.02 + 1e-9)
        XCTAssertLessThanOrEqual(first.font.tracking, 0.015 * 10 + 1e-9)
        XCTAssertLessThan(first.x + first.width, 100)
    }

    func testNoIdeographStandsAloneOnAParagraphsLastLine() {
        let typesetter = Typesetter(shaper: FakeShaper())
        // Ten ideographs (5 pt each) to a 50 pt line: 21 would leave the 21st alone.
        let text = String(repeating: "中文排版的规则很多，", count: 2) + "字。"
        let lines = typesetter.lines(run(text), width: 50, align: .justify, rules: rules())
        let last = lines.last.map { $0.fragments.map(\.text).joined() } ?? ""
        XCTAssertGreaterThanOrEqual(last.unicodeScalars.filter { !$0.properties.generalCategory.isPunctuation }.count, 2, lines.map(\.text).joined(separator: "|"))
        XCTAssertEqual(lines.map { $0.fragments.map(\.text).joined() }.joined(), text)
    }

    func testALineThatCannotBeSetBetterSpacesItsLettersBeforeItsWords() {
        let typesetter = Typesetter(shaper: FakeShaper())
        // "aaaa bbbb" must stand alone on a 100 pt line: the next word is wider than the rest.
        let text = "aaaa bbbb " + String(repeating: "c", count: 19) + "."
        func first(emergency: Double) -> TypesetLine {
            var rules = rules()
            rules.breaking.emergencyLetterSpacing = emergency
            rules.breaking.maxWordSpace = 100
            return typesetter.lines(run(text), width: 100, align: .justify, rules: rules)[0]
        }
        let plain = first(emergency: 0), spaced = first(emergency: 0.03)
        XCTAssertEqual(plain.text, "aaaa bbbb")
        XCTAssertEqual(spaced.text, "aaaa bbbb")
        func gap(_ line: TypesetLine) -> Double { line.fragments[1].x - (line.fragments[0].x + line.fragments[0].width) }
        // Letters take up to 0.03 em more (0.3 pt at 10 pt, 3 gaps a word): the word space is
        // that much narrower, and the line still ends on the measure.
        XCTAssertEqual(spaced.fragments[0].font.tracking - plain.fragments[0].font.tracking, 0.3, accuracy: 0.02)
        XCTAssertEqual(gap(plain) - gap(spaced), 2 * 3 * 0.3, accuracy: 0.1)
        for line in [plain, spaced] {
            XCTAssertEqual(line.fragments.last.map { $0.x + $0.width } ?? 0, 100, accuracy: 1e-6)
        }
    }

    func testALineThatWouldBeAllGapsStopsShortOfTheMeasure() {
        let typesetter = Typesetter(shaper: FakeShaper())
        // "aaaa bbbb" must stand alone on a 100 pt line: justified, its one space would be
        // some 50 pt wide, ten times its normal width.
        let text = "aaaa bbbb " + String(repeating: "c", count: 19) + "."
        func first(maxWordSpace: Double) -> TypesetLine {
            var rules = rules()
            rules.breaking.emergencyLetterSpacing = 0
            rules.breaking.maxWordSpace = maxWordSpace
            return typesetter.lines(run(text), width: 100, align: .justify, rules: rules)[0]
        }
        func gap(_ line: TypesetLine) -> Double { line.fragments[1].x - (line.fragments[0].x + line.fragments[0].width) }
        func end(_ line: TypesetLine) -> Double { line.fragments.last.map { $0.x + $0.width } ?? 0 }
        let justified = first(maxWordSpace: 100), capped = first(maxWordSpace: 2)
        XCTAssertEqual(capped.text, "aaaa bbbb")
        XCTAssertEqual(end(justified), 100, accuracy: 1e-6)
        let space = FakeShaper().width(of: " ", font: font, language: "en")
        // Capped: the space twice its width (glyph expansion takes its own small share), and
        // the line ends that much short.
        XCTAssertEqual(gap(capped) / space, 2, accuracy: 0.05)
        XCTAssertLessThan(end(capped), 100 - 30)
        XCTAssertEqual(capped.fragments[0].width, justified.fragments[0].width, accuracy: 1e-6)
    }

    func testAParagraphsLastLineEndsAnEmShortOfTheMeasureWhereThatCostsNothing() {
        let typesetter = Typesetter(shaper: FakeShaper())
        var full = [0.0: 0, 1.0: 0], paragraphs = 0
        for seed in 1...300 {
            let text = Fixtures.words(12 + seed % 60, seed: seed) + "."
            var set: [Double: [TypesetLine]] = [:]
            for space in [0.0, 1.0] {
                let lines = typesetter.lines(run(text), width: 150, align: .justify, rules: rules(lastLineSpace: space))
                set[space] = lines
                if lines.count >= 2, let end = lines.last?.fragments.last.map({ $0.x + $0.width }), end > 150 - font.size + 1e-6 {
                    full[space, default: 0] += 1
                }
            }
            guard let plain = set[0], let spaced = set[1], plain.count >= 2 else { continue }
            paragraphs += 1
            // Never a line more, never a looser line than the loosest of the plain setting.
            XCTAssertEqual(spaced.count, plain.count, text)
            XCTAssertLessThanOrEqual(spaced.dropLast().map(\.ratio).max() ?? 0, max(plain.dropLast().map(\.ratio).max() ?? 0, 1) + 1e-9, text)
        }
        XCTAssertGreaterThan(paragraphs, 250)
        // Left to chance, one paragraph in six of these ends within an em of the measure; set
        // again, many end shorter at no cost (these narrow lines without hyphens leave few ways).
        XCTAssertGreaterThan(full[0] ?? 0, 30)
        XCTAssertLessThan(full[1] ?? 0, (full[0] ?? 0) * 3 / 4, "\(full)")
    }

    func testALineEndingAfterAWordsOwnHyphenCountsAsHyphenated() {
        // "Reise- und": a break after the hyphen is a flagged penalty (the breaker counts it
        // among consecutive hyphenated lines), and the line keeps its space for extraction.
        var builder = ParagraphBuilder(shaper: FakeShaper(), hyphenator: NoHyphenation(), rules: rules())
        let paragraph = builder.build(run("Die Reise- und Aufenthaltskosten"))
        let flagged = paragraph.items.indices.filter { paragraph.items[$0].kind == .penalty && paragraph.items[$0].flagged && !paragraph.items[$0].forcesBreak }
        XCTAssertEqual(flagged.count, 1)
        if let i = flagged.first {
            XCTAssertEqual(paragraph.contents[i - 1], .text(run: 0, "Reise-"))
            XCTAssertEqual(paragraph.items[i + 1].kind, .glue)
        }
        let typesetter = Typesetter(shaper: FakeShaper())
        // 5 pt a letter: "Die Reise-" is 50 pt, "und" does not fit beside it.
        let lines = typesetter.lines(run("Die Reise- und Aufenthaltskosten"), width: 60, align: .left, rules: rules())
        XCTAssertEqual(lines.first?.text, "Die Reise-")
        XCTAssertEqual(lines.first?.fragments.last?.spaceAfter, true)
        XCTAssertEqual(lines.first?.hyphenated, false, "no hyphen is added")
    }

    func testALineOfIdeographsFillsItsMeasureHoweverFarItsGlueStretches() {
        // Nine characters (45 pt) before a Latin word that does not fit beside them: the glue
        // between the ideographs takes 25 pt, far past a word space's widest, and the line
        // still ends on the measure (no word space stops it short).
        let typesetter = Typesetter(shaper: FakeShaper())
        let lines = typesetter.lines([StyledRun(text: "中中中中中中中中。ABCDEFGHIJ", font: font, colour: "text", language: "zh")],
                                     width: 70, align: .justify, rules: rules())
        XCTAssertEqual(lines.count, 2, lines.map(\.text).joined(separator: "|"))
        XCTAssertEqual(lines[0].fragments.last.map { $0.x + $0.width } ?? 0, 70, accuracy: 1e-6)
    }

    func testGlyphExpansionComesInSteps() {
        let typesetter = Typesetter(shaper: FakeShaper())
        func scales(step: Double) -> Set<Double> {
            var microtype = rules()
            microtype.breaking.expansion = 0.02
            microtype.breaking.letterSpacing = 0.015
            microtype.breaking.expansionStep = step
            var result: Set<Double> = []
            for seed in 1...60 {
                let lines = typesetter.lines(run(Fixtures.words(40, seed: seed) + "."), width: 150, align: .justify, rules: microtype)
                for line in lines.dropLast() {
                    result.formUnion(line.fragments.map(\.scale))
                    // The words stay where the breaker put them: a line within its stretch ends on the measure.
                    if line.ratio <= 1 { XCTAssertEqual(line.fragments.last.map { $0.x + $0.width } ?? 0, 150, accuracy: 1e-6) }
                }
            }
            return result
        }
        let stepped = scales(step: 0.005)
        // Nine scales at most within ±2 %, each a whole number of steps.
        XCTAssertLessThanOrEqual(stepped.count, 9, "\(stepped.sorted())")
        XCTAssertTrue(stepped.allSatisfy { abs(($0 - 1) / 0.005 - (($0 - 1) / 0.005).rounded()) < 1e-6 }, "\(stepped.sorted())")
        // Without steps, most lines within their stretch have a scale of their own.
        XCTAssertGreaterThan(scales(step: 0).count, 15)
    }
}

