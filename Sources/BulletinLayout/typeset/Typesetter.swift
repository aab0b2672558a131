import Foundation
import BulletinModel
import ParagraphBreaker

/// A piece of a line in one font: what the renderer draws with one call.
///
/// A document holds one for every word or run of words it prints, twice while it is composed
/// (in the stories' lines and on the pages), so each is kept small: what the fragments of a
/// run share (the font but for its letter spacing, the colour, the language) is held once for
/// them all, and what few fragments have (a link, a text for readers' tools, a place in a
/// list) is held apart.
public struct Fragment: Sendable, Equatable {
    /// Offset from the line's left edge.
    public var x: Double
    /// Width as set, after any expansion.
    public var width: Double
    public var text: String
    public var font: FontSpec {
        get { FontSpec(family: style.family, size: style.size, bold: style.bold, italic: style.italic, tracking: tracking) }
        set {
            tracking = newValue.tracking
            if !style.has(newValue) { style = FragmentStyle(font: newValue, colour: style.colour, language: style.language) }
        }
    }
    /// A word space separates this fragment from the one before.
    public var followsSpace: Bool
    /// The line ends after this fragment at a word space (not a hyphen, and not the paragraph's
    /// end): the renderer writes the space, so text taken from the PDF keeps it.
    public var spaceAfter = false
    public var colour: String {
        get { style.colour }
        set { if newValue != style.colour { style = FragmentStyle(font: font, colour: newValue, language: style.language) } }
    }
    public var language: String {
        get { style.language }
        set { if newValue != style.language { style = FragmentStyle(font: font, colour: style.colour, language: newValue) } }
    }
    /// Horizontal scale of the glyphs (font expansion): 1 is the font as designed.
    public var scale: Double
    /// The font's letter spacing, which varies line by line within a run.
    private var tracking: Double
    private var style: FragmentStyle
    private var extras: FragmentExtras?

    /// The box of what this fragment shares with the others of its run, for tests.
    var styleIdentity: ObjectIdentifier { ObjectIdentifier(style) }

    public var link: String? {
        get { extras?.values.link }
        set { change { $0.link = newValue } }
    }
    /// The text a reader's tools should extract, where it differs from what is drawn (a word
    /// hyphenated at the line end reads without its hyphen).
    public var actualText: String? {
        get { extras?.values.actualText }
        set { change { $0.actualText = newValue } }
    }
    /// Where the fragment stands in its story's lists; nil outside lists.
    public var list: ListPlace? {
        get { extras?.values.list }
        set { change { $0.list = newValue } }
    }
    /// The table cell the fragment is in; nil outside tables.
    public var table: TablePlace? {
        get { extras?.values.table }
        set { change { $0.table = newValue } }
    }
    /// Struck through (`~~cancelled~~`): the renderer draws a line through it.
    public var struck: Bool {
        get { extras?.values.struck ?? false }
        set { change { $0.struck = newValue } }
    }

    public init(x: Double, width: Double, text: String, font: FontSpec, colour: String, link: String? = nil,
                language: String, scale: Double = 1, actualText: String? = nil, followsSpace: Bool = false) {
        self.init(x: x, width: width, text: text, style: FragmentStyle(font: font, colour: colour, language: language), tracking: font.tracking,
                  link: link, scale: scale, actualText: actualText, followsSpace: followsSpace)
    }

    /// A fragment in `style`, a box other fragments of its run share.
    init(x: Double, width: Double, text: String, style: FragmentStyle, tracking: Double, link: String? = nil,
         scale: Double = 1, actualText: String? = nil, followsSpace: Bool = false) {
        self.x = x
        self.width = width
        self.text = text
        self.style = style
        self.tracking = tracking
        self.scale = scale
        self.followsSpace = followsSpace
        if link != nil || actualText != nil { extras = FragmentExtras(FragmentExtras.Values(link: link, actualText: actualText)) }
    }

    /// The extras changed: a new box (a box is never changed, as fragments share it), or none.
    private mutating func change(_ edit: (inout FragmentExtras.Values) -> Void) {
        var values = extras?.values ?? FragmentExtras.Values()
        edit(&values)
        extras = values == FragmentExtras.Values() ? nil : FragmentExtras(values)
    }
}

/// What the fragments of a run share: the font but for its letter spacing, the colour and the
/// language. Never changed, as fragments share it: a fragment given another gets a new box.
final class FragmentStyle: Sendable, Equatable {
    let family: String
    let size: Double
    let bold: Bool
    let italic: Bool
    let colour: String
    let language: String

    init(font: FontSpec, colour: String, language: String) {
        family = font.family
        size = font.size
        bold = font.bold
        italic = font.italic
        self.colour = colour
        self.language = language
    }

    /// Whether `font` is this style's font, whatever its letter spacing.
    func has(_ font: FontSpec) -> Bool {
        font.size == size && font.bold == bold && font.italic == italic && font.family == family
    }

    static func == (a: FragmentStyle, b: FragmentStyle) -> Bool {
        a === b || (a.size == b.size && a.bold == b.bold && a.italic == b.italic && a.family == b.family
                    && a.colour == b.colour && a.language == b.language)
    }
}

/// A fragment's rarer parts (`Fragment.link`, `actualText`, `list`, `table`), shared by its copies.
final class FragmentExtras: Sendable, Equatable {
    struct Values: Sendable, Equatable {
        var link: String?
        var actualText: String?
        var list: ListPlace?
        var table: TablePlace?
        var struck = false
    }

    let values: Values

    init(_ values: Values) {
        self.values = values
    }

    static func == (a: FragmentExtras, b: FragmentExtras) -> Bool { a === b || a.values == b.values }
}

/// One line of a paragraph, ready to place.
public struct TypesetLine: Sendable, Equatable {
    public var fragments: [Fragment]
    /// The measure the line was set to.
    public var width: Double
    /// Width of the words and spaces at their natural size.
    public var naturalWidth: Double
    /// Knuth–Plass adjustment ratio: above 0 stretched, below 0 shrunk.
    public var ratio: Double
    public var hyphenated: Bool
    /// The paragraph's last line (never justified).
    public var isLast: Bool
    /// The line ends inside a word too wide for the measure, broken between two letters.
    public var brokenInsideWord = false
    /// A justified line that stops short of the measure: its word spaces would have had to
    /// stretch past `BreakingSpec.maxWordSpace`.
    public var endsShort = false
    /// The line runs from the right (`LineDirection`): it starts at the measure's right edge,
    /// and an indent it is set in belongs on the right.
    public var fromRight = false

    /// The line placed in a measure `width` wide rather than its own: a line that runs from the
    /// right moves with the measure's right edge.
    public func measured(_ width: Double) -> TypesetLine {
        guard fromRight, width != self.width else { return self }
        var line = self
        for f in line.fragments.indices { line.fragments[f].x += width - self.width }
        line.width = width
        return line
    }

    /// The right edge of the line's rightmost fragment.
    public var rightEdge: Double { fragments.map { $0.x + $0.width }.max() ?? 0 }

    /// The line's text with single spaces between fragments that have space between them.
    public var text: String {
        fragments.map { ($0.followsSpace ? " " : "") + $0.text }.joined()
    }
}

/// Time spent in the line breaker, added up over a run, and what the typesetter had to do by
/// force.
public final class BreakClock {
    public var breaking: Duration = .zero
    public var paragraphs = 0
    /// Words wider than their measure, broken between letters, in the order met.
    public var overlongWords: [String] = []
    /// What the composer tells the editor about it, story by story.
    public var warnings: [Warning] = []

    public init() {}
}

/// Breaks paragraphs into lines: builds Knuth–Plass items, chooses breaks, positions fragments.
public struct Typesetter {
    public let shaper: TextShaper
    public let hyphenator: Hyphenating
    /// Where time spent choosing breaks is added up, for `bulletin make --timings`.
    public let clock: BreakClock
    /// Paragraphs set by earlier builds of a session (`bulletin make --watch`), taken again
    /// where their runs, measure and rules are as they were; nil to set every one.
    public var setBefore: SetParagraphs?

    public init(shaper: TextShaper, hyphenator: Hyphenating = NoHyphenation(), clock: BreakClock = BreakClock()) {
        self.shaper = shaper
        self.hyphenator = hyphenator
        self.clock = clock
    }

    /// A paragraph's items, built for one measure, to be set at that measure or at any other
    /// its widest piece fits (`lines(_:width:align:rules:built:)`).
    public struct Built {
        fileprivate let paragraph: ParagraphItems
        fileprivate let justified: Bool
        /// The narrowest measure (first-line indent included) that the items are as they were
        /// built for: none of their pieces was wider than the measure they were built for,
        /// and none is wider than this. Infinite when some was.
        fileprivate let narrowest: Double

        /// Whether these items are those that building them for `width` would make.
        fileprivate func serve(_ width: Double, justified: Bool) -> Bool { justified == self.justified && width >= narrowest }
    }

    /// Sets `runs` as one paragraph `width` wide.
    public func lines(_ runs: [StyledRun], width: Double, align: Alignment, rules: ParagraphRules) -> [TypesetLine] {
        let key = setBefore.map { _ in SetParagraphs.Key(runs: runs, width: width, align: align, rules: rules) }
        if let key, let kept = setBefore?.lines(key) {
            // What setting it told is told again: its words too wide for the measure.
            clock.overlongWords += kept.overlong
            return kept.lines
        }
        var built: Built?
        let overlong = clock.overlongWords.count
        let lines = lines(runs, width: width, align: align, rules: rules, built: &built)
        if let key { setBefore?.keep(lines, overlong: Array(clock.overlongWords[overlong...]), for: key) }
        return lines
    }

    /// Sets `runs` as one paragraph `width` wide, with the items of `built` where they are what
    /// building them for this width would make; else built afresh, and kept in `built`. Display
    /// text tried at many measures (`Composer.displayLines`) is built once for all of them.
    public func lines(_ runs: [StyledRun], width: Double, align: Alignment, rules: ParagraphRules, built: inout Built?) -> [TypesetLine] {
        guard !runs.isEmpty, width > 0 else { return [] }
        let justified = align == .justify
        var rules = rules
        rules.justified = justified
        rules.measure = width
        var paragraph: ParagraphItems
        if let built, built.serve(width, justified: justified) {
            paragraph = built.paragraph
        } else {
            var builder = ParagraphBuilder(shaper: shaper, hyphenator: hyphenator, rules: rules)
            paragraph = builder.build(runs)
            clock.overlongWords += builder.overlong
            // Items with a piece broken for this measure serve no other; they do not replace
            // items that do.
            let fits = builder.widestPiece <= width - rules.firstLineIndent
            if fits || built == nil {
                built = Built(paragraph: paragraph, justified: justified,
                              narrowest: fits ? builder.widestPiece + rules.firstLineIndent : .infinity)
            }
        }
        let spec = rules.breaking
        var parameters = Self.parameters(spec, size: runs.first?.font.size ?? 10)
        parameters.looseness = rules.looseness
        func set(_ paragraph: ParagraphItems) -> [TypesetLine] {
            let started = ContinuousClock.now
            let result = spec.method == .firstFit
                ? breakGreedy(paragraph.items, lineWidth: { _ in width })
                : breakParagraph(paragraph.items, lineWidth: { _ in width }, parameters: parameters)
            clock.breaking += ContinuousClock.now - started
            clock.paragraphs += 1
            return assemble(paragraph, runs: runs, breaks: result.breaks.map(\.position), width: width, align: align,
                            microtype: justified ? (spec.expansion, spec.letterSpacing, spec.emergencyLetterSpacing) : (0, 0, 0),
                            protrusion: spec.protrusion,
                            spaceLimit: justified && spec.spaceStretch > 0 ? (spec.maxWordSpace - 1) / spec.spaceStretch : .infinity,
                            expansionStep: spec.expansionStep)
        }
        // The paragraph's last word does not hyphenate (a stub of a last line): it is set first
        // with no break inside it, and only where that leaves a line of gaps (word spaces past
        // their widest) is a break there allowed, at its penalty.
        func lastWordBreaks(_ penalty: Double) {
            for index in paragraph.lastWordBreaks { paragraph.items[index].penalty = penalty }
        }
        lastWordBreaks(BreakItem.forbiddenBreak)
        var lines = set(paragraph)
        if !paragraph.lastWordBreaks.isEmpty, lines.contains(where: \.endsShort) {
            lastWordBreaks(ParagraphBuilder.lastWordHyphenPenalty)
            let broken = set(paragraph)
            if broken.filter(\.endsShort).count < lines.filter(\.endsShort).count { lines = broken } else { lastWordBreaks(BreakItem.forbiddenBreak) }
        }
        // A last line that fills the measure hides the paragraph's end (at a column's foot the
        // next column's first line seems to continue it). Such a paragraph is set again with its
        // last line ending `lastLineSpace` em short, and kept so when that costs neither a line
        // (a word alone below) nor a line looser than the loosest of the first setting.
        let endSpace = spec.lastLineSpace * (runs.last?.font.size ?? 0)
        if justified, endSpace > 0, spec.method == .totalFit, rules.looseness == 0, lines.count > 1, let last = lines.last, last.naturalWidth > width - endSpace,
           paragraph.items.count >= 2, paragraph.items[paragraph.items.count - 2].stretch >= ParagraphBuilder.fill {
            paragraph.items[paragraph.items.count - 2] = .glue(endSpace, stretch: ParagraphBuilder.fill, shrink: 0)
            let again = set(paragraph)
            func loosest(_ lines: [TypesetLine]) -> Double { lines.dropLast().map(\.ratio).max() ?? 0 }
            if again.count == lines.count, loosest(again) <= max(loosest(lines), 1) + 1e-9 { lines = again }
        }
        joinHyphenatedWords(&lines)
        // A line's first and last words may be parts of words (a beginning with its hyphen, the
        // rest of a word), measured only as parts of the whole: readied to be drawn here.
        for line in lines {
            guard let first = line.fragments.first, let last = line.fragments.last else { continue }
            shaper.prepareToDraw(first.text, font: first.font, language: first.language)
            if line.fragments.count > 1 { shaper.prepareToDraw(last.text, font: last.font, language: last.language) }
        }
        return lines
    }

    /// The breaker's parameters from the layout's; emergency stretch is given in em of `size`.
    static func parameters(_ spec: BreakingSpec, size: Double) -> BreakParameters {
        var parameters = BreakParameters(tolerance: spec.tolerance, pretolerance: spec.pretolerance, linePenalty: spec.linePenalty,
                                         hyphenPenalty: spec.hyphenPenalty, doubleHyphenDemerits: spec.doubleHyphenDemerits,
                                         finalHyphenDemerits: spec.finalHyphenDemerits, adjacentDemerits: spec.adjacentDemerits,
                                         emergencyStretch: spec.emergencyStretch * size, maxConsecutiveHyphens: spec.maxConsecutiveHyphens)
        parameters.emergencyPass = spec.emergency == .leastLoose ? .leastLoose : .emergencyStretch
        return parameters
    }

    /// How far a line's first and last characters hang into the margins: half of an opening
    /// quote or bracket on the left; on the right, most of a hyphen, full stop or comma and half
    /// of a colon, semicolon or closing quote (after pdfTeX's microtype defaults, rounded).
    func hangs(_ paragraph: ParagraphItems, runs: [StyledRun], from start: Int, to end: Int, hyphenated: Bool) -> (left: Double, right: Double) {
        func share(_ scalar: Unicode.Scalar, left: Bool) -> Double {
            if left { return "\u{201C}\u{2018}\"'(„".unicodeScalars.contains(scalar) ? 0.5 : 0 }
            switch scalar {
            case "-", "\u{2010}", ".", ",": return 0.7
            case ":", ";", "\u{201D}", "\u{2019}", "\"", "'", ")", "!", "?": return 0.5
            case "\u{2013}", "\u{2014}": return 0.2
            default: return 0
            }
        }
        var left = 0.0, right = 0.0
        if let first = (start..<end).first(where: { paragraph.items[$0].kind == .box }),
           case .text(let run, let text) = paragraph.contents[first], let scalar = text.unicodeScalars.first {
            let amount = share(scalar, left: true)
            if amount > 0 { left = amount * shaper.width(of: String(scalar), font: runs[run].font, language: runs[run].language) }
        }
        if hyphenated, case .hyphen = paragraph.contents[end] {
            right = 0.7 * paragraph.items[end].width
        } else if let last = (start..<end).last(where: { paragraph.items[$0].kind == .box }),
                  case .text(let run, let text) = paragraph.contents[last], let scalar = text.unicodeScalars.last {
            let amount = share(scalar, left: false)
            if amount > 0 { right = amount * shaper.width(of: String(scalar), font: runs[run].font, language: runs[run].language) }
        }
        return (left, right)
    }

    /// A word too wide for the measure, broken between letters without a hyphen, reads whole
    /// when text is extracted: the part before the break carries the whole word as its actual
    /// text, the part on the next line none. From the last line up, so a word broken twice joins
    /// all three parts. (A hyphenated word needs none of this: its hyphen reads as a soft hyphen.)
    func joinHyphenatedWords(_ lines: inout [TypesetLine]) {
        for i in stride(from: lines.count - 2, through: 0, by: -1) where lines[i].brokenInsideWord {
            guard let last = lines[i].fragments.indices.last, let next = lines[i + 1].fragments.first else { continue }
            let head = lines[i].fragments[last]
            lines[i].fragments[last].actualText = (head.actualText ?? head.text) + (next.actualText ?? next.text)
            lines[i + 1].fragments[0].actualText = ""
        }
    }

    /// Turns break positions into lines of positioned fragments.
    func assemble(_ paragraph: ParagraphItems, runs: [StyledRun], breaks: [Int], width measure: Double, align: Alignment,
                  microtype: (expansion: Double, letterSpacing: Double, emergencyTracking: Double) = (0, 0, 0), protrusion: Bool = false,
                  spaceLimit: Double = .infinity, expansionStep: Double = 0) -> [TypesetLine] {
        let items = paragraph.items
        // Right-to-left words (and a paragraph that runs from the right) move to their places
        // once each line is set.
        let bidirectional = paragraph.bidirectional, fromRight = paragraph.fromRight
        var lines: [TypesetLine] = []
        var styles = [FragmentStyle?](repeating: nil, count: runs.count)
        var start = 0
        for (lineIndex, end) in breaks.enumerated() {
            // Glue and penalties after a break vanish at the start of the next line (TeX's discardables).
            while start < end, items[start].kind != .box { start += 1 }
            let breakItem = items[end]
            let hyphenated = breakItem.kind == .penalty && breakItem.flagged && breakItem.width > 0
            var natural = 0.0, boxStretch = 0.0, boxShrink = 0.0, glueStretch = 0.0, glueShrink = 0.0
            for i in start..<end where items[i].kind != .penalty {
                natural += items[i].width
                if items[i].kind == .box {
                    boxStretch += items[i].stretch
                    boxShrink += items[i].shrink
                } else {
                    glueStretch += items[i].stretch
                    glueShrink += items[i].shrink
                }
            }
            // A hyphen at the line's end widens and tracks with the line's letters, so it joins
            // their stretch and shrink: one more letter gap and its own width's expansion.
            var hyphenFlex = 0.0
            if hyphenated, case .hyphen(let run) = paragraph.contents[end] {
                natural += breakItem.width
                hyphenFlex = breakItem.width * microtype.expansion + microtype.letterSpacing * runs[run].font.size
                boxStretch += hyphenFlex
                boxShrink += hyphenFlex
            }
            let isLast = lineIndex == breaks.count - 1
            // Optical margin alignment: a justified line's edge punctuation hangs partly into
            // the margin, so the edge looks straight to the eye; the line is that much wider.
            let hang = protrusion && align == .justify && !isLast
                ? hangs(paragraph, runs: runs, from: start, to: end, hyphenated: hyphenated) : (left: 0.0, right: 0.0)
            let width = measure + hang.left + hang.right
            // Expansion takes its share first, up to its limit; word spaces take the rest.
            let excess = width - natural
            var boxRatio = 0.0, glueRatio = 0.0, ratio = 0.0
            if align == .justify {
                if excess > 0 {
                    let total = boxStretch + glueStretch
                    ratio = total > 0 ? excess / total : 0
                    boxRatio = min(ratio, 1)
                    // A line with no word space (one word alone) stays short of the measure
                    // rather than stretch its glyphs past their limit.
                    glueRatio = glueStretch > 0 ? (excess - boxRatio * boxStretch) / glueStretch : 0
                } else if excess < 0 {
                    let total = boxShrink + glueShrink
                    ratio = total > 0 ? max(excess / total, -1) : 0
                    boxRatio = ratio
                    glueRatio = ratio
                }
            }
            // A line whose word spaces would still stretch past their limit spaces its letters
            // further, up to `emergencyTracking` em more, as compositors of narrow columns do:
            // the share the word spaces would take beyond their stretch goes to the letters.
            var extra = 0.0   // fraction of the emergency tracking used
            var letters: [Int: Double] = [:]
            if align == .justify, !isLast, glueRatio > 1, glueStretch > 0, microtype.letterSpacing > 0, microtype.emergencyTracking > 0 {
                var available = 0.0
                for i in start..<end where items[i].kind == .box {
                    guard case .text(let run, _) = paragraph.contents[i] else { continue }
                    let size = runs[run].font.size
                    let count = ((items[i].stretch - items[i].width * microtype.expansion) / (microtype.letterSpacing * size)).rounded()
                    letters[i] = max(0, count)
                    available += max(0, count) * microtype.emergencyTracking * size
                }
                let needed = (glueRatio - 1) * glueStretch
                if available > 0 {
                    extra = min(1, needed / available)
                    glueRatio -= extra * available / glueStretch
                }
            }
            // Spaces stop at their widest (`BreakingSpec.maxWordSpace`); the line ends short of the measure.
            // Only word spaces: a line of ideographs, justified by the glue between them, fills its measure.
            let endsShort = align == .justify && !isLast && glueRatio > spaceLimit
                && paragraph.contents[start..<end].contains { if case .space = $0 { return true } else { return false } }
            if endsShort { glueRatio = spaceLimit }
            // Glyph expansion comes in steps (`BreakingSpec.expansionStep`), as pdfTeX's does: a
            // handful of scales per font rather than one per line, so the renderer makes few scaled
            // fonts. What the step leaves over goes to the spacing of the line's letters, evenly,
            // so the words keep their places.
            let exact = boxRatio * microtype.expansion
            let stepped = expansionStep > 0 ? (exact / expansionStep).rounded() * expansionStep : exact
            let scale = 1 + stepped
            var leftover = 0.0
            if stepped != exact {
                // Gaps between letters, counted as the paragraph builder counts them: a word's
                // first piece has one fewer than its letters.
                var gaps = 0.0, boxWidth = 0.0
                for i in start..<end where items[i].kind == .box {
                    guard case .text(_, let text) = paragraph.contents[i] else { continue }
                    let first = i == start || items[i - 1].kind != .box
                    gaps += Double(max(0, text.unicodeScalars.count - (first ? 1 : 0)))
                    boxWidth += items[i].width
                }
                if gaps > 0 { leftover = boxWidth * (exact - stepped) / gaps }
            }
            var fragments: [Fragment] = []
            var x = 0.0
            var joinable = false
            var afterSpace = false
            for i in start..<end {
                let item = items[i]
                switch paragraph.contents[i] {
                case .text(let run, let text):
                    let emergency = extra * microtype.emergencyTracking * runs[run].font.size
                    let adjust = boxRatio >= 0 ? boxRatio * item.stretch : boxRatio * item.shrink
                    let set = item.width + adjust + (letters[i] ?? 0) * emergency
                    // The box's share splits into glyph expansion (a horizontal scale) and letter
                    // spacing, chosen so that scale × (width + letters × tracking) = set.
                    var font = runs[run].font
                    font.tracking += (boxRatio * microtype.letterSpacing * font.size + emergency + leftover) / scale
                    if joinable, var last = fragments.last, last.link == runs[run].link, last.font == font,
                       last.colour == runs[run].colour, last.language == runs[run].language, last.struck == runs[run].struck {
                        last.text += text
                        last.width += set
                        fragments[fragments.count - 1] = last
                    } else {
                        // One style box for all the run's fragments, on every line.
                        let style = styles[run] ?? FragmentStyle(font: font, colour: runs[run].colour, language: runs[run].language)
                        styles[run] = style
                        var fragment = Fragment(x: x, width: set, text: text, style: style, tracking: font.tracking,
                                                link: runs[run].link, scale: scale, followsSpace: afterSpace && !fragments.isEmpty)
                        if runs[run].struck { fragment.struck = true }
                        fragments.append(fragment)
                    }
                    afterSpace = false
                    x += set
                    joinable = true
                case .space, .blank:
                    // Penalties take no room; the finishing glue takes what is left, drawn as nothing.
                    guard item.kind != .penalty, item.stretch < ParagraphBuilder.fill else { continue }
                    if case .space = paragraph.contents[i] { afterSpace = true }
                    let ratio = item.kind == .box ? 0 : glueRatio
                    let set = item.width + (ratio >= 0 ? ratio * item.stretch : ratio * item.shrink)
                    x += set
                    if set != 0 { joinable = false }
                case .hyphen, .inside:
                    continue
                }
            }
            if !isLast, case .space = paragraph.contents[end], !fragments.isEmpty {
                fragments[fragments.count - 1].spaceAfter = true
            }
            if hyphenated, var last = fragments.last {
                // The drawn hyphen reads as a soft hyphen: extracted text joins the word's parts.
                last.actualText = last.text + "\u{00AD}"
                last.text += "-"
                last.width += breakItem.width + boxRatio * hyphenFlex
                fragments[fragments.count - 1] = last
            }
            let used = fragments.last.map { $0.x + $0.width } ?? 0
            let offset: Double
            switch align {
            case .left, .justify: offset = 0
            case .right: offset = width - used
            case .centre: offset = (width - used) / 2
            }
            if offset - hang.left != 0 { for f in fragments.indices { fragments[f].x += offset - hang.left } }
            if bidirectional { LineDirection.place(&fragments, measure: measure, fromRight: fromRight) }
            var line = TypesetLine(fragments: fragments, width: measure, naturalWidth: natural, ratio: ratio,
                                   hyphenated: hyphenated, isLast: isLast)
            if case .inside = paragraph.contents[end] { line.brokenInsideWord = true }
            line.endsShort = endsShort
            line.fromRight = fromRight
            lines.append(line)
            start = end + 1
        }
        return lines
    }
}

/// Paragraphs set by the builds of a session (`bulletin make --watch`): a rebuild after one
/// paragraph was edited sets that paragraph again, and takes the others of its story as they
/// were set, whichever story was edited the build before (an unchanged story is not prepared,
/// so its paragraphs are not asked for, and are kept all the same). Old settings of edited
/// paragraphs stay too, until the table holds twice the paragraphs a build ever asked for,
/// when it starts afresh.
public final class SetParagraphs: @unchecked Sendable {
    struct Key: Hashable {
        let runs: [StyledRun]
        let width: Double
        let align: Alignment
        let rules: ParagraphRules

        /// The text and measure: what tells paragraphs apart, cheaply (equality compares all).
        func hash(into hasher: inout Hasher) {
            hasher.combine(width)
            for run in runs { hasher.combine(run.text) }
        }
    }

    private let lock = NSLock()
    private var kept: [Key: (lines: [TypesetLine], overlong: [String])] = [:]
    /// Paragraphs asked for in this build, and the most any build asked for (the first, all).
    private var asked = 0, mostAsked = 0
    /// Paragraphs taken as they were set, and set afresh, for tests.
    public private(set) var taken = 0, setAfresh = 0

    public init() {}

    /// Starts a build.
    public func beginBuild() {
        lock.lock()
        defer { lock.unlock() }
        mostAsked = max(mostAsked, asked)
        asked = 0
        if kept.count > 2 * mostAsked { kept = [:] }
    }

    func lines(_ key: Key) -> (lines: [TypesetLine], overlong: [String])? {
        lock.lock()
        defer { lock.unlock() }
        asked += 1
        guard let found = kept[key] else { return nil }
        taken += 1
        return found
    }

    func keep(_ lines: [TypesetLine], overlong: [String], for key: Key) {
        lock.lock()
        defer { lock.unlock() }
        kept[key] = (lines, overlong)
        setAfresh += 1
    }
}
