// Knuth–Plass total-fit line breaking.
//
// The paragraph arrives as a list of boxes (words or word fragments), glue (spaces
// that can stretch and shrink) and penalties (places where a break is allowed at a
// cost, e.g. a hyphenation point). A line may end at glue that directly follows a
// box, or at any penalty below 10000; a penalty of -10000 or less must end a line.
// After a break, glue and penalties up to the next box are thrown away, so every
// line after the first starts with a box.
//
// For a candidate line we know its natural width, its total stretch and its total
// shrink (prefix sums make each of these one subtraction). Comparing the natural
// width with the line's measure gives the adjustment ratio r: the fraction of the
// available stretch (r > 0) or shrink (r < 0) the line needs. A line with r < -1
// cannot be set without sticking out, so it is infeasible. Otherwise its badness is
// 100·|r|³, capped at 10000, and its cost ("demerits") is (linePenalty + badness)²,
// plus the square of the break's penalty, plus extra demerits for two hyphenated
// lines in a row, a hyphen on the second-last line, and neighbouring lines whose
// looseness differs visibly (their fitness classes — very loose, loose, decent,
// tight — are more than one apart).
//
// Total fit picks the set of breaks with the smallest total demerits. That is a
// shortest path through the breakpoints, found in one left-to-right sweep. Each
// feasible break becomes a node recording the best way to reach it; the nodes still
// able to start a line are "active". At every breakpoint we measure the line from
// each active node to it: a line too long even at full shrink retires the node for
// good (later lines from it are longer still), a line too loose for the tolerance
// is skipped, and a good line offers the breakpoint a new node. Because the cost of
// the next line depends on the previous line's fitness class, on whether it was
// hyphenated, on how many hyphenated lines came before (the hard limit on
// consecutive hyphens), and on which line number it is when line widths differ,
// a breakpoint keeps one best node per combination of those. Following the
// predecessor links back from the best node at the end yields the breaks. The work
// is proportional to the number of breakpoints times the number of active nodes,
// which for a narrow column stays small.
//
// Like TeX, the breaker tries passes from strict to lenient and stops at the first
// that finds a solution: without hyphenation under `pretolerance`; with hyphenation
// under `tolerance`; with `emergencyStretch` added to every line when judging
// badness (the reported ratios stay the real ones the renderer must apply); and as
// a last resort accepting any underfull line, letting a line be overfull only when
// it cannot be shortened at all (a single word wider than the line).

/// The most breakpoints (words and hyphenation points) of a paragraph asked for looseness whose
/// least-loose and last-resort passes still keep exact line counts: some 20 lines of a narrow
/// column, a few milliseconds of search.
let exactCountLimit = 150

/// The most breakpoints of a paragraph that is set a line looser or tighter when asked (some
/// 700 words): a longer one is set as it best is. Its passes within tolerance weigh the line
/// counts the tolerance allows, which grow with the paragraph, and the work with their product
/// (a 7,500-word paragraph took 0.9 s in the tabloid's columns).
let loosenessLimit = 1000

/// Total-fit: chooses all breaks of the paragraph at once.
///
/// - Parameters:
///   - items: the paragraph, conventionally ending with `BreakItem.paragraphEnd()`
///     (finishing glue and a forced break); if it does not end with a forced break,
///     one is assumed after the last item.
///   - lineWidth: the measure of line 0, 1, 2…; called once for every line index up
///     to the number of possible breaks, before the search starts.
///   - parameters: TeX-like knobs.
/// - Returns: one break per line and the pass that found them. An empty `items`
///   gives no lines.
public func breakParagraph(_ items: [BreakItem], lineWidth: (Int) -> Double,
                           parameters: BreakParameters = .init()) -> BreakResult {
    guard !items.isEmpty else {
        return BreakResult(breaks: [], pass: parameters.pretolerance >= 0 ? .pretolerance : .tolerance)
    }
    let paragraph = MeasuredParagraph(items)
    var parameters = parameters
    if paragraph.breakpoints.count > loosenessLimit { parameters.looseness = 0 }
    // TeX keeps exact line numbers only where widths differ, or when looseness needs them.
    let widths = LineWidths(lineCount: paragraph.breakpoints.count,
                            merging: parameters.looseness == 0, lineWidth)
    var search = TotalFitSearch(paragraph: paragraph, widths: widths, parameters: parameters)
    // The passes that take any underfull line, for a paragraph asked to be looser or tighter:
    // with exact line numbers they weigh every line count the paragraph could have, work that
    // grows with the cube of its length (a 3,000-word paragraph in a narrow column took nine
    // minutes). A paragraph longer than `exactCountLimit` breakpoints looks for its best
    // setting whatever its count there, as without looseness.
    let countsTooMany = parameters.looseness != 0 && paragraph.breakpoints.count > exactCountLimit
    lazy var anyCount: TotalFitSearch = {
        var plain = parameters
        plain.looseness = 0
        return TotalFitSearch(paragraph: paragraph, widths: LineWidths(lineCount: paragraph.breakpoints.count, merging: true, lineWidth),
                              parameters: plain)
    }()

    var passes: [PassSettings] = []
    if parameters.pretolerance >= 0 {
        passes.append(PassSettings(pass: .pretolerance, threshold: parameters.pretolerance,
                                   allowsHyphens: false, backgroundStretch: 0, allowsOverfull: false))
    }
    passes.append(PassSettings(pass: .tolerance, threshold: parameters.tolerance,
                               allowsHyphens: true, backgroundStretch: 0, allowsOverfull: false))
    switch parameters.emergencyPass {
    case .emergencyStretch where parameters.emergencyStretch > 0:
        passes.append(PassSettings(pass: .emergency, threshold: parameters.tolerance,
                                   allowsHyphens: true, backgroundStretch: parameters.emergencyStretch,
                                   allowsOverfull: false))
    case .leastLoose:
        passes.append(PassSettings(pass: .emergency, threshold: .infinity, allowsHyphens: true,
                                   backgroundStretch: 0, allowsOverfull: false, uncapped: true))
    default:
        break
    }

    // With looseness, TeX goes on to the next pass while the requested line count is
    // not met, and settles for the closest count of the last pass that succeeded.
    var fallback: BreakResult?
    for settings in passes {
        // The least-loose pass weighs every line however loose, which for a line count means
        // every chain of the paragraph: a looser or tighter setting is a wish, not worth that
        // search once a pass has found the paragraph a setting.
        if fallback != nil, settings.threshold == .infinity { break }
        if countsTooMany, settings.threshold == .infinity {
            guard let solution = anyCount.run(settings) else { continue }
            return BreakResult(breaks: anyCount.breaks(endingAt: solution.node), pass: settings.pass)
        }
        guard let solution = search.run(settings) else { continue }
        let result = BreakResult(breaks: search.breaks(endingAt: solution.node), pass: settings.pass)
        if solution.meetsLooseness { return result }
        fallback = result
    }
    if let fallback { return fallback }

    let lastResort = PassSettings(pass: .overfull, threshold: .infinity, allowsHyphens: true,
                                  backgroundStretch: max(parameters.emergencyStretch, 0),
                                  allowsOverfull: true)
    if countsTooMany {
        if let solution = anyCount.run(lastResort) { return BreakResult(breaks: anyCount.breaks(endingAt: solution.node), pass: .overfull) }
    } else if let solution = search.run(lastResort) {
        return BreakResult(breaks: search.breaks(endingAt: solution.node), pass: .overfull)
    }
    // The last resort always reaches the end (each node may take its shortest line,
    // overfull or not); this is only a guard against a broken invariant.
    return BreakResult(breaks: breakGreedy(items, lineWidth: lineWidth).breaks, pass: .overfull)
}
