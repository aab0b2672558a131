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
    /// The columns it is set across.
    let columns: Int
    /// Height on the page, a whole number of grid lines so the body starts on the grid.
    let height: Double

    /// Sets the head of `story` across `columns` columns of the grid.
    init(composer: Composer, story: Story, index: Int, columns: Int) {
        let layout = composer.layout, geometry = composer.geometry
        let width = geometry.spanWidth(columns)
        // The deck reads better a little narrower than the head: two columns of three.
        let deckWidth = columns >= 3 ? geometry.spanWidth(columns - 1) : width
        var texts: [(TextRole, TextKind, String, Double)] = []
        if let kicker = story.kicker { texts.append((.kicker, .kicker, kicker, width)) }
        texts.append((.headline, .headline, story.title, width))
        if let deck = story.deck { texts.append((.deck, .deck, deck, deckWidth)) }
        // The byline's words ("Written by", "Edited by", "and") in the story's language.
        if !story.byline.isEmpty { texts.append((.byline, .byline, layout.wording.words(story.lang).byline(story.byline), width)) }
        // A narrow story (`columns: 1` or 2) has a smaller head: the headline and deck scaled by
        // the square root of the share of the page's columns it spans, the headline never below
        // 1.2 times the body's size, the deck never below the body's.
        let share = story.columns == nil || columns >= geometry.columns ? 1 : Double(columns) / Double(geometry.columns)
        let body = layout.style(.body)
        func scaled(_ style: TextStyle, role: TextRole) -> TextStyle {
            guard share < 1, role == .headline || role == .deck else { return style }
            var style = style
            let floor = body.size * (role == .headline ? 1.2 : 1)
            let size = max(min(style.size, floor), style.size * max(0.55, share.squareRoot()))
            style.leading *= size / style.size
            style.size = size
            return style
        }
        parts = texts.map { role, kind, text, width in
            let style = scaled(layout.style(role), role: role)
            var inlineRuns = composer.runs(style, language: story.lang)
            // A byline is names (in the byline's face, as in every story) around a few words
            // of the story's language, which come from the fallback faces where the byline's
            // lacks them ("撰文：").
            inlineRuns.ownFacesFirst = role == .byline
            let runs = inlineRuns.runs(text)
            return Part(style: style, kind: kind, lines: composer.displayLines(runs, style: style, width: width))
        }
        let natural = parts.reduce(0) { $0 + $1.style.spaceBefore + Double($1.lines.count) * $1.style.leading + $1.style.spaceAfter }
        height = geometry.gridHeight(natural + geometry.grid / 2)
        self.index = index
        self.columns = columns
    }

    /// Places the head's lines from `top` down at `x`, on `page`.
    func place(composer: Composer, x: Double, top: Double, on page: inout Page) {
        var y = top
        for (number, part) in parts.enumerated() {
            y += part.style.spaceBefore
            // Head parts are blocks of their own, numbered below the body's (which count from 0).
            y = composer.place(part.lines, style: part.style, kind: part.kind, x: x, top: y, story: index, block: -1 - number, on: &page)
            y += part.style.spaceAfter
        }
    }
}
