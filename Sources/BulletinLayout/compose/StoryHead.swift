import BulletinModel

/// A story's head, set across all columns: kicker, headline, deck and byline. Its lines are set
/// once, when the head is made; placing it only positions them.
struct StoryHead {
    /// One part of the head and its lines.
    struct Part {
        var style: TextStyle
        var kind: TextKind
        var lines: [TypesetLine]
    }

    let parts: [Part]
    let index: Int
    let left: Double
    /// Height on the page, a whole number of grid lines so the body starts on the grid.
    let height: Double

    init(composer: Composer, story: Story, index: Int) {
        let layout = composer.layout, geometry = composer.geometry
        // The deck reads better a little narrower than the page: two columns of three.
        let span = geometry.columns - 1
        let deckWidth = geometry.columns >= 3
            ? Double(span) * geometry.columnWidth + Double(span - 1) * layout.grid.gutter : geometry.width
        var texts: [(TextRole, TextKind, String, Double)] = []
        if let kicker = story.kicker { texts.append((.kicker, .kicker, kicker, geometry.width)) }
        texts.append((.headline, .headline, story.title, geometry.width))
        if let deck = story.deck { texts.append((.deck, .deck, deck, deckWidth)) }
        if !story.byline.isEmpty { texts.append((.byline, .byline, story.byline.text, geometry.width)) }
        parts = texts.map { role, kind, text, width in
            let style = layout.style(role)
            // The byline's words ("Written by", "Edited by") are English whatever the story's language.
            let runs = composer.runs(style, language: role == .byline ? "en" : story.lang).runs(text)
            return Part(style: style, kind: kind, lines: composer.displayLines(runs, style: style, width: width))
        }
        let natural = parts.reduce(0) { $0 + $1.style.spaceBefore + Double($1.lines.count) * $1.style.leading + $1.style.spaceAfter }
        height = geometry.gridHeight(natural + geometry.grid / 2)
        self.index = index
        left = geometry.left
    }

    func place(composer: Composer, cursor: inout Composer.Cursor) {
        let end = cursor.y + height
        for (number, part) in parts.enumerated() {
            cursor.y += part.style.spaceBefore
            // Head parts are blocks of their own, numbered below the body's (which count from 0).
            composer.place(part.lines, style: part.style, kind: part.kind, x: left, story: index, block: -1 - number, cursor: &cursor)
            cursor.y += part.style.spaceAfter
        }
        cursor.y = end
    }
}
