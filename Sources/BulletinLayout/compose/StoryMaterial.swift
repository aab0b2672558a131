import BulletinModel

/// A story prepared for distribution: its body set once at the column width, its jump head set
/// across the page, and its head across the columns it asks for (all, mostly), which is where
/// most heads land. Heads elsewhere are set by the distributor at the width they land in.
///
/// Setting the head here, where the stories are prepared on two threads, shapes its words
/// there too: the distributor, on one thread, then mostly only places heads.
struct StoryMaterial {
    let index: Int
    let story: Story
    /// The body as column elements, with heights and keep rules.
    let body: [ColumnElement]
    /// The body without its pull quote, for when an issue must save space.
    let quoteless: [ColumnElement]
    /// Columns asked for (`columns: 1` or `2`); nil for all.
    let span: Int?
    /// The title over each continuation on a later page.
    let jumpHead: StoryHead.Part
    /// The height of the first lines of the body that go with the head: a story never starts
    /// in the last lines of a column.
    let minimumBody: Double
    /// How many lines of the body go with the head at least.
    static let linesWithHead = 4
    /// The front matter's picture when it spans two columns or all: set under the head, across
    /// its columns, before the body. A one-column picture is the body's first element instead.
    let leadImage: ImageRef?
    /// The head across `span` columns (all when nil), set as the distributor sets it; nil for
    /// a story prepared again looser or tighter, whose head is the same as before.
    let preparedHead: StoryHead?
    /// The tallest the picture at the top of the body (the front matter's one-column picture)
    /// may be with its caption: short enough to go with the head and the body's first lines
    /// on a page after the first. Nil when the body's own limit holds it.
    let frontFigureLimit: Double?

    init(composer: Composer, story written: Story, index: Int) {
        self.index = index
        let story = Self.pictureAsLead(written, columns: composer.geometry.columns)
        self.story = story
        span = Self.span(of: story, columns: composer.geometry.columns)
        let style = composer.layout.style(.jumpHead)
        let title = story.shortTitle ?? story.title
        let width = span.map(composer.geometry.spanWidth) ?? composer.geometry.width
        jumpHead = StoryHead.Part(style: style, kind: .jumpHead,
                                  lines: composer.displayLines(composer.runs(style, language: story.lang).runs(title), style: style, width: width))
        leadImage = story.image.flatMap { $0.span == 1 || composer.geometry.columns == 1 ? nil : $0 }
        let columns = span ?? composer.geometry.columns
        let head = composer.looseness == 0 || (leadImage == nil && story.image != nil)
            ? StoryHead(composer: composer, story: story, index: index, columns: columns) : nil
        preparedHead = composer.looseness == 0 ? head : nil
        var frontLimit: Double?
        let clock = composer.typesetter.clock
        let warnings = clock.warnings.count, overlong = clock.overlongWords.count
        var quoteless = Self.builder(composer: composer, story: story, jumpHead: jumpHead, leadImage: leadImage, frontLimit: nil)
            .elements(pullQuote: false)
        // A picture at the top of the body goes with the head and the first lines below it: one
        // too tall for that on an empty page is set again smaller (telling only of the smaller).
        if let head, leadImage == nil, case .figure(let figure)? = quoteless.first?.content {
            let textArea = composer.geometry.bodyBottom - composer.geometry.bodyTop(page: 1)
            let excess = head.height + Self.minimumBody(quoteless) - textArea
            if excess > 1e-6 {
                clock.warnings.removeSubrange(warnings...)
                clock.overlongWords.removeSubrange(overlong...)
                frontLimit = figure.height - excess
                quoteless = Self.builder(composer: composer, story: story, jumpHead: jumpHead, leadImage: leadImage, frontLimit: frontLimit)
                    .elements(pullQuote: false)
            }
        }
        frontFigureLimit = frontLimit
        self.quoteless = quoteless
        body = story.pullQuote == nil ? quoteless
            : Self.builder(composer: composer, story: story, jumpHead: jumpHead, leadImage: leadImage, frontLimit: frontLimit)
                .adding(pullQuoteTo: quoteless)
        minimumBody = Self.minimumBody(body)
        // A story of only a head stands as one with text would: its text may not be written yet.
        if leadImage == nil, quoteless.allSatisfy(\.isSpace) {
            clock.warnings.append(Warning(file: story.file, line: story.titleLine, "the story has no text below its title"))
        }
    }

    /// A story that is only a picture (a photograph of the month) with its picture as a
    /// front-matter one across the head's columns: set where it stands, one column wide, it left
    /// the head's other columns empty beside it. Any other story as written.
    /// The columns a story asks for (`columns:`), within the page's `columns`; nil for all.
    static func span(of story: Story, columns: Int) -> Int? {
        story.columns.map { min(max(1, $0), columns) }
    }

    static func pictureAsLead(_ story: Story, columns: Int) -> Story {
        guard story.image == nil, columns > 1, story.body.count == 1, case .image(var picture) = story.body[0] else { return story }
        var shown = story
        picture.span = nil
        shown.image = picture
        shown.body = []
        return shown
    }

    /// The first lines of `body` that go with the head: `linesWithHead` lines, or the text
    /// before a picture or a table (which may go to the next column). A picture or a table at
    /// the very top goes with the head too, with the space after it and two lines below it: the
    /// story starts with it, and it may be as tall as a column.
    static func minimumBody(_ body: [ColumnElement]) -> Double {
        var height = 0.0, lines = 0
        var wanted = linesWithHead
        for (index, element) in body.enumerated() {
            switch element.content {
            case .figure, .table:
                guard index == 0 else { return height }
                wanted = 2
            case .line, .framed: lines += 1
            case .space, .rule: break
            }
            height += element.height
            if lines >= wanted { break }
        }
        return height
    }

    private static func builder(composer: Composer, story: Story, jumpHead: StoryHead.Part, leadImage: ImageRef?,
                                frontLimit: Double?) -> BodyBuilder {
        BodyBuilder(composer: composer, story: story, figureLimit: composer.maxFigureHeight(jumpHead: jumpHead),
                    frontImage: leadImage == nil ? story.image : nil, frontLimit: frontLimit)
    }

    /// The body set again with its paragraphs a line shorter where they can be, with or without
    /// the pull quote: for a story that would otherwise jump to the next page for a few lines.
    func tightBody(composer: Composer, pullQuote: Bool) -> [ColumnElement] {
        var composer = composer
        composer.looseness = -1
        let builder = Self.builder(composer: composer, story: story, jumpHead: jumpHead, leadImage: leadImage, frontLimit: frontFigureLimit)
        return builder.elements(pullQuote: pullQuote && story.pullQuote != nil)
    }

    /// The head set across `columns` columns.
    func head(composer: Composer, columns: Int) -> StoryHead {
        StoryHead(composer: composer, story: story, index: index, columns: columns)
    }

    /// The lead picture under a head `headHeight` tall across `columns` columns: across as many
    /// of them as it spans, and short enough to fit with the head and the first lines of the body on a
    /// page after the first.
    func leadFigure(composer: Composer, columns: Int, headHeight: Double) -> Figure? {
        guard let image = leadImage else { return nil }
        let geometry = composer.geometry
        // The picture, a grid line of space, and the first lines of the body below the head.
        let room = geometry.bodyBottom - geometry.bodyTop(page: 1) - headHeight - geometry.grid - minimumBody
        return composer.figure(image, width: geometry.spanWidth(leadColumns(under: columns)), maxHeight: room, language: story.lang)
    }

    /// How many of a head's `columns` the lead picture spans.
    func leadColumns(under columns: Int) -> Int {
        min(leadImage.map { $0.span ?? columns } ?? 0, columns)
    }
}
