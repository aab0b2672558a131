import BulletinModel
import Dispatch

/// Composes an issue in three steps, each handing the next an explicit value:
///
/// 1. **Prepare**: each story's body is set at the column width into `ColumnElement`s with their
///    heights and keep rules (`StoryMaterial`), its pictures framed on the grid with their
///    captions (`Figure`); heads, and pictures under them, are set at the widths they land in.
/// 2. **Distribute**: the masthead goes on page 1, then the stories flow into the pages' columns
///    (`Distributor`), leaving `Slot`s for text that needs page numbers. The first distribution
///    takes each story as soon as it is prepared (`Preparation`), beside the helper's preparing.
/// 3. **Resolve**: "Continued on page N" and "Continued from page M" are written into their
///    slots, then the running heads and footers, once the number of pages is known.
public struct Composer {
    public let layout: LayoutSpec
    public internal(set) var typesetter: Typesetter
    /// A typesetter with measures of its own (a shaper and hyphenator for another thread), with
    /// which the stories are prepared on two threads; nil for one.
    public var helper: Typesetter?
    /// Stories prepared by earlier builds of a session (`bulletin make --watch`), taken again
    /// when they, their pictures' sizes and the layout are as they were; nil to prepare all.
    public var materials: MaterialCache?
    /// Told the pictures of the first distribution as soon as it is made, so that work on
    /// them at their sizes may start (the email edition scales them down on another thread
    /// while the issue is fitted); the issue as fitted usually places them the same.
    public var picturesPlaced: (([PlacedImage]) -> Void)?
    /// The natural sizes of the stories' pictures.
    public let images: ImageMeasuring
    let geometry: PageGeometry
    /// Lines more or fewer for body paragraphs, when fitting asks for it.
    var looseness = 0
    /// Heads set so far, for every distribution this composer tries.
    let heads = HeadCache()
    /// The contents box and the imprint, set while the stories are prepared.
    let boxes = BoxesAhead()

    public init(layout: LayoutSpec, shaper: TextShaper, hyphenator: Hyphenating = NoHyphenation(), clock: BreakClock = BreakClock(),
                images: ImageMeasuring = NoImages()) {
        self.layout = layout
        self.typesetter = Typesetter(shaper: shaper, hyphenator: hyphenator, clock: clock)
        self.images = images
        self.geometry = PageGeometry(layout: layout)
    }

    /// Takes again the paragraphs earlier builds of a session set (`SetParagraphs`), where they
    /// are as they were.
    public mutating func takeParagraphs(from set: SetParagraphs) {
        typesetter.setBefore = set
        helper?.setBefore = set
    }

    /// `other` with another layout: its typesetter, helper, caches and callbacks.
    init(_ other: Composer, layout: LayoutSpec) {
        self.layout = layout
        typesetter = other.typesetter
        helper = other.helper
        materials = other.materials
        picturesPlaced = other.picturesPlaced
        images = other.images
        geometry = PageGeometry(layout: layout)
        looseness = other.looseness
    }

    /// Throws an `InputError` naming the story when something of it cannot fit on any page
    /// (a head taller than the page's text area), or the issue when it cannot be fitted to the
    /// pages issue.yaml asks for.
    public func compose(_ issue: Issue) throws -> Document {
        // A footer whose lines would be condensed out of shape takes more lines, and the text
        // area on every page gives them room: composed with that layout.
        if let footer = PageFurniture(layout: layout, geometry: geometry, typesetter: typesetter, issueFile: issue.folder + "/issue.yaml",
                                      words: words(issue)).fittedFooter(for: issue) {
            var fitted = layout
            fitted.footer = footer
            return try Composer(self, layout: fitted).compose(issue)
        }
        let preparation = Preparation(self, issue, looseness: 0)
        // Heads an earlier build of the session set for stories as they are now are taken again,
        // and this build's are kept for the next.
        materials?.seed(heads, stories: issue.stories)
        defer { materials?.keep(heads, stories: issue.stories) }
        // The first distribution takes the stories as they are prepared. What it tells is told
        // after what preparing told, as when it came after.
        let clock = typesetter.clock
        let warningsBefore = clock.warnings.count, overlongBefore = clock.overlongWords.count
        var chosen: Distribution
        do {
            chosen = try distribute(issue, StoryMaterials(preparation, count: issue.stories.count), options: FitOptions(gap: layout.story.gap))
        } catch {
            preparation.abandon()
            throw error
        }
        let distributing = (warnings: Array(clock.warnings[warningsBefore...]), overlong: Array(clock.overlongWords[overlongBefore...]))
        clock.warnings.removeSubrange(warningsBefore...)
        clock.overlongWords.removeSubrange(overlongBefore...)
        let prepared = preparation.finish()
        clock.warnings += distributing.warnings
        clock.overlongWords += distributing.overlong
        picturesPlaced?(chosen.pages.flatMap(\.images))
        if let target = issue.pages {
            chosen = try fit(issue, prepared, first: chosen, target: target)
        } else if chosen.pages.count > 1, chosen.lastPageUse < 0.25 {
            // A last page that would hold almost nothing: try to do without it, within the
            // layout's bounds, but never by leaving anything out.
            chosen = try spare(issue, prepared, first: chosen)
        }
        typesetter.clock.warnings += chosen.warnings
        // Resolve. The pages are taken out of the distribution, so that the jump lines and the
        // furniture are added to them in place rather than to a copy of every page.
        var pages = chosen.pages
        chosen.pages = []
        resolve(chosen.slots, placements: chosen.placements, stories: issue.stories, into: &pages)
        PageFurniture(layout: layout, geometry: geometry, typesetter: typesetter, issueFile: issue.folder + "/issue.yaml", words: words(issue))
            .add(to: &pages, issue: issue)
        // In reading order: fillers and narrow stories may stand elsewhere than their place in the issue.
        let outline = zip(issue.stories, chosen.placements).compactMap { story, placement in
            placement.map { OutlineEntry(title: story.title, page: $0.page, y: $0.top) }
        }.enumerated().sorted { a, b in
            (a.element.page, a.element.y, a.offset) < (b.element.page, b.element.y, b.offset)
        }.map(\.element)
        let created = "\(issue.date.yearMonth)-\(IssueDate.pad(issue.date.day ?? 1, 2))T00:00:00Z"
        let metadata = DocumentMetadata(
            title: [issue.title, words(issue).month(issue.date)].joined(separator: " · "),
            author: issue.editors.joined(separator: ", "),
            subject: issue.subtitle ?? issue.title,
            language: issue.language,
            created: created)
        var document = Document(width: layout.page.width, height: layout.page.height, pages: pages, metadata: metadata, outline: outline)
        document.omittedStories = chosen.omitted
        document.omittedPullQuotes = chosen.options.pullQuotes ? [] : issue.stories.indices.filter { issue.stories[$0].pullQuote != nil }
        for index in document.omittedPullQuotes {
            typesetter.clock.warnings.append(Warning(file: issue.stories[index].file, line: issue.stories[index].titleLine,
                "the pull quote is left out to fit the issue to \(pages.count) pages"))
        }
        return document
    }

    // MARK: - Prepare

    /// Every story's material, paragraphs set `looseness` lines longer (or shorter) where they can be.
    ///
    /// With a `helper`, this thread and another take the stories one at a time, longest first,
    /// each preparing with its own typesetter; what they tell (warnings, words too wide) is
    /// then told in the stories' order, as one thread would have told it. The materials are
    /// the same either way: the helper measures exactly as the typesetter does. Stories an
    /// earlier build of the session prepared (`materials`) are taken as they were.
    func prepare(_ issue: Issue, looseness: Int) -> [StoryMaterial] {
        Preparation(self, issue, looseness: looseness).finish()
    }

    /// One story's material prepared with `composer`'s typesetter, and what its clock was told
    /// meanwhile (taken off it again, to be told in the stories' order).
    static func prepareOne(_ story: Story, index: Int, with composer: Composer) -> PreparedStories.Entry {
        composer.typesetter.clock.apart { StoryMaterial(composer: composer, story: story, index: index) }
    }

    /// The stories' indices, the most work first (by `textLength`), in their order where equal.
    static func longestFirst(_ stories: [Story]) -> [Int] {
        let lengths = stories.map { story in story.body.reduce(work(story.title)) { $0 + textLength($1) } }
        return stories.indices.sorted { (lengths[$0], $1) > (lengths[$1], $0) }
    }

    /// The work of setting a block, measured in bytes of text (`work`).
    static func textLength(_ block: Block) -> Int {
        switch block {
        case .paragraph(let inlines), .heading(_, let inlines): return work(inlines.plainText)
        case .blockQuote(let blocks): return blocks.reduce(0) { $0 + textLength($1) }
        case .list(_, _, let items, _): return items.joined().reduce(0) { $0 + textLength($1) }
        case .code(let text): return work(text)
        case .table(let table): return table.cellTexts.reduce(0) { $0 + work($1) }
        case .thematicBreak, .image: return 0
        }
    }

    /// The work of setting `text`: its bytes, with a Chinese, Japanese or Korean character
    /// counted as `wideCharacterWork`. Each such character is a word of its own (shaped,
    /// measured and broken after), and the first costs the script's fonts: the sample's Chinese
    /// story took 50 µs a character, its English ones 4 µs a byte.
    static func work(_ text: String) -> Int {
        var total = 0
        for scalar in text.unicodeScalars {
            total += isWide(scalar) ? wideCharacterWork : scalar.utf8.count
        }
        return total
    }

    static let wideCharacterWork = 12

    /// Han ideographs, kana and Hangul syllables.
    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x3FFFF: true
        default: false
        }
    }

    // MARK: - Distribute

    /// One distribution of the issue: pages with their slots, where each story went, and what
    /// it has to say.
    struct Distribution {
        var pages: [Page]
        var slots: [Slot]
        var placements: [StoryPlacement?]
        /// Stories left out (fillers, when fitting needed their room).
        var omitted: [Int]
        var warnings: [Warning]
        var freeLines: Int
        /// How much of the last page is used, from 0 to 1.
        var lastPageUse: Double
        /// Lines of the body on pages past `n`, for telling how far over a page count it runs.
        var linesPast: [Int]
        var options: FitOptions
        /// The stories' materials it was made from, for setting it again in full (`complete`).
        var materials: [StoryMaterial]
    }

    func distribute(_ issue: Issue, _ materials: [StoryMaterial], options: FitOptions) throws -> Distribution {
        try distribute(issue, StoryMaterials(materials), options: options)
    }

    /// One distribution of the issue, from its stories' materials as `materials` hands them
    /// out: in the issue's order, each when it is first needed, so that distributing may go on
    /// while later stories are prepared (`Preparation`).
    func distribute(_ issue: Issue, _ materials: StoryMaterials, options: FitOptions) throws -> Distribution {
        let stories = issue.stories
        var masthead = Page()
        let top = placeMasthead(issue, on: &masthead)
        var distributor = Distributor(composer: self, firstPage: masthead, top: top, stories: materials.count, options: options)
        var warnings: [Warning] = []
        let issueFile = issue.folder + "/issue.yaml"
        if layout.contents.place == .rail, geometry.columns >= 2 {
            // Summaries where there is room: the box may take up to two thirds of page 1's rail.
            // Without them, it may take all of it; where even that is too little, the titles
            // follow one another without space between them; only where they do not fit either
            // is the box left out.
            materials.waitForBoxes()
            var box = boxes.contents(telling: typesetter.clock) ?? contentsBox(issue, summaries: layout.contents.summaries)
            if box.height > (geometry.bodyBottom - top) * 2 / 3 { box = contentsBox(issue, summaries: false) }
            if !distributor.placeBox(box, page: 0), !distributor.placeBox(contentsBox(issue, summaries: false, spaced: false), page: 0) {
                warnings.append(Warning(file: issueFile, line: nil,
                    "the contents box (\(issue.stories.count) stories) is taller than page 1: it is left out"))
            }
        }
        materials.waitForBoxes()
        let imprint = boxes.imprint(telling: typesetter.clock) ?? imprintBox(issue)
        if layout.imprint.place == .page2 { distributor.boxesForPage[1] = imprint }
        // The front page: the first stories' openings, their rest from page 2 on, before the
        // other stories.
        var opened: Set<Int> = []
        if layout.frontPage.stories > 0 {
            var front = stories.indices.filter { !stories[$0].filler }.prefix(layout.frontPage.stories).map { materials[$0] }
            // A narrow story (`columns: 1` or 2) among them stands whole in its columns of page 1,
            // the others' bands beside it; where it does not fit there, it is placed as usual.
            for material in front {
                guard let span = material.span, span < geometry.columns else { continue }
                if distributor.placeWhole(material, columns: (geometry.columns - span)..<geometry.columns, page: 0) {
                    opened.insert(material.index)
                }
            }
            front.removeAll { ($0.span ?? geometry.columns) < geometry.columns }
            let openings = try distributor.placeOpenings(front)
            opened.formUnion(openings.opened)
            if !openings.cut.isEmpty {
                distributor.newPage()
                for (material, next) in openings.cut { try distributor.placeContinuation(material, from: next) }
            }
        }
        // Fillers wait for the end, where they fill what the last page has free, unless a gap
        // comes first: a story across the page that must open on a new page while a third or
        // more of this one is free has later narrow stories and fillers that fit set there
        // whole before it.
        var placed = opened
        for index in stories.indices where !stories[index].filler && !placed.contains(index) {
            let material = materials[index]
            if material.span == nil || material.span == geometry.columns, distributor.lastPageUse <= 2.0 / 3,
               !distributor.opening(material, page: distributor.lastPage).fits {
                for later in stories.indices.dropFirst(index + 1) where !placed.contains(later)
                    && ((StoryMaterial.span(of: stories[later], columns: geometry.columns) ?? geometry.columns) < geometry.columns
                        || (stories[later].filler && !options.fillersLeftOut.contains(later))) {
                    if distributor.placeInGap(materials[later]) { placed.insert(later) }
                }
            }
            try distributor.place(material)
            placed.insert(material.index)
        }
        // The imprint goes after the last story: in the last page's right column, the fillers
        // beside and below it; in short where the whole does not fit there, then in short across
        // the foot of the page; only where none of those fits, on a page of its own.
        let pagesBeforeImprint = distributor.pages.count
        let itemsBeforeImprint = distributor.pages.map(\.items.count)
        if layout.imprint.place == .end, !distributor.placeBoxAtEnd(imprint), !distributor.placeBoxAtEnd(imprintBox(issue, compact: true)),
           !distributor.placeBoxAcross(imprintBox(issue, compact: true, columns: geometry.columns)) {
            distributor.newPage()
            _ = distributor.placeBoxAtEnd(imprint)
        }
        // The imprint's items (its rule and lines), to follow the fillers set on its page after it.
        let imprintItems = distributor.pages.indices.lazy.compactMap { page -> (page: Int, items: Range<Int>)? in
            let start = page < itemsBeforeImprint.count ? itemsBeforeImprint[page] : 0
            return distributor.pages[page].items.count > start ? (page, start..<distributor.pages[page].items.count) : nil
        }.first
        // Fillers go in the free space the stories leave, the last page's first; one opens a
        // page of its own only where it fits in none.
        let pagesBefore = distributor.pages.count
        var omitted: [Int] = []
        var fillers: [Int] = []
        for index in stories.indices where stories[index].filler && !placed.contains(index) {
            if !options.fillersLeftOut.contains(index) {
                try distributor.placeFiller(materials[index])
                fillers.append(index)
            } else {
                omitted.append(index)
            }
        }
        // The imprint ends its page's reading order (its structure for screen readers), after
        // the fillers set beside and below it: it is not read between the issue's last stories.
        if let (page, range) = imprintItems, distributor.pages[page].items.count > range.upperBound {
            let moved = Array(distributor.pages[page].items[range])
            distributor.pages[page].items.removeSubrange(range)
            distributor.pages[page].items += moved
        }
        let free = distributor.freeLines
        let pageLines = geometry.columns * Int(((geometry.bodyBottom - geometry.bodyTop(page: 1)) / geometry.grid).rounded(.down))
        if free * 4 > pageLines {
            // What would fill the page, or spare it: a filler only where the issue has none.
            let last = distributor.lastPage
            let opener = distributor.pages.count > pagesBefore
                ? fillers.first { distributor.placements[$0]?.parts.contains(last) ?? false } : nil
            let advice: String
            if let opener {
                let story = stories[opener]
                advice = ": the filler \"\(story.title)\" (\(story.file)) fits in no free space before it and opens the page; "
                    + "a shorter filler, or leaving it out, would spare the page"
            } else if pagesBefore > pagesBeforeImprint {
                advice = ": the imprint fits in no free space of the page before and opens it; stories a few lines shorter, "
                    + "or the imprint on page 2 (imprint: {place: page_2}), would spare the page"
            } else if !omitted.isEmpty {
                // A filler left out to fit the pages did not fit in them: asking for one would be no help.
                advice = omitted.count == 1 ? ": the filler left out needs more room; a shorter one would fill them"
                    : ": the fillers left out need more room; a shorter one would fill them"
            } else if !fillers.isEmpty || placed.contains(where: { stories[$0].filler }) {
                advice = ": the fillers are set; more text in the stories, or another story, would fill them"
            } else {
                advice = ": a short story marked \"filler: true\" would fill them"
            }
            warnings.append(Warning(file: issueFile, line: nil,
                "\(free) lines of the last page are empty (\(free * 100 / max(1, pageLines)) % of it)" + advice))
        }
        for index in omitted {
            warnings.append(Warning(file: stories[index].file, line: stories[index].titleLine,
                                    "the filler story is left out to fit the issue to \(issue.pages ?? distributor.pages.count) pages"))
        }
        return Distribution(pages: distributor.pages, slots: distributor.slots, placements: distributor.placements, omitted: omitted,
                            warnings: warnings, freeLines: free, lastPageUse: distributor.lastPageUse,
                            linesPast: distributor.bodyLinesPerPage, options: options, materials: materials.all)
    }

    // MARK: - Fit

    /// Distributions tried in turn to make an issue shorter, from the least change to the most:
    /// tighter space between stories, then no pull quotes, then paragraphs a line shorter, then
    /// the `fillers` left out one more at a time, the longest first (with paragraphs as set,
    /// then a line shorter); each within what the layout's `fit` allows. Fillers go last: text
    /// left out is the most an issue loses, so a filler goes only when the issue is still too
    /// long without anything else, and only as many as that takes.
    func shorterOptions(fillers: [StoryMaterial] = [], looseness: Bool = true) -> [(options: FitOptions, looseness: Int)] {
        let fit = layout.fit
        var tight = FitOptions(gap: fit.minGap)
        var steps: [(FitOptions, Int)] = [(tight, 0)]
        if fit.pullQuotes { tight.pullQuotes = false; steps.append((tight, 0)) }
        let loose = fit.looseness && looseness
        if loose { steps.append((tight, -1)) }
        guard fit.fillers else { return steps }
        let heights = fillers.map { ColumnFlow(elements: $0.body).height(from: 0) }
        for position in fillers.indices.sorted(by: { (heights[$1], $0) < (heights[$0], $1) }) {
            tight.fillersLeftOut.insert(fillers[position].index)
            steps.append((tight, 0))
            if loose { steps.append((tight, -1)) }
        }
        return steps
    }

    /// Distributions tried in turn to make an issue longer: more space between stories, then
    /// paragraphs a line longer.
    func longerOptions() -> [(options: FitOptions, looseness: Int)] {
        let fit = layout.fit
        let wide = FitOptions(gap: max(fit.maxGap, layout.story.gap))
        var steps: [(FitOptions, Int)] = [(FitOptions(gap: (layout.story.gap + wide.gap) / 2), 0), (wide, 0)]
        if fit.looseness { steps.append((wide, 1)) }
        return steps
    }

    /// The issue on exactly `target` pages, or an error saying how far it is from that.
    func fit(_ issue: Issue, _ prepared: [StoryMaterial], first: Distribution, target: Int) throws -> Distribution {
        if first.pages.count == target {
            // The pages asked for, but the last one half empty: wider story gaps or looser
            // paragraphs may fill it, on as many pages.
            guard first.lastPageUse < 0.75 else { return first }
            var best = first
            try tryEach(longerOptions(), issue, prepared) { attempt in
                if attempt.pages.count == target, attempt.lastPageUse > best.lastPageUse { best = attempt }
                return false
            }
            return try complete(best, issue)
        }
        let shrinking = first.pages.count > target
        var closest = first
        var fitted: Distribution?
        try tryEach(shrinking ? shorterOptions(fillers: prepared.filter(\.story.filler)) : longerOptions(), issue, prepared) { attempt in
            if attempt.pages.count == target { fitted = attempt }
            if abs(attempt.pages.count - target) < abs(closest.pages.count - target) { closest = attempt }
            return fitted != nil
        }
        if let fitted { return try complete(fitted, issue) }
        // The message names whoever asked for the pages: `--pages` on the command line, or issue.yaml's line.
        let file = issue.pagesSetBy ?? issue.folder + "/issue.yaml"
        let line = issue.pagesSetBy == nil ? issue.pagesLine : nil
        let natural = issue.pagesSetBy == nil ? " (or run with --pages none to see the issue at its natural length)" : ""
        let longest = issue.stories.max { $0.body.plainTextCount < $1.body.plainTextCount }
        let name = longest.map { " The longest story is \"\($0.title)\" (\($0.file))." } ?? ""
        if shrinking {
            let over = closest.linesPast.dropFirst(target).reduce(0, +)
            throw InputError(file: file, line: line,
                             "the issue cannot be fitted to \(target) page\(target == 1 ? "" : "s"): at its tightest it needs \(closest.pages.count), about \(over) lines over.\(name) Shorten or leave out a story, or ask for more pages\(natural).")
        }
        let perPage = geometry.columns * Int(((geometry.bodyBottom - geometry.bodyTop(page: 1)) / geometry.grid).rounded(.down))
        let under = (target - closest.pages.count) * perPage + closest.freeLines
        throw InputError(file: file, line: line,
                         "the issue cannot be fitted to \(target) page\(target == 1 ? "" : "s"): at its loosest it fills \(closest.pages.count), about \(under) lines under; add a story or ask for fewer pages\(natural)")
    }

    /// The issue a page shorter, if tighter story gaps, leaving out pull quotes or paragraphs a
    /// line shorter do it: a last page of almost nothing (the imprint alone, a few lines) is
    /// worth the paragraphs set again, in an issue of up to `spareSetAgainPages` pages (a long
    /// document's one page is not worth that time), but not any story left out.
    func spare(_ issue: Issue, _ prepared: [StoryMaterial], first: Distribution) throws -> Distribution {
        var shorter: Distribution?
        try tryEach(shorterOptions(looseness: first.pages.count <= Self.spareSetAgainPages), issue, prepared) { attempt in
            if attempt.pages.count < first.pages.count { shorter = attempt }
            return shorter != nil
        }
        return try shorter.map { try complete($0, issue) } ?? first
    }

    static let spareSetAgainPages = 32

    /// Distributes the issue with each of `steps` in turn (its paragraphs set again once for
    /// each looseness), handing each distribution to `take` until it answers true. They are
    /// only measured (`FitOptions.measuring`): the one kept is set in full by `complete`. So a
    /// try that is not kept costs no text placed, and the issue's text is not held twice while
    /// the first distribution waits.
    func tryEach(_ steps: [(options: FitOptions, looseness: Int)], _ issue: Issue, _ prepared: [StoryMaterial],
                 _ take: (Distribution) -> Bool) throws {
        var loose: [Int: [StoryMaterial]] = [0: prepared]
        for (options, looseness) in steps {
            if loose[looseness] == nil { loose[looseness] = prepare(issue, looseness: looseness) }
            var measuring = options
            measuring.measuring = true
            if take(try distribute(issue, loose[looseness] ?? prepared, options: measuring)) { return }
        }
    }

    /// `chosen` with its text placed: a distribution `tryEach` only measured is made again in
    /// full, from the same materials and options (distributing is deterministic, so it is the
    /// same distribution).
    func complete(_ chosen: Distribution, _ issue: Issue) throws -> Distribution {
        guard chosen.options.measuring else { return chosen }
        var options = chosen.options
        options.measuring = false
        return try distribute(issue, chosen.materials, options: options)
    }

    // MARK: - Resolve

    /// Writes the jump lines into their slots, now that every part's page is known.
    func resolve(_ slots: [Slot], placements: [StoryPlacement?], stories: [Story], into pages: inout [Page]) {
        // From the last position back, so that each insertion leaves the earlier positions valid.
        for slot in slots.enumerated().sorted(by: { ($0.element.position, $0.offset) > ($1.element.position, $1.offset) }).map(\.element) {
            let style = layout.style(slot.kind == .startPage ? .boxText : .jump)
            guard let parts = placements[slot.story]?.parts else { continue }
            // Jump lines are in the story's language; the contents box's page numbers in the issue's.
            let language = stories.indices.contains(slot.story) ? stories[slot.story].lang : "en"
            let words = layout.wording.words(language)
            let text: String
            let align: Alignment
            switch slot.kind {
            case .continuedOn(let part):
                guard parts.indices.contains(part + 1) else { continue }
                text = Template(words.translate(layout.jump.continuedOn)).fill(["page": "\(parts[part + 1] + 1)"])
                align = .right
            case .continuedFrom(let part):
                guard parts.indices.contains(part - 1) else { continue }
                text = Template(words.translate(layout.jump.continuedFrom)).fill(["page": "\(parts[part - 1] + 1)"])
                align = .left
            case .startPage:
                text = "\(parts[0] + 1)"
                align = .right
            }
            let lines = typesetter.lines(runs(style, language: slot.inStory ? language : "en").runs(text), width: slot.width, align: align,
                                         rules: ParagraphRules(justified: false, breaking: layout.breaking, hyphenation: HyphenationSpec(enabled: false)))
            var set = Page()
            _ = place(Array(lines.prefix(1)), style: style, kind: slot.inStory ? .jump : .boxText, x: slot.x, top: slot.top,
                      story: slot.inStory ? slot.story : nil, block: slot.inStory ? -20 : Self.contentsBlock(story: slot.story), on: &set)
            // A contents entry's number is a word of its own after the title's last, for those
            // who take the text out (a screen reader, a copy): "reach 1", not "reach1".
            if slot.kind == .startPage, case .text(var number)? = set.items.first {
                number.fragment.followsSpace = true
                set.items[0] = .text(number)
            }
            pages[slot.page].items.insert(contentsOf: set.items, at: min(slot.position, pages[slot.page].items.count))
        }
    }

    // MARK: - Text

    func rules(_ style: TextStyle, indent: Double = 0) -> ParagraphRules {
        ParagraphRules(justified: style.align == .justify, breaking: layout.breaking, hyphenation: layout.hyphenation,
                       firstLineIndent: indent)
    }

    /// The words the pages print for the issue as a whole (running heads, footers, masthead,
    /// boxes, month names): in the issue's language.
    func words(_ issue: Issue) -> Words { layout.wording.words(issue.language) }

    func runs(_ style: TextStyle, language: String) -> InlineRuns {
        layout.runs(style, language: language)
    }

    /// Distance from the top of a line's slot to its baseline: the font's ink centred in the leading.
    func baselineOffset(_ style: TextStyle, language: String) -> Double {
        let metrics = typesetter.shaper.metrics(of: runs(style, language: language).font(), language: language)
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
        // The text's items are built once for every measure tried where its words fit.
        var built: Typesetter.Built?
        let full = typesetter.lines(text, width: width, align: align, rules: displayRules, built: &built)
        guard full.count > 1 else { return full }
        var narrow = width * 0.5, wide = width
        var best = full
        // Bisection to a point: a few settings of a short text.
        while wide - narrow > 1 {
            let middle = (narrow + wide) / 2
            let lines = typesetter.lines(text, width: middle, align: align, rules: displayRules, built: &built)
            if lines.count <= full.count && lines.allSatisfy({ $0.rightEdge <= middle + 0.01 }) {
                wide = middle
                best = lines
            } else {
                narrow = middle
            }
        }
        // Lines that run from the right stand at the full measure's right edge.
        return best.map { $0.measured(width) }
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
        let subtitleStyle = layout.style(.mastheadSubtitle)
        let top = geometry.bodyTop(page: 0)
        // The logo stands at the left, as tall as the title's line and the subtitle's; the title
        // and subtitle are set beside it. A wide logo is held to a third of the width.
        var textX = x, textWidth = width, logoBottom = top
        if let logo = issue.logo {
            let size = images.size(ofImageAt: logo.resolved) ?? ImageSize(width: 3, height: 2)
            var height = titleStyle.leading + (issue.subtitle == nil ? 0 : subtitleStyle.leading)
            var logoWidth = height * size.aspectRatio
            if logoWidth > width / 3 {
                logoWidth = width / 3
                height = logoWidth / size.aspectRatio
            }
            page.items.append(.image(PlacedImage(path: logo.resolved, x: x, y: top, width: logoWidth, height: height, fit: .contain,
                                                 alt: logo.alt ?? issue.title)))
            let gap = geometry.grid
            textX = x + logoWidth + gap
            textWidth = width - logoWidth - gap
            logoBottom = top + height
        }
        // The title and subtitle are in the issue's language, as the masthead line is: a title
        // in capitals takes its language's (Turkish "İZMİR"), and its text that language's /Lang.
        var y = placeDisplay(runs(titleStyle, language: issue.language).runs(issue.title), style: titleStyle, kind: .mastheadTitle,
                             x: textX, width: textWidth, top: top, on: &page)
        if let subtitle = issue.subtitle {
            y = placeDisplay(runs(subtitleStyle, language: issue.language).runs(subtitle), style: subtitleStyle, kind: .mastheadSubtitle,
                             x: textX, width: textWidth, top: y, on: &page)
        }
        y = max(y, logoBottom)
        y += 4
        page.items.append(.rule(Rule(x0: x, y0: y + spec.ruleWidth / 2, x1: x + width, y1: y + spec.ruleWidth / 2,
                                     thickness: spec.ruleWidth, colour: layout.colours["rule"])))
        y += spec.ruleWidth + 2
        let lineStyle = layout.style(.mastheadLine)
        let words = words(issue)
        let line = Template(words.translate(spec.line)).fill(IssueFields.values(issue, page: 1, pages: 1, words: words))
        if !line.isEmpty {
            y = placeDisplay(runs(lineStyle, language: issue.language).runs(line), style: lineStyle, kind: .mastheadLine,
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

/// Stories as a session's earlier builds prepared them (`Composer.materials`), by their place
/// in the issue and looseness: a rebuild after one story changed prepares that story alone.
/// What preparing a story told (warnings, words too wide) is kept with it and told again.
/// Valid while the measures are (the session's fonts and shaper) and the layout is the same.
public final class MaterialCache: @unchecked Sendable {
    private struct Key: Hashable {
        var index: Int
        var looseness: Int
    }
    private var entries: [Key: (story: Story, sizes: [ImageSize?], entry: PreparedStories.Entry)] = [:]
    /// The heads set for each story (by its place) at each width, and the story they were set for.
    private var heads: [Int: (story: Story, heads: [Int: StoryHead])] = [:]
    private var layout: LayoutSpec?
    /// Stories taken again, for tests.
    public private(set) var taken = 0
    /// Heads taken again, for tests.
    public private(set) var headsTaken = 0

    public init() {}

    /// Starts a build: everything is forgotten when the layout is not as it was, and the
    /// places past the issue's stories.
    func begin(layout: LayoutSpec, stories: Int) {
        if self.layout != layout {
            entries = [:]
            heads = [:]
            self.layout = layout
        }
        entries = entries.filter { $0.key.index < stories }
        heads = heads.filter { $0.key < stories }
    }

    /// Puts into `cache` the heads kept for each of `stories` that is as it was when they were set.
    func seed(_ cache: HeadCache, stories: [Story]) {
        for (index, kept) in heads where stories.indices.contains(index) && kept.story == stories[index] {
            headsTaken += cache.carry(kept.heads, index: index)
        }
    }

    /// Keeps the heads `cache` holds, each with the story it was set for.
    func keep(_ cache: HeadCache, stories: [Story]) {
        for (index, byWidth) in cache.all where stories.indices.contains(index) {
            heads[index] = (stories[index], byWidth)
        }
    }

    func entry(index: Int, looseness: Int, story: Story, sizes: [ImageSize?]) -> PreparedStories.Entry? {
        guard let kept = entries[Key(index: index, looseness: looseness)], kept.story == story, kept.sizes == sizes else { return nil }
        taken += 1
        return kept.entry
    }

    func keep(_ entry: PreparedStories.Entry, index: Int, looseness: Int, story: Story, sizes: [ImageSize?]) {
        entries[Key(index: index, looseness: looseness)] = (story, sizes, entry)
    }
}

/// The contents box (with the layout's summaries, spaced) and the imprint (in full, a column
/// wide) as `distribute` first asks for them, set by whichever thread preparing the stories is
/// free first; the other forms are set when asked for. Each is kept with what the typesetter
/// said while setting it, told again to the composing thread's clock where it is taken, as if
/// it were set there.
final class BoxesAhead: @unchecked Sendable {
    private var contents: Told<Box>?
    private var imprint: Told<Box>?
    private(set) var isSet = false

    /// Sets both with `composer`.
    func set(_ issue: Issue, with composer: Composer) {
        if composer.layout.contents.place == .rail, composer.geometry.columns >= 2 {
            contents = composer.typesetter.clock.apart { composer.contentsBox(issue, summaries: composer.layout.contents.summaries) }
        }
        imprint = composer.typesetter.clock.apart { composer.imprintBox(issue) }
        isSet = true
    }

    /// The contents box set ahead, its typesetter's words told to `clock`; nil when none was.
    func contents(telling clock: BreakClock) -> Box? { contents.map { Self.take($0, clock) } }

    /// The imprint set ahead, its typesetter's words told to `clock`; nil when none was.
    func imprint(telling clock: BreakClock) -> Box? { imprint.map { Self.take($0, clock) } }

    private static func take(_ made: Told<Box>, _ clock: BreakClock) -> Box {
        clock.warnings += made.warnings
        clock.overlongWords += made.overlong
        return made.value
    }
}

/// What a thread preparing the stories made, with what its typesetter's clock was told
/// meanwhile: to be told on the composing thread, in the stories' order.
struct Told<Value> {
    var value: Value
    var warnings: [Warning]
    var overlong: [String]
}

extension BreakClock {
    /// What `make` makes, with the warnings and the overlong words the clock is told meanwhile,
    /// taken off it again.
    func apart<Value>(_ make: () -> Value) -> Told<Value> {
        let warningsBefore = warnings.count, overlongBefore = overlongWords.count
        let value = make()
        defer {
            warnings.removeSubrange(warningsBefore...)
            overlongWords.removeSubrange(overlongBefore...)
        }
        return Told(value: value, warnings: Array(warnings[warningsBefore...]), overlong: Array(overlongWords[overlongBefore...]))
    }
}

/// Story heads set during one composition, by story and number of columns: a head is set once
/// per width, whatever the distribution (story gaps, pull quotes and looseness leave it as it
/// is), so the distributions that fitting and sparing a page try set none again.
final class HeadCache {
    private var heads: [Int: [Int: StoryHead]] = [:]
    /// Heads set, for tests: one per story and width, however many distributions were tried.
    private(set) var made = 0
    /// Of those, the heads set where the stories were prepared (`StoryMaterial.preparedHead`).
    private(set) var taken = 0
    var count: Int { heads.values.reduce(0) { $0 + $1.count } }
    /// Every head, by story and width.
    var all: [Int: [Int: StoryHead]] { heads }

    /// Takes `byWidth`, heads set by an earlier build for the story at `index` as it is now,
    /// where this composition has set none of its own; returns how many it took.
    func carry(_ byWidth: [Int: StoryHead], index: Int) -> Int {
        var count = 0
        for (columns, head) in byWidth where heads[index]?[columns] == nil {
            heads[index, default: [:]][columns] = head
            count += 1
        }
        return count
    }

    /// `material`'s head across `columns` columns, set now if it has not been.
    func head(_ material: StoryMaterial, columns: Int, composer: Composer) -> StoryHead {
        if let head = heads[material.index]?[columns] { return head }
        let prepared = material.preparedHead.flatMap { $0.columns == columns ? $0 : nil }
        if prepared != nil { taken += 1 }
        let head = prepared ?? material.head(composer: composer, columns: columns)
        heads[material.index, default: [:]][columns] = head
        made += 1
        return head
    }
}
