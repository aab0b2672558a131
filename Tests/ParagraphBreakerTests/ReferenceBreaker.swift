import ParagraphBreaker

/// A slow, independent model of the cost rules: measures lines by plain summation
/// and finds the optimum by trying every chain of breaks.
///
/// Only for small paragraphs; used to check the real search and its pruning.
struct ReferenceBreaker {
    let items: [BreakItem]
    let lineWidth: (Int) -> Double
    let parameters: BreakParameters
    /// Maximum badness per line.
    let threshold: Double
    let allowsHyphens: Bool
    /// Extra stretch counted for badness (emergency pass).
    let background: Double

    /// Legal breaks: glue after a box, penalties below 10000, minus non-forced breaks
    /// whose discarded run reaches a forced break. Expects `items` to end with a forced break.
    var breakpoints: [Int] {
        items.indices.filter { index in
            let item = items[index]
            switch item.kind {
            case .box: return false
            case .glue: if index == 0 || items[index - 1].kind != .box { return false }
            case .penalty: if item.penalty >= 10_000 { return false }
            }
            if item.forcesBreak { return true }
            var next = index + 1
            while next < items.count, items[next].kind != .box {
                if items[next].forcesBreak { return false }
                next += 1
            }
            return true
        }
    }

    /// The start of the line after a break at `position`.
    func lineStart(after position: Int) -> Int {
        guard position >= 0 else { return 0 }
        var start = position + 1
        while start < items.count, items[start].kind != .box { start += 1 }
        return start
    }

    /// Whether `item` is a hyphenation break.
    func isHyphen(_ item: BreakItem) -> Bool { item.kind == .penalty && item.flagged && !item.forcesBreak }

    /// One line's demerits and fitness, or nil if the line is infeasible.
    func line(from previous: Int, to position: Int, lineIndex: Int, previousFitness: Int,
              previousHyphens: Int) -> (demerits: Double, fitness: Int)? {
        let item = items[position]
        let hyphen = isHyphen(item)
        if hyphen && (!allowsHyphens || previousHyphens >= parameters.maxConsecutiveHyphens) { return nil }
        let start = lineStart(after: previous)
        var badness = 0.0
        var fitness = 2
        if start > position {
            guard item.forcesBreak else { return nil }
        } else {
            var natural = 0.0, stretch = 0.0, shrink = 0.0
            for inner in start..<position where items[inner].kind != .penalty {
                natural += items[inner].width
                stretch += items[inner].stretch
                shrink += items[inner].shrink
            }
            if item.kind == .penalty { natural += item.width }
            let width = lineWidth(lineIndex)
            var ratio = 0.0
            if natural < width - 1e-9 {
                ratio = stretch + background > 0 ? (width - natural) / (stretch + background) : .infinity
            } else if natural > width + 1e-9 {
                guard shrink > 0, natural - shrink <= width + 1e-9 else { return nil }
                ratio = max((width - natural) / shrink, -1)
            }
            badness = ratio.isFinite ? min(100 * abs(ratio * ratio * ratio), 10_000) : 10_000
            if badness > threshold { return nil }
            fitness = ratio > 1 ? 0 : ratio > 0.5 ? 1 : ratio >= -0.5 ? 2 : 3
        }
        let base = parameters.linePenalty + badness
        var demerits = abs(base) >= 10_000 ? 1e8 : base * base
        if item.kind == .penalty {
            if item.penalty > 0 {
                demerits += item.penalty * item.penalty
            } else if item.penalty > -10_000 {
                demerits -= item.penalty * item.penalty
            }
        }
        if previousHyphens > 0 {
            if position == items.count - 1 {
                demerits += parameters.finalHyphenDemerits
            } else if hyphen {
                demerits += parameters.doubleHyphenDemerits
            }
        }
        if abs(fitness - previousFitness) > 1 { demerits += parameters.adjacentDemerits }
        return (demerits, fitness)
    }

    /// The smallest total demerits over all feasible chains, or nil if there is none.
    func optimum() -> Double? {
        let points = breakpoints
        var best: Double?
        func extend(from slot: Int, position: Int, lineIndex: Int, fitness: Int, hyphens: Int, total: Double) {
            for next in slot..<points.count {
                let candidate = points[next]
                if let cost = line(from: position, to: candidate, lineIndex: lineIndex,
                                   previousFitness: fitness, previousHyphens: hyphens) {
                    let sum = total + cost.demerits
                    if candidate == items.count - 1 {
                        if best.map({ sum < $0 }) ?? true { best = sum }
                    } else {
                        extend(from: next + 1, position: candidate, lineIndex: lineIndex + 1,
                               fitness: cost.fitness, hyphens: isHyphen(items[candidate]) ? hyphens + 1 : 0,
                               total: sum)
                    }
                }
                // No line may run past a forced break.
                if items[candidate].forcesBreak { return }
            }
        }
        extend(from: 0, position: -1, lineIndex: 0, fitness: 2, hyphens: 0, total: 0)
        return best
    }

    /// The total demerits of a given chain of breaks, or nil if some line is infeasible.
    func demerits(of breaks: [LineBreak]) -> Double? {
        var total = 0.0, position = -1, fitness = 2, hyphens = 0
        for (lineIndex, lineBreak) in breaks.enumerated() {
            guard let cost = line(from: position, to: lineBreak.position, lineIndex: lineIndex,
                                  previousFitness: fitness, previousHyphens: hyphens) else { return nil }
            total += cost.demerits
            fitness = cost.fitness
            hyphens = isHyphen(items[lineBreak.position]) ? hyphens + 1 : 0
            position = lineBreak.position
        }
        return total
    }
}
