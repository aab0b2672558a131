import BulletinModel

/// Sets a story's body blocks to the column width and turns them into column elements with
/// their break rules.
struct BodyBuilder {
    let composer: Composer
    let story: Story
    /// The tallest a picture and its caption may be.
    var figureLimit = Double.infinity
    /// The front matter's picture, when it goes at the top of the body.
    var frontImage: ImageRef?
    /// The tallest the front matter's picture may be, when lower than `figureLimit`.
    var frontLimit: Double?

    var layout: LayoutSpec { composer.layout }
    var geometry: PageGeometry { composer.geometry }

    /// Where a block sits: its role's style and how far it is inset from both column edges.
    struct Context {
        var role: TextRole
        var kind: TextKind
        var left: Double = 0
        var right: Double = 0

        /// This context indented further by `left` and `right`, but never past `limit` in all,
        /// so that text nested many levels deep keeps a measure to be set in.
        func indented(left more: Double, right moreRight: Double = 0, role: TextRole, kind: TextKind, limit: Double) -> Context {
            let wanted = left + right + more + moreRight
            let share = wanted > limit && wanted > 0 ? limit / wanted : 1
            return Context(role: role, kind: kind, left: (left + more) * share, right: (right + moreRight) * share)
        }
    }

    /// The most that quotes and lists may indent, together: half the column.
    var indentLimit: Double { geometry.columnWidth * 0.5 }

    func elements(pullQuote: Bool = true) -> [ColumnElement] {
        var result: [ColumnElement] = []
        var indentNext = false
        if let image = frontImage { addFigure(image, limit: min(figureLimit, frontLimit ?? figureLimit), to: &result) }
        add(story.body, context: Context(role: .body, kind: .body), indentNext: &indentNext, to: &result)
        return pullQuote ? adding(pullQuoteTo: result) : result
    }

    /// `elements` with the story's pull quote, if it has one, set into them.
    func adding(pullQuoteTo elements: [ColumnElement]) -> [ColumnElement] {
        var result = elements
        if let quote = story.pullQuote { insertPullQuote(quote, into: &result) }
        return result
    }

    /// The pull quote, between rules, at the paragraph end nearest two fifths of the body, and
    /// never in its first or last quarter; a body too short for that sets it after its last line.
    private func insertPullQuote(_ quote: String, into result: inout [ColumnElement]) {
        let style = layout.style(.pullQuote)
        // Quotation marks as the story's language writes them, in place of any the author typed.
        let words = layout.wording.words(story.lang)
        let width = geometry.columnWidth
        var rules = composer.rules(style)
        rules.hyphenation.enabled = false
        let lines = composer.displayLines(composer.runs(style, language: story.lang).runs(QuotedText.quoted(quote, open: words[.quoteOpen], close: words[.quoteClose])), style: style, width: width)
        let pad = geometry.grid / 2
        let height = geometry.gridHeight(Double(lines.count) * style.leading + 2 * pad)
        let offset = (height - Double(lines.count) * style.leading) / 2
        let element = ColumnElement(content: .framed(lines, kind: .pullQuote, leading: style.leading, offset: offset, rule: layout.story.ruleWidth),
                                    height: height, baseline: composer.baselineOffset(style, language: story.lang), inset: 0, breakAfter: .allowed)
        let space = ColumnElement(content: .space, height: geometry.grid, baseline: 0, inset: 0, breakAfter: .allowed)
        let ends = ColumnElement.paragraphEnds(in: result)
        let total = result.count
        let candidates = ends.filter { Double($0) >= Double(total) * 0.25 && Double($0) <= Double(total) * 0.75 }
        guard let place = candidates.min(by: { abs(Double($0) - Double(total) * 0.4) < abs(Double($1) - Double(total) * 0.4) }) else {
            result += [space, element]
            return
        }
        result.insert(contentsOf: [space, element, space], at: place + 1)
    }

    private func add(_ blocks: [Block], context: Context, indentNext: inout Bool, to result: inout [ColumnElement]) {
        for block in blocks {
            switch block {
            case .paragraph(let inlines):
                let style = layout.style(context.role)
                let runs = composer.runs(style, language: story.lang).runs(inlines)
                // A story's note is led by its number, as the one before it: never indented.
                addParagraph(runs, style: style, indent: indentNext && !Note.isNote(inlines) ? style.indent : 0, context: context, to: &result)
                indentNext = true
            case .heading(_, let inlines):
                let style = layout.style(.subhead)
                addSpace(style.spaceBefore, to: &result)
                let runs = composer.runs(style, language: story.lang).runs(inlines)
                let width = geometry.columnWidth - context.left - context.right
                let offset = composer.baselineOffset(style, language: story.lang)
                var rules = composer.rules(style)
                rules.hyphenation.enabled = false
                let block = result.count
                for line in composer.typesetter.lines(runs, width: width, align: .left, rules: rules) {
                    result.append(ColumnElement(content: .line(line, kind: .subhead, block: block), height: geometry.gridHeight(style.leading),
                                                baseline: offset, inset: line.fromRight ? context.right : context.left, breakAfter: .never))
                }
                addSpace(style.spaceAfter, to: &result)
                indentNext = false
            case .blockQuote(let blocks):
                let em = layout.style(.quote).size
                addSpace(geometry.grid / 2, to: &result)
                var quoteIndent = false
                add(blocks, context: context.indented(left: em, right: em, role: .quote, kind: .quote, limit: indentLimit),
                    indentNext: &quoteIndent, to: &result)
                addSpace(geometry.grid / 2, to: &result)
                indentNext = false
            case .list(let ordered, let start, let items, let delimiter):
                let style = layout.style(context.role)
                let markerWidth = style.size * (ordered ? 1.6 : 1.1)
                let list = result.count
                for (i, var item) in items.enumerated() {
                    var marker = ordered ? "\(start + i)\(delimiter.rawValue)" : "•"
                    // A task's box ("- [ ] Passport", or a box typed before the words) is its marker.
                    if !ordered, let (box, rest) = Self.taskBox(item) {
                        marker = box
                        item = rest
                    }
                    let itemContext = context.indented(left: markerWidth, role: context.role, kind: .listItem, limit: indentLimit)
                    let first = result.count
                    var itemIndent = false
                    add(item, context: itemContext, indentNext: &itemIndent, to: &result)
                    addMarker(marker, style: style, at: first, context: context, to: &result)
                    mark(ListPlace.Item(list: list, item: first), from: first, in: &result)
                }
                indentNext = false
            case .code(let text):
                let style = layout.style(context.role)
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
                    // A line's own indent (nested code, YAML) is kept as half an em a space, a tab
                    // to the next stop of four, and at most half the column: the words set as a
                    // paragraph would lose it.
                    var spaces = 0
                    for character in line.prefix(while: { $0 == " " || $0 == "\t" }) { spaces = character == "\t" ? (spaces / 4 + 1) * 4 : spaces + 1 }
                    let indent = min(Double(spaces) * style.size / 2, geometry.columnWidth / 2)
                    let runs = composer.runs(style, language: story.lang).runs(String(line.drop(while: { $0 == " " || $0 == "\t" })))
                    addParagraph(runs, style: style, indent: 0,
                                 context: Context(role: context.role, kind: context.kind, left: context.left + style.size + indent),
                                 align: .left, to: &result)
                }
                indentNext = false
            case .thematicBreak:
                // A grid line with a rule a third of the measure long at the side the lines
                // start from: a blank line alone did not show the break, nor set a story's
                // notes apart from its text.
                let measure = geometry.columnWidth - context.left - context.right
                let fromRight = WritingDirection.isRightToLeft(language: story.lang)
                result.append(ColumnElement(content: .rule(width: measure / 3, thickness: layout.story.ruleWidth), height: geometry.grid,
                                            baseline: 0, inset: context.left + (fromRight ? measure * 2 / 3 : 0), breakAfter: .avoid))
                indentNext = false
            case .image(let image):
                addFigure(image, to: &result)
                indentNext = false
            case .table(let table):
                addTable(table, left: context.left, right: context.right, to: &result)
                indentNext = false
            }
        }
    }

    /// The box a list item opens with ("☐ Passport", "☑ Visa": a task), and the item without
    /// it; nil for an item that opens otherwise.
    static func taskBox(_ item: [Block]) -> (box: String, rest: [Block])? {
        guard case .paragraph(let inlines)? = item.first, case .text(let text)? = inlines.first,
              let box = text.unicodeScalars.first, TaskBox.boxes.contains(box),
              text.unicodeScalars.dropFirst().first?.properties.isWhitespace == true else { return nil }
        let words = String(text.unicodeScalars.dropFirst(2))
        let rest = (words.isEmpty ? [] : [Inline.text(words)]) + inlines.dropFirst()
        return (String(box), (rest.isEmpty ? [] : [Block.paragraph(rest)]) + item.dropFirst())
    }

    private func addParagraph(_ runs: [StyledRun], style: TextStyle, indent: Double, context: Context,
                              align: Alignment? = nil, to result: inout [ColumnElement]) {
        let width = geometry.columnWidth - context.left - context.right
        var rules = composer.rules(style, indent: indent)
        var lines = composer.typesetter.lines(runs, width: width, align: align ?? style.align, rules: rules)
        // Looseness, when fitting asks for it, goes to suitable paragraphs only: body text of six
        // lines or more, none of them broken by force (whose many breaks would make the search long).
        if composer.looseness != 0, context.kind == .body, lines.count >= 6, !lines.contains(where: \.brokenInsideWord) {
            rules.looseness = composer.looseness
            lines = composer.typesetter.lines(runs, width: width, align: align ?? style.align, rules: rules)
        }
        // A paragraph that opens with a bold run-in filling its first lines ("Funding.", a
        // question in a Q&A) reads as headed by it: like a subhead, those lines keep two lines
        // of the text with them. One of one to three bold lines alone (a question set as a
        // paragraph of its own) heads the next paragraph so, and is not hyphenated, as a subhead
        // is not ("can-/didate?" was set).
        var boldLines = lines.prefix(while: \.isMostlyBold).count
        let standsAsHead = context.kind == .body && (1...3).contains(lines.count) && boldLines == lines.count
        if standsAsHead, lines.contains(where: \.endsInHyphen) {
            rules.hyphenation.enabled = false
            lines = composer.typesetter.lines(runs, width: width, align: align ?? style.align, rules: rules)
            boldLines = lines.prefix(while: \.isMostlyBold).count
        }
        let offset = composer.baselineOffset(style, language: story.lang)
        let n = lines.count
        // A subhead keeps at least two lines of its text with it, not just one.
        let afterSubhead = result.last.map { $0.breakAfter == .never } ?? false
        let block = result.count
        for (j, line) in lines.enumerated() {
            // A column may not end after a paragraph's first line (an orphan) nor before its
            // last (a widow), unless nothing else fits.
            var rule: ColumnElement.BreakAfter = j == n - 1 ? .allowed : (j == 0 || j == n - 2) ? .avoid : .allowed
            // A list item or a quoted paragraph of a few lines stays whole in its column: split,
            // its indented lines read as a paragraph of their own.
            if (context.kind == .listItem || context.kind == .quote) && n <= 6 && j < n - 1 { rule = .avoid }
            // A line that stops short of the measure reads as a paragraph's end: where a break
            // nearby costs little, it neither opens nor closes a column, nor stands above a
            // column's last line (which would then look like an orphan).
            let nearShort = line.endsShort || (j + 1 < n && lines[j + 1].endsShort) || (j > 0 && lines[j - 1].endsShort)
            if rule == .allowed && j < n - 1 && (line.endsInHyphen || nearShort) { rule = .weak }
            // (A paragraph of one line under a subhead keeps the next block's first line with it.)
            if j == 0 && afterSubhead { rule = .never }
            if boldLines > 0 && boldLines + 2 <= n && j <= boldLines { rule = .never }
            if standsAsHead { rule = .never }
            result.append(ColumnElement(content: .line(line, kind: context.kind, block: block), height: geometry.gridHeight(style.leading),
                                        baseline: offset, inset: line.fromRight ? context.right : context.left, breakAfter: rule))
        }
    }

    /// A picture a column wide with its caption, a grid line clear of the text around it.
    private func addFigure(_ image: ImageRef, limit: Double? = nil, to result: inout [ColumnElement]) {
        let figure = composer.figure(image, width: geometry.columnWidth, maxHeight: limit ?? figureLimit, language: story.lang)
        if !result.isEmpty { addSpace(geometry.grid, to: &result) }
        result.append(ColumnElement(content: .figure(figure), height: figure.height, baseline: 0, inset: 0, breakAfter: .allowed))
        addSpace(geometry.grid, to: &result)
    }

    func addSpace(_ height: Double, to result: inout [ColumnElement]) {
        guard height > 0.5 else { return }
        // Spaces keep the grid: they take whole grid lines.
        let h = (height / geometry.grid).rounded() * geometry.grid
        guard h > 0 else { return }
        if let last = result.last, last.isSpace { return }
        // Space after what must stay with the block below it (a subhead) stays with it too: a
        // column ending there stranded the subhead at its foot and set its table, picture or
        // quote at the next column's head.
        let keep = result.last?.breakAfter == .never
        result.append(ColumnElement(content: .space, height: h, baseline: 0, inset: 0, breakAfter: keep ? .never : .allowed))
    }

    /// Marks the lines from `first` on as inside `item`, for the PDF's list tags.
    private func mark(_ item: ListPlace.Item, from first: Int, in result: inout [ColumnElement]) {
        for index in first..<result.count {
            guard case .line(var line, let kind, let block) = result[index].content else { continue }
            for f in line.fragments.indices {
                var place = line.fragments[f].list ?? ListPlace(items: [])
                place.items.insert(item, at: 0)
                line.fragments[f].list = place
            }
            result[index].content = .line(line, kind: kind, block: block)
        }
    }

    /// Puts a list marker into the first line of an item, hanging in the item's indent.
    private func addMarker(_ marker: String, style: TextStyle, at index: Int, context: Context, to result: inout [ColumnElement]) {
        guard index < result.count, case .line(var line, let kind, let block) = result[index].content else { return }
        let font = composer.runs(style, language: story.lang).font()
        let width = composer.typesetter.shaper.width(of: marker, font: font, language: story.lang)
        // The marker ends 0.4 em before the item's text, in the item's indent: on the right of
        // a line that runs from the right.
        let x = line.fromRight ? line.width + style.size * 0.4 : -width - style.size * 0.4
        var fragment = Fragment(x: x, width: width, text: marker, font: font,
                                colour: style.colour, language: story.lang)
        fragment.list = ListPlace(items: [], isLabel: true)
        line.fragments.insert(fragment, at: 0)
        result[index].content = .line(line, kind: kind, block: block)
    }
}

extension TypesetLine {
    /// Nine tenths of the line's letters are bold: a line of a bold run-in head, which may end
    /// a little way into it ("… about it?” —").
    var isMostlyBold: Bool {
        let letters = fragments.map { $0.text.unicodeScalars.count }
        let bold = zip(fragments, letters).filter { $0.0.font.bold }.map(\.1).reduce(0, +)
        return bold > 0 && bold * 10 >= letters.reduce(0, +) * 9
    }

    /// Whether the line ends in a hyphen: one the line breaker added, or the word's own.
    var endsInHyphen: Bool {
        if hyphenated { return true }
        return fragments.last?.text.unicodeScalars.last?.isHyphen ?? false
    }
}
