/// First-fit (greedy), for comparison and tests: fills each line as full as it can go.
///
/// Like simple engines, it allows shrink but never looks ahead: each line takes the
/// last break at which it still fits at full shrink, hyphenation breaks included; forced breaks are honoured, forbidden ones never taken. A word
/// wider than the line is set alone on an overfull line. The pass is `.overfull` if
/// some line is overfull, otherwise `.tolerance` (greedy ignores badness limits).
public func breakGreedy(_ items: [BreakItem], lineWidth: (Int) -> Double) -> BreakResult {
    guard !items.isEmpty else { return BreakResult(breaks: [], pass: .tolerance) }
    let paragraph = MeasuredParagraph(items)
    let breakpoints = paragraph.breakpoints
    var breaks: [LineBreak] = []
    var anyOverfull = false
    var previous = -1
    var next = 0

    while next < breakpoints.count {
        let start = paragraph.lineStart(after: previous)
        let width = lineWidth(breaks.count)
        let choice = greedyLine(in: paragraph, from: start, firstCandidate: next, width: width)
        anyOverfull = anyOverfull || choice.overfull
        let position = breakpoints[choice.slot]
        breaks.append(LineBreak(position: paragraph.callerPosition(position), ratio: choice.ratio,
                                hyphenated: paragraph.items[position].isHyphenBreak))
        previous = position
        next = choice.slot + 1
    }
    return BreakResult(breaks: breaks, pass: anyOverfull ? .overfull : .tolerance)
}

/// The break a greedy engine takes for one line.
private struct GreedyChoice {
    /// Index into `breakpoints`.
    var slot: Int
    var ratio: Double
    var overfull: Bool
}

/// Scans breaks from `firstCandidate` and returns the furthest one the line starting at `start` can reach.
private func greedyLine(in paragraph: MeasuredParagraph, from start: Int, firstCandidate: Int,
                        width: Double) -> GreedyChoice {
    let breakpoints = paragraph.breakpoints
    var lastFit: GreedyChoice?
    var shortest: Int?
    for slot in firstCandidate..<breakpoints.count {
        let position = breakpoints[slot]
        let forced = paragraph.items[position].forcesBreak
        if start > position {
            // Only discarded items so far: an empty line is taken only when forced.
            if forced { return GreedyChoice(slot: slot, ratio: 0, overfull: false) }
            continue
        }
        if shortest == nil { shortest = slot }
        switch paragraph.fit(from: start, to: position, width: width, background: 0) {
        case .overfullFromHereOn:
            return lastFit ?? GreedyChoice(slot: shortest ?? slot, ratio: -1, overfull: true)
        case .overfull:
            if forced { return lastFit ?? GreedyChoice(slot: slot, ratio: -1, overfull: true) }
        case let .fits(ratio, _, _):
            let choice = GreedyChoice(slot: slot, ratio: ratio, overfull: false)
            if forced { return choice }
            lastFit = choice
        }
    }
    // Unreachable: the last breakpoint is a forced break. Take the final one anyway.
    return lastFit ?? GreedyChoice(slot: breakpoints.count - 1, ratio: 0, overfull: false)
}
