import BulletinModel
import ParagraphBreaker

/// What an item of a paragraph draws, parallel to the breaker's items.
enum ItemContent: Equatable {
    /// Text of run `run`.
    case text(run: Int, String)
    /// A word space after text of run `run`.
    case space(run: Int)
    /// A place to hyphenate; draws a hyphen in run `run` when the line ends here.
    case hyphen(run: Int)
    /// Indent, fill and forced breaks: nothing to draw.
    case blank
    /// A break between two letters of a word too wide for the measure: nothing to draw, and the
    /// word reads whole when text is extracted.
    case inside
}

/// Knuth–Plass items for one paragraph, with what each item draws.
struct ParagraphItems {
    var items: [BreakItem] = []
    var contents: [ItemContent] = []
    /// The hyphenation breaks inside the paragraph's last word (`ParagraphBuilder.lastWordHyphenPenalty`),
    /// which the typesetter forbids in its first setting.
    var lastWordBreaks: [Int] = []
    /// Whether the paragraph has right-to-left letters, and whether it runs from the right
    /// (`LineDirection`): found once, for every setting of it.
    var bidirectional = false
    var fromRight = false

    mutating func append(_ item: BreakItem, _ content: ItemContent) {
        items.append(item)
        contents.append(content)
    }
}

/// How the words of a paragraph may stretch, shrink and hyphenate.
public struct ParagraphRules: Sendable, Equatable {
    public var justified: Bool
    public var breaking: BreakingSpec
    public var hyphenation: HyphenationSpec
    public var firstLineIndent: Double
    /// The width of the lines. A word (or the part of one between its hyphenation points) wider
    /// than this may break between any two letters, without a hyphen, rather than stick out.
    public var measure: Double
    /// Lines more (or fewer, if negative) than the best setting, where the paragraph allows it.
    public var looseness = 0

    public init(justified: Bool, breaking: BreakingSpec, hyphenation: HyphenationSpec, firstLineIndent: Double = 0,
                measure: Double = .infinity) {
        self.justified = justified
        self.breaking = breaking
        self.hyphenation = hyphenation
        self.firstLineIndent = firstLineIndent
        self.measure = measure
    }
}

/// Cuts styled runs into words and builds the paragraph's boxes, glue and penalties.
struct ParagraphBuilder {
    let shaper: TextShaper
    let hyphenator: Hyphenating
    let rules: ParagraphRules
    /// The penalty on a break inside the paragraph's last word. It does not hyphenate, as a
    /// rule (a hyphenated last word leaves a stub of a last line): at this cost a break there
    /// is chosen only when no setting within tolerance does without it ("drei Schwer-/punkte:"
    /// rather than a line of gaps above "Schwerpunkte:").
    static let lastWordHyphenPenalty = 5000.0
    /// The penalty on a break after the en dash of a number range ("10:00–/12:30"): as dear as
    /// a line far beyond tolerance, so it is taken only where no other break sets the lines.
    static let rangePenalty = 1000.0
    /// The penalty on a line's end at a held space (`WordTies.Tie.discouraged`): as dear as a
    /// break after a range's dash.
    static let discouragedBreakPenalty = 1000.0
    /// Words that had to be broken between letters because they are wider than the measure.
    private(set) var overlong: [String] = []
    /// The widest piece of a word (what lies between two spaces or break opportunities): the
    /// measure changes the paragraph's items only where a piece is wider than it.
    private(set) var widestPiece = 0.0
    /// The width of a space and of a hyphen in each run's font, measured once a paragraph
    /// rather than at every word and every hyphenation point.
    private var spaceWidths: [Double?] = [], hyphenWidths: [Double?] = []

    init(shaper: TextShaper, hyphenator: Hyphenating, rules: ParagraphRules) {
        self.shaper = shaper
        self.hyphenator = hyphenator
        self.rules = rules
    }

    /// A word: the pieces of text between two spaces, each from one run.
    private struct Piece {
        var run: Int
        var text: String
    }

    mutating func build(_ runs: [StyledRun]) -> ParagraphItems {
        spaceWidths = Array(repeating: nil, count: runs.count)
        hyphenWidths = spaceWidths
        var result = ParagraphItems()
        result.bidirectional = LineDirection.needed(runs)
        result.fromRight = result.bidirectional && LineDirection.runsFromRight(runs)
        if rules.firstLineIndent > 0 { result.append(.box(rules.firstLineIndent), .blank) }
        var words: [[Piece]] = [[]]
        var breaksAfter: [Bool] = []   // a forced line break after word i
        for (index, run) in runs.enumerated() {
            let scalars = run.text.unicodeScalars
            var pieceStart = scalars.startIndex
            func flush(upTo end: String.UnicodeScalarView.Index) {
                if pieceStart < end { words[words.count - 1].append(Piece(run: index, text: String(scalars[pieceStart..<end]))) }
            }
            var position = scalars.startIndex
            while position < scalars.endIndex {
                let scalar = scalars[position]
                defer { position = scalars.index(after: position) }
                switch scalar {
                case " ", "\t", "\n", "\r", "\u{2028}":
                    flush(upTo: position)
                    pieceStart = scalars.index(after: position)
                    if !words[words.count - 1].isEmpty || scalar == "\u{2028}" {
                        if words[words.count - 1].isEmpty, !breaksAfter.isEmpty {
                            breaksAfter[breaksAfter.count - 1] = true
                            continue
                        }
                        words.append([])
                        breaksAfter.append(scalar == "\u{2028}")
                    }
                default:
                    break
                }
            }
            flush(upTo: scalars.endIndex)
        }
        if words.last?.isEmpty == true {
            words.removeLast()
            if !breaksAfter.isEmpty { breaksAfter.removeLast() }
        }
        // Spaces a line may not end at ("61 %", "9 April", "loyer ;"), and so the words tied to
        // the last one, which count as the paragraph's last word.
        var ties: [WordTies.Tie?] = []
        let texts = words.map { $0.count == 1 ? $0[0].text : $0.map(\.text).joined() }
        for w in words.indices.dropLast() {
            guard !breaksAfter[w], let next = words[w + 1].first else { ties.append(nil); continue }
            ties.append(WordTies.tie(texts[w], texts[w + 1], language: runs[next.run].language))
        }
        // Numbers written in groups (a telephone number, an IBAN's end): asked of the words in a
        // row, as a tie between two words cannot tell a telephone number's groups from two numbers.
        for w in WordTies.groupTies(texts) where w < ties.count && !breaksAfter[w] && ties[w] == nil {
            ties[w] = .space
        }
        // Dates written "14 de abril": the day goes with "de", and "de" with the month but for a line of gaps.
        for (w, tie) in WordTies.dayOfMonthTies(texts, language: { w in words[w].first.map { runs[$0.run].language } ?? "" })
        where w < ties.count && !breaksAfter[w] && ties[w] == nil {
            ties[w] = tie
        }
        var lastWords = words.count - 1
        while lastWords > 0, let tie = ties[lastWords - 1], tie != .discouraged { lastWords -= 1 }
        for (w, word) in words.enumerated() {
            let isLast = w == words.count - 1
            for (p, piece) in word.enumerated() {
                appendPiece(piece, font: runs[piece.run].font, language: runs[piece.run].language,
                            lastWord: w >= lastWords, endsParagraph: isLast && p == word.count - 1, to: &result)
            }
            guard !isLast, let lastPiece = word.last else { continue }
            if breaksAfter[w] {
                result.append(.glue(0, stretch: Self.fill, shrink: 0), .blank)
                result.append(.penalty(0, cost: -10_000), .blank)
            } else if ties[w] == .discouraged {
                // A break before the space, at a cost; the space itself is no break (a glue after
                // a penalty is no break of its own).
                result.append(.penalty(0, cost: Self.discouragedBreakPenalty), .space(run: lastPiece.run))
                appendSpace(after: lastPiece.run, runs: runs, to: &result)
            } else if let tie = ties[w] {
                // A space that does not break: a glue after a penalty is no break of its own.
                let run = runs[lastPiece.run]
                result.append(.penalty(0, cost: BreakItem.forbiddenBreak), .blank)
                if tie == .thin {
                    result.append(.glue(shaper.width(of: "\u{202F}", font: run.font, language: run.language), stretch: 0, shrink: 0),
                                  .space(run: lastPiece.run))
                } else {
                    appendSpace(after: lastPiece.run, runs: runs, to: &result)
                }
            } else {
                // A word that ends in a hyphen ("Reise- und Aufenthaltskosten"): a line ending
                // there ends in a hyphen, so the break counts as hyphenated (against ladders of
                // hyphens), as TeX counts explicit hyphens. The break moves to a flagged penalty
                // before the space (a space after a penalty is no break of its own).
                if lastPiece.text.unicodeScalars.last?.isHyphen == true {
                    result.append(.penalty(0, cost: 0, flagged: true), .space(run: lastPiece.run))
                }
                appendSpace(after: lastPiece.run, runs: runs, to: &result)
            }
        }
        // The finishing glue: `Typesetter.lines` may widen it (`BreakingSpec.lastLineSpace`).
        result.append(.glue(0, stretch: Self.fill, shrink: 0), .blank)
        result.append(.penalty(0, cost: -10_000), .blank)
        return result
    }

    /// A word space in the font of run `run`.
    private mutating func appendSpace(after run: Int, runs: [StyledRun], to result: inout ParagraphItems) {
        let space = spaceWidths[run] ?? Self.spaceWidth(font: runs[run].font, language: runs[run].language, shaper: shaper)
        spaceWidths[run] = space
        if rules.justified {
            result.append(.glue(space, stretch: space * rules.breaking.spaceStretch, shrink: space * rules.breaking.spaceShrink),
                          .space(run: run))
        } else {
            // Ragged text: spaces keep their width; the stretch only scores how even the rag is.
            result.append(.glue(space, stretch: space * 3, shrink: 0), .space(run: run))
        }
    }

    /// A word space in `font`. Letter-spaced text (a kicker's tracked capitals) spaces its words
    /// as its letters: the space takes the tracking on both its sides, as a line set whole with
    /// the letter spacing would ("IN EIGENER SACHE" was set with plain spaces, and read almost
    /// as one word).
    static func spaceWidth(font: FontSpec, language: String, shaper: TextShaper) -> Double {
        guard font.tracking != 0 else { return shaper.width(of: " ", font: font, language: language) }
        var plain = font
        plain.tracking = 0
        return shaper.width(of: " ", font: plain, language: language) + 2 * font.tracking
    }

    /// Stretch of the finishing glue: infinite for practical purposes.
    static let fill = 100_000.0

    /// Boxes for one piece of a word, split where it may break or hyphenate.
    private mutating func appendPiece(_ piece: Piece, font: FontSpec, language: String, lastWord: Bool, endsParagraph: Bool,
                                      to result: inout ParagraphItems) {
        let scalars = Array(piece.text.unicodeScalars)
        // Parts of the piece by scalar offsets, sliced from its UTF-8 rather than rebuilt.
        let view = piece.text.unicodeScalars
        let indices = Array(view.indices) + [view.endIndex]
        func text(_ range: Range<Int>) -> String { String(view[indices[range.lowerBound]..<indices[range.upperBound]]) }
        var cuts: [(offset: Int, hyphen: Bool)] = []
        let addressCuts = Self.addressBreaks(scalars)
        if let addressCuts {
            cuts = addressCuts.map { ($0, false) }
        } else if Self.mayBreakInside(scalars) {
            for offset in shaper.breakOpportunities(in: piece.text, language: language) where offset > 0 && offset < scalars.count {
                // Inside a number range ("10–11"), only after an en dash between digits, and dearly
                // (`rangePenalty`): a line should not end on half of it unless nothing else sets
                // the line ("10:00–12:30" whole would leave a line of gaps).
                if scalars[offset - 1].properties.generalCategory == .dashPunctuation,
                   offset >= 2, scalars[offset - 2].properties.numericType != nil || scalars[offset].properties.numericType != nil {
                    guard scalars[offset - 1] == "\u{2013}", scalars[offset - 2].properties.numericType != nil,
                          scalars[offset].properties.numericType != nil, offset >= 3, scalars.count - offset >= 3 else { continue }
                }
                cuts.append((offset, false))
            }
            // A paragraph's last line never holds a single character (an ideograph alone, with
            // at most its punctuation): the last break leaves two at least.
            if endsParagraph {
                // The offset after which fewer than two letters remain, counted from the end.
                var letters = 0, limit = scalars.count
                while limit > 0, letters < 2 {
                    limit -= 1
                    if !scalars[limit].properties.generalCategory.isPunctuation { letters += 1 }
                }
                cuts.removeAll { $0.offset > limit }
            }
        }
        let whole = shaper.pieceWidth(of: piece.text, font: font, language: language)
        widestPiece = max(widestPiece, whole)
        // A word wider than the measure hyphenates even where its style does not (a headline,
        // a capitalised word): a hyphen is better than a break between letters without one.
        var hyphenation = rules.hyphenation
        let tooWide = whole > rules.measure - rules.firstLineIndent
        if tooWide, addressCuts == nil {
            hyphenation.enabled = true
            hyphenation.capitalised = true
        }
        if hyphenation.enabled, let core = Self.hyphenatableCore(scalars, rules: hyphenation) {
            let word = text(core)
            for point in hyphenator.hyphenationPoints(in: word, language: language)
            where point >= hyphenation.minBefore && core.count - point >= hyphenation.minAfter {
                let offset = core.lowerBound + point
                if !cuts.contains(where: { $0.offset == offset }) { cuts.append((offset, true)) }
            }
        }
        cuts.sort { $0.offset < $1.offset }
        let forced = forcedCuts(piece.text, width: whole, scalars: scalars, cuts: cuts.map(\.offset), font: font, language: language)
        if !forced.isEmpty {
            overlong.append(piece.text)
            cuts = (cuts + forced.map { ($0, false) }).sorted { $0.offset < $1.offset }
        }
        // Microtypography: glyphs may widen or narrow by `expansion` and letters move apart or
        // together by `letterSpacing` em, giving every box a little stretch and shrink of its own.
        let expansion = rules.justified ? rules.breaking.expansion : 0
        let spacing = rules.justified ? rules.breaking.letterSpacing * font.size : 0
        // Spacing goes between letters: a piece of n letters has n - 1 gaps, so its first part
        // counts one letter fewer.
        func box(_ width: Double, _ text: String, first: Bool) -> BreakItem {
            let letters = Double(max(0, text.unicodeScalars.count - (first ? 1 : 0)))
            return .box(width, stretch: width * expansion + letters * spacing, shrink: width * expansion + letters * spacing)
        }
        guard !cuts.isEmpty else {
            result.append(box(whole, piece.text, first: true), .text(run: piece.run, piece.text))
            return
        }
        // Widths of the parts come from the prefixes, so together they measure exactly the whole
        // piece, kerning included; only very long unspaced runs (CJK) are measured part by part.
        let byPrefix = scalars.count <= 64
        var start = 0
        var previousPrefix = 0.0
        for cut in cuts + [(offset: scalars.count, hyphen: false)] {
            let part = text(start..<cut.offset)
            let width: Double
            if byPrefix {
                // A beginning up to a hyphenation point is drawn only with its hyphen, never as
                // it is; at other breaks (after a dash, between ideographs) it may be.
                let prefix = cut.offset == scalars.count ? whole
                    : cut.hyphen ? shaper.prefixWidth(of: text(0..<cut.offset), font: font, language: language)
                    : shaper.width(of: text(0..<cut.offset), font: font, language: language)
                width = prefix - previousPrefix
                previousPrefix = prefix
            } else {
                width = shaper.width(of: part, font: font, language: language)
            }
            result.append(box(width, part, first: start == 0), .text(run: piece.run, part))
            start = cut.offset
            guard cut.offset < scalars.count else { break }
            if forced.contains(cut.offset) {
                // A last resort, dearer than any hyphen, drawing nothing.
                result.append(.penalty(0, cost: rules.breaking.hyphenPenalty * 3 + 100), .inside)
            } else if addressCuts != nil {
                // Web and e-mail addresses break without a hyphen, which would read as part of them.
                result.append(.penalty(0, cost: rules.breaking.hyphenPenalty * 2), .blank)
            } else if cut.hyphen {
                let hyphenWidth = hyphenWidths[piece.run] ?? shaper.width(of: "-", font: font, language: language)
                hyphenWidths[piece.run] = hyphenWidth
                let keptWhole = lastWord && !tooWide
                if keptWhole { result.lastWordBreaks.append(result.items.count) }
                result.append(.penalty(hyphenWidth, cost: keptWhole ? Self.lastWordHyphenPenalty : rules.breaking.hyphenPenalty, flagged: true),
                              .hyphen(run: piece.run))
            } else if scalars[cut.offset - 1].properties.generalCategory == .dashPunctuation {
                // After an explicit hyphen or dash: a break that is flagged like a hyphenation.
                let range = scalars[cut.offset].properties.numericType != nil
                result.append(.penalty(0, cost: range ? Self.rangePenalty : rules.breaking.hyphenPenalty, flagged: true), .blank)
            } else {
                // Between ideographs: a break that may stretch a little, so CJK lines justify.
                let stretch = rules.justified ? font.size * 0.1 : font.size
                result.append(.glue(0, stretch: stretch, shrink: 0), .blank)
            }
        }
    }

    /// Offsets between letters (grapheme clusters) of every part of the piece wider than the
    /// measure, parts being what lies between `cuts`; none for a piece that fits. The first
    /// line's indent counts against the measure, so the word fits wherever it falls. `width`
    /// is the whole piece's.
    private func forcedCuts(_ text: String, width: Double, scalars: [Unicode.Scalar], cuts: [Int], font: FontSpec, language: String) -> [Int] {
        let limit = rules.measure - rules.firstLineIndent
        guard limit.isFinite, limit > 0, width > limit else { return [] }
        // Scalar offsets at grapheme cluster boundaries: a letter and its accents stay together.
        var boundaries: [Int] = []
        var offset = 0
        for character in text {
            offset += character.unicodeScalars.count
            boundaries.append(offset)
        }
        let view = text.unicodeScalars
        let indices = Array(view.indices) + [view.endIndex]
        var result: [Int] = []
        let edges = [0] + cuts + [scalars.count]
        for (start, end) in zip(edges, edges.dropFirst()) where end > start {
            let part = String(view[indices[start]..<indices[end]])
            guard shaper.width(of: part, font: font, language: language) > limit else { continue }
            result += boundaries.filter { $0 > start && $0 < end }
        }
        return result
    }

    /// Whether a piece is a web or e-mail address.
    static func isAddress(_ scalars: [Unicode.Scalar]) -> Bool {
        if scalars.contains("@") || schemeEnd(scalars) != nil { return true }
        // "www." at the start, or after an opening bracket, in either case.
        return opens(scalars, at: scalars.first == "(" ? 1 : 0, with: "www.")
    }

    /// Where the first "://" of `scalars` is, if any.
    static func schemeEnd(_ scalars: [Unicode.Scalar]) -> Int? {
        (0..<max(0, scalars.count - 2)).first { scalars[$0] == ":" && scalars[$0 + 1] == "/" && scalars[$0 + 2] == "/" }
    }

    /// Whether `scalars` hold `prefix` (lower-case ASCII) from `offset` on, in either case.
    static func opens(_ scalars: [Unicode.Scalar], at offset: Int, with prefix: String) -> Bool {
        let count = prefix.unicodeScalars.count
        guard scalars.count >= offset + count else { return false }
        return zip(scalars[offset..<(offset + count)], prefix.unicodeScalars).allSatisfy { $0 == $1 || $0.value == $1.value - 32 }
    }

    /// Where a web or e-mail address may break: after "@" and "/", before "." and "-", never
    /// within the first three characters, nor in its "https://www." (a line ending "www" reads
    /// as a word), nor before the end of the first part of its host name (a line ending
    /// "https://" or "mailto:" says nothing yet), nor in an e-mail address's name of up to
    /// `longName` characters (a line ending "relations" or "double" reads as the sentence's
    /// word), nor before a last part of fewer than `shortestEnd` characters, its punctuation
    /// aside ("-juin." alone on a line). Nil for a piece that is not an address.
    static func addressBreaks(_ scalars: [Unicode.Scalar]) -> [Int]? {
        guard isAddress(scalars), scalars.count > 8 else { return nil }
        // Where the host name (or a "mailto:" address's name) begins: after the scheme.
        let opening = scalars.first == "(" ? 1 : 0
        var host = opening
        if let scheme = schemeEnd(scalars) {
            host = scheme + 3
        } else if scalars.count > opening + 7, opens(scalars, at: opening, with: "mailto:") {
            host = opening + 7
        }
        // The scheme and "www.", whole, and a letter at least of what follows them: the first
        // line then ends after the host name's first part at the earliest.
        var start = max(3, host + 1)
        if scalars.count > host + 4, opens(scalars, at: host, with: "www.") {
            start = max(start, host + 4)
        }
        // An e-mail address's name, unless it is long.
        if let at = scalars.firstIndex(of: "@"), at - scalars.prefix(while: { $0.properties.generalCategory.isPunctuation }).count <= longName {
            start = max(start, at + 1)
        }
        // The last part: the address's end without the sentence's punctuation after it.
        var end = scalars.count
        while end > 0, ".,;:!?)]\u{00BB}\u{201D}\u{2019}\"'".unicodeScalars.contains(scalars[end - 1]) { end -= 1 }
        let limit = min(scalars.count - 4, end - shortestEnd)
        guard start < limit else { return [] }
        var offsets: [Int] = []
        for i in start...limit {
            if scalars[i - 1] == "@" || (scalars[i - 1] == "/" && scalars[i] != "/") || scalars[i] == "." || scalars[i] == "-" {
                offsets.append(i)
            }
        }
        return offsets
    }

    /// An e-mail address's name longer than this may break (before its dots and hyphens).
    static let longName = 30
    /// The fewest characters an address's last line holds, its punctuation aside.
    static let shortestEnd = 6

    /// Whether a piece may hold break opportunities besides spaces: ideographs, dashes, slashes.
    static func mayBreakInside(_ scalars: [Unicode.Scalar]) -> Bool {
        scalars.contains { s in
            s == "-" || s == "/" || s == "\u{2013}" || s == "\u{2014}" || s.value >= 0x2E80
        }
    }

    /// The range of letters in a piece that may be hyphenated: the piece without leading and
    /// trailing punctuation, if that is a lower-case (or capitalised) word of letters only.
    static func hyphenatableCore(_ scalars: [Unicode.Scalar], rules: HyphenationSpec) -> Range<Int>? {
        var lower = 0, upper = scalars.count
        while lower < upper, !isAlphabetic(scalars[lower]) { lower += 1 }
        while upper > lower, !isAlphabetic(scalars[upper - 1]) { upper -= 1 }
        // A possessive or contraction ("evening’s", "students'") hyphenates in the word before it.
        if let apostrophe = scalars[lower..<upper].lastIndex(where: { $0 == "\u{2019}" || $0 == "'" }),
           upper - apostrophe <= 3 {
            upper = apostrophe
        }
        guard lower < upper else { return nil }
        let core = scalars[lower..<upper]
        guard core.count >= rules.minWord else { return nil }
        // Letters only: no digits, URLs, e-mail addresses, inner hyphens or apostrophes; no ideographs.
        guard core.allSatisfy({ isAlphabetic($0) && $0.value < 0x2E80 }) else { return nil }
        // Around the core, ordinary punctuation only: not "@" or "/" (handles, paths).
        guard !scalars[..<lower].contains(where: { $0 == "@" || $0 == "/" }),
              !scalars[upper...].contains(where: { $0 == "@" || $0 == "/" }) else { return nil }
        let capitals = core.filter(isUppercase).count
        if capitals > 1 { return nil }   // acronyms and CamelCase names
        if capitals == 1 && (!rules.capitalised || core.first.map(isUppercase) != true) { return nil }
        return lower..<upper
    }

    // Unicode's properties, looked up in tables, for every letter of every word: ASCII's
    // letters answer at once, with the same answers.
    static func isAlphabetic(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (scalar.value | 0x20) &- 0x61 < 26 : scalar.properties.isAlphabetic
    }

    static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar.value &- 0x41 < 26 : scalar.properties.isUppercase
    }
}

extension Unicode.GeneralCategory {
    var isPunctuation: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }
}

extension Unicode.Scalar {
    /// A hyphen a line may end in: the hyphen-minus, the hyphen and the non-breaking hyphen.
    var isHyphen: Bool { self == "-" || self == "\u{2010}" || self == "\u{2011}" }
}
