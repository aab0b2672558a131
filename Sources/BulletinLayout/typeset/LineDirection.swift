/// Right-to-left text (Arabic, Hebrew, Persian, Urdu) on a line: the order its words are seen in.
///
/// A paragraph is set in its logical order, the order it is read, and each word is shaped by
/// Pango in its own direction. A paragraph whose first letter is right-to-left (Unicode's rule
/// for a paragraph's direction) runs from the right: its lines start at the right edge, its
/// first-line indent and its last line's white are on the left and its words go leftwards.
/// Words of the other direction inside a line (a Latin name in Arabic, an Arabic name in an
/// English byline, a number) keep their own order as a group: the Unicode bidirectional
/// algorithm's reordering (rule L2), at the level of words, which is what lines are made of.
///
/// Fragments stay in logical order in the line (they are drawn, tagged and extracted in it);
/// only their places change.
enum LineDirection {
    /// How a word takes part in the order of a line.
    enum Kind: Equatable {
        case leftToRight, rightToLeft, number, neutral
    }

    /// Whether `scalar` is a letter of a right-to-left script: Hebrew, Arabic, Syriac, Thaana,
    /// N'Ko and their presentation forms, and the historic scripts of the supplementary planes.
    static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        guard v >= 0x590 else { return false }
        return v <= 0x8FF || (0xFB1D...0xFDFF).contains(v) || (0xFE70...0xFEFF).contains(v)
            || (0x10800...0x10FFF).contains(v) || (0x1E800...0x1EFFF).contains(v)
    }

    /// The kind of a word: that of its first strong letter; digits make a number; else neutral.
    static func kind(of text: String) -> Kind {
        var digits = false
        for scalar in text.unicodeScalars {
            if isRightToLeft(scalar) {
                // Arabic-Indic digits are numbers, not letters.
                if (0x660...0x669).contains(scalar.value) || (0x6F0...0x6F9).contains(scalar.value) { digits = true; continue }
                return .rightToLeft
            }
            if scalar.properties.numericType != nil { digits = true; continue }
            if scalar.properties.isAlphabetic { return .leftToRight }
        }
        return digits ? .number : .neutral
    }

    /// Whether any of `runs` holds right-to-left letters: only then does a line need more than
    /// its logical order.
    static func needed(_ runs: [StyledRun]) -> Bool {
        // Right-to-left letters are U+0590 or above: in UTF-8, bytes of 0xD6 or above. Most
        // text has none, and is not looked at letter by letter.
        runs.contains { run in run.text.utf8.contains { $0 >= 0xD6 } && run.text.unicodeScalars.contains(where: isRightToLeft) }
    }

    /// Whether the paragraph runs from the right: its first strong letter is right-to-left.
    static func runsFromRight(_ runs: [StyledRun]) -> Bool {
        for run in runs {
            for scalar in run.text.unicodeScalars {
                if isRightToLeft(scalar) { return true }
                if scalar.properties.isAlphabetic { return false }
            }
        }
        return false
    }

    /// Each word's embedding level (0 left-to-right, 1 right-to-left, 2 left-to-right inside
    /// right-to-left): numbers go with the paragraph's left-to-right words, or as a group of
    /// their own in a right-to-left paragraph; neutral words (a dash, a quotation mark) take the
    /// direction of the words on both sides when they agree, else the paragraph's.
    static func levels(_ kinds: [Kind], fromRight: Bool) -> [Int] {
        let base = fromRight ? 1 : 0
        func strong(_ kind: Kind) -> Int? {
            switch kind {
            case .rightToLeft: return 1
            case .leftToRight: return fromRight ? 2 : 0
            case .number: return fromRight ? 2 : nil
            case .neutral: return nil
            }
        }
        var levels = kinds.map { strong($0) ?? -1 }
        var i = 0
        while i < levels.count {
            guard levels[i] < 0 else { i += 1; continue }
            var j = i
            while j < levels.count, levels[j] < 0 { j += 1 }
            let before = i > 0 ? levels[i - 1] : base
            let after = j < levels.count ? levels[j] : base
            // Between two words of one direction a neutral goes with them; else with the paragraph.
            let level = (before % 2 == after % 2) ? min(before, after) : base
            for k in i..<j { levels[k] = level }
            i = j
        }
        return levels
    }

    /// The logical indices in the order they are seen, left to right (rule L2: from the highest
    /// level down to the lowest odd one, every run at that level or higher is reversed).
    static func visualOrder(_ levels: [Int]) -> [Int] {
        var order = Array(levels.indices)
        guard let highest = levels.max(), let lowestOdd = levels.filter({ $0 % 2 == 1 }).min() else { return order }
        var level = highest
        while level >= lowestOdd {
            var i = 0
            while i < order.count {
                guard levels[order[i]] >= level else { i += 1; continue }
                var j = i
                while j < order.count, levels[order[j]] >= level { j += 1 }
                order[i..<j].reverse()
                i = j
            }
            level -= 1
        }
        return order
    }

    /// Moves the fragments of a line set left to right in `measure` to the places their
    /// direction gives them. A paragraph from the right is mirrored in the measure (what was set
    /// flush left is flush right); the gaps between words stay those between the same words,
    /// or, where reordering made new neighbours, the ones it left over, in order.
    static func place(_ fragments: inout [Fragment], measure: Double, fromRight: Bool) {
        guard !fragments.isEmpty else { return }
        let levels = levels(fragments.map { kind(of: $0.text) }, fromRight: fromRight)
        guard fromRight || levels.contains(where: { $0 > 0 }) else { return }
        let order = visualOrder(levels)
        var start = fragments.map(\.x).min() ?? 0
        let end = fragments.map { $0.x + $0.width }.max() ?? 0
        if fromRight { start = measure - end }
        // The logical gaps: after fragment i, before i + 1.
        let gaps = (0..<(fragments.count - 1)).map { fragments[$0 + 1].x - (fragments[$0].x + fragments[$0].width) }
        var used = [Bool](repeating: false, count: gaps.count)
        var visualGaps: [Double?] = []
        for (a, b) in zip(order, order.dropFirst()) {
            if abs(a - b) == 1 {
                used[min(a, b)] = true
                visualGaps.append(gaps[min(a, b)])
            } else {
                visualGaps.append(nil)
            }
        }
        var spare = gaps.indices.filter { !used[$0] }.map { gaps[$0] }.makeIterator()
        var x = start
        for (position, index) in order.enumerated() {
            fragments[index].x = x
            x += fragments[index].width
            if position < visualGaps.count { x += visualGaps[position] ?? spare.next() ?? 0 }
        }
    }
}
