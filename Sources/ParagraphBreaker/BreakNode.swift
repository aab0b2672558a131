/// TeX's four fitness classes; adjacent lines more than one class apart look uneven.
enum FitnessClass: Int {
    case veryLoose = 0
    case loose = 1
    case decent = 2
    case tight = 3

    /// The class of a line set with adjustment ratio `ratio` (TeX's thresholds on badness 99/12).
    init(ratio: Double) {
        if ratio > 1 {
            self = .veryLoose
        } else if ratio > 0.5 {
            self = .loose
        } else if ratio >= -0.5 {
            self = .decent
        } else {
            self = .tight
        }
    }
}

/// A feasible break reached by some chain of lines: one node of the search graph.
///
/// Nodes live in one flat array and point back to their predecessor by index, so
/// the best chain is read off by walking `previous` from the final node.
struct BreakNode {
    /// Index of the break item; -1 for the paragraph start.
    var position: Int
    /// Index of the line that starts after this break; lines past the last
    /// differing width share one value so their nodes merge (TeX's `easy_line`).
    var line: Int
    /// Fitness class of the line ending here.
    var fitness: FitnessClass
    /// Hyphenated lines in a row ending here (0 if this line is not hyphenated).
    var hyphens: Int
    /// Total demerits of the best chain from the start to here.
    var demerits: Double
    /// Index of the predecessor node, or -1.
    var previous: Int
    /// Real adjustment ratio of the line ending here.
    var ratio: Double
}

/// The best way found so far to reach the current breakpoint in one (line, hyphens, fitness) state.
struct BreakCandidate {
    var line: Int
    var hyphens: Int
    var fitness: FitnessClass
    var demerits: Double
    var previous: Int
    var ratio: Double
}
