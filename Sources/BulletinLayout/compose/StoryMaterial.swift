import BulletinModel

/// A story prepared for distribution: its body set once at the column width, its jump head set
/// across the page. Heads are set by the distributor at the width they land in.
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
    /// The height of the first two lines of the body, which go with the head.
    let minimumBody: Double

    init(composer: Composer, story: Story, index: Int) {
        self.index = index
        self.story = story
        let builder = BodyBuilder(composer: composer, story: story)
        quoteless = builder.elements(pullQuote: false)
        body = story.pullQuote == nil ? quoteless : builder.adding(pullQuoteTo: quoteless)
        span = story.columns.map { min(max(1, $0), composer.geometry.columns) }
        minimumBody = body.prefix(2).reduce(0) { $0 + $1.height }
        let style = composer.layout.style(.jumpHead)
        let title = story.shortTitle ?? story.title
        let width = span.map(composer.geometry.spanWidth) ?? composer.geometry.width
        jumpHead = StoryHead.Part(style: style, kind: .jumpHead,
                                  lines: composer.displayLines(composer.runs(style, language: story.lang).runs(title), style: style, width: width))
    }

    /// The head set across `columns` columns.
    func head(composer: Composer, columns: Int) -> StoryHead {
        StoryHead(composer: composer, story: story, index: index, columns: columns)
    }
}
