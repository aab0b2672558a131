import BulletinModel

/// Composes an issue in three steps, each handing the next an explicit value:
///
/// 1. **Prepare**: each story's body is set at the column width into `ColumnElement`s with their
///    heights and keep rules (`StoryMaterial`); heads are set at the widths they land in.
/// 2. **Distribute**: the masthead goes on page 1, then the stories flow into the pages' columns
///    (`Distributor`), leaving `Slot`s for text that needs page numbers.
/// 3. **Resolve**: "Continued on page N" and "Continued from page M" are written into their
///    slots, then the running heads and footers, once the number of pages is known.
public struct Composer {
    public let layout: LayoutSpec
    public let typesetter: Typesetter
    let geometry: PageGeometry

    public init(layout: LayoutSpec, shaper: TextShaper, hyphenator: Hyphenating = NoHyphenation(), clock: BreakClock = BreakClock()) {
        self.layout = layout
        self.typesetter = Typesetter(shaper: shaper, hyphenator: hyphenator, clock: clock)
        self.geometry = PageGeometry(layout: layout)
    }

    /// Throws an `InputError` naming the story when something of it cannot fit on any page
    /// (a head taller than the page's text area).
    public func compose(_ issue: Issue) throws -> Document {
        // Prepare.
        let materials = issue.stories.enumerated().map { index, story in
            let overlong = typesetter.clock.overlongWords.count
            let material = StoryMaterial(composer: self, story: story, index: index)
            warnOverlong(since: overlong, file: story.file, line: story.titleLine, measure: "its line")
            return material
        }
        // Distribute.
        var masthead = Page()
        let top = placeMasthead(issue, on: &masthead)
        var distributor = Distributor(composer: self, firstPage: masthead, top: top, stories: materials.count)
        if layout.contents.place == .rail, geometry.columns >= 2 {
            // Summaries where there is room: the box may take up to two thirds of page 1's rail.
            var box = contentsBox(issue, summaries: layout.contents.summaries)
            if box.height > (geometry.bodyBottom - top) * 2 / 3 { box = contentsBox(issue, summaries: false) }
            if !distributor.placeBox(box, page: 0) {
                typesetter.clock.warnings.append(Warning(file: issue.folder + "/issue.yaml", line: nil,
                    "the contents box (\(issue.stories.count) stories) is taller than page 1: it is left out"))
            }
        }
        let imprint = imprintBox(issue)
        if layout.imprint.place == .page2 { distributor.boxesForPage[1] = imprint }
        // Fillers wait for the end, where they fill what the last page has free.
        for material in materials where !material.story.filler {
            try distributor.place(material)
        }
        // The imprint goes in the last page's right column, the fillers beside and below it.
        if layout.imprint.place == .end, !distributor.placeBox(imprint, page: distributor.lastPage) {
            distributor.newPage()
            _ = distributor.placeBox(imprint, page: distributor.lastPage)
        }
        let emptyBefore = distributor.freeLines
        for material in materials where material.story.filler {
            try distributor.place(material)
        }
        let free = distributor.freeLines
        let pageLines = geometry.columns * Int(((geometry.bodyBottom - geometry.bodyTop(page: 1)) / geometry.grid).rounded(.down))
        if free * 4 > pageLines {
            typesetter.clock.warnings.append(Warning(file: issue.folder + "/issue.yaml", line: nil,
                "\(free) lines of the last page are empty (\(free * 100 / max(1, pageLines)) % of it)"
                + (emptyBefore > free ? "" : ": a short story marked \"filler: true\" would fill them")))
        }
        // Resolve.
        var pages = distributor.pages
        resolve(distributor.slots, placements: distributor.placements, into: &pages)
        PageFurniture(layout: layout, geometry: geometry, typesetter: typesetter, issueFile: issue.folder + "/issue.yaml").add(to: &pages, issue: issue)
        // In reading order: fillers and narrow stories may stand elsewhere than their place in the issue.
        let outline = zip(issue.stories, distributor.placements).compactMap { story, placement in
            placement.map { OutlineEntry(title: story.title, page: $0.page, y: $0.top) }
        }.enumerated().sorted { a, b in
            (a.element.page, a.element.y, a.offset) < (b.element.page, b.element.y, b.offset)
        }.map(\.element)
        let created = "\(issue.date.yearMonth)-\(IssueDate.pad(issue.date.day ?? 1, 2))T00:00:00Z"
        let metadata = DocumentMetadata(
            title: [issue.title, issue.date.monthName].joined(separator: " · "),
            author: issue.editors.joined(separator: ", "),
            subject: issue.subtitle ?? issue.title,
            language: issue.stories.first?.lang ?? "en",
            created: created)
        return Document(width: layout.page.width, height: layout.page.height, pages: pages, metadata: metadata, outline: outline)
    }

    // MARK: - Resolve

    /// Writes the jump lines into their slots, now that every part's page is known.
    func resolve(_ slots: [Slot], placements: [StoryPlacement?], into pages: inout [Page]) {
        // From the last position back, so that each insertion leaves the earlier positions valid.
        for slot in slots.enumerated().sorted(by: { ($0.element.position, $0.offset) > ($1.element.position, $1.offset) }).map(\.element) {
            let style = layout.style(slot.kind == .startPage ? .boxText : .jump)
            guard let parts = placements[slot.story]?.parts else { continue }
            let text: String
            let align: Alignment
            switch slot.kind {
            case .continuedOn(let part):
                guard parts.indices.contains(part + 1) else { continue }
                text = Template(layout.jump.continuedOn).fill(["page": "\(parts[part + 1] + 1)"])
                align = .right
            case .continuedFrom(let part):
                guard parts.indices.contains(part - 1) else { continue }
                text = Template(layout.jump.continuedFrom).fill(["page": "\(parts[part - 1] + 1)"])
                align = .left
            case .startPage:
                text = "\(parts[0] + 1)"
                align = .right
            }
            let lines = typesetter.lines(runs(style, language: "en").runs(text), width: slot.width, align: align,
                                         rules: ParagraphRules(justified: false, breaking: layout.breaking, hyphenation: HyphenationSpec(enabled: false)))
            var set = Page()
            _ = place(Array(lines.prefix(1)), style: style, kind: slot.inStory ? .jump : .boxText, x: slot.x, top: slot.top,
                      story: slot.inStory ? slot.story : nil, block: slot.inStory ? -20 : -30, on: &set)
            pages[slot.page].items.insert(contentsOf: set.items, at: min(slot.position, pages[slot.page].items.count))
        }
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

    /// Sets display text and places its lines from `top` down; returns the bottom of the last.
    func placeDisplay(_ text: [StyledRun], style: TextStyle, kind: TextKind, x: Double, width: Double,
                      top: Double, on page: inout Page) -> Double {
        place(displayLines(text, style: style, width: width), style: style, kind: kind, x: x, top: top, story: nil, block: nil, on: &page)
    }

    /// Places lines already set, one leading apart, from `top` down; returns the bottom of the last.
    func place(_ lines: [TypesetLine], style: TextStyle, kind: TextKind, x: Double, top: Double, story: Int?, block: Int?,
               on page: inout Page) -> Double {
        let offset = baselineOffset(style, language: lines.first?.fragments.first?.language ?? "en")
        var y = top
        for line in lines {
            for fragment in line.fragments {
                page.items.append(.text(PlacedText(x: x + fragment.x, baseline: y + offset, fragment: fragment, kind: kind,
                                                   story: story, block: block)))
            }
            y += style.leading
        }
        return y
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

    /// Places the masthead at the top of page 1; returns where the stories start.
    func placeMasthead(_ issue: Issue, on page: inout Page) -> Double {
        let overlong = typesetter.clock.overlongWords.count
        defer { warnOverlong(since: overlong, file: issue.folder + "/issue.yaml", line: nil, measure: "the masthead") }
        let spec = layout.masthead
        let x = geometry.left, width = geometry.width
        let titleStyle = layout.style(.mastheadTitle)
        var y = placeDisplay(runs(titleStyle, language: "en").runs(issue.title), style: titleStyle, kind: .mastheadTitle,
                             x: x, width: width, top: geometry.bodyTop(page: 0), on: &page)
        if let subtitle = issue.subtitle {
            let style = layout.style(.mastheadSubtitle)
            y = placeDisplay(runs(style, language: "en").runs(subtitle), style: style, kind: .mastheadSubtitle,
                             x: x, width: width, top: y, on: &page)
        }
        y += 4
        page.items.append(.rule(Rule(x0: x, y0: y + spec.ruleWidth / 2, x1: x + width, y1: y + spec.ruleWidth / 2,
                                     thickness: spec.ruleWidth, colour: layout.colours["rule"])))
        y += spec.ruleWidth + 2
        let lineStyle = layout.style(.mastheadLine)
        let line = Template(spec.line).fill(IssueFields.values(issue, page: 1, pages: 1))
        if !line.isEmpty {
            y = placeDisplay(runs(lineStyle, language: "en").runs(line), style: lineStyle, kind: .mastheadLine,
                             x: x, width: width, top: y, on: &page)
        }
        page.items.append(.rule(Rule(x0: x, y0: y + spec.thinRuleWidth / 2, x1: x + width, y1: y + spec.thinRuleWidth / 2,
                                     thickness: spec.thinRuleWidth, colour: layout.colours["rule"])))
        return geometry.snap(y + spec.thinRuleWidth + spec.spaceAfter, page: 0)
    }

    // MARK: - Stories

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
}
