/// A paragraph prepared for line breaking: prefix sums, legal breaks and line starts.
///
/// Everything here is computed once per paragraph so that measuring any candidate
/// line is a handful of array reads, whichever pass or strategy asks.
struct MeasuredParagraph {
    /// Tolerance for floating-point comparisons of widths (sums of many Doubles).
    static let epsilon = 1e-9

    /// The items, with a finishing glue and forced break appended if the caller's lacked one.
    let items: [BreakItem]
    /// How many items the caller passed; positions at or past it map to `originalCount - 1`.
    let originalCount: Int
    /// `sumWidth[i]` is the total width of boxes and glue in `items[0..<i]`; penalties add nothing.
    let sumWidth: [Double]
    /// Total stretch of boxes and glue in `items[0..<i]`.
    let sumStretch: [Double]
    /// Total shrink of boxes and glue in `items[0..<i]`.
    let sumShrink: [Double]
    /// `nextBox[i]` is the first box at or after `i`, or `items.count`.
    let nextBox: [Int]
    /// Indices of legal breaks, ascending; the last one is the final forced break.
    let breakpoints: [Int]
    /// `firstBreak[i]` is the first legal break at or after `i` (`items.count` if none).
    let firstBreak: [Int]
    /// Like `firstBreak`, ignoring hyphenation breaks.
    let firstPlainBreak: [Int]

    /// Measures `original`, closing it with `BreakItem.paragraphEnd()` if it does not end in a forced break.
    init(_ original: [BreakItem]) {
        var items = original
        if !(items.last?.forcesBreak ?? false) {
            items.append(contentsOf: BreakItem.paragraphEnd())
        }
        let count = items.count
        self.items = items
        self.originalCount = original.count

        var sumWidth = [Double](repeating: 0, count: count + 1)
        var sumStretch = [Double](repeating: 0, count: count + 1)
        var sumShrink = [Double](repeating: 0, count: count + 1)
        for (index, item) in items.enumerated() {
            // A penalty's width is a hyphen that exists only if the line ends there,
            // so it never enters the running sums.
            let counts = item.kind != .penalty
            sumWidth[index + 1] = sumWidth[index] + (counts ? item.width : 0)
            sumStretch[index + 1] = sumStretch[index] + (counts ? item.stretch : 0)
            sumShrink[index + 1] = sumShrink[index] + (counts ? item.shrink : 0)
        }

        var nextBox = [Int](repeating: count, count: count + 1)
        var nextForced = [Int](repeating: count, count: count + 1)
        for index in stride(from: count - 1, through: 0, by: -1) {
            nextBox[index] = items[index].kind == .box ? index : nextBox[index + 1]
            nextForced[index] = items[index].forcesBreak ? index : nextForced[index + 1]
        }

        var breakpoints: [Int] = []
        for (index, item) in items.enumerated() {
            let legal: Bool
            switch item.kind {
            case .box:
                legal = false
            case .glue:
                // TeX: glue is a breakpoint only right after a box, so a run of spaces
                // offers one break and a tie (penalty 10000 before the glue) offers none.
                legal = index > 0 && items[index - 1].kind == .box
            case .penalty:
                legal = item.penalty < BreakItem.forbiddenBreak
            }
            guard legal else { continue }
            // A non-forced break whose discarded run (up to the next box) holds a forced
            // break would leave an empty line before it; the forced break itself is the
            // same place to break. This also rules out breaking at the finishing glue.
            if !item.forcesBreak, nextForced[index + 1] < nextBox[index + 1] { continue }
            breakpoints.append(index)
        }

        var firstBreak = [Int](repeating: count, count: count + 1)
        var firstPlainBreak = [Int](repeating: count, count: count + 1)
        var cursor = breakpoints.count - 1
        for index in stride(from: count - 1, through: 0, by: -1) {
            firstBreak[index] = firstBreak[index + 1]
            firstPlainBreak[index] = firstPlainBreak[index + 1]
            if cursor >= 0, breakpoints[cursor] == index {
                cursor -= 1
                firstBreak[index] = index
                if !items[index].isHyphenBreak { firstPlainBreak[index] = index }
            }
        }

        self.sumWidth = sumWidth
        self.sumStretch = sumStretch
        self.sumShrink = sumShrink
        self.nextBox = nextBox
        self.breakpoints = breakpoints
        self.firstBreak = firstBreak
        self.firstPlainBreak = firstPlainBreak
    }

    /// The first item set on the line after a break at `position` (-1 for the paragraph start).
    ///
    /// TeX discards glue and penalties after a break up to the next box; nothing is
    /// discarded at the very start of the paragraph (an indent glue stays).
    @inline(__always)
    func lineStart(after position: Int) -> Int {
        position < 0 ? 0 : nextBox[position + 1]
    }

    /// The position the caller sees for an internal break position.
    @inline(__always)
    func callerPosition(_ position: Int) -> Int {
        min(position, originalCount - 1)
    }

    /// How the line from item `start` to the break at `end` fits in `width`.
    ///
    /// `background` is extra stretch counted for badness only (TeX's emergency
    /// stretch); the returned `ratio` is always the real one without it.
    @inline(__always)
    func fit(from start: Int, to end: Int, width: Double, background: Double, uncapped: Bool = false) -> LineFit {
        let badness = uncapped ? uncappedBadness : cappedBadness
        let natural = sumWidth[end] - sumWidth[start]
        let stretch = sumStretch[end] - sumStretch[start]
        let shrink = sumShrink[end] - sumShrink[start]
        // Lines only grow as the break moves right (assuming width - shrink >= 0 per
        // item), so once the line is too long without the hyphen no later break helps.
        if natural - shrink > width + MeasuredParagraph.epsilon { return .overfullFromHereOn }
        let item = items[end]
        let total = natural + (item.kind == .penalty ? item.width : 0)
        let excess = total - width
        if excess < -MeasuredParagraph.epsilon {
            let available = stretch + background
            let badnessRatio = available > 0 ? -excess / available : Double.infinity
            let ratio = stretch > 0 ? -excess / stretch : 0
            return .fits(ratio: ratio, badnessRatio: badnessRatio, badness: badness(badnessRatio))
        }
        if excess > MeasuredParagraph.epsilon {
            // Only the hyphen's width pushes the line over: later breaks may still fit.
            if excess > shrink + MeasuredParagraph.epsilon { return .overfull }
            let ratio = max(-excess / shrink, -1)
            return .fits(ratio: ratio, badnessRatio: ratio, badness: badness(ratio))
        }
        return .fits(ratio: 0, badnessRatio: 0, badness: 0)
    }
}

/// The outcome of measuring one candidate line.
enum LineFit {
    /// Too long even at full shrink, and every later break would be too.
    case overfullFromHereOn
    /// Too long at full shrink because of the break's own width (a hyphen).
    case overfull
    /// Feasible as far as shrinking goes; `badness` may still exceed a tolerance.
    case fits(ratio: Double, badnessRatio: Double, badness: Double)
}

@inline(__always)
func cappedBadness(_ ratio: Double) -> Double { badness(ratio) }

/// 100·|r|³ without TeX's cap. An underfull line with nothing to stretch (one word alone)
/// counts as r = 100: worse than any line that can be stretched at all.
@inline(__always)
func uncappedBadness(_ ratio: Double) -> Double {
    let magnitude = abs(ratio)
    guard magnitude.isFinite else { return 100_000_000 }
    return 100 * magnitude * magnitude * magnitude
}

/// TeX's badness, 100·|r|³, capped at 10000 ("infinitely bad").
@inline(__always)
func badness(_ ratio: Double) -> Double {
    let magnitude = abs(ratio)
    guard magnitude.isFinite else { return 10_000 }
    return min(100 * magnitude * magnitude * magnitude, 10_000)
}
