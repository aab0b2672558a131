/// A newsletter design, read from `layouts/NAME.yaml`. All lengths are in PostScript points.
public struct LayoutSpec: Sendable, Equatable {
    public var name: String
    public var page: PageSpec
    public var grid: GridSpec
    public var styles: [TextRole: TextStyle]
    public var colours: Colours
    /// Families tried after every style's own, for characters the main faces lack (letters of
    /// other languages, Chinese, Japanese and Korean); see `FallbackFamilies` for their order.
    public var fallbackFamilies: FallbackFamilies
    public var masthead: MastheadSpec
    public var runningHead: RunningHeadSpec
    public var footer: FooterSpec
    public var story: StorySpec
    public var jump: JumpSpec = .init()
    public var contents: ContentsSpec = .init()
    public var fit: FitSpec = .init()
    public var frontPage: FrontPageSpec = .init()
    /// How the words of a link look.
    public var links: LinkStyleSpec = .init()
    public var imprint: ImprintSpec = .init()
    /// The words printed around the stories' own, in each language (`strings:`).
    public var wording = Wording()
    /// How the email edition shrinks pictures, and the size it should stay under.
    public var email: EmailSpec = .init()
    /// Bleed and marks for the print edition.
    public var print: PrintSpec = .init()
    public var hyphenation: HyphenationSpec
    public var breaking: BreakingSpec
    /// The line of the layout file on which each font family is named, for messages.
    public var familyLines: [String: Int] = [:]
    /// The layout file as messages show it; empty for a layout made in code.
    public var file: String = ""
    /// The line on which each key of the file is written, by its dotted path ("styles.headline",
    /// "page.margins.left"), so that a problem found only when composing can blame the layout.
    public var keyLines: [String: Int] = [:]

    public init(name: String, page: PageSpec, grid: GridSpec, styles: [TextRole: TextStyle],
                colours: Colours, fallbackFamilies: FallbackFamilies = [], masthead: MastheadSpec = .init(),
                runningHead: RunningHeadSpec = .init(), footer: FooterSpec = .init(),
                story: StorySpec = .init(), hyphenation: HyphenationSpec = .init(),
                breaking: BreakingSpec = .init()) {
        self.name = name
        self.page = page
        self.grid = grid
        self.styles = styles
        self.colours = colours
        self.fallbackFamilies = fallbackFamilies
        self.masthead = masthead
        self.runningHead = runningHead
        self.footer = footer
        self.story = story
        self.hyphenation = hyphenation
        self.breaking = breaking
    }

    /// The line of `key`, or of the nearest enclosing key written in the file.
    public func line(of key: String) -> Int? {
        var path = Substring(key)
        while true {
            if let line = keyLines[String(path)] { return line }
            guard let dot = path.lastIndex(of: ".") else { return nil }
            path = path[..<dot]
        }
    }

    /// The style of a role; every role is required by the loader, so this never falls back.
    public func style(_ role: TextRole) -> TextStyle {
        if let style = styles[role] { return style }
        switch role {
        case .jump:
            // Small italic in the byline's face, on the body's grid.
            var style = self.style(.byline)
            style.italic = true
            style.uppercase = false
            style.spaceBefore = 0
            style.spaceAfter = 0
            return style
        case .jumpHead:
            // The subhead's face a step larger than the body, so that a title running over
            // several columns never reads as a line of body text.
            var style = self.style(.subhead)
            let body = self.style(.body)
            style.size = max(style.size, body.size * 1.25)
            style.leading = max(style.leading, (style.size * 1.15).rounded(.up))
            style.spaceBefore = 0
            style.spaceAfter = 0
            return style
        case .boxTitle:
            var style = self.style(.subhead)
            style.spaceBefore = 0
            style.spaceAfter = 0
            style.uppercase = false
            return style
        case .boxText:
            var style = self.style(.byline)
            style.spaceBefore = 0
            style.spaceAfter = 0
            style.uppercase = false
            style.align = .left
            style.leading = self.style(.body).leading
            return style
        case .caption:
            // The byline's face, unspaced and in sentence case, on lines as far apart as the
            // byline's: a caption is small print under its picture.
            var style = self.style(.byline)
            style.spaceBefore = 0
            style.spaceAfter = 0
            style.uppercase = false
            style.align = .left
            style.indent = 0
            return style
        case .pullQuote:
            var style = self.style(.deck)
            style.size *= 1.15
            style.leading *= 1.1
            style.align = .left
            style.colour = "accent"
            style.spaceBefore = 0
            style.spaceAfter = 0
            return style
        default:
            return TextStyle(family: "serif", size: 10, leading: 12)
        }
    }
}

/// Paper size and margins.
public struct PageSpec: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public var margins: Insets

    public init(width: Double, height: Double, margins: Insets) {
        self.width = width
        self.height = height
        self.margins = margins
    }
}

public struct Insets: Sendable, Equatable {
    public var top: Double
    public var bottom: Double
    public var left: Double
    public var right: Double

    public init(top: Double, bottom: Double, left: Double, right: Double) {
        self.top = top
        self.bottom = bottom
        self.left = left
        self.right = right
    }
}

/// The column grid: body lines of every column sit on multiples of `baseline`.
public struct GridSpec: Sendable, Equatable {
    public var columns: Int
    public var gutter: Double
    public var baseline: Double

    public init(columns: Int, gutter: Double, baseline: Double) {
        self.columns = columns
        self.gutter = gutter
        self.baseline = baseline
    }
}

/// What a piece of text is, which decides its style.
public enum TextRole: String, Sendable, CaseIterable, Hashable {
    case body, subhead, quote, kicker, headline, deck, byline
    case mastheadTitle = "masthead_title"
    case mastheadSubtitle = "masthead_subtitle"
    case mastheadLine = "masthead_line"
    case runningHead = "running_head"
    case footer
    /// "Continued on page N" and "Continued from page M".
    case jump
    /// The title over a story's continuation on a later page.
    case jumpHead = "jump_head"
    /// The title of a box ("In this issue", the imprint).
    case boxTitle = "box_title"
    /// The text of a box: contents entries, summaries, the imprint's lines.
    case boxText = "box_text"
    /// A story's pull quote, set large between rules in its body.
    case pullQuote = "pull_quote"
    /// The caption and credit beneath a picture.
    case caption

    /// Roles every layout must style; the others take a style derived from these.
    public static let required: [TextRole] = [.body, .subhead, .quote, .kicker, .headline, .deck, .byline,
                                              .mastheadTitle, .mastheadSubtitle, .mastheadLine, .runningHead, .footer]
}

public enum Alignment: String, Sendable, Equatable, CaseIterable {
    case left, right, centre, justify
}

/// How one role's text is set.
public struct TextStyle: Sendable, Equatable {
    /// One family or a comma-separated list, as fontconfig names them.
    public var family: String
    public var size: Double
    public var leading: Double
    public var bold: Bool
    public var italic: Bool
    /// A name from the layout's `colours`.
    public var colour: String
    public var align: Alignment
    /// First-line indent of paragraphs that follow another paragraph.
    public var indent: Double
    public var spaceBefore: Double
    public var spaceAfter: Double
    public var uppercase: Bool
    /// Extra space between letters, in em.
    public var tracking: Double

    public init(family: String, size: Double, leading: Double, bold: Bool = false, italic: Bool = false,
                colour: String = "text", align: Alignment = .left, indent: Double = 0,
                spaceBefore: Double = 0, spaceAfter: Double = 0, uppercase: Bool = false,
                tracking: Double = 0) {
        self.family = family
        self.size = size
        self.leading = leading
        self.bold = bold
        self.italic = italic
        self.colour = colour
        self.align = align
        self.indent = indent
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
        self.uppercase = uppercase
        self.tracking = tracking
    }
}

/// An sRGB colour with components from 0 to 1.
public struct Colour: Sendable, Equatable, Hashable {
    public var red: Double
    public var green: Double
    public var blue: Double

    public init(red: Double, green: Double, blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    public static let black = Colour(red: 0, green: 0, blue: 0)

    /// Parses `#rrggbb` or `#rgb`.
    public init?(hex: String) {
        var digits = Substring(hex)
        guard digits.first == "#" else { return nil }
        digits = digits.dropFirst()
        if digits.count == 3 { digits = Substring(digits.map { "\($0)\($0)" }.joined()) }
        guard digits.count == 6, let value = Int(digits, radix: 16) else { return nil }
        self.init(red: Double((value >> 16) & 0xff) / 255, green: Double((value >> 8) & 0xff) / 255,
                  blue: Double(value & 0xff) / 255)
    }
}

/// Named colours; `text`, `accent`, `rule` and `muted` always exist.
public struct Colours: Sendable, Equatable {
    public var named: [String: Colour]

    public init(named: [String: Colour]) { self.named = named }

    public subscript(name: String) -> Colour { named[name] ?? .black }
}

/// Page 1's masthead: title, subtitle and a line with volume, number and month between rules.
public struct MastheadSpec: Sendable, Equatable {
    /// Template of the line under the title, e.g. "Volume {volume} · Number {number} · {month}".
    public var line: String
    public var ruleWidth: Double
    public var thinRuleWidth: Double
    public var spaceAfter: Double

    public init(line: String = "Volume {volume} · Number {number} · {month}", ruleWidth: Double = 2,
                thinRuleWidth: Double = 0.5, spaceAfter: Double = 12) {
        self.line = line
        self.ruleWidth = ruleWidth
        self.thinRuleWidth = thinRuleWidth
        self.spaceAfter = spaceAfter
    }
}

/// The line at the top of pages after the first.
public struct RunningHeadSpec: Sendable, Equatable {
    public var text: String
    /// Space the running head takes from the top of the text area (including the gap below it).
    public var height: Double
    public var ruleWidth: Double

    public init(text: String = "{title} · {month} · page {page}", height: Double = 22, ruleWidth: Double = 0.5) {
        self.text = text
        self.height = height
        self.ruleWidth = ruleWidth
    }
}

/// The contact footer on every page. Each line is a template; fields with no value vanish
/// together with the separator next to them.
public struct FooterSpec: Sendable, Equatable {
    public var lines: [String]
    /// Template of the page number, set flush right on the first line.
    public var pageText: String
    /// Space the footer takes from the bottom of the text area (including the gap above it).
    public var height: Double
    public var ruleWidth: Double

    public init(lines: [String] = ["{organisation} · {address}", "Tel. {telephone} · {email} · {web} · {copyright}"],
                pageText: String = "page {page} of {pages}", height: Double = 28, ruleWidth: Double = 0.5) {
        self.lines = lines
        self.pageText = pageText
        self.height = height
        self.ruleWidth = ruleWidth
    }
}

/// How links look: in a colour of their own and underlined, or like the text around them.
public struct LinkStyleSpec: Sendable, Equatable {
    /// A name from the layout's `colours`; nil keeps the colour of the text around the link.
    public var colour: String?
    /// The width of the line under a link; 0 for none.
    public var underline: Double

    public init(colour: String? = nil, underline: Double = 0) {
        self.colour = colour
        self.underline = underline
    }
}

/// Spacing around each story.
public struct StorySpec: Sendable, Equatable {
    /// Space between the end of one story and the rule above the next.
    public var gap: Double
    public var ruleWidth: Double

    public init(gap: Double = 11, ruleWidth: Double = 0.75) {
        self.gap = gap
        self.ruleWidth = ruleWidth
    }
}

/// Where words may be hyphenated.
public struct HyphenationSpec: Sendable, Equatable {
    public var enabled: Bool
    public var minWord: Int
    public var minBefore: Int
    public var minAfter: Int
    /// Hyphenate words that start with a capital letter (as TeX and InDesign do by default).
    public var capitalised: Bool

    public init(enabled: Bool = true, minWord: Int = 5, minBefore: Int = 2, minAfter: Int = 3, capitalised: Bool = true) {
        self.enabled = enabled
        self.minWord = minWord
        self.minBefore = minBefore
        self.minAfter = minAfter
        self.capitalised = capitalised
    }
}

/// Knobs of the paragraph breaker, in TeX's units.
public struct BreakingSpec: Sendable, Equatable {
    /// How paragraphs are broken into lines.
    public enum Method: String, Sendable, Equatable, CaseIterable {
        /// Knuth–Plass: all breaks of a paragraph chosen together.
        case totalFit = "total_fit"
        /// Each line filled as far as it goes, as simple engines do; for comparison.
        case firstFit = "first_fit"
    }

    public var method: Method = .totalFit
    /// The emergency pass: TeX's extra stretch, or the least-loose search (see ParagraphBreaker).
    public enum Emergency: String, Sendable, Equatable, CaseIterable {
        case stretch
        case leastLoose = "least_loose"
    }
    public var emergency: Emergency = .leastLoose
    /// Optical margin alignment: punctuation and hyphens at a justified line's edges hang
    /// partly into the margin.
    public var protrusion = false
    public var tolerance: Double
    public var pretolerance: Double
    public var linePenalty: Double
    public var hyphenPenalty: Double
    public var doubleHyphenDemerits: Double
    public var finalHyphenDemerits: Double
    public var adjacentDemerits: Double
    /// Extra stretch per line for the emergency pass, in em of the body size.
    public var emergencyStretch: Double
    public var maxConsecutiveHyphens: Int
    /// Glyph expansion bound, as a fraction (0.02 = ±2 %).
    public var expansion: Double
    /// Glyph expansion comes in steps of this fraction (0.005: nine scales within ±2 %), as
    /// pdfTeX's `step`; 0 gives each line its own scale.
    public var expansionStep = 0.005
    /// Letter-spacing bound, in em (0.015 = ±1.5 % of the size between letters).
    public var letterSpacing: Double
    /// How much further letters may move apart, in em, on a line whose word spaces would
    /// otherwise stretch past their limit (0 = never).
    public var emergencyLetterSpacing = 0.03
    /// The widest a word space may become on a justified line, as a multiple of its normal
    /// width. A line that would need wider spaces even after its letters moved apart (a word,
    /// number or address that will not break leaves too little on it) stops short of the
    /// measure instead, its spaces at this width: a short line reads better than one of gaps.
    public var maxWordSpace = 1.9
    /// The space a justified paragraph's last line leaves before the measure's end, in em of its
    /// last words' size, where that costs neither a line nor a looser line, so that the
    /// paragraph's end shows (0: a last line may fill the measure).
    public var lastLineSpace = 1.0
    /// Word space stretch and shrink, as fractions of the normal space.
    public var spaceStretch: Double
    public var spaceShrink: Double

    public init(tolerance: Double = 200, pretolerance: Double = 100, linePenalty: Double = 10,
                hyphenPenalty: Double = 50, doubleHyphenDemerits: Double = 3000,
                finalHyphenDemerits: Double = 5000, adjacentDemerits: Double = 3000,
                emergencyStretch: Double = 1.5, maxConsecutiveHyphens: Int = 2,
                expansion: Double = 0.02, letterSpacing: Double = 0.015,
                spaceStretch: Double = 0.5, spaceShrink: Double = 0.33) {
        self.tolerance = tolerance
        self.pretolerance = pretolerance
        self.linePenalty = linePenalty
        self.hyphenPenalty = hyphenPenalty
        self.doubleHyphenDemerits = doubleHyphenDemerits
        self.finalHyphenDemerits = finalHyphenDemerits
        self.adjacentDemerits = adjacentDemerits
        self.emergencyStretch = emergencyStretch
        self.maxConsecutiveHyphens = maxConsecutiveHyphens
        self.expansion = expansion
        self.letterSpacing = letterSpacing
        self.spaceStretch = spaceStretch
        self.spaceShrink = spaceShrink
    }
}

/// The words of jump lines, as templates with `{page}`.
public struct JumpSpec: Sendable, Equatable {
    public var continuedOn: String
    public var continuedFrom: String

    public init(continuedOn: String = "Continued on page {page}", continuedFrom: String = "Continued from page {page}") {
        self.continuedOn = continuedOn
        self.continuedFrom = continuedFrom
    }
}

/// The "In this issue" box on page 1: every story with the page it starts on.
public struct ContentsSpec: Sendable, Equatable {
    public enum Place: String, Sendable, CaseIterable {
        /// The rightmost column of page 1, from the top.
        case rail
        /// No contents box.
        case none
    }

    public var place: Place
    public var title: String
    /// Give each entry the story's summary where the box has room.
    public var summaries: Bool

    public init(place: Place = .rail, title: String = "In this issue", summaries: Bool = true) {
        self.place = place
        self.title = title
        self.summaries = summaries
    }
}

/// The imprint: who publishes the issue, its editors and how to reach them.
public struct ImprintSpec: Sendable, Equatable {
    public enum Place: String, Sendable, CaseIterable {
        /// After the last story.
        case end
        /// At the top of page 2's rightmost column.
        case page2 = "page_2"
        case none
    }

    public var place: Place
    public var title: String
    /// Templates, one line each; a line whose fields are all empty is left out.
    public var lines: [String]

    public init(place: Place = .end, title: String = "Imprint",
                lines: [String] = ["{title} · Volume {volume}, Number {number} · {month}", "Editors: {editors}", "{organisation}",
                                   "{address}", "Tel. {telephone}", "{email}", "{web}", "{copyright}"]) {
        self.place = place
        self.title = title
        self.lines = lines
    }
}

/// Page 1 as a front page: the openings of the first stories, each jumping to an inside page.
public struct FrontPageSpec: Sendable, Equatable {
    /// How many stories open on page 1, one band each; 0 lets stories flow from page 1 as they come.
    public var stories: Int

    public init(stories: Int = 0) {
        self.stories = stories
    }
}

/// How far the composer may go to fit an issue to its page count (`pages: N` in issue.yaml), and
/// to spare a last page that would hold almost nothing.
public struct FitSpec: Sendable, Equatable {
    /// The least and the most space between stories.
    public var minGap: Double
    public var maxGap: Double
    /// Pull quotes may be left out to save space.
    public var pullQuotes: Bool
    /// Filler stories may be left out to save space (with a warning naming each).
    public var fillers: Bool
    /// Paragraphs may be set one line shorter or longer, as TeX's \looseness does.
    public var looseness: Bool

    public init(minGap: Double = 0, maxGap: Double = 33, pullQuotes: Bool = true, fillers: Bool = true, looseness: Bool = true) {
        self.minGap = minGap
        self.maxGap = maxGap
        self.pullQuotes = pullQuotes
        self.fillers = fillers
        self.looseness = looseness
    }
}

/// The email edition (`email:`): pictures at most `imageDPI` at their placed size, re-encoded as
/// JPEG at `jpegQuality`, and a warning when the PDF is over `sizeBudget` bytes.
public struct EmailSpec: Sendable, Equatable {
    public var imageDPI: Double
    /// libjpeg's quality, 1–100.
    public var jpegQuality: Int
    public var sizeBudget: Int

    public static let defaultSizeBudget = 4 * 1024 * 1024

    public init(imageDPI: Double = 150, jpegQuality: Int = 80, sizeBudget: Int = EmailSpec.defaultSizeBudget) {
        self.imageDPI = imageDPI
        self.jpegQuality = jpegQuality
        self.sizeBudget = sizeBudget
    }
}

/// The print edition's press furniture (`print:` in the layout): how far backgrounds and
/// pictures at the trim run past it, and whether crop and registration marks are drawn.
public struct PrintSpec: Sendable, Equatable {
    /// The bleed: how far past the trim edge anything that touches it is printed, in points.
    public var bleed: Double
    /// Crop marks, registration marks and the slug line outside the bleed.
    public var marks: Bool

    /// Three millimetres, the bleed most print shops ask for.
    public static let defaultBleed = 3 * 72 / 25.4

    public init(bleed: Double = PrintSpec.defaultBleed, marks: Bool = true) {
        self.bleed = bleed
        self.marks = marks
    }
}
