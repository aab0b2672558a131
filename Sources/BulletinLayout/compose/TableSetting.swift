import BulletinModel

/// One row of a table set within a column: each cell's lines, at the cell's place across the
/// table; a whole number of grid lines tall, as tall as its tallest cell. A table no taller
/// than a picture may be is one column element, never split, like a picture; a taller one is
/// an element a row, split between rows (never inside one) where a column ends.
///
/// Cells are set in the box text's face and size (the byline's), on the body's leading, in the
/// body's colour; the header's cells in bold. Each column is as wide as its widest cell set on
/// one line, when the table fits the column so, and the columns of text (left-aligned) share
/// the room over, so that figures stand close together at the right; otherwise each keeps room
/// for its longest word and the columns share the rest as their text needs it, their cells'
/// text wrapping.
/// Rules in the layout's rule colour: one of the story's rule width above the table and below
/// it, half of it under the header, a quarter between rows.
struct TableRow {
    struct Cell {
        /// Left edge of the cell, from the table's left edge.
        var x: Double
        var lines: [TypesetLine]
    }

    var cells: [Cell]
    /// Whole grid lines; the first baselines `baseline` below the row's top.
    var height: Double
    var baseline: Double
    var leading: Double
    /// The table's width.
    var width: Double
    /// Thickness of the rule at the row's top, and at its foot; 0 for none.
    var ruleAbove: Double
    var ruleBelow: Double
    var ruleColour: Colour
    /// The table's first row, whose rule lies inside it; the others' lie on the line between rows.
    var isFirst: Bool

    /// Rows placed one under another from `x`, `top`; `block` numbers their text.
    static func place(_ rows: [TableRow], x: Double, top: Double, story: Int, column: Int, block: Int, measuring: Bool,
                      on page: inout Page) {
        var y = top
        for row in rows {
            row.place(x: x, top: y, story: story, column: column, block: block, measuring: measuring, on: &page)
            y += row.height
        }
    }

    /// The row placed with its top-left corner at `x`, `top`: its rules first, then its cells'
    /// text cell by cell, each cell's lines in order, so that text taken from the PDF reads the
    /// table row by row; `block` numbers the row's text for the PDF's tags. `measuring` leaves
    /// the text out.
    func place(x: Double, top: Double, story: Int, column: Int, block: Int, measuring: Bool, on page: inout Page) {
        if ruleAbove > 0 {
            let y = isFirst ? top + ruleAbove / 2 : top
            page.items.append(.rule(Rule(x0: x, y0: y, x1: x + width, y1: y, thickness: ruleAbove, colour: ruleColour)))
        }
        if !measuring {
            for cell in cells {
                for (number, line) in cell.lines.enumerated() {
                    for fragment in line.fragments {
                        page.items.append(.text(PlacedText(x: x + cell.x + fragment.x, baseline: top + baseline + Double(number) * leading,
                                                           fragment: fragment, kind: .tableCell, story: story, column: column, block: block)))
                    }
                }
            }
        }
        if ruleBelow > 0 {
            let y = top + height - ruleBelow / 2
            page.items.append(.rule(Rule(x0: x, y0: y, x1: x + width, y1: y, thickness: ruleBelow, colour: ruleColour)))
        }
    }
}

/// How a table's columns share the width it is set in.
enum TableSetting {
    /// The rule between two body rows, as a share of the story's rule width.
    static let betweenRows = 0.25
    /// The smallest a table too wide for its column is set, as a share of its cells' size.
    static let smallest = 0.75

    /// Each column's width, given the width of its widest cell on one line (`natural`) and of
    /// its longest word (`minimum`), `available` points in all.
    /// - All on one line fit: each column its natural width, the room over shared equally
    ///   among the columns `takesRoom` marks (all when it marks none).
    /// - Else, each column its longest word, and the room over shared in proportion to what
    ///   each column lacks of its natural width, as browsers share it.
    /// - Words too long even so: the columns of figures (those `takesRoom` does not mark) keep
    ///   their longest numbers whole and the text columns share the rest, where that leaves them
    ///   a third of their share; else the width is shared in proportion to the longest words.
    ///   Words wider than their column are broken.
    static func widths(natural: [Double], minimum: [Double], available: Double, takesRoom: [Bool]? = nil) -> [Double] {
        let count = Double(natural.count)
        guard count > 0, available > 0 else { return natural.map { _ in 0 } }
        let minimum = zip(natural, minimum).map { min($0, $1) }
        let wanted = natural.reduce(0, +), least = minimum.reduce(0, +)
        if wanted <= available {
            let takers = takesRoom.map { $0.contains(true) ? $0 : $0.map { _ in true } } ?? natural.map { _ in true }
            let share = (available - wanted) / Double(takers.filter { $0 }.count)
            return zip(natural, takers).map { $0 + ($1 ? share : 0) }
        }
        if least <= available, wanted > least {
            let share = (available - least) / (wanted - least)
            return zip(natural, minimum).map { $1 + ($0 - $1) * share }
        }
        guard least > 0 else { return natural.map { _ in available / count } }
        if let takesRoom, takesRoom.contains(true), takesRoom.contains(false) {
            let figures = zip(minimum, takesRoom).filter { !$1 }.map(\.0).reduce(0, +)
            let text = least - figures
            if figures <= available - (available * text / least) / 3 {
                return zip(minimum, takesRoom).map { $1 ? (available - figures) * $0 / text : $0 }
            }
        }
        return minimum.map { available * $0 / least }
    }
}

extension BodyBuilder {
    /// The style of a table's cells: the box text's face and size on the body's leading, in
    /// the body's colour, ragged; `header` in bold.
    func tableStyle(header: Bool) -> TextStyle {
        let body = layout.style(.body)
        var style = layout.style(.boxText)
        style.colour = body.colour
        style.leading = body.leading
        style.uppercase = false
        style.indent = 0
        style.spaceBefore = 0
        style.spaceAfter = 0
        style.bold = style.bold || header
        return style
    }

    /// The table's rows as column elements, a grid line clear of the text around it, within the
    /// column less `left` and `right`.
    func addTable(_ table: Table, left: Double, right: Double, to result: inout [ColumnElement]) {
        let rows = table.allRows
        let columns = table.alignments.count
        guard columns > 0, !rows.isEmpty else { return }
        let width = geometry.columnWidth - left - right
        var styles = [tableStyle(header: true), tableStyle(header: false)]
        var gap = styles[1].size
        var wholeRules = composer.rules(styles[1])
        wholeRules.hyphenation.enabled = false
        // Each cell's runs, and each column's widest cell on one line and longest word.
        func measure() -> (runs: [[[StyledRun]]], natural: [Double], minimum: [Double]) {
            let runs: [[[StyledRun]]] = rows.enumerated().map { index, row in
                row.map { composer.runs(styles[index == 0 ? 0 : 1], language: story.lang).runs($0) }
            }
            var natural = [Double](repeating: 0, count: columns)
            var minimum = [Double](repeating: 0, count: columns)
            for row in runs {
                for (column, cell) in row.enumerated() where !cell.isEmpty {
                    // The cell on one line (or on as many as its own line breaks make).
                    for line in composer.typesetter.lines(cell, width: 100_000, align: .left, rules: wholeRules) {
                        natural[column] = max(natural[column], line.rightEdge)
                    }
                    for run in cell {
                        for word in run.text.split(whereSeparator: { $0.isWhitespace }) {
                            minimum[column] = max(minimum[column], composer.typesetter.shaper.width(of: String(word), font: run.font, language: run.language))
                        }
                    }
                }
            }
            return (runs, natural, minimum)
        }
        var (runs, natural, minimum) = measure()
        // A table whose longest words do not fit the column side by side is set smaller, as
        // far as `TableSetting.smallest` of its size, rather than break words (and figures)
        // between letters.
        let needed = minimum.reduce(0, +) + gap * Double(columns - 1)
        if needed > width {
            let scale = max(TableSetting.smallest, width / needed * 0.99)
            for i in styles.indices { styles[i].size *= scale }
            gap *= scale
            (runs, natural, minimum) = measure()
        }
        // Still too wide: the space between columns narrows, to a third of an em at the least,
        // before a word is broken; where words must be broken even so, the space is kept to a
        // quarter of a column's share, and the table is told once, not word by word.
        let least = minimum.reduce(0, +), between = Double(max(columns - 1, 1))
        if columns > 1, least + gap * between > width {
            gap = max(styles[1].size / 3, (width - least) / between)
        }
        let tooWide = least + gap * Double(columns - 1) > width + 1e-6
        if tooWide { gap = min(gap, width / Double(columns) / 4) }
        let overlong = composer.typesetter.clock.overlongWords.count
        defer {
            if tooWide {
                composer.typesetter.clock.overlongWords.removeSubrange(overlong...)
                let heading = table.header.first.map(\.plainText).map { $0.isEmpty ? "" : "\"\($0)\": " } ?? ""
                composer.typesetter.clock.warnings.append(Warning(file: story.file, line: story.titleLine,
                    "\(heading)a table of \(columns) columns is too wide for its column even set smaller: words in its cells are broken between letters",
                    hint: "split it into narrower tables, or leave out columns"))
            }
        }
        let widths = TableSetting.widths(natural: natural, minimum: minimum, available: width - gap * Double(columns - 1),
                                             takesRoom: table.alignments.map { $0 == .left })
        var xs: [Double] = []
        var x = 0.0
        for column in 0..<columns {
            xs.append(x)
            x += widths[column] + gap
        }
        let ruleWidth = layout.story.ruleWidth
        if !result.isEmpty { addSpace(geometry.grid, to: &result) }
        let tableBlock = result.count
        var made: [TableRow] = []
        for (index, row) in runs.enumerated() {
            let style = styles[index == 0 ? 0 : 1]
            var cells: [TableRow.Cell] = []
            for (column, cell) in row.enumerated() {
                // Every column has room for its longest word: a cell is not hyphenated (a word
                // broken in a narrow cell reads as two), unless the table is too wide even so.
                var rules = composer.rules(style)
                if !tooWide { rules.hyphenation.enabled = false }
                var lines = composer.typesetter.lines(cell, width: widths[column], align: table.alignments[column], rules: rules)
                let place = TablePlace(table: tableBlock, row: index, cell: column)
                for l in lines.indices {
                    for f in lines[l].fragments.indices { lines[l].fragments[f].table = place }
                }
                cells.append(TableRow.Cell(x: xs[column], lines: lines))
            }
            let count = max(1, cells.map(\.lines.count).max() ?? 1)
            let last = index == runs.count - 1
            let above = index == 0 ? ruleWidth : index == 1 ? ruleWidth / 2 : ruleWidth * TableSetting.betweenRows
            made.append(TableRow(cells: cells, height: geometry.gridHeight(Double(count) * style.leading),
                                 baseline: composer.baselineOffset(style, language: story.lang), leading: style.leading, width: width,
                                 ruleAbove: above, ruleBelow: last ? ruleWidth : 0, ruleColour: layout.colours["rule"], isFirst: index == 0))
        }
        let height = made.reduce(0) { $0 + $1.height }
        if height <= figureLimit + 1e-6 {
            result.append(ColumnElement(content: .table(made), height: height, baseline: 0, inset: left, breakAfter: .allowed))
        } else {
            // Taller than a column: split between rows, the header kept with the first.
            for (index, row) in made.enumerated() {
                result.append(ColumnElement(content: .table([row]), height: row.height, baseline: 0, inset: left,
                                            breakAfter: index == made.count - 1 ? .allowed : index == 0 ? .never : .avoid))
            }
        }
        addSpace(geometry.grid, to: &result)
    }
}
