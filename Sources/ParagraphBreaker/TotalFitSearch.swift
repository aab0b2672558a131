/// What one pass of the total-fit search accepts.
struct PassSettings {
    /// The pass reported if this one succeeds.
    var pass: BreakPass
    /// Maximum badness of a line; `.infinity` accepts any underfull line.
    var threshold: Double
    /// Whether flagged (hyphenation) penalties may be breaks.
    var allowsHyphens: Bool
    /// Extra stretch per line counted for badness only.
    var backgroundStretch: Double
    /// Whether a line that cannot be shortened may be overfull.
    var allowsOverfull: Bool
    /// Badness grows without bound (100·r³) instead of stopping at 10000.
    var uncapped: Bool = false
}

/// The best final node of a pass, and whether it has the requested looseness.
struct SearchSolution {
    var node: Int
    var meetsLooseness: Bool
}

/// The Knuth–Plass shortest-path search over breakpoints, reusable across passes.
///
/// Buffers are kept between passes so a paragraph allocates them once.
struct TotalFitSearch {
    /// Added per overfull line in the last-resort pass: far above any sum of
    /// capped line demerits (1e8 each), so a chain with fewer overfull lines always wins.
    static let overfullDemerits = 1e13

    let paragraph: MeasuredParagraph
    let widths: LineWidths
    let parameters: BreakParameters
    private(set) var nodes: [BreakNode] = []
    private var active: [Int] = []
    private var candidates: [BreakCandidate] = []

    init(paragraph: MeasuredParagraph, widths: LineWidths, parameters: BreakParameters) {
        self.paragraph = paragraph
        self.widths = widths
        self.parameters = parameters
        nodes.reserveCapacity(paragraph.breakpoints.count * 2 + 1)
    }

    /// Runs one pass; returns the best final node, or nil if the pass found no feasible chain.
    mutating func run(_ settings: PassSettings) -> SearchSolution? {
        nodes.removeAll(keepingCapacity: true)
        active.removeAll(keepingCapacity: true)
        nodes.append(BreakNode(position: -1, line: 0, fitness: .decent, hyphens: 0,
                               demerits: 0, previous: -1, ratio: 0))
        active.append(0)

        let maxHyphens = settings.allowsHyphens ? max(parameters.maxConsecutiveHyphens, 0) : 0
        let finalPosition = paragraph.items.count - 1

        for position in paragraph.breakpoints {
            let item = paragraph.items[position]
            let forced = item.forcesBreak
            let hyphen = item.isHyphenBreak
            if hyphen && maxHyphens == 0 { continue }

            candidates.removeAll(keepingCapacity: true)
            var kept = 0
            for slot in active.indices {
                let index = active[slot]
                let keep = consider(node: index, breakingAt: position, item: item, forced: forced,
                                    hyphen: hyphen, isFinal: position == finalPosition,
                                    maxHyphens: maxHyphens, settings: settings)
                if keep {
                    active[kept] = index
                    kept += 1
                }
            }
            active.removeLast(active.count - kept)
            addSurvivingCandidates(at: position)
            if active.isEmpty { return nil }
        }
        return bestFinalNode()
    }

    /// Tries the line from `index` to `position`; returns whether the node stays active.
    private mutating func consider(node index: Int, breakingAt position: Int, item: BreakItem,
                                   forced: Bool, hyphen: Bool, isFinal: Bool, maxHyphens: Int,
                                   settings: PassSettings) -> Bool {
        let node = nodes[index]
        let start = paragraph.lineStart(after: node.position)
        // TeX: after a forced break no line may span it, so every node retires here.
        let staysActive = !forced

        if start > position {
            // Nothing but discarded items between the two breaks. Only a forced break
            // may end such an empty line (two forced breaks in a row ask for one).
            if forced {
                record(from: index, node: node, badness: 0, fitness: .decent, ratio: 0,
                       item: item, hyphen: false, isFinal: isFinal, overfull: false)
            }
            return staysActive
        }
        let width = widths.width(of: node.line)
        // The hyphen limit is hard: this node simply cannot end its next line with a
        // hyphen. It stays active because a later, unhyphenated break may suit it. Only the
        // last resort goes past it, where every unhyphenated line from here runs out of the
        // column (a word wider than the column, already hyphenated as far as the limit).
        let pastLimit = hyphen && node.hyphens >= maxHyphens
        if pastLimit && !mayPassHyphenLimit(from: start, width: width, settings: settings) { return true }
        switch paragraph.fit(from: start, to: position, width: width,
                             background: settings.backgroundStretch, uncapped: settings.uncapped) {
        case .overfullFromHereOn:
            if settings.allowsOverfull,
               isShortestLine(from: start, to: position, node: node, maxHyphens: maxHyphens, settings: settings) {
                record(from: index, node: node, badness: 10_000, fitness: .tight, ratio: -1,
                       item: item, hyphen: hyphen, isFinal: isFinal, overfull: true)
            }
            // Pruning: every later line from this node is longer still.
            return false
        case .overfull:
            if settings.allowsOverfull,
               isShortestLine(from: start, to: position, node: node, maxHyphens: maxHyphens, settings: settings) {
                record(from: index, node: node, badness: 10_000, fitness: .tight, ratio: -1,
                       item: item, hyphen: hyphen, isFinal: isFinal, overfull: true)
            }
            return staysActive
        case let .fits(ratio, badnessRatio, lineBadness):
            // TeX: a line worse than the threshold is not a break, but the node stays
            // active, since a longer line from it may fit better.
            if lineBadness > settings.threshold { return staysActive }
            record(from: index, node: node, badness: lineBadness,
                   fitness: FitnessClass(ratio: badnessRatio), ratio: ratio,
                   item: item, hyphen: hyphen, isFinal: isFinal, overfull: false, uncapped: settings.uncapped)
            return staysActive
        }
    }

    /// Whether `position` is the first break this node may take, so no shorter line exists.
    @inline(__always)
    private func isShortestLine(from start: Int, to position: Int, node: BreakNode, maxHyphens: Int, settings: PassSettings) -> Bool {
        let mayHyphenate = node.hyphens < maxHyphens
            || mayPassHyphenLimit(from: start, width: widths.width(of: node.line), settings: settings)
        return position == (mayHyphenate ? paragraph.firstBreak[start] : paragraph.firstPlainBreak[start])
    }

    /// Whether a line from `start` may end on a hyphen past the limit of hyphens in a row: in
    /// the last resort (overfull lines allowed), when the limit allows hyphens at all and the
    /// shortest line from `start` without one is overfull.
    private func mayPassHyphenLimit(from start: Int, width: Double, settings: PassSettings) -> Bool {
        guard settings.allowsOverfull, settings.allowsHyphens, parameters.maxConsecutiveHyphens > 0 else { return false }
        let plain = paragraph.firstPlainBreak[start]
        guard plain < paragraph.items.count else { return false }
        switch paragraph.fit(from: start, to: plain, width: width, background: settings.backgroundStretch, uncapped: settings.uncapped) {
        case .overfull, .overfullFromHereOn: return true
        case .fits: return false
        }
    }

    /// Computes the demerits of a line and keeps it if it is the best for its state so far.
    @inline(__always)
    private mutating func record(from index: Int, node: BreakNode, badness lineBadness: Double,
                                 fitness: FitnessClass, ratio: Double, item: BreakItem,
                                 hyphen: Bool, isFinal: Bool, overfull: Bool, uncapped: Bool = false) {
        // TeX's demerits: (l + b)², capped so one awful line cannot overflow the sum
        // (uncapped in the least-loose pass, whose badness is unbounded by design).
        let base = parameters.linePenalty + lineBadness
        var demerits = abs(base) >= 10_000 && !uncapped ? 100_000_000 : base * base
        if item.kind == .penalty {
            let cost = item.penalty
            // A positive penalty adds its square, a negative one subtracts it; a forced
            // break costs nothing extra since it is not a choice.
            if cost > 0 {
                demerits += cost * cost
            } else if cost > BreakItem.forcedBreak {
                demerits -= cost * cost
            }
        }
        if node.hyphens > 0 {
            // TeX: a hyphen on the second-last line is worse than two hyphens in a row.
            if isFinal {
                demerits += parameters.finalHyphenDemerits
            } else if hyphen {
                demerits += parameters.doubleHyphenDemerits
            }
        }
        if abs(fitness.rawValue - node.fitness.rawValue) > 1 {
            demerits += abs(parameters.adjacentDemerits)
        }
        if overfull { demerits += TotalFitSearch.overfullDemerits }

        let candidate = BreakCandidate(line: widths.line(after: node.line),
                                       hyphens: hyphen ? node.hyphens + 1 : 0,
                                       fitness: fitness,
                                       demerits: node.demerits + demerits,
                                       previous: index,
                                       ratio: ratio)
        for slot in candidates.indices
        where candidates[slot].line == candidate.line
            && candidates[slot].hyphens == candidate.hyphens
            && candidates[slot].fitness == candidate.fitness {
            // Strictly better only, so ties keep the earliest chain: deterministic.
            if candidate.demerits < candidates[slot].demerits { candidates[slot] = candidate }
            return
        }
        candidates.append(candidate)
    }

    /// Turns this breakpoint's candidates into active nodes.
    ///
    /// TeX keeps a fitness class only if it is within `adjacentDemerits` of the best
    /// class: from there on the classes differ at most by that much, so a worse one
    /// can never win. Lines and hyphen counts change what may follow, so the
    /// comparison is made within each (line, hyphens) group only.
    private mutating func addSurvivingCandidates(at position: Int) {
        let slack = abs(parameters.adjacentDemerits)
        for candidate in candidates {
            var groupBest = candidate.demerits
            for other in candidates where other.line == candidate.line && other.hyphens == candidate.hyphens {
                groupBest = min(groupBest, other.demerits)
            }
            guard candidate.demerits <= groupBest + slack else { continue }
            nodes.append(BreakNode(position: position, line: candidate.line, fitness: candidate.fitness,
                                   hyphens: candidate.hyphens, demerits: candidate.demerits,
                                   previous: candidate.previous, ratio: candidate.ratio))
            active.append(nodes.count - 1)
        }
    }

    /// Picks the final node with the fewest demerits, honouring looseness like TeX.
    private func bestFinalNode() -> SearchSolution? {
        var best = -1
        for index in active where best < 0 || nodes[index].demerits < nodes[best].demerits {
            best = index
        }
        guard best >= 0 else { return nil }
        let looseness = parameters.looseness
        guard looseness != 0 else { return SearchSolution(node: best, meetsLooseness: true) }

        // TeX §875: move towards the requested number of extra (or fewer) lines as far
        // as feasible, preferring fewer demerits among equal line counts.
        let bestLine = nodes[best].line
        var actual = 0
        for index in active {
            let difference = nodes[index].line - bestLine
            if (difference < actual && looseness <= difference) || (difference > actual && looseness >= difference) {
                best = index
                actual = difference
            } else if difference == actual && nodes[index].demerits < nodes[best].demerits {
                best = index
            }
        }
        return SearchSolution(node: best, meetsLooseness: actual == looseness)
    }

    /// The breaks of the chain ending at `node`, in paragraph order.
    func breaks(endingAt node: Int) -> [LineBreak] {
        var breaks: [LineBreak] = []
        var index = node
        while index > 0 {
            let current = nodes[index]
            breaks.append(LineBreak(position: paragraph.callerPosition(current.position),
                                    ratio: current.ratio,
                                    hyphenated: paragraph.items[current.position].isHyphenBreak))
            index = current.previous
        }
        breaks.reverse()
        return breaks
    }
}
