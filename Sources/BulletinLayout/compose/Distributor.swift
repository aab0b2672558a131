import BulletinModel

/// Text that waits for page numbers: placed during distribution, written when all pages are known.
struct Slot: Equatable {
    enum Kind: Equatable {
        /// "Continued on page N" at the end of part `part` of a story: N is where part + 1 is.
        case continuedOn(part: Int)
        /// "Continued from page M" at the start of part `part`: M is where part − 1 is.
        case continuedFrom(part: Int)
        /// The page a story starts on, flush right (a contents entry).
        case startPage
    }

    var kind: Kind
    var story: Int
    var page: Int
    /// The line's text belongs to the story (a jump line), or to the issue (contents).
    var inStory = true
    /// Where among the page's items the text goes, so that it is read in its place.
    var position = 0
    /// The line's box: left edge, width, and the top of its slot on the grid.
    var x: Double
    var width: Double
    var top: Double
}

/// What a distribution may vary when an issue is fitted to its pages.
struct FitOptions: Equatable {
    /// Space between stories.
    var gap: Double
    var pullQuotes = true
    /// Fillers left out, by story.
    var fillersLeftOut: Set<Int> = []
    /// Only measure: the body's lines take their room but are not placed as text. For the
    /// distributions fitting tries, which it measures and keeps at most one of, set again in
    /// full (`Composer.complete`): every choice the distributor makes goes by the room taken,
    /// never by the text placed.
    var measuring = false
}

/// Where each story went: the page and top of its head, and the pages of its parts.
struct StoryPlacement: Equatable {
    var page: Int
    var top: Double
    /// The page of each part; a story that runs on to another page has two parts or more.
    var parts: [Int]
}

/// Distribution: stories flow into the columns of pages, in order.
///
/// Each page keeps the top of its free space per column, a skyline. A story starts below the
/// leftmost column's top; its head spans the columns that are free there, and its body flows
/// through those columns and on into any column to their right whose free space starts lower
/// (beside a narrow story placed before it), one column after another. Where the rest of a story
/// fits on the page its columns are balanced to a common bottom; where it does not, the last
/// column keeps a line for "Continued on page N" and the story resumes on the next page under a
/// jump head. A narrow story (`columns: 1` or `2`) takes the rightmost columns (or, where those
/// are full, the empty columns next to them) and must fit there whole; the stories after it
/// flow beside and below it.
struct Distributor {
    let composer: Composer
    var geometry: PageGeometry { composer.geometry }
    var layout: LayoutSpec { composer.layout }

    var pages: [Page]
    /// Per page, per column: the top of the free space.
    var tops: [[Double]]
    /// Per page: where stories start on it (below the masthead on page 1).
    var origins: [Double]
    var slots: [Slot] = []
    var placements: [StoryPlacement?]
    /// Lead pictures framed so far, by story and number of columns of the head above them.
    private var leads: [Int: [Int: Figure]] = [:]

    let options: FitOptions
    /// Body lines placed on each page, for telling how far an issue runs over a page count.
    var bodyLinesPerPage: [Int] = [0]

    init(composer: Composer, firstPage: Page, top: Double, stories: Int, options: FitOptions) {
        self.composer = composer
        self.options = options
        pages = [firstPage]
        tops = [Array(repeating: top, count: composer.geometry.columns)]
        origins = [top]
        placements = Array(repeating: nil, count: stories)
    }

    var grid: Double { geometry.grid }

    /// Space between stories, on the grid: a line at least, however tight the issue, so that
    /// the rule between two stories has room above and below it.
    var storyGap: Double { max(grid, geometry.gridHeight(options.gap)) }

    /// A story's body as this distribution sets it: with its pull quote or without, tightened
    /// where that saved a short jump, its pull quote moved down where it stood at a jump.
    func body(_ material: StoryMaterial) -> [ColumnElement] {
        rearranged[material.index] ?? (options.pullQuotes ? material.body : material.quoteless)
    }

    /// Bodies set otherwise than the material's, by story: a line shorter per paragraph where
    /// that kept a story from jumping to the next page for a few lines; or with the pull quote
    /// moved down from where a page's part of the story ended before it, so that a continuation
    /// does not open with the quote and the columns before the jump are not left short by it.
    private var rearranged: [Int: [ColumnElement]] = [:]
    /// How often a story's table or picture went down a paragraph (`flow`).
    private var floatsMoved: [Int: Int] = [:]
    /// The table or picture a story's text passed last: its place in the story's body, and the
    /// block it was written after, whose last line it is read after where that is on the same
    /// page (`placeColumn`).
    private var readAfterBlock: [Int: (element: Int, block: Int)] = [:]

    /// A story that would carry no more than this many lines over to another page is set
    /// tighter, if that keeps it whole.
    static let shortJump = 3

    func head(_ material: StoryMaterial, columns: Int) -> StoryHead {
        composer.heads.head(material, columns: columns, composer: composer)
    }

    /// The head across `columns` columns and the lead picture under it, if the story has one.
    mutating func headAndLead(_ material: StoryMaterial, columns: Int) -> (head: StoryHead, lead: Figure?, height: Double) {
        let head = head(material, columns: columns)
        guard material.leadImage != nil else { return (head, nil, head.height) }
        let lead = leads[material.index]?[columns] ?? material.leadFigure(composer: composer, columns: columns, headHeight: head.height)
        leads[material.index, default: [:]][columns] = lead
        // A grid line clear between the caption and the text below it.
        return (head, lead, head.height + (lead.map { $0.height + grid } ?? 0))
    }

    var lastPage: Int { pages.count - 1 }

    /// Boxes that go at the top of a page's rightmost column as soon as the page exists.
    var boxesForPage: [Int: Box] = [:]

    mutating func newPage() {
        pages.append(Page())
        tops.append(Array(repeating: geometry.bodyTop(page: pages.count - 1), count: geometry.columns))
        origins.append(geometry.bodyTop(page: pages.count - 1))
        bodyLinesPerPage.append(0)
        if let box = boxesForPage.removeValue(forKey: lastPage) { _ = placeBox(box, page: lastPage) }
    }

    /// Whether anything has been placed in column `column` of `page` yet.
    func isFresh(_ page: Int, column: Int) -> Bool { tops[page][column] <= origins[page] + 1e-6 }

    // MARK: - Stories

    /// Places a story: a full-width one from the leftmost column's top, a narrow one in the
    /// rightmost columns.
    mutating func place(_ material: StoryMaterial) throws {
        if let span = material.span, span < geometry.columns, try placeNarrow(material, span: span) { return }
        try placeWide(material)
    }

    /// Where a story across the page would open on `page`: at the leftmost column's top, across
    /// the columns free from there, below a story gap unless the column is fresh; `fits` when the
    /// head (and its picture) and the first lines of the body go there: a story never starts in
    /// the last lines of a column.
    mutating func opening(_ material: StoryMaterial, page: Int) -> (y: Double, gap: Double, columns: Range<Int>, head: StoryHead, lead: Figure?, fits: Bool) {
        let y0 = tops[page][0]
        let columns = 0..<(0..<geometry.columns).prefix { tops[page][$0] <= y0 + 1e-6 }.count
        let (head, lead, headHeight) = headAndLead(material, columns: columns.count)
        let gap = isFresh(page, column: 0) ? 0 : storyGap
        return (y0, gap, columns, head, lead, y0 + gap + headHeight + material.minimumBody <= geometry.bodyBottom + 1e-6)
    }

    /// The head's columns of `page` taken down to its foot (the lead picture's foot, in the
    /// columns the picture spans): a story with no body ends there, and the next one starts below.
    mutating func takeHead(page: Int, columns: Range<Int>, bodyTop: Double, lead: Figure?, pictureColumns: Int) {
        for column in columns {
            let foot = column - columns.lowerBound < pictureColumns ? bodyTop + (lead?.height ?? 0) : bodyTop
            tops[page][column] = max(tops[page][column], foot)
        }
    }

    /// A story across the free columns at the leftmost column's top, flowing on as needed.
    mutating func placeWide(_ material: StoryMaterial) throws {
        var page = lastPage
        var start = opening(material, page: page)
        while !start.fits {
            // A whole empty page and still no room: the head can fit nowhere. (A page with a box
            // in a column is not empty: the head is narrower, and taller, there.)
            guard !((0..<geometry.columns).allSatisfy({ isFresh(page, column: $0) })
                    && origins[page] <= geometry.bodyTop(page: page) + 1e-6) else {
                throw composer.headTooTall(start.head, story: material.story, minimumBody: material.minimumBody,
                                           textArea: geometry.bodyBottom - geometry.bodyTop(page: page))
            }
            newPage()
            page = lastPage
            start = opening(material, page: page)
        }
        if start.gap > 0 { addRule(page: page, columns: start.columns, y: start.y + start.gap / 2) }
        let headTop = start.y + start.gap
        start.head.place(composer: composer, x: geometry.columnX(start.columns.lowerBound), top: headTop, on: &pages[page])
        placements[material.index] = StoryPlacement(page: page, top: headTop, parts: [page])
        let bodyTop = headTop + start.head.height
        // The lead picture under the head, from its left; the body starts below it in the
        // columns it spans and right below the head in the others.
        var pictureBottom = bodyTop
        var pictureColumns = 0
        if let lead = start.lead {
            lead.place(x: geometry.columnX(start.columns.lowerBound), top: bodyTop, story: material.index, column: nil, block: -50, on: &pages[page])
            pictureBottom = bodyTop + lead.height + grid
            pictureColumns = material.leadColumns(under: start.columns.count)
        }
        takeHead(page: page, columns: start.columns, bodyTop: bodyTop, lead: start.lead, pictureColumns: pictureColumns)
        // The body's chain on this page: the head's columns below it, then any column to their
        // right whose free space starts lower, below a rule.
        var chain: [(column: Int, top: Double)] = start.columns.map { ($0, $0 - start.columns.lowerBound < pictureColumns ? pictureBottom : bodyTop) }
        chain += lowerColumns(page: page, from: start.columns.upperBound, top: start.y, bottom: geometry.bodyBottom)
        try flow(material, from: 0, page: page, chain: chain)
    }

    /// A narrow story in the rightmost `span` columns, whole on one page. False if it cannot fit
    /// whole on any page, so that it is set as a wide story instead.
    mutating func placeNarrow(_ material: StoryMaterial, span: Int) throws -> Bool {
        let columns = (geometry.columns - span)..<geometry.columns
        if placeWhole(material, columns: columns, page: lastPage) { return true }
        // Where the rightmost columns are full (a narrow story before this one, under the
        // contents box) but columns left of them are still empty, the story stands in the
        // rightmost of those: on a new page it would leave them empty, as the stories after it
        // open there too.
        for first in stride(from: geometry.columns - span - 1, through: 0, by: -1) {
            let left = first..<(first + span)
            if left.allSatisfy({ isFresh(lastPage, column: $0) }), placeWhole(material, columns: left, page: lastPage) { return true }
        }
        // Tried on a new page, which is taken back (with the box it took) if the story does not fit.
        let box = boxesForPage[lastPage + 1]
        newPage()
        if placeWhole(material, columns: columns, page: lastPage) { return true }
        pages.removeLast(); tops.removeLast(); origins.removeLast(); bodyLinesPerPage.removeLast()
        boxesForPage[lastPage + 1] = box
        return false
    }

    /// A story whole in `columns` of `page`, below what they hold, its body balanced; false,
    /// with nothing placed, when it does not fit there.
    mutating func placeWhole(_ material: StoryMaterial, columns: Range<Int>, page: Int) -> Bool {
        let (head, lead, headHeight) = headAndLead(material, columns: columns.count)
        let y0 = columns.map { tops[page][$0] }.max() ?? 0
        let gap = columns.allSatisfy({ isFresh(page, column: $0) }) ? 0 : storyGap
        let bodyTop = y0 + gap + headHeight
        let capacity = ((geometry.bodyBottom - bodyTop) / grid + 1e-6).rounded(.down) * grid
        // No strips: a short body takes the first of the columns, as many as the rule allows.
        let flow = ColumnFlow(elements: body(material))
        let count = columnsWithoutStrips(flow.height(from: 0), of: columns.count)
        guard capacity >= 0, let balanced = flow.balance(from: 0, count: count, capacity: capacity, grid: grid)
                ?? (count < columns.count ? flow.balance(from: 0, count: columns.count, capacity: capacity, grid: grid) : nil) else {
            return false
        }
        if gap > 0 { addRule(page: page, columns: columns, y: y0 + gap / 2) }
        head.place(composer: composer, x: geometry.columnX(columns.lowerBound), top: y0 + gap, on: &pages[page])
        lead?.place(x: geometry.columnX(columns.lowerBound), top: y0 + gap + head.height, story: material.index, column: nil, block: -50, on: &pages[page])
        placements[material.index] = StoryPlacement(page: page, top: y0 + gap, parts: [page])
        let bottom = bodyTop + (balanced.map(\.height).max() ?? 0)
        for (offset, column) in balanced.enumerated() {
            placeColumn(column, of: material, page: page, column: columns.lowerBound + offset, top: bodyTop)
        }
        for column in columns { tops[page][column] = bottom }
        return true
    }

    /// How much of the last page's text area is used, from its free lines (0 empty, 1 full).
    var lastPageUse: Double {
        let lines = geometry.columns * Int(((geometry.bodyBottom - geometry.bodyTop(page: lastPage)) / grid).rounded(.down))
        return 1 - Double(freeLines) / Double(max(1, lines))
    }

    /// Whether every word of the story's headline fits across `columns` columns, so that none
    /// is broken between letters there.
    func headlineFits(_ material: StoryMaterial, columns: Int) -> Bool {
        let language = material.story.lang
        let font = composer.runs(layout.style(.headline), language: language).font()
        let width = geometry.spanWidth(columns)
        return material.story.title.split(whereSeparator: \.isWhitespace).allSatisfy {
            composer.typesetter.shaper.width(of: String($0), font: font, language: language) <= width + 1e-6
        }
    }

    /// A filler, at the end: on the last page where it goes as a story across the free columns
    /// without strips, else as a block in the last page's free space, else across the free
    /// columns there after all; else whole in the free space at the foot of a page before,
    /// the latest that holds it; only when none does, on a page of its own.
    mutating func placeFiller(_ material: StoryMaterial) throws {
        var here = self
        let columns = material.span == nil ? here.opening(material, page: lastPage).columns.count : 0
        try here.place(material)
        let fitsHere = here.pages.count == pages.count
        if fitsHere, material.span != nil
            || columnsWithoutStrips(ColumnFlow(elements: body(material)).height(from: 0), of: columns) == columns {
            self = here
            return
        }
        if placeInGap(material) { return }
        if fitsHere {
            self = here
            return
        }
        for page in stride(from: lastPage - 1, through: 0, by: -1) where placeInGap(material, page: page) { return }
        self = here
    }

    /// A story that may stand anywhere (a narrow one or a filler) set whole in the space
    /// `page` (the last page) has left, in the adjacent columns where its head starts highest: its own
    /// columns for a narrow story; for a filler, as many as hold it, from all down to one.
    /// False, with nothing placed, if it fits nowhere there.
    mutating func placeInGap(_ material: StoryMaterial, page: Int? = nil) -> Bool {
        let page = page ?? lastPage
        // A filler no wider than its body fills without strips: a narrower block, not lines
        // strewn under a wide head.
        let height = ColumnFlow(elements: body(material)).height(from: 0)
        let spans = material.span.map { [$0] }
            ?? Array((1...geometry.columns).reversed()).filter { columnsWithoutStrips(height, of: $0) == $0 && headlineFits(material, columns: $0) }
        for span in spans where span <= geometry.columns {
            // The highest start first; of two as high, the leftmost.
            var starts: [(columns: Range<Int>, top: Double)] = []
            for first in 0...(geometry.columns - span) {
                let columns = first..<(first + span)
                starts.append((columns, tops[page][columns].max() ?? 0))
            }
            starts.sort { a, b in a.top < b.top || (a.top == b.top && a.columns.lowerBound < b.columns.lowerBound) }
            for start in starts where start.top < geometry.bodyBottom - 4 * grid {
                if placeWhole(material, columns: start.columns, page: page) { return true }
            }
        }
        return false
    }

    /// The rules `lowerColumns` set last, by column: the page and the rule's place among its items.
    private var lowerRules: [Int: (page: Int, item: Int)] = [:]

    /// The columns of `page` from `first` on whose free space starts lower (below a narrow story
    /// or a box) and still holds two lines above `bottom`, each set apart by a rule: a story's
    /// text goes on into them, no higher than `top`.
    mutating func lowerColumns(page: Int, from first: Int, top: Double, bottom: Double) -> [(column: Int, top: Double)] {
        var chain: [(column: Int, top: Double)] = []
        lowerRules = [:]
        for column in first..<geometry.columns where tops[page][column] + storyGap + 2 * grid <= bottom + 1e-6 {
            if let boxAtEnd, boxAtEnd == (page, column) { break }
            lowerRules[column] = (page, pages[page].items.count)
            addRule(page: page, columns: column..<(column + 1), y: tops[page][column] + storyGap / 2)
            chain.append((column, max(top, tops[page][column] + storyGap)))
        }
        return chain
    }

    /// Flows a story's body from element `start` through `chain` on `page`, and on through the
    /// following pages, each continuation under a jump head. With `firstBottom`, the first page's
    /// columns end there (a front-page band) and, if the story does not end above it, the flow
    /// stops there and returns the element it goes on from; otherwise nil.
    @discardableResult
    mutating func flow(_ material: StoryMaterial, from start: Int, page startPage: Int, chain startChain: [(column: Int, top: Double)],
                       part startPart: Int = 0, firstBottom: Double? = nil) throws -> Int? {
        var flow = ColumnFlow(elements: body(material))
        var next = start
        var page = startPage
        var chain = readingOrder(startChain, of: material)
        var part = startPart
        var bottom = firstBottom ?? geometry.bodyBottom
        if flow.skipSpaces(next) >= flow.elements.count {
            // Nothing to flow (a story of only a head): the lower columns stay as they were,
            // without the rules that were to set the story apart there.
            for rule in lowerRules.values.filter({ $0.page == page }).map(\.item).sorted(by: >) { pages[page].items.remove(at: rule) }
            lowerRules = [:]
            return nil
        }
        while flow.skipSpaces(next) < flow.elements.count {
            // The rest fits here: balance it to a common bottom.
            if let balanced = balance(flow, from: next, chain: chain, bottom: bottom) {
                var lowest = chain.map(\.top).min() ?? bottom
                for (column, link) in zip(balanced, chain) {
                    placeColumn(column, of: material, page: page, column: link.column, top: link.top)
                    lowest = max(lowest, link.top + column.height)
                }
                // A lower column the story did not reach stays as it was, without the rule
                // that was to set the story apart there.
                var unreached: [Int] = []
                for (offset, link) in chain.enumerated() {
                    if offset >= balanced.count || balanced[offset].end == balanced[offset].start,
                       let rule = lowerRules[link.column], rule.page == page {
                        unreached.append(rule.item)
                        continue
                    }
                    tops[page][link.column] = max(tops[page][link.column], lowest)
                }
                for item in unreached.sorted(by: >) { pages[page].items.remove(at: item) }
                lowerRules = [:]
                return nil
            }
            // It does not: fill the chain, keeping the last column's last line for the jump line.
            var capacities = chain.map { ((bottom - $0.top) / grid + 1e-6).rounded(.down) * grid }
            capacities[capacities.count - 1] -= grid
            let columns = flow.fillChain(from: next, capacities: capacities, jumpAfter: true)
            // A few lines over: the story set a little tighter may keep them on this page.
            if next == 0, part == 0, layout.fit.looseness, rearranged[material.index] == nil,
               flow.elements[flow.skipSpaces(columns.last?.end ?? 0)...].reduce(0, { $0 + $1.height }) <= Double(Self.shortJump) * grid + 1e-6 {
                let tight = ColumnFlow(elements: material.tightBody(composer: composer, pullQuote: options.pullQuotes))
                if balance(tight, from: 0, chain: chain, bottom: bottom) != nil {
                    rearranged[material.index] = tight.elements
                    flow = tight
                    continue
                }
            }
            // The part on this page ends before the pull quote (too tall for the room left):
            // the quote goes down a paragraph, and the text after it fills the room instead.
            let resume = flow.skipSpaces(columns.last?.end ?? next)
            if columns.contains(where: { $0.end > $0.start }), resume < flow.elements.count, flow.elements[resume].isPullQuote,
               let moved = ColumnElement.movingDown(at: resume, in: flow.elements)?.elements {
                rearranged[material.index] = moved
                flow = ColumnFlow(elements: moved)
                continue
            }
            // A table or picture too tall for the room a column has left (three lines or more):
            // it goes down a paragraph, twice at most, and the text after it fills the room (a
            // test issue's front page left a column six lines short before a table).
            if floatsMoved[material.index, default: 0] < 2,
               let at = zip(columns, capacities).first(where: { column, capacity in
                   let after = flow.skipSpaces(column.end)
                   return column.end > column.start && after < flow.elements.count && flow.elements[after].isFloat
                       && capacity - column.height >= 3 * grid - 1e-6
               }).map({ flow.skipSpaces($0.0.end) }),
               let (moved, newIndex) = ColumnElement.movingDown(at: at, in: flow.elements) {
                floatsMoved[material.index, default: 0] += 1
                // The lines it passed, to be read after it (`placeColumn`).
                let before = flow.elements[..<at].last { if case .line = $0.content { return true } else { return false } }
                if case .line(_, _, let block)? = before?.content {
                    readAfterBlock[material.index] = (newIndex, block)
                } else {
                    readAfterBlock[material.index] = nil
                }
                rearranged[material.index] = moved
                flow = ColumnFlow(elements: moved)
                continue
            }
            let placedAny = columns.contains { $0.end > $0.start }
            if placedAny {
                for (column, link) in zip(columns, chain) {
                    placeColumn(column, of: material, page: page, column: link.column, top: link.top)
                }
                next = columns.last?.end ?? next
                if let last = chain.last {
                    slots.append(Slot(kind: .continuedOn(part: part), story: material.index, page: page,
                                      position: pages[page].items.count, x: geometry.columnX(last.column), width: geometry.columnWidth, top: bottom - grid))
                }
                part += 1
            } else if chain.allSatisfy({ isFresh(page, column: $0.column) }) {
                throw tooTall(flow.elements[flow.skipSpaces(next)...].first, of: material.story)
            }
            for link in chain { tops[page][link.column] = bottom }
            if firstBottom != nil { return next }
            // On to the next page, under a jump head.
            bottom = geometry.bodyBottom
            if page == lastPage { newPage() }
            page += 1
            // The columns free at the top of the new page (a box may stand in the last ones).
            var top = tops[page][0]
            let free = (0..<geometry.columns).prefix { tops[page][$0] <= top + 1e-6 }.count
            if placedAny {
                top = placeJumpHead(material, part: part, page: page, top: top, columns: free)
                placements[material.index]?.parts.append(page)
            }
            chain = readingOrder((0..<free).map { ($0, top) } + lowerColumns(page: page, from: free, top: top, bottom: geometry.bodyBottom),
                                 of: material)
        }
        return nil
    }

    /// The columns of `chain` in the order `material` reads them: a right-to-left story's from
    /// the right, those that start level with the first (lower columns, beside a box, and the
    /// columns beside a picture keep the page's order after them).
    /// The error for an element of `story` that no column holds, in the words of what it is.
    func tooTall(_ element: ColumnElement?, of story: Story) -> InputError {
        switch element?.content {
        case .framed(_, kind: .pullQuote, _, _, _)?:
            return InputError(file: story.file, line: story.pullQuoteLine ?? story.titleLine,
                              "the pull quote is taller than a column: shorten it to a sentence or two")
        case .table?:
            return InputError(file: story.file, line: story.titleLine,
                              "a row of a table in the story is taller than a column: shorten its cells")
        default:
            return InputError(file: story.file, line: story.titleLine,
                              "a line of the story is taller than a page's columns: check the layout's leading")
        }
    }

    func readingOrder(_ chain: [(column: Int, top: Double)], of material: StoryMaterial) -> [(column: Int, top: Double)] {
        guard WritingDirection.isRightToLeft(language: material.story.lang), let first = chain.first else { return chain }
        let level = chain.prefix { abs($0.top - first.top) < 1e-6 }.count
        return chain.prefix(level).reversed() + chain.dropFirst(level)
    }

    // MARK: - The front page

    /// The openings of `materials` on page 1, each in a band across the page below the one
    /// before. Each band holds its story's head and its first lines (and a few more); what is left
    /// of the page is shared among the bands, the first story's twice. A story that does not end
    /// in its band ends there with a slot for "Continued on page N". Returns the stories cut off,
    /// with the element each goes on from, and the stories opened: the last ones are left to be
    /// placed as usual when the page cannot hold all the heads.
    mutating func placeOpenings(_ materials: [StoryMaterial]) throws -> (cut: [(material: StoryMaterial, next: Int)], opened: [Int]) {
        var cut: [(material: StoryMaterial, next: Int)] = []
        var opened: [Int] = []
        let page = 0
        // What each opening needs at least: the rule's gap, the head, the first lines and three more.
        let start = tops[page][0]
        let startFree = max(1, (0..<geometry.columns).prefix { tops[page][$0] <= start + 1e-6 }.count)
        var front = materials
        var needs = front.enumerated().map { i, material in
            (i == 0 && isFresh(page, column: 0) ? 0 : storyGap) + headAndLead(material, columns: startFree).height
                + material.minimumBody + 3 * grid
        }
        while !needs.isEmpty, needs.reduce(0, +) > geometry.bodyBottom - start + 1e-6 {
            needs.removeLast()
            front.removeLast()
        }
        let weights = front.indices.map { $0 == 0 ? 2.0 : 1.0 }
        let spare = max(0, geometry.bodyBottom - start - needs.reduce(0, +))
        var bandBottoms: [Double] = []
        var y = start
        for i in front.indices {
            y += needs[i] + spare * weights[i] / weights.reduce(0, +)
            bandBottoms.append(i == front.count - 1 ? geometry.bodyBottom : geometry.snap(y, page: page) - (geometry.snap(y, page: page) > y + 1e-6 ? grid : 0))
        }
        for (i, material) in front.enumerated() {
            let y0 = tops[page][0]
            let bandBottom = bandBottoms[i]
            let free = (0..<geometry.columns).prefix { tops[page][$0] <= y0 + 1e-6 }.count
            let (head, lead, headHeight) = headAndLead(material, columns: free)
            let gap = isFresh(page, column: 0) ? 0 : storyGap
            guard free > 0, y0 + gap + headHeight + material.minimumBody <= bandBottom + 1e-6 else { continue }
            if gap > 0 { addRule(page: page, columns: 0..<free, y: y0 + gap / 2) }
            let headTop = y0 + gap
            head.place(composer: composer, x: geometry.left, top: headTop, on: &pages[page])
            placements[material.index] = StoryPlacement(page: page, top: headTop, parts: [page])
            opened.append(material.index)
            let bodyTop = headTop + head.height
            var pictureBottom = bodyTop, pictureColumns = 0
            if let lead {
                lead.place(x: geometry.left, top: bodyTop, story: material.index, column: nil, block: -50, on: &pages[page])
                pictureBottom = bodyTop + lead.height + grid
                pictureColumns = material.leadColumns(under: free)
            }
            takeHead(page: page, columns: 0..<free, bodyTop: bodyTop, lead: lead, pictureColumns: pictureColumns)
            let chain = (0..<free).map { ($0, $0 < pictureColumns ? pictureBottom : bodyTop) }
                + lowerColumns(page: page, from: free, top: bodyTop, bottom: bandBottom)
            // The opening ends in its band; where the story goes on, the band's last line keeps
            // "Continued on page N".
            if let next = try flow(material, from: 0, page: page, chain: chain, firstBottom: bandBottom) {
                cut.append((material, next))
            }
        }
        return (cut, opened)
    }

    /// The rest of a story opened on the front page, from element `next`, under its jump head
    /// where the last page has room (or on a new page).
    mutating func placeContinuation(_ material: StoryMaterial, from next: Int) throws {
        var page = lastPage
        let jumpHeight = Double(material.jumpHead.lines.count) * material.jumpHead.style.leading + layout.style(.jump).leading
        if tops[page][0] + storyGap + jumpHeight + Double(StoryMaterial.linesWithHead + 1) * grid > geometry.bodyBottom {
            newPage()
            page = lastPage
        }
        let y0 = tops[page][0]
        let free = (0..<geometry.columns).prefix { tops[page][$0] <= y0 + 1e-6 }.count
        let top = placeJumpHead(material, part: 1, page: page, top: y0, columns: free)
        placements[material.index]?.parts.append(page)
        let chain = (0..<free).map { ($0, top) } + lowerColumns(page: page, from: free, top: top, bottom: geometry.bodyBottom)
        try flow(material, from: next, page: page, chain: chain, part: 1)
    }

    /// The most even columns holding the rest of the story within `chain` above `bottom`; nil if
    /// it does not all fit. Columns that start level are balanced as `ColumnFlow` balances them;
    /// a chain with a lower column (beside a narrow story) is filled to the lowest common bottom.
    ///
    /// No strips: a few lines are set in the first columns of the chain, as many as keep two lines
    /// in each (three where the chain is four columns or more), the others left empty; fewer still
    /// where the lines fall unevenly, and all of the chain only when fewer do not hold the rest.
    func balance(_ flow: ColumnFlow, from start: Int, chain: [(column: Int, top: Double)], bottom: Double) -> [ColumnFlow.Column]? {
        let count = columnsWithoutStrips(flow.height(from: start), of: chain.count)
        let least = Double(chain.count >= 4 ? 3 : 2) * grid
        var fallback: [ColumnFlow.Column]?
        // Fewer columns hold less: once some do not hold the rest, fewer do not either.
        for k in stride(from: count, through: 1, by: -1) {
            guard let columns = balance(flow, from: start, links: Array(chain.prefix(k)), bottom: bottom) else { break }
            if k == 1 || columns.allSatisfy({ $0.end == $0.start || $0.height >= least - 1e-6 }) { return columns }
            if fallback == nil { fallback = columns }
        }
        if let fallback { return fallback }
        return count < chain.count ? balance(flow, from: start, links: chain, bottom: bottom) : nil
    }

    /// The most even columns holding the rest of the story in all of `links`, as far as the
    /// story goes; nil if it does not all fit.
    private func balance(_ flow: ColumnFlow, from start: Int, links: [(column: Int, top: Double)], bottom: Double) -> [ColumnFlow.Column]? {
        let first = links.map(\.top).min() ?? bottom
        if links.allSatisfy({ abs($0.top - first) < 1e-6 }) {
            let capacity = ((bottom - first) / grid + 1e-6).rounded(.down) * grid
            guard capacity >= 0 else { return nil }
            return flow.balance(from: start, count: links.count, capacity: capacity, grid: grid)
        }
        var y = first + grid
        while y <= bottom + 1e-6 {
            let capacities = links.map { max(0, ((y - $0.top) / grid + 1e-6).rounded(.down) * grid) }
            let columns = flow.fillChain(from: start, capacities: capacities, hyphens: true)
            // Fewer columns than the chain has is fine: the rest stay empty.
            if flow.isDone(columns, from: start) { return columns }
            y += grid
        }
        return nil
    }

    /// No strips: how many of `available` columns a body `height` tall takes, so that each
    /// holds two lines at least, three where four columns or more are available.
    func columnsWithoutStrips(_ height: Double, of available: Int) -> Int {
        let least = Double(available >= 4 ? 3 : 2) * grid
        var count = available
        while count > 1, height / Double(count) < least - 1e-6 { count -= 1 }
        return count
    }

    /// The items of a table or picture that lines of its story passed (`readAfterBlock`), moved
    /// to follow the last line of the block it was written after, where that is on `page`: the
    /// page is read, and its text extracted, in the story's order, the table where it is
    /// written, though it stands further down.
    private mutating func readBeforePassingLines(page: Int, story: Int, element: Int, items: Range<Int>) {
        guard let after = readAfterBlock[story], after.element == element, !items.isEmpty else { return }
        guard let last = pages[page].items[..<items.lowerBound].lastIndex(where: { item in
            if case .text(let text) = item { return text.story == story && text.block == after.block }
            return false
        }), last + 1 < items.lowerBound else { return }
        let moved = Array(pages[page].items[items])
        pages[page].items.removeSubrange(items)
        pages[page].items.insert(contentsOf: moved, at: last + 1)
    }

    /// Places the lines of `column` at the top of column `index` of `page`.
    mutating func placeColumn(_ column: ColumnFlow.Column, of material: StoryMaterial, page: Int, column index: Int, top: Double) {
        var y = top
        let x = geometry.columnX(index)
        bodyLinesPerPage[page] += column.end - column.start
        for (offset, element) in body(material)[column.start..<column.end].enumerated() {
            switch element.content {
            case .line(let line, let kind, let block):
                if options.measuring { break }
                for fragment in line.fragments {
                    pages[page].items.append(.text(PlacedText(x: x + element.inset + fragment.x, baseline: y + element.baseline,
                                                              fragment: fragment, kind: kind, story: material.index, column: index, block: block)))
                }
            case .framed(let lines, let kind, let leading, let lineOffset, let rule):
                let right = x + geometry.columnWidth
                pages[page].items.append(.rule(Rule(x0: x, y0: y + rule / 2, x1: right, y1: y + rule / 2, thickness: rule, colour: layout.colours["rule"])))
                for (number, line) in lines.enumerated() where !options.measuring {
                    for fragment in line.fragments {
                        pages[page].items.append(.text(PlacedText(x: x + element.inset + fragment.x,
                                                                  baseline: y + lineOffset + Double(number) * leading + element.baseline,
                                                                  fragment: fragment, kind: kind, story: material.index, column: index,
                                                                  block: -40 - (column.start + offset))))
                    }
                }
                let bottom = y + element.height - rule / 2
                pages[page].items.append(.rule(Rule(x0: x, y0: bottom, x1: right, y1: bottom, thickness: rule, colour: layout.colours["rule"])))
            case .figure(let figure):
                let first = pages[page].items.count
                figure.place(x: x, top: y, story: material.index, column: index, block: column.start + offset, on: &pages[page])
                readBeforePassingLines(page: page, story: material.index, element: column.start + offset, items: first..<pages[page].items.count)
            case .table(let rows):
                let first = pages[page].items.count
                TableRow.place(rows, x: x + element.inset, top: y, story: material.index, column: index, block: column.start + offset,
                               measuring: options.measuring, on: &pages[page])
                readBeforePassingLines(page: page, story: material.index, element: column.start + offset, items: first..<pages[page].items.count)
            case .rule(let width, let thickness):
                let middle = y + element.height / 2
                pages[page].items.append(.rule(Rule(x0: x + element.inset, y0: middle, x1: x + element.inset + width, y1: middle,
                                                    thickness: thickness, colour: layout.colours["rule"])))
            case .space:
                break
            }
            y += element.height
        }
    }

    /// The jump head over a story's continuation: its title, and a slot for "Continued from
    /// page M". Returns where the body goes on.
    mutating func placeJumpHead(_ material: StoryMaterial, part: Int, page: Int, top: Double, columns: Int) -> Double {
        var jump = material.jumpHead
        let width = geometry.spanWidth(columns)
        if columns < geometry.columns {
            // Narrower than the page, beside a box: set again at the width there is.
            let title = material.story.shortTitle ?? material.story.title
            jump.lines = composer.displayLines(composer.runs(jump.style, language: material.story.lang).runs(title), style: jump.style, width: width)
        }
        var y = top
        if !isFresh(page, column: 0) {
            let gap = storyGap
            addRule(page: page, columns: 0..<columns, y: y + gap / 2)
            y += gap
        }
        y = composer.place(jump.lines, style: jump.style, kind: jump.kind, x: geometry.left, top: y, story: material.index,
                           block: -10, on: &pages[page])
        slots.append(Slot(kind: .continuedFrom(part: part), story: material.index, page: page,
                          position: pages[page].items.count, x: geometry.left,
                          width: width, top: y))
        return geometry.snap(y + jump.style.leading + grid / 2, page: page)
    }

    // MARK: - Boxes

    /// Places a box in the rightmost column of `page` below what is there, under a rule; false
    /// if it does not fit there.
    mutating func placeBox(_ box: Box, page: Int, column: Int? = nil) -> Bool {
        let column = column ?? geometry.columns - 1
        let fresh = isFresh(page, column: column)
        // A box is set apart by at least a line, however tight the issue.
        let gap = fresh ? 0 : max(storyGap, grid)
        let top = tops[page][column] + gap
        guard top + box.height <= geometry.bodyBottom + 1e-6 else { return false }
        if gap > 0 { addRule(page: page, columns: column..<(column + 1), y: top - gap / 2) }
        let x = geometry.columnX(column)
        var y = top
        var lineTops: [Double] = []
        var ends: [Int] = []
        for element in box.elements {
            lineTops.append(y)
            defer { ends.append(pages[page].items.count) }
            if case .line(let line, let kind, let block) = element.content {
                for fragment in line.fragments {
                    pages[page].items.append(.text(PlacedText(x: x + element.inset + fragment.x, baseline: y + element.baseline,
                                                              fragment: fragment, kind: kind, column: column, block: block)))
                }
            }
            y += element.height
        }
        for (element, last, story) in box.pageNumbers {
            slots.append(Slot(kind: .startPage, story: story, page: page, inStory: false, position: ends[last], x: x,
                              width: geometry.columnWidth, top: lineTops[element]))
        }
        tops[page][column] = y
        return true
    }

    /// Places a box after the last story: in the free space of the last page's columns, right
    /// to left; false if none of them has room (a page before it would set it mid-issue).
    mutating func placeBoxAtEnd(_ box: Box) -> Bool {
        for column in stride(from: geometry.columns - 1, through: 0, by: -1) where placeBox(box, page: lastPage, column: column) {
            boxAtEnd = (lastPage, column)
            return true
        }
        return false
    }

    /// The column `placeBoxAtEnd` set a box in last (the imprint), on its page: a story set
    /// after it (a filler) is not carried on below it from a column to its left, to be read
    /// around the last words; it may stand whole below it.
    private(set) var boxAtEnd: (page: Int, column: Int)?

    /// Places a box set across the page below everything on the last page, under a rule; false
    /// if it does not fit there.
    mutating func placeBoxAcross(_ box: Box) -> Bool {
        let page = lastPage
        let fresh = (0..<geometry.columns).allSatisfy { isFresh(page, column: $0) }
        let gap = fresh ? 0 : max(storyGap, grid)
        let top = (tops[page].max() ?? origins[page]) + gap
        guard top + box.height <= geometry.bodyBottom + 1e-6 else { return false }
        if gap > 0 { addRule(page: page, columns: 0..<geometry.columns, y: top - gap / 2) }
        var y = top
        for element in box.elements {
            if case .line(let line, let kind, let block) = element.content {
                for fragment in line.fragments {
                    pages[page].items.append(.text(PlacedText(x: geometry.left + element.inset + fragment.x, baseline: y + element.baseline,
                                                              fragment: fragment, kind: kind, column: 0, block: block)))
                }
            }
            y += element.height
        }
        for column in 0..<geometry.columns { tops[page][column] = y }
        return true
    }

    /// Lines still free on the last page, counted over all its columns.
    var freeLines: Int {
        tops[lastPage].reduce(0) { $0 + max(0, Int(((geometry.bodyBottom - $1) / grid + 1e-6).rounded(.down))) }
    }

    mutating func addRule(page: Int, columns: Range<Int>, y: Double) {
        let x0 = geometry.columnX(columns.lowerBound)
        let x1 = geometry.columnX(columns.upperBound - 1) + geometry.columnWidth
        pages[page].items.append(.rule(Rule(x0: x0, y0: y, x1: x1, y1: y, thickness: layout.story.ruleWidth, colour: layout.colours["rule"])))
    }
}

