import BulletinModel

/// Composes an issue: masthead on page 1, then each story — its head across all columns, its
/// body flowing down the columns and on to further pages, its last columns balanced — and last
/// the running heads and footers, once the number of pages is known.
public struct Composer {
    public let layout: LayoutSpec
    public let typesetter: Typesetter
    let geometry: PageGeometry

    public init(layout: LayoutSpec, shaper: TextShaper, hyphenator: Hyphenating = NoHyphenation(), clock: BreakClock = BreakClock()) {
        self.layout = layout
        self.typesetter = Typesetter(shaper: shaper, hyphenator: hyphenator, clock: clock)
        self.geometry = PageGeometry(layout: layout)
    }

    /// The state of the flow: pages so far and where the next thing goes on the last one.
    struct Cursor {
        var pages: [Page] = [Page()]
        var y: Double
        /// A story ends above `y` on this page (so the next one is set off by a rule).
        var afterStory = false
        var page: Int { pages.count - 1 }

        mutating func add(_ item: PageItem) { pages[pages.count - 1].items.append(item) }

        mutating func newPage(top: Double) {
            pages.append(Page())
            y = top
            afterStory = false
        }
    }

    /// Throws an `InputError` naming the story when something of it cannot fit on any page
    /// (a head taller than the page's text area).
    public func compose(_ issue: Issue) throws -> Document {
        var cursor = Cursor(y: geometry.bodyTop(page: 0))
        var outline: [OutlineEntry] = []
        placeMasthead(issue, cursor: &cursor)
        for (index, story) in issue.stories.enumerated() {
            let top = try placeStory(story, index: index, cursor: &cursor)
            outline.append(OutlineEntry(title: story.title, page: top.page, y: top.y))
        }
        var pages = cursor.pages
        PageFurniture(layout: layout, geometry: geometry, typesetter: typesetter, issueFile: issue.folder + "/issue.yaml").add(to: &pages, issue: issue)
        let created = "\(issue.date.yearMonth)-\(IssueDate.pad(issue.date.day ?? 1, 2))T00:00:00Z"
        let metadata = DocumentMetadata(
            title: [issue.title, issue.date.monthName].joined(separator: " · "),
            author: issue.editors.joined(separator: ", "),
            subject: issue.subtitle ?? issue.title,
            language: issue.stories.first?.lang ?? "en",
            created: created)
        return Document(width: layout.page.width, height: layout.page.height, pages: pages, metadata: metadata, outline: outline)
    }

    // MARK: - Text

    func rules(_ style: TextStyle, indent: Double = 0) -> ParagraphRules {
        ParagraphRules(justified: style.align == .justify, breaking: layout.breaking, hyphenation: layout.hyphenation,
                       firstLineIndent: indent)
    }

    func runs(_ style: TextStyle, language: String) -> InlineRuns {
        InlineRuns(style: style, fallbackFamilies: layout.fallbackFamilies, language: language)
    }

    /// Distance from the top of a line's slot to its baseline: the font's ink centred in the leading.
    func baselineOffset(_ style: TextStyle, language: String) -> Double {
        let metrics = typesetter.shaper.metrics(of: runs(style, language: language).font())
        return (style.leading - (metrics.ascent + metrics.descent)) / 2 + metrics.ascent
    }

    /// Sets a piece of display text (heads, masthead) and places its lines from `cursor.y` down.
    /// Lines of display text (heads, masthead): never hyphenated, never justified, and
    /// balanced: set in the narrowest measure that needs no more lines than the full one, so a
    /// two-line headline does not end in one lonely word.
    func displayLines(_ text: [StyledRun], style: TextStyle, width: Double) -> [TypesetLine] {
        let align: Alignment = style.align == .justify ? .left : style.align
        var displayRules = rules(style)
        displayRules.hyphenation.enabled = false
        let full = typesetter.lines(text, width: width, align: align, rules: displayRules)
        guard full.count > 1 else { return full }
        var narrow = width * 0.5, wide = width
        var best = full
        // Bisection to a point: a few settings of a short text.
        while wide - narrow > 1 {
            let middle = (narrow + wide) / 2
            let lines = typesetter.lines(text, width: middle, align: align, rules: displayRules)
            if lines.count <= full.count && lines.allSatisfy({ ($0.fragments.last.map { $0.x + $0.width } ?? 0) <= middle + 0.01 }) {
                wide = middle
                best = lines
            } else {
                narrow = middle
            }
        }
        return best
    }

    func placeDisplay(_ text: [StyledRun], style: TextStyle, kind: TextKind, x: Double, width: Double,
                      story: Int?, block: Int? = nil, cursor: inout Cursor) {
        place(displayLines(text, style: style, width: width), style: style, kind: kind, x: x, story: story, block: block, cursor: &cursor)
    }

    /// Places lines already set, one leading apart, from `cursor.y` down.
    func place(_ lines: [TypesetLine], style: TextStyle, kind: TextKind, x: Double, story: Int?, block: Int?, cursor: inout Cursor) {
        let offset = baselineOffset(style, language: lines.first?.fragments.first?.language ?? "en")
        for line in lines {
            for fragment in line.fragments {
                cursor.add(.text(PlacedText(x: x + fragment.x, baseline: cursor.y + offset, fragment: fragment, kind: kind,
                                            story: story, block: block)))
            }
            cursor.y += style.leading
        }
    }

    // MARK: - Masthead

    /// A warning for each word the typesetter broke between letters since the count `since`;
    /// the line is the story's title line, which `BulletinKit` narrows to the word's own line.
    func warnOverlong(since: Int, file: String, line: Int?, measure: String) {
        var seen = Set<String>()
        // Display text is set several times while it is balanced: each word is told once.
        for word in typesetter.clock.overlongWords[since...] where seen.insert(word).inserted {
            // Cut by scalars: one letter may carry any number of accents.
            let shown = word.unicodeScalars.count > 40 ? String(String.UnicodeScalarView(word.unicodeScalars.prefix(37))) + "…" : word
            typesetter.clock.warnings.append(Warning(file: file, line: line,
                "\"\(shown)\" is too wide for \(measure): it is broken between letters, without a hyphen"))
        }
    }

    func placeMasthead(_ issue: Issue, cursor: inout Cursor) {
        let overlong = typesetter.clock.overlongWords.count
        defer { warnOverlong(since: overlong, file: issue.folder + "/issue.yaml", line: nil, measure: "the masthead") }
        let spec = layout.masthead
        let x = geometry.left, width = geometry.width
        let titleStyle = layout.style(.mastheadTitle)
        placeDisplay(runs(titleStyle, language: "en").runs(issue.title), style: titleStyle, kind: .mastheadTitle,
                     x: x, width: width, story: nil, cursor: &cursor)
        if let subtitle = issue.subtitle {
            let style = layout.style(.mastheadSubtitle)
            placeDisplay(runs(style, language: "en").runs(subtitle), style: style, kind: .mastheadSubtitle,
                         x: x, width: width, story: nil, cursor: &cursor)
        }
        cursor.y += 4
        cursor.add(.rule(Rule(x0: x, y0: cursor.y + spec.ruleWidth / 2, x1: x + width, y1: cursor.y + spec.ruleWidth / 2,
                              thickness: spec.ruleWidth, colour: layout.colours["rule"])))
        cursor.y += spec.ruleWidth + 2
        let lineStyle = layout.style(.mastheadLine)
        let line = Template(spec.line).fill(IssueFields.values(issue, page: 1, pages: 1))
        if !line.isEmpty {
            placeDisplay(runs(lineStyle, language: "en").runs(line), style: lineStyle, kind: .mastheadLine,
                         x: x, width: width, story: nil, cursor: &cursor)
        }
        cursor.add(.rule(Rule(x0: x, y0: cursor.y + spec.thinRuleWidth / 2, x1: x + width, y1: cursor.y + spec.thinRuleWidth / 2,
                              thickness: spec.thinRuleWidth, colour: layout.colours["rule"])))
        cursor.y = geometry.snap(cursor.y + spec.thinRuleWidth + spec.spaceAfter, page: cursor.page)
    }

    // MARK: - Stories

    /// Places one story and returns where its head starts.
    func placeStory(_ story: Story, index: Int, cursor: inout Cursor) throws -> (page: Int, y: Double) {
        let overlong = typesetter.clock.overlongWords.count
        let head = StoryHead(composer: self, story: story, index: index)
        let elements = BodyBuilder(composer: self, story: story).elements()
        warnOverlong(since: overlong, file: story.file, line: story.titleLine, measure: "its line")
        let minimumBody = elements.prefix(2).reduce(0) { $0 + $1.height }
        let fullPage = geometry.bodyBottom - geometry.bodyTop(page: 1)
        guard head.height + minimumBody <= fullPage + 1e-6 else {
            throw headTooTall(head, story: story, minimumBody: minimumBody, textArea: fullPage)
        }
        // Space and a rule between stories; none below the masthead or at the top of a page.
        var gap = cursor.afterStory ? geometry.gridHeight(layout.story.gap) : 0
        // The head goes with at least two lines of its body (DESIGN: keep with next).
        if cursor.y + gap + head.height + minimumBody > geometry.bodyBottom + 1e-6 {
            cursor.newPage(top: geometry.bodyTop(page: cursor.page + 1))
            gap = 0
        }
        if gap > 0 {
            let ruleY = cursor.y + gap / 2
            cursor.add(.rule(Rule(x0: geometry.left, y0: ruleY, x1: geometry.right, y1: ruleY,
                                  thickness: layout.story.ruleWidth, colour: layout.colours["rule"])))
            cursor.y += gap
        }
        let start = (page: cursor.page, y: cursor.y)
        head.place(composer: self, cursor: &cursor)
        placeBody(elements, story: index, cursor: &cursor)
        cursor.afterStory = true
        return start
    }

    /// The error for a head that fits on no page. If it would not fit even with none of its parts
    /// longer than three lines, the layout's sizes, leadings or spaces are to blame, not the
    /// story's words: the message names the style with the largest share and its line in the
    /// layout file, and the story that hit it. Otherwise the story's headline or deck is too long.
    func headTooTall(_ head: StoryHead, story: Story, minimumBody: Double, textArea: Double) -> InputError {
        let shares = head.parts.map { $0.style.spaceBefore + Double(min($0.lines.count, 3)) * $0.style.leading + $0.style.spaceAfter }
        let shortHead = geometry.gridHeight(shares.reduce(0, +) + geometry.grid / 2)
        guard shortHead + minimumBody > textArea + 1e-6,
              let largest = shares.indices.max(by: { shares[$0] < shares[$1] }) else {
            return InputError(file: story.file, line: story.titleLine, "the story's head (kicker, headline, deck and byline) is taller than a page: "
                              + "shorten the headline or deck")
        }
        // Head parts are kicker, headline, deck and byline, named as their styles are.
        let key = "styles." + head.parts[largest].kind.rawValue
        func points(_ value: Double) -> String {
            let tenths = (value * 10).rounded() / 10
            return (tenths == tenths.rounded() && abs(tenths) < 1e15 ? "\(Int(tenths))" : "\(tenths)") + "pt"
        }
        let location = story.titleLine.map { "\(story.file):\($0)" } ?? story.file
        return InputError(file: layout.file.isEmpty ? "layout \(layout.name)" : layout.file, line: layout.line(of: key),
                          "\(key) is too large for the page: story \"\(story.title)\" (\(location)) has a head \(points(head.height)) tall "
                          + "(\(points(head.height + minimumBody)) with its first lines of text) in a text area \(points(textArea)) tall")
    }

    /// Flows body elements into columns from `cursor.y`, page after page, balancing the last page's.
    func placeBody(_ elements: [ColumnElement], story: Int, cursor: inout Cursor) {
        let flow = ColumnFlow(elements: elements)
        let grid = geometry.grid
        var next = 0
        while flow.skipSpaces(next) < elements.count {
            let capacity = ((geometry.bodyBottom - cursor.y) / grid + 1e-6).rounded(.down) * grid
            if let columns = flow.balance(from: next, count: geometry.columns, capacity: capacity, grid: grid) {
                placeColumns(columns, elements: elements, story: story, cursor: &cursor)
                cursor.y += columns.map(\.height).max() ?? 0
                return
            }
            let columns = flow.fillColumns(from: next, count: geometry.columns, capacity: capacity)
            if columns.isEmpty || columns.allSatisfy({ $0.end == $0.start }) {
                // Not even one line fits here: go to the next page.
                cursor.newPage(top: geometry.bodyTop(page: cursor.page + 1))
                continue
            }
            placeColumns(columns, elements: elements, story: story, cursor: &cursor)
            next = columns.last?.end ?? next
            if flow.skipSpaces(next) < elements.count {
                cursor.newPage(top: geometry.bodyTop(page: cursor.page + 1))
            }
        }
    }

    private func placeColumns(_ columns: [ColumnFlow.Column], elements: [ColumnElement], story: Int, cursor: inout Cursor) {
        let top = cursor.y
        for (c, column) in columns.enumerated() {
            var y = top
            let x = geometry.columnX(c)
            for element in elements[column.start..<column.end] {
                if case .line(let line, let kind, let block) = element.content {
                    for fragment in line.fragments {
                        cursor.add(.text(PlacedText(x: x + element.inset + fragment.x, baseline: y + element.baseline,
                                                    fragment: fragment, kind: kind, story: story, column: c, block: block)))
                    }
                }
                y += element.height
            }
        }
    }
}
