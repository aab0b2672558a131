import BulletinModel

/// A box of short texts one column wide, set apart by a rule above it: the contents ("In this
/// issue") and the imprint. Its lines sit on the body's grid like a story's.
struct Box {
    /// Lines in order, each a whole number of grid lines tall.
    var elements: [ColumnElement]
    /// Page numbers to write in once the pages are known: the element whose line gets the
    /// number at its right end, the last element of its entry's title (the number is read
    /// after it), and the story whose first page it is.
    var pageNumbers: [(element: Int, last: Int, story: Int)] = []
    /// The structure tags' story index for the box's text: none, it is the issue's own.
    var height: Double { elements.reduce(0) { $0 + $1.height } }
}

extension Composer {
    /// Room kept at the right of a contents entry for its page number.
    func pageNumberWidth(_ style: TextStyle) -> Double {
        typesetter.shaper.width(of: "000", font: runs(style, language: "en").font(), language: "en") + style.size * 0.5
    }

    /// The block of a contents entry's lines (title, summary and page number), so that each
    /// entry is a paragraph of its own in the PDF's structure; `imprintBlock` likewise for each
    /// line of the imprint.
    static func contentsBlock(story: Int) -> Int { -1000 - story }
    static func imprintBlock(line: Int) -> Int { -2000 - line }

    /// Lines of `text` in `role`'s style, `width` wide, as box elements of block `block`.
    func boxLines(_ runs: [StyledRun], style: TextStyle, kind: TextKind, width: Double, inset: Double = 0, block: Int = -30) -> [ColumnElement] {
        // Titles and addresses in a box read better whole: no hyphenation.
        let rules = ParagraphRules(justified: false, breaking: layout.breaking, hyphenation: HyphenationSpec(enabled: false))
        let offset = baselineOffset(style, language: runs.first?.language ?? "en")
        return typesetter.lines(runs, width: width, align: .left, rules: rules).map { line in
            ColumnElement(content: .line(line, kind: kind, block: block), height: geometry.gridHeight(style.leading),
                          baseline: offset, inset: inset, breakAfter: .never)
        }
    }

    /// "In this issue": each story's title (kicker first, where it has one) with the page it
    /// starts on, and its summary when `summaries`.
    /// Without `spaced`, the entries follow one another without the space between them: titles
    /// only, for an issue of so many stories that the box would not fit otherwise.
    func contentsBox(_ issue: Issue, summaries: Bool, spaced: Bool = true) -> Box {
        let titleStyle = layout.style(.boxTitle)
        let textStyle = layout.style(.boxText)
        let width = geometry.columnWidth
        let numberWidth = pageNumberWidth(textStyle)
        var box = Box(elements: boxLines(runs(titleStyle, language: issue.language).runs(words(issue).translatePart(layout.contents.title)), style: titleStyle,
                                         kind: .boxTitle, width: width))
        for (index, story) in issue.stories.enumerated() where !story.filler {
            if spaced || box.pageNumbers.isEmpty {
                box.elements.append(ColumnElement(content: .space, height: geometry.grid / 2, baseline: 0, inset: 0, breakAfter: .never))
            }
            var entryStyle = textStyle
            entryStyle.bold = true
            let first = box.elements.count
            box.elements += boxLines(runs(entryStyle, language: story.lang).runs(story.title), style: entryStyle, kind: .boxText,
                                     width: width - numberWidth, block: Self.contentsBlock(story: index))
            box.pageNumbers.append((first, box.elements.count - 1, index))
            if summaries, let summary = story.summary {
                var summaryStyle = textStyle
                summaryStyle.italic = true
                box.elements += boxLines(runs(summaryStyle, language: story.lang).runs(summary), style: summaryStyle, kind: .boxText,
                                         width: width - numberWidth, block: Self.contentsBlock(story: index))
            }
        }
        box.elements = box.elements.map { element in
            var element = element
            element.height = element.isSpace ? geometry.gridHeight(element.height) : element.height
            return element
        }
        return box
    }

    /// The imprint: its title, then each of the layout's lines filled from issue.yaml; `compact`
    /// keeps the first two lines only (the issue and its editors), for when the whole imprint
    /// would need a page of its own: the footer gives the contact details on every page anyway.
    /// The imprint, a column wide (or `columns` wide); `compact`, the issue and its editors only.
    func imprintBox(_ issue: Issue, compact: Bool = false, columns: Int = 1) -> Box {
        let width = geometry.spanWidth(columns)
        let titleStyle = layout.style(.boxTitle)
        let textStyle = layout.style(.boxText)
        let words = words(issue)
        let values = IssueFields.values(issue, page: 1, pages: 1, words: words)
        var box = Box(elements: boxLines(runs(titleStyle, language: issue.language).runs(Template(words.translate(layout.imprint.title)).fill(values)),
                                         style: titleStyle, kind: .boxTitle, width: width))
        for (number, template) in (compact ? Array(layout.imprint.lines.prefix(2)) : layout.imprint.lines).enumerated() {
            let text = Template(words.translate(template)).fill(values)
            guard !text.isEmpty else { continue }
            box.elements += boxLines(runs(textStyle, language: issue.language).runs(text), style: textStyle, kind: .boxText, width: width,
                                     block: Self.imprintBlock(line: number))
        }
        return box
    }
}
