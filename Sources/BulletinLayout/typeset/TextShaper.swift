/// A font as the layout asks for it. `family` may be a comma-separated list; later families are
/// used for characters the earlier ones lack.
public struct FontSpec: Sendable, Hashable {
    public var family: String
    public var size: Double
    public var bold: Bool
    public var italic: Bool
    /// Extra space after each character, in points.
    public var tracking: Double

    public init(family: String, size: Double, bold: Bool = false, italic: Bool = false, tracking: Double = 0) {
        self.family = family
        self.size = size
        self.bold = bold
        self.italic = italic
        self.tracking = tracking
    }
}

/// Vertical extent of a font above and below the baseline, in points.
public struct FontMetrics: Sendable, Equatable {
    public var ascent: Double
    public var descent: Double

    public init(ascent: Double, descent: Double) {
        self.ascent = ascent
        self.descent = descent
    }
}

/// Measures text. The real implementation shapes with Pango; tests use a fixed-width fake.
public protocol TextShaper {
    /// The advance width of `text` set in `font`.
    func width(of text: String, font: FontSpec, language: String) -> Double
    /// The width of a word's beginning, up to where it may be hyphenated: measured exactly as
    /// `width` measures, but never drawn as it is (a line that ends there draws the part with
    /// its hyphen), so a shaper need not keep its glyphs.
    func prefixWidth(of text: String, font: FontSpec, language: String) -> Double
    /// The width of a piece of a paragraph (what lies between two spaces), which is drawn as it
    /// is unless a line breaks inside it: measured exactly as `width` measures. A shaper that
    /// keeps glyphs for drawing may ready them now, on the thread that sets the paragraph.
    func pieceWidth(of text: String, font: FontSpec, language: String) -> Double
    /// The ascent and descent of `font` for text in `language` (the language says which
    /// fonts set the text, not what they measure: a shaper may ask in it what it asks in
    /// for the text itself).
    func metrics(of font: FontSpec, language: String) -> FontMetrics
    /// Offsets, in Unicode scalars from the start of `text`, before which a line may break although
    /// there is no space: between ideographs, after a hyphen or a slash. Never 0.
    func breakOpportunities(in text: String, language: String) -> [Int]
    /// Readies `text`, a word or part of one at a line's start or end, to be drawn as it is: a
    /// beginning with its hyphen, or the rest of a word on the next line, was measured only as
    /// part of the whole word. A shaper that keeps glyphs for drawing shapes it now, on the
    /// thread that sets the paragraph, not on the thread that draws.
    func prepareToDraw(_ text: String, font: FontSpec, language: String)
}

extension TextShaper {
    public func prefixWidth(of text: String, font: FontSpec, language: String) -> Double {
        width(of: text, font: font, language: language)
    }

    public func pieceWidth(of text: String, font: FontSpec, language: String) -> Double {
        width(of: text, font: font, language: language)
    }

    public func prepareToDraw(_ text: String, font: FontSpec, language: String) {}
}

/// Finds where words may be hyphenated.
public protocol Hyphenating {
    /// Offsets, in Unicode scalars, before which a hyphen may be inserted into `word`, by the
    /// patterns for `language`; empty when the language has no patterns.
    func hyphenationPoints(in word: String, language: String) -> [Int]
}

/// A hyphenator that never hyphenates.
public struct NoHyphenation: Hyphenating {
    public init() {}
    public func hyphenationPoints(in word: String, language: String) -> [Int] { [] }
}
