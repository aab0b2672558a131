import BulletinModel

/// A piece of text in one font, colour and link: what a paragraph is made of before breaking.
public struct StyledRun: Sendable, Equatable {
    public var text: String
    public var font: FontSpec
    public var colour: String
    public var link: String?
    public var language: String
    /// Struck through (`~~cancelled~~`).
    public var struck = false

    public init(text: String, font: FontSpec, colour: String, link: String? = nil, language: String) {
        self.text = text
        self.font = font
        self.colour = colour
        self.link = link
        self.language = language
    }
}

extension LayoutSpec {
    /// Text in `style` and `language` as this layout sets it: the style's faces with the
    /// layout's fallback faces for the language. What sets or measures a style's text (the
    /// composer, the page furniture, the print edition's slug) asks here, so that it comes to
    /// the same fonts.
    public func runs(_ style: TextStyle, language: String) -> InlineRuns {
        InlineRuns(style: style, fallbackFamilies: fallbackFamilies, language: language)
    }
}

/// Flattens `Inline` trees into styled runs.
public struct InlineRuns {
    public var style: TextStyle
    public var fallbackFamilies: FallbackFamilies
    public var language: String

    public init(style: TextStyle, fallbackFamilies: FallbackFamilies, language: String) {
        self.style = style
        self.fallbackFamilies = fallbackFamilies
        self.language = language
    }

    /// The style's own faces before the fallback ones whatever the language: for text whose
    /// Latin letters should keep the layout's face (a Chinese story's byline, whose names
    /// stay in the byline's sans while its Chinese words come from the fallback).
    public var ownFacesFirst = false

    /// The families in the order they are tried. Chinese, Japanese and Korean text takes the
    /// fallback faces made for its language first, so its punctuation and quotes are the
    /// full-width forms of the CJK font, then the style's own, then the other fallbacks (a
    /// Latin face for letters the style's lacks); other text takes the style's own first.
    public var families: [String] {
        fallbackFamilies.families(style: style.family, language: language, ownFirst: ownFacesFirst)
    }

    public func font(bold: Bool? = nil, italic: Bool? = nil) -> FontSpec {
        FontSpec(family: families.joined(separator: ", "), size: style.size, bold: bold ?? style.bold,
                 italic: italic ?? style.italic, tracking: style.tracking * style.size)
    }

    /// Runs of plain text in the style.
    public func runs(_ text: String) -> [StyledRun] {
        [StyledRun(text: style.uppercase ? text.uppercased(language: language) : text, font: font(), colour: style.colour, language: language)]
    }

    public func runs(_ inlines: [Inline]) -> [StyledRun] {
        var result: [StyledRun] = []
        append(inlines, bold: style.bold, italic: style.italic, link: nil, struck: false, to: &result)
        return result
    }

    private func append(_ inlines: [Inline], bold: Bool, italic: Bool, link: String?, struck: Bool, to result: inout [StyledRun]) {
        for inline in inlines {
            switch inline {
            case .text(let text), .code(let text):
                var run = StyledRun(text: style.uppercase ? text.uppercased(language: language) : text, font: font(bold: bold, italic: italic),
                                    colour: style.colour, link: link, language: language)
                run.struck = struck
                if let last = result.last, last.font == run.font, last.link == run.link, last.colour == run.colour, last.language == run.language,
                   last.struck == run.struck {
                    result[result.count - 1].text += run.text
                } else {
                    result.append(run)
                }
            case .emphasis(let children):
                // Emphasis inside italic text turns upright again, as typesetters do.
                append(children, bold: bold, italic: !italic, link: link, struck: struck, to: &result)
            case .strong(let children):
                append(children, bold: true, italic: italic, link: link, struck: struck, to: &result)
            case .link(let url, let children):
                append(children, bold: bold, italic: italic, link: url, struck: struck, to: &result)
            case .softBreak:
                append([.text(" ")], bold: bold, italic: italic, link: link, struck: struck, to: &result)
            case .lineBreak:
                append([.text("\u{2028}")], bold: bold, italic: italic, link: link, struck: struck, to: &result)
            case .strikethrough(let children):
                append(children, bold: bold, italic: italic, link: link, struck: true, to: &result)
            case .language(let tag, let children):
                // Text in another language: its own hyphenation patterns, and its own fonts
                // first where it is Chinese, Japanese or Korean.
                var other = self
                other.language = tag
                other.append(children, bold: bold, italic: italic, link: link, struck: struck, to: &result)
            }
        }
    }
}
