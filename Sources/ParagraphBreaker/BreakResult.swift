/// Where one line ends and how much its spaces must stretch or shrink.
public struct LineBreak: Sendable, Equatable {
    /// Index into the items of the break (glue or penalty), or `items.count - 1` for the final break.
    public var position: Int
    /// Adjustment ratio of the line that ends here: `> 0` stretched, `< 0` shrunk, never below -1.
    ///
    /// This is the ratio the renderer applies: every item on the line grows by
    /// `ratio × stretch` (or shrinks by `-ratio × shrink`). It is 0 for an
    /// underfull line with no stretch at all, and -1 for an overfull line. The last
    /// line's ratio includes the finishing glue's huge stretch, so it is tiny: its
    /// spaces stay at natural width and the finishing glue takes up the rest.
    public var ratio: Double
    /// The line ends at a flagged (hyphenation) penalty, so it must show the hyphen.
    public var hyphenated: Bool

    /// Creates a line break.
    public init(position: Int, ratio: Double, hyphenated: Bool) {
        self.position = position
        self.ratio = ratio
        self.hyphenated = hyphenated
    }
}

/// The pass of the line breaker that produced a result, from strictest to most lenient.
public enum BreakPass: Sendable, Equatable {
    /// Badness within `pretolerance`, no hyphenation breaks.
    case pretolerance
    /// Badness within `tolerance`, hyphenation allowed.
    case tolerance
    /// Badness within `tolerance` once each line is granted `emergencyStretch`.
    case emergency
    /// Last resort: any badness; a line is overfull only where it cannot be avoided.
    case overfull
}

/// The lines chosen for a paragraph.
public struct BreakResult: Sendable, Equatable {
    /// One break per line, in order.
    public var breaks: [LineBreak]
    /// The pass that produced the breaks.
    public var pass: BreakPass

    /// Creates a result.
    public init(breaks: [LineBreak], pass: BreakPass) {
        self.breaks = breaks
        self.pass = pass
    }
}

extension BreakResult {
    /// The item range each line sets, after TeX's discarding at line starts.
    ///
    /// A line starts at the first box after the previous break (the first line at
    /// item 0) and runs up to, but not including, its break item. A hyphenated line
    /// must additionally show its penalty (the hyphen, `items[position]`); the final
    /// line's range ends before the final forced penalty, so it holds the finishing
    /// glue. An empty line (two forced breaks with nothing between) has an empty range.
    public func lineRanges(in items: [BreakItem]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(breaks.count)
        var start = 0
        for (index, lineBreak) in breaks.enumerated() {
            var end = min(max(lineBreak.position, 0), items.count)
            // Without a closing forced penalty the final "break" is the last item itself,
            // which is then part of the line.
            if index == breaks.count - 1, end == items.count - 1, !items[end].forcesBreak {
                end = items.count
            }
            ranges.append(min(start, end)..<end)
            start = end + 1
            while start < items.count, items[start].kind != .box { start += 1 }
        }
        return ranges
    }
}
