/// One unit of a story's body as the column flow sees it: a line, a picture, a table (or rows of
/// one), or vertical space.
struct ColumnElement {
    enum Content {
        /// A line of the block (paragraph, subhead, list item) that starts at element `block`.
        case line(TypesetLine, kind: TextKind, block: Int)
        /// Space before a subhead or around a quote; dropped at the top of a column.
        case space
        /// Lines kept together between two rules (a pull quote), `leading` apart, starting
        /// `offset` below the element's top.
        case framed([TypesetLine], kind: TextKind, leading: Double, offset: Double, rule: Double)
        /// A rule `width` long on the middle of the element, from its inset: a thematic break,
        /// and the line over a story's notes.
        case rule(width: Double, thickness: Double)
        /// A picture with its caption, one column wide.
        case figure(Figure)
        /// A table within the column, or some of its rows: one under another.
        case table([TableRow])
    }

    /// Whether a column may end after this element.
    enum BreakAfter: Comparable {
        /// Never: a subhead stays with what follows.
        case never
        /// Only if the column cannot otherwise be filled: it would leave a widow or an orphan.
        case avoid
        /// After a line that ends in a hyphen (TeX's `\brokenpenalty`), or after or before one
        /// that stops short of the measure (at a column's foot or head it would read as a
        /// paragraph's end): taken only where the column would otherwise end more than a line higher.
        case weak
        case allowed
    }

    var content: Content
    /// A whole number of grid lines, so what follows stays on the grid.
    var height: Double
    /// From the top of the element's slot to the baseline of its line.
    var baseline: Double
    /// Left edge relative to the column.
    var inset: Double
    var breakAfter: BreakAfter

    var isSpace: Bool { if case .space = content { return true } else { return false } }

    /// A line that ends in a hyphen.
    var endsInHyphen: Bool { if case .line(let line, _, _) = content { return line.endsInHyphen } else { return false } }
}

extension ColumnElement {
    /// Where a pull quote may stand in a story's body: after a plain paragraph's last line,
    /// where a column may end (not inside a list or a quote, where it would cut in).
    static func paragraphEnds(in elements: [ColumnElement]) -> [Int] {
        func block(_ index: Int) -> Int? {
            if case .line(_, .body, let block) = elements[index].content { return block } else { return nil }
        }
        return elements.indices.filter { i in
            guard let this = block(i), elements[i].breakAfter == .allowed else { return false }
            guard i + 1 < elements.count else { return true }
            if case .line(_, let kind, _) = elements[i + 1].content, kind != .body, kind != .subhead { return false }
            return block(i + 1) != this
        }
    }

    var isPullQuote: Bool { if case .framed(_, .pullQuote, _, _, _) = content { return true } else { return false } }

    /// A table or a picture set whole, which the text after it may pass where it does not fit
    /// the room a column has left (`Distributor.flow`). A row of a table split between columns
    /// is none: its last row, which a column may end after, would go down alone.
    var isFloat: Bool {
        switch content {
        case .figure: return true
        case .table(let rows): return rows.first?.isFirst == true && breakAfter == .allowed
        default: return false
        }
    }

    /// `elements` with the element at `index` (a pull quote, a table, a picture), and the spaces
    /// around it, moved after the next paragraph's end that more text follows, and where the
    /// element is then; nil where none does (it would end the story alone).
    static func movingDown(at index: Int, in elements: [ColumnElement]) -> (elements: [ColumnElement], index: Int)? {
        var start = index, end = index + 1
        if start > 0, elements[start - 1].isSpace { start -= 1 }
        if end < elements.count, elements[end].isSpace { end += 1 }
        let group = Array(elements[start..<end])
        var rest = elements
        rest.removeSubrange(start..<end)
        guard let last = rest.lastIndex(where: { !$0.isSpace }),
              let target = paragraphEnds(in: rest).first(where: { $0 >= start && $0 < last }) else { return nil }
        rest.insert(contentsOf: group, at: target + 1)
        return (rest, target + 1 + (index - start))
    }
}
