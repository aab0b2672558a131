import BulletinModel

/// The range a number of a layout must lie in, and how a message states it.
///
/// A layout's numbers end up in Pango's 32-bit units, in loops over lines and pages and in the
/// size of cairo's surfaces: a NaN, an infinity or a page nine million points wide traps or
/// exhausts memory far from the line that caused it. So every number is checked where it is
/// read, against a range wide enough for any real design.
struct Limit: Sendable {
    var range: ClosedRange<Double>
    /// How a message states the range: "from 1pt to 1000pt".
    var wording: String

    /// Whether `value` is finite and in range (NaN is in no range).
    func admits(_ value: Double) -> Bool { value.isFinite && range.contains(value) }

    static let millimetre = 72 / 25.4

    /// A range of lengths, worded in points.
    static func points(_ range: ClosedRange<Double>, _ note: String = "") -> Limit {
        Limit(range: range, wording: "from \(format(range.lowerBound))pt to \(format(range.upperBound))pt" + note)
    }

    /// A range of plain numbers.
    static func numbers(_ range: ClosedRange<Double>, _ note: String = "") -> Limit {
        Limit(range: range, wording: "from \(format(range.lowerBound)) to \(format(range.upperBound))" + note)
    }

    /// A number as a message shows it: at most one decimal, none when whole ("841.9", "12").
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() && abs(tenths) < 1e15 ? String(Int(tenths)) : String(tenths)
    }

    /// A length in millimetres, for messages about paper and columns.
    static func millimetres(_ points: Double) -> String { format(points / millimetre) + "mm" }
}

// MARK: - The ranges

extension Limit {
    /// Paper from a small card to a five-metre banner.
    static let pageSide = Limit(range: 50 * millimetre...5000 * millimetre, wording: "from 50mm to 5m")
    /// Margins and gutters: whether they leave room for text is checked with the whole page.
    static let margin = Limit(range: 0...5000 * millimetre, wording: "from 0 to 5m")
    /// Heights of furniture, spaces and gaps: whether they leave room is checked with the page.
    static let space = margin
    /// A finer grid than 4 pt is no grid; one coarser than the page is checked with the page.
    static let baseline = Limit(range: 4...5000 * millimetre, wording: "from 4pt to 5m")
    static let typeSize = points(1...1000)
    /// The print edition's bleed: none (a press that prints to the edge) to 20 mm; print
    /// shops ask for 3 to 5 mm, and a wider one only enlarges the sheet.
    static let bleed = Limit(range: 0...20 * millimetre, wording: "from 0 to 20mm")
    /// Rules are hairlines to bars; thicker ones cover the text beside them.
    static let rule = points(0...36)

    /// Leading from half to five times the size: tighter lines overprint each other, and a
    /// leading of zero would stack every line on one baseline.
    static func leading(size: Double) -> Limit {
        points(0.5 * size...5 * size, " (half to five times the size, \(format(size))pt)")
    }

    /// First-line indents, up to ten em of the style's size.
    static func indent(size: Double) -> Limit {
        Limit(range: 0...10 * size, wording: "from 0 to 10em (\(format(10 * size))pt)")
    }

    /// Tracking in em: slightly tighter than normal up to a full em between letters (Pango
    /// takes it in 32-bit units of 1/1024 pt).
    static let tracking = Limit(range: -0.1...1, wording: "from -0.1em to 1em")

    // Breaking: TeX's scales. Badness is capped at 10000, and a penalty of 10000 forbids a break.
    static let tolerance = numbers(0...10_000)
    /// A negative pretolerance skips the first pass.
    static let pretolerance = numbers(-1...10_000, " (-1 skips the first pass)")
    static let penalty = numbers(0...10_000)
    static let demerits = numbers(0...1_000_000)
    static let emergencyStretch = numbers(0...10, " em of the body size")
    /// Glyphs wider or narrower by more than a tenth look distorted.
    static let expansion = numbers(0...0.1)
    static let letterSpacing = numbers(0...0.1, " em")
    static let spaceStretch = numbers(0...10, " spaces")
    /// A space narrower than its normal width at the most would leave no line justifiable.
    /// More than a few em would leave short paragraphs no way to end.
    static let lastLineSpace = numbers(0...5, " em")
    static let maxWordSpace = numbers(1...100, " spaces")
    /// A space that may shrink to nothing lets words touch.
    static let spaceShrink = numbers(0...0.9, " of a space")

    /// Email pictures: below 36 dpi a photograph is mush; above 1200 nothing is saved.
    static let imageDPI = numbers(36...1200, " dpi")
    /// libjpeg's scale; below 10 the blocks show.
    static let jpegQuality = numbers(10...100)
    /// The email edition's size budget, in bytes: from 100 KB to 1 GB.
    static let sizeBudget = Limit(range: 100 * 1024...1024 * 1024 * 1024, wording: "from 100KB to 1GB")

    // Whole numbers.
    static let columns = numbers(1...8)
    static let frontStories = numbers(0...6)
    static let consecutiveHyphens = numbers(0...10)
    static let minimumWord = numbers(2...30, " letters")
    static let minimumPart = numbers(1...10, " letters")
}

// MARK: - The whole page

/// Checks of a layout as a whole, once every number is known to be in range: that its margins,
/// columns, furniture and type sizes leave room for text, so that no page comes out empty or
/// garbled. Each error names the key most to blame and its line.
struct LayoutGeometry {
    let spec: LayoutSpec

    /// The narrowest column text can be set in, whatever its size.
    static let narrowestColumn = 30 * Limit.millimetre
    /// Columns must also be this many em of the body size wide (about 16 characters).
    static let columnEms = 8.0

    func error(_ key: String, _ message: String) -> InputError {
        InputError(file: spec.file, line: spec.line(of: key), message)
    }

    private var page: PageSpec { spec.page }
    private var margins: Insets { spec.page.margins }
    private var grid: Double { spec.grid.baseline }
    private func pt(_ value: Double) -> String { Limit.format(value) + "pt" }
    private func mm(_ value: Double) -> String { Limit.millimetres(value) }

    /// Rounds a height up to whole grid lines, as the composer does.
    func gridHeight(_ height: Double) -> Double { (height / grid - 1e-6).rounded(.up) * grid }

    var textWidth: Double { page.width - margins.left - margins.right }
    var textHeight: Double { page.height - margins.top - margins.bottom }
    var columnWidth: Double {
        (textWidth - Double(spec.grid.columns - 1) * spec.grid.gutter) / Double(spec.grid.columns)
    }

    func check() throws {
        try checkMargins()
        try checkColumns()
        try checkFurniture()
        try checkRoomForStories()
        try checkStyles()
    }

    /// The margins leave a text area on the page.
    func checkMargins() throws {
        let horizontal = spec.keyLines["page.margins.left"] != nil || spec.keyLines["page.margins.right"] != nil
        let side = margins.left >= margins.right ? "page.margins.left" : "page.margins.right"
        let across = horizontal ? side : "page.margins"
        if textWidth <= 0 {
            throw error(across, "\(across) is past the page: left and right margins are \(mm(margins.left + margins.right)) "
                        + "together on a page \(mm(page.width)) wide")
        }
        if textWidth < Self.narrowestColumn {
            throw error(across, "\(across) leaves a text area \(mm(textWidth)) wide on a page \(mm(page.width)) wide; "
                        + "it must be at least \(mm(Self.narrowestColumn))")
        }
        let vertical = spec.keyLines["page.margins.top"] != nil || spec.keyLines["page.margins.bottom"] != nil
        let end = margins.top >= margins.bottom ? "page.margins.top" : "page.margins.bottom"
        let down = vertical ? end : "page.margins"
        if textHeight <= 0 {
            throw error(down, "\(down) is past the page: top and bottom margins are \(mm(margins.top + margins.bottom)) "
                        + "together on a page \(mm(page.height)) tall")
        }
    }

    /// The columns are wide enough to set text in.
    func checkColumns() throws {
        let columns = spec.grid.columns, gutters = Double(columns - 1) * spec.grid.gutter
        if columns > 1 && gutters >= textWidth {
            throw error("grid.gutter", "grid.gutter is too wide: \(columns - 1) gutters of \(mm(spec.grid.gutter)) leave no room "
                        + "for \(columns) columns in a text area \(mm(textWidth)) wide")
        }
        let body = spec.style(.body).size
        let byType = Self.columnEms * body
        if columnWidth < Self.narrowestColumn {
            // Blame the gutters when they take more of the text area than the columns do.
            let key = gutters > textWidth / 2 ? "grid.gutter" : "grid.columns"
            throw error(key, "grid.columns and grid.gutter make \(columns) columns \(mm(columnWidth)) wide in a text area "
                        + "\(mm(textWidth)) wide; a column must be at least \(mm(Self.narrowestColumn))")
        }
        if columnWidth < byType {
            let key = columns > 1 ? "grid.columns" : "styles.body.size"
            throw error(key, "\(key == "grid.columns" ? "grid.columns makes \(columns) columns" : "the column is") \(pt(columnWidth)) wide, "
                        + "narrower than \(Limit.format(Self.columnEms)) em of the body size (\(pt(byType)), about 16 characters "
                        + "of styles.body.size \(pt(body)))")
        }
        // Columns whose text nearly touches read across the gutter as one line.
        if columns > 1, spec.grid.gutter < body / 2 {
            throw error("grid.gutter", "grid.gutter of \(pt(spec.grid.gutter)) leaves the text of neighbouring columns touching: "
                        + "a gutter must be at least half an em of styles.body.size (\(pt(body / 2)))")
        }
    }

    /// The running head and footer fit in the heights the layout gives them; the baseline grid
    /// and the rule between stories fit the page.
    func checkFurniture() throws {
        if grid > textHeight {
            throw error("grid.baseline", "grid.baseline (\(pt(grid))) is taller than the text area (\(pt(textHeight)))")
        }
        // The running head's text, 2 pt and its rule lie above the columns' top.
        let head = spec.runningHead, headStyle = spec.style(.runningHead)
        let headNeeds = headStyle.leading + 2 + head.ruleWidth / 2
        if head.height < headNeeds {
            throw error("running_head.height", "running_head.height (\(pt(head.height))) is less than the running head needs "
                        + "(\(pt(headNeeds)): styles.running_head.leading, 2pt and half of running_head.rule); it would run into the columns")
        }
        // The footer's lines, and its rule 4 pt above them, lie below the columns' bottom.
        let footer = spec.footer, footerStyle = spec.style(.footer)
        let footerNeeds = Double(max(1, footer.lines.count)) * footerStyle.leading + (footer.ruleWidth > 0 ? 4 + footer.ruleWidth / 2 : 0)
        if footer.height < footerNeeds {
            throw error("footer.height", "footer.height (\(pt(footer.height))) is less than the footer needs (\(pt(footerNeeds)): "
                        + "\(max(1, footer.lines.count)) line\(footer.lines.count > 1 ? "s" : "") of styles.footer.leading and its rule); it would run into the columns")
        }
        let gap = gridHeight(spec.story.gap)
        if gap > 0 && spec.story.ruleWidth > gap {
            throw error("story.rule", "story.rule (\(pt(spec.story.ruleWidth))) is thicker than the space between stories "
                        + "(story.gap on the grid, \(pt(gap))); it would cover their text")
        }
    }

    /// Every page has room for a story's headline and two lines of its text, below the running
    /// head or the masthead and above the footer: otherwise pages come out empty. A headline too
    /// large for any page is left to the composer, whose message names the story that hit it.
    func checkRoomForStories() throws {
        let headline = spec.style(.headline), body = spec.style(.body)
        // A head of one headline line, as StoryHead measures it, and two body lines.
        let headHeight = gridHeight(headline.spaceBefore + headline.leading + headline.spaceAfter + grid / 2)
        let needs = headHeight + 2 * gridHeight(body.leading)
        let later = textHeight - spec.runningHead.height - spec.footer.height
        if later < needs {
            let shares: [(key: String, points: Double)] = [
                ("page.margins", margins.top + margins.bottom), ("running_head.height", spec.runningHead.height),
                ("footer.height", spec.footer.height), ("styles.headline", headHeight), ("styles.body.leading", 2 * gridHeight(body.leading)),
            ]
            let key = largest(shares)
            guard key != "styles.headline" else { return }
            throw error(key, "\(key) leaves no room for stories: pages after the first have \(pt(max(0, later))) "
                        + "between the running head and the footer, and a headline with two lines of text needs \(pt(needs))")
        }
        // Later pages have room, so if page 1 has none the masthead is to blame. At its smallest
        // it is a title line and its rules (Composer.placeMasthead), snapped to the grid.
        let masthead = spec.masthead, title = spec.style(.mastheadTitle)
        let mastheadHeight = gridHeight(title.leading + 4 + masthead.ruleWidth + 2 + masthead.thinRuleWidth + masthead.spaceAfter)
        let first = textHeight - spec.footer.height - mastheadHeight
        if first < needs {
            let key = largest([("styles.masthead_title", title.leading), ("masthead.space_after", masthead.spaceAfter),
                               ("masthead.rule", masthead.ruleWidth), ("masthead.thin_rule", masthead.thinRuleWidth)])
            throw error(key, "\(key) leaves no room for stories on page 1: below the masthead (\(pt(mastheadHeight))) there are "
                        + "\(pt(max(0, first))) above the footer, and a headline with two lines of text needs \(pt(needs))")
        }
    }

    /// Paragraph indents and block quotes leave room in a column.
    func checkStyles() throws {
        for role in [TextRole.body, .quote] where spec.style(role).indent >= columnWidth / 2 {
            throw error("styles.\(role.rawValue).indent", "styles.\(role.rawValue).indent (\(pt(spec.style(role).indent))) "
                        + "is half a column (\(pt(columnWidth))) or more")
        }
        // A block quote is inset by one em of its size on each side.
        let quote = spec.style(.quote).size
        if columnWidth - 2 * quote < 4 * quote {
            throw error("styles.quote.size", "styles.quote.size (\(pt(quote))) is too large for the column: block quotes, "
                        + "inset 1em on each side, would be \(pt(max(0, columnWidth - 2 * quote))) wide in a column of \(pt(columnWidth)); "
                        + "they need 4em")
        }
    }

    /// The key whose share of the page is largest.
    private func largest(_ shares: [(key: String, points: Double)]) -> String {
        shares.max { $0.points < $1.points }?.key ?? "page.margins"
    }
}
