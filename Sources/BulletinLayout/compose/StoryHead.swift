import BulletinModel

/// A story's head, set across all columns: kicker, headline, deck and byline.
struct StoryHead {
    let composer: Composer
    let story: Story
    let index: Int

    var layout: LayoutSpec { composer.layout }
    var geometry: PageGeometry { composer.geometry }

    /// The deck reads better a little narrower than the page: two columns of three.
    var deckWidth: Double {
        let columns = geometry.columns
        guard columns >= 3 else { return geometry.width }
        let span = columns - 1
        return Double(span) * geometry.columnWidth + Double(span - 1) * layout.grid.gutter
    }

    private var parts: [(role: TextRole, kind: TextKind, text: String, width: Double)] {
        var parts: [(TextRole, TextKind, String, Double)] = []
        if let kicker = story.kicker { parts.append((.kicker, .kicker, kicker, geometry.width)) }
        parts.append((.headline, .headline, story.title, geometry.width))
        if let deck = story.deck { parts.append((.deck, .deck, deck, deckWidth)) }
        if !story.byline.isEmpty { parts.append((.byline, .byline, story.byline.text, geometry.width)) }
        return parts
    }

    /// The byline's words ("Written by", "Edited by") are English whatever the story's language.
    func language(of role: TextRole) -> String { role == .byline ? "en" : story.lang }

    /// Height on the page, a whole number of grid lines so the body starts on the grid.
    var height: Double {
        var height = 0.0
        for part in parts {
            let style = layout.style(part.role)
            let runs = composer.runs(style, language: language(of: part.role)).runs(part.text)
            let lines = composer.displayLines(runs, style: style, width: part.width).count
            height += style.spaceBefore + Double(lines) * style.leading + style.spaceAfter
        }
        return geometry.gridHeight(height + geometry.grid / 2)
    }

    func place(cursor: inout Composer.Cursor) {
        let end = cursor.y + height
        for (number, part) in parts.enumerated() {
            let style = layout.style(part.role)
            cursor.y += style.spaceBefore
            // Head parts are blocks of their own, numbered below the body's (which count from 0).
            composer.placeDisplay(composer.runs(style, language: language(of: part.role)).runs(part.text), style: style, kind: part.kind,
                                  x: geometry.left, width: part.width, story: index, block: -1 - number, cursor: &cursor)
            cursor.y += style.spaceAfter
        }
        cursor.y = end
    }
}
