/// One element of a paragraph as Knuth & Plass describe it.
///
/// A paragraph is a sequence of boxes (material that is set, such as a word or a
/// word fragment), glue (flexible space) and penalties (possible break points with
/// a cost). Widths are in whatever unit the caller uses (points, say); only their
/// ratios matter.
public struct BreakItem: Sendable, Equatable {
    /// What role an item plays in line breaking.
    public enum Kind: Sendable, Equatable { case box, glue, penalty }

    /// A penalty at or above this cost forbids a break (TeX's `\penalty10000`).
    public static let forbiddenBreak: Double = 10_000
    /// A penalty at or below this cost forces a break (TeX's `\penalty-10000`).
    public static let forcedBreak: Double = -10_000
    /// A stretch large enough to act like TeX's `fil` for finishing glue.
    public static let fil: Double = 1e6

    public var kind: Kind
    /// Natural width; for a penalty, the width added only if the line ends there (a hyphen).
    public var width: Double
    /// Stretchability: glue, and also boxes (font expansion / letter-spacing).
    public var stretch: Double
    /// Shrinkability: glue, and also boxes.
    public var shrink: Double
    /// Penalties only: the cost of breaking here; `>= 10_000` forbids, `<= -10_000` forces.
    public var penalty: Double
    /// Penalties only: the break is a hyphenation break.
    public var flagged: Bool

    /// Creates an item from all of its fields.
    public init(kind: Kind, width: Double, stretch: Double = 0, shrink: Double = 0,
                penalty: Double = 0, flagged: Bool = false) {
        self.kind = kind
        self.width = width
        self.stretch = stretch
        self.shrink = shrink
        self.penalty = penalty
        self.flagged = flagged
    }

    /// A box: set material of a fixed width, optionally with a little stretch and shrink.
    public static func box(_ width: Double, stretch: Double = 0, shrink: Double = 0) -> BreakItem {
        BreakItem(kind: .box, width: width, stretch: stretch, shrink: shrink)
    }

    /// Glue: flexible space; a legal break only when it directly follows a box.
    public static func glue(_ width: Double, stretch: Double, shrink: Double) -> BreakItem {
        BreakItem(kind: .glue, width: width, stretch: stretch, shrink: shrink)
    }

    /// A penalty: a possible break with a cost, and a width that counts only if the line ends here.
    public static func penalty(_ width: Double, cost: Double, flagged: Bool = false) -> BreakItem {
        BreakItem(kind: .penalty, width: width, penalty: cost, flagged: flagged)
    }

    /// The conventional end of a paragraph: finishing glue (`\parfillskip`) and a forced break.
    ///
    /// Also useful before a forced break inside a paragraph (like LaTeX's `\\`), so
    /// that the line it ends is set at natural spacing instead of being stretched.
    public static func paragraphEnd(fillStretch: Double = fil) -> [BreakItem] {
        [.glue(0, stretch: fillStretch, shrink: 0), .penalty(0, cost: forcedBreak)]
    }

    /// The item is a penalty that forces a break.
    public var forcesBreak: Bool { kind == .penalty && penalty <= BreakItem.forcedBreak }

    /// The item is a penalty that marks a hyphenation break (and does not force one).
    var isHyphenBreak: Bool { kind == .penalty && flagged && !forcesBreak }
}
