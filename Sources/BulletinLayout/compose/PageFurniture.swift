import BulletinModel

/// Running heads (pages after the first) and the contact footer (every page), added once the
/// number of pages is known.
struct PageFurniture {
    let layout: LayoutSpec
    let geometry: PageGeometry
    let typesetter: Typesetter
    /// issue.yaml, whose fields fill the furniture's templates: named in warnings.
    let issueFile: String
    /// The issue's words: templates' English parts, month names and "and" in its language.
    let words: Words
    /// Lines set so far: most are the same on every page (the contact lines, a running head
    /// without the page number), and are set once.
    let done = SetLines()

    final class SetLines {
        struct Key: Hashable {
            var inlines: [Inline]
            var role: TextRole
            var kind: TextKind
            var x, baseline, width: Double
            var align: Alignment
        }
        var lines: [Key: [PageItem]] = [:]
    }

    func add(to pages: inout [Page], issue: Issue) {
        // The fields but the page number are the same on every page (the month's name takes
        // a date formatter to make).
        var values = IssueFields.values(issue, pages: pages.count, words: words)
        let links = IssueFields.links(issue)
        for index in pages.indices {
            IssueFields.set(page: index + 1, in: &values)
            if index > 0 { pages[index].items += runningHead(values, links: links) }
            pages[index].items += footer(values, links: links)
        }
    }

    private func line(_ inlines: [Inline], role: TextRole, kind: TextKind, x: Double, baseline: Double, align: Alignment,
                      width: Double) -> [PageItem] {
        let key = SetLines.Key(inlines: inlines, role: role, kind: kind, x: x, baseline: baseline, width: width, align: align)
        if let items = done.lines[key] { return items }
        let items = setLine(inlines, role: role, kind: kind, x: x, baseline: baseline, align: align, width: width)
        done.lines[key] = items
        return items
    }

    private func setLine(_ inlines: [Inline], role: TextRole, kind: TextKind, x: Double, baseline: Double, align: Alignment,
                         width: Double) -> [PageItem] {
        let text = inlines.plainText
        guard var set = oneLine(inlines, role: role) else { return [] }
        var used = set.rightEdge
        if used > width, used > 0 {
            // Too long for the page: set condensed to fit rather than run off the paper.
            let factor = width / used
            for i in set.fragments.indices {
                set.fragments[i].x *= factor
                set.fragments[i].width *= factor
                set.fragments[i].scale *= factor
            }
            let shown = text.count > 40 ? text.prefix(37) + "…" : text
            let warning = Warning(file: issueFile, line: nil,
                                  "the \(kind == .footer ? "footer" : "running head") line \"\(shown)\" is wider than the page: it is set condensed to \(Int(factor * 100)) %; shorten it")
            if !typesetter.clock.warnings.contains(warning) { typesetter.clock.warnings.append(warning) }
            used = width
        }
        let left: Double
        switch align {
        case .right: left = x + width - used
        case .centre: left = x + (width - used) / 2
        default: left = x
        }
        return set.fragments.map { .text(PlacedText(x: left + $0.x, baseline: baseline, fragment: $0, kind: kind)) }
    }

    /// The footer's page number (`footer.page` filled) and the room it takes on the first line,
    /// a space of the footer's size included; no room when there is none.
    private func pageNumberWidth(_ values: [String: String]) -> (text: String, width: Double) {
        let style = layout.style(.footer)
        let page = Template(words.translate(layout.footer.pageText)).fill(values)
        guard !page.isEmpty else { return (page, 0) }
        let runs = layout.runs(style, language: words.language).runs(page)
        return (page, runs.reduce(0) { $0 + typesetter.shaper.width(of: $1.text, font: $1.font, language: words.language) } + style.size)
    }

    /// The narrowest a footer line is condensed to before it is split into lines at its
    /// `" · "` separators: below this, type is no longer read as the face it is set in.
    static let narrowestFooter = 0.85

    /// The layout's footer with each line that would be condensed below `narrowestFooter`
    /// split at its separators into lines that fit, and its height grown by a line for each
    /// line added, so that the text area stays clear of it; nil when every line fits. A long
    /// address or web address otherwise made a line set at half its width.
    func fittedFooter(for issue: Issue) -> FooterSpec? {
        let spec = layout.footer
        let style = layout.style(.footer)
        var values = IssueFields.values(issue, pages: 999, words: words)
        IssueFields.set(page: 999, in: &values)
        let links = IssueFields.links(issue)
        let pageWidth = pageNumberWidth(values).width
        func natural(_ template: String) -> Double {
            oneLine(Template(words.translate(template)).inlines(values, links: links), role: .footer)?.rightEdge ?? 0
        }
        func room(_ line: Int) -> Double { geometry.width - (line == 0 ? pageWidth : 0) }
        var lines: [String] = []
        for text in spec.lines {
            let parts = text.components(separatedBy: " · ")
            guard parts.count > 1, natural(text) * Self.narrowestFooter > room(lines.count) else {
                lines.append(text)
                continue
            }
            var current: [String] = []
            for part in parts {
                let tried = (current + [part]).joined(separator: " · ")
                if !current.isEmpty, natural(tried) > room(lines.count) {
                    lines.append(current.joined(separator: " · "))
                    current = [part]
                } else {
                    current.append(part)
                }
            }
            lines.append(current.joined(separator: " · "))
        }
        guard lines.count > spec.lines.count else { return nil }
        var fitted = spec
        fitted.lines = lines
        fitted.height += Double(lines.count - spec.lines.count) * style.leading
        return fitted
    }

    /// Furniture's text set on one line, as wide as it needs (it is aligned by hand); nil for none.
    private func oneLine(_ inlines: [Inline], role: TextRole) -> TypesetLine? {
        let runs = layout.runs(layout.style(role), language: words.language).runs(inlines)
        let rules = ParagraphRules(justified: false, breaking: layout.breaking, hyphenation: HyphenationSpec(enabled: false))
        guard let set = typesetter.lines(runs, width: 100_000, align: .left, rules: rules).first else { return nil }
        // A line that runs from the right stood at the right of that measure: brought to its own.
        return set.fromRight ? set.measured(set.rightEdge - (set.fragments.map(\.x).min() ?? 0)) : set
    }

    private func metrics(_ role: TextRole) -> FontMetrics {
        let style = layout.style(role)
        let font = layout.runs(style, language: words.language).font()
        return typesetter.shaper.metrics(of: font, language: words.language)
    }

    private func ascent(_ role: TextRole) -> Double { metrics(role).ascent }

    func runningHead(_ values: [String: String], links: [String: String] = [:]) -> [PageItem] {
        let spec = layout.runningHead
        let style = layout.style(.runningHead)
        let baseline = geometry.top + ascent(.runningHead)
        var items = line(Template(words.translate(spec.text)).inlines(values, links: links), role: .runningHead, kind: .runningHead,
                         x: geometry.left, baseline: baseline, align: .left, width: geometry.width)
        if spec.ruleWidth > 0 {
            let y = geometry.top + style.leading + 2
            items.append(.rule(Rule(x0: geometry.left, y0: y, x1: geometry.right, y1: y, thickness: spec.ruleWidth, colour: layout.colours["rule"])))
        }
        return items
    }

    func footer(_ values: [String: String], links: [String: String] = [:]) -> [PageItem] {
        let spec = layout.footer
        let style = layout.style(.footer)
        var items: [PageItem] = []
        let lineCount = Double(max(1, spec.lines.count))
        // The footer's last line ends, descenders and all, on the bottom margin; the rule goes
        // above its first line.
        var baseline = geometry.bottom - metrics(.footer).descent - (lineCount - 1) * style.leading
        if spec.ruleWidth > 0 {
            let y = baseline - ascent(.footer) - 4
            items.append(.rule(Rule(x0: geometry.left, y0: y, x1: geometry.right, y1: y, thickness: spec.ruleWidth, colour: layout.colours["rule"])))
        }
        // The first line shares its baseline with the page number, and keeps clear of it.
        let (page, pageWidth) = pageNumberWidth(values)
        for (i, text) in spec.lines.enumerated() {
            items += line(Template(words.translate(text)).inlines(values, links: links), role: .footer, kind: .footer, x: geometry.left, baseline: baseline,
                          align: .left, width: geometry.width - (i == 0 ? pageWidth : 0))
            if i == 0 {
                items += line([.text(page)], role: .footer, kind: .footer, x: geometry.left, baseline: baseline, align: .right, width: geometry.width)
            }
            baseline += style.leading
        }
        if spec.lines.isEmpty {
            items += line([.text(page)], role: .footer, kind: .footer, x: geometry.left, baseline: baseline, align: .right, width: geometry.width)
        }
        return items
    }
}
