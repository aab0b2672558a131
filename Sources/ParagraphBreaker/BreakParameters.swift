/// The knobs of the total-fit line breaker, named and defaulted as in TeX.
public struct BreakParameters: Sendable, Equatable {
    /// Maximum badness for the main pass (TeX `\tolerance`).
    public var tolerance: Double = 200
    /// Maximum badness for a first pass that ignores hyphenation breaks; `< 0` skips that pass.
    public var pretolerance: Double = 100
    /// Added to each line's badness before squaring (TeX `\linepenalty`).
    public var linePenalty: Double = 10
    /// Informational only: the items carry their own hyphenation costs.
    public var hyphenPenalty: Double = 50
    /// Added when two consecutive lines end hyphenated.
    public var doubleHyphenDemerits: Double = 3000
    /// Added when the second-last line ends hyphenated.
    public var finalHyphenDemerits: Double = 5000
    /// Added when adjacent lines' fitness classes differ by more than one.
    public var adjacentDemerits: Double = 3000
    /// Extra stretch per line, in width units, counted for badness in the emergency pass only.
    public var emergencyStretch: Double = 0
    /// Hard limit on hyphenated lines in a row; 0 forbids hyphenation breaks.
    public var maxConsecutiveHyphens: Int = 2
    /// Lines to add (positive) or remove (negative) relative to the optimum, if feasible.
    public var looseness: Int = 0

    /// Creates parameters with TeX's plain defaults.
    /// How the emergency pass judges lines. TeX's way adds `emergencyStretch` to every line
    /// and keeps badness capped, so once lines are "infinitely bad" it no longer tells a
    /// loose line from a very loose one. The least-loose way adds no stretch and leaves badness
    /// uncapped (100·r³ for any r), so the search spreads the looseness it cannot avoid over
    /// as many lines as it takes: in narrow columns, far fewer very loose lines.
    public enum EmergencyPass: Sendable, Equatable { case emergencyStretch, leastLoose }
    public var emergencyPass: EmergencyPass = .emergencyStretch

    public init() {}

    /// Creates parameters, each defaulting to TeX's plain value.
    public init(tolerance: Double = 200,
                pretolerance: Double = 100,
                linePenalty: Double = 10,
                hyphenPenalty: Double = 50,
                doubleHyphenDemerits: Double = 3000,
                finalHyphenDemerits: Double = 5000,
                adjacentDemerits: Double = 3000,
                emergencyStretch: Double = 0,
                maxConsecutiveHyphens: Int = 2,
                looseness: Int = 0) {
        self.tolerance = tolerance
        self.pretolerance = pretolerance
        self.linePenalty = linePenalty
        self.hyphenPenalty = hyphenPenalty
        self.doubleHyphenDemerits = doubleHyphenDemerits
        self.finalHyphenDemerits = finalHyphenDemerits
        self.adjacentDemerits = adjacentDemerits
        self.emergencyStretch = emergencyStretch
        self.maxConsecutiveHyphens = maxConsecutiveHyphens
        self.looseness = looseness
    }
}
