/// One article: its head (kicker, headline, deck, byline) and its body.
public struct Story: Sendable, Equatable {
    public var title: String
    public var kicker: String?
    public var deck: String?
    public var date: IssueDate?
    public var byline: Byline
    public var order: Double?
    /// The front matter's line of `order:`, for messages about it.
    public var orderLine: Int?
    /// BCP 47 language tag, e.g. "en", "de", "zh".
    public var lang: String
    public var summary: String?
    public var body: [Block]
    /// Where the story came from, for messages: its file and the line of its title.
    public var file: String
    public var titleLine: Int?
    /// Columns the story asks for (`columns: 1` or `2`): set beside other stories. Nil for all.
    public var columns: Int?
    /// A short form of the title for the head over its continuation on a later page.
    public var shortTitle: String?
    /// A short notice kept back to fill free space on the last page.
    public var filler = false
    /// Not ready (`draft: true`): left out of the issue unless drafts are asked for.
    public var draft = false
    /// A sentence set large between rules inside the body.
    public var pullQuote: String?
    /// The front matter's line of the pull quote, for messages about it.
    public var pullQuoteLine: Int?
    /// The story's picture (`image:` in the front matter): above the body in one column, or
    /// under the head across two or all of its columns.
    public var image: ImageRef?
    /// Where the story names a language: its `lang:` and each `{lang=…}` in its body, with their
    /// lines, for warnings about languages without hyphenation patterns.
    public var languageLines: [LanguageLine] = []

    public init(title: String, kicker: String? = nil, deck: String? = nil, date: IssueDate? = nil,
                byline: Byline = Byline(), order: Double? = nil, lang: String = "en",
                summary: String? = nil, body: [Block] = [], file: String = "") {
        self.title = title
        self.kicker = kicker
        self.deck = deck
        self.date = date
        self.byline = byline
        self.order = order
        self.lang = lang
        self.summary = summary
        self.body = body
        self.file = file
    }
}

/// A language named in a story, and the line where.
public struct LanguageLine: Sendable, Equatable {
    public var tag: String
    public var line: Int?

    public init(tag: String, line: Int?) {
        self.tag = tag
        self.line = line
    }
}

/// Who wrote and who edited a story.
public struct Byline: Sendable, Equatable {
    public var writtenBy: [String]
    public var editedBy: [String]

    public init(writtenBy: [String] = [], editedBy: [String] = []) {
        self.writtenBy = writtenBy
        self.editedBy = editedBy
    }

    public var isEmpty: Bool { writtenBy.isEmpty && editedBy.isEmpty }

    /// "Written by A and B · Edited by C, D and E": in English (`Words.byline` for the others).
    public var text: String { Wording().words("en").byline(self) }

    /// Names joined as a reader says them: "A", "A and B", "A, B and C".
    public static func list(_ names: [String]) -> String {
        switch names.count {
        case 0: return ""
        case 1: return names[0]
        default: return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
        }
    }
}

/// What follows an ordered list's numbers: CommonMark's two delimiters.
public enum ListDelimiter: String, Sendable, Equatable {
    case period = "."
    case parenthesis = ")"
}

/// A block of a story's body, as CommonMark defines it.
public indirect enum Block: Sendable, Equatable {
    case paragraph([Inline])
    case heading(level: Int, [Inline])
    case blockQuote([Block])
    /// A list; an ordered one numbered from `start`, each number followed by `delimiter`
    /// ("1." or "1)", as the story writes them).
    case list(ordered: Bool, start: Int, items: [[Block]], delimiter: ListDelimiter = .period)
    case code(String)
    case thematicBreak
    /// A picture in the body (`![alt](path "caption")`), set in the column where it falls.
    case image(ImageRef)
    /// A table (`| a | b |` rows, a `|---|---:|` line under the header), set within the column.
    case table(Table)
}

/// Running text inside a block.
public indirect enum Inline: Sendable, Hashable {
    case text(String)
    case emphasis([Inline])
    case strong([Inline])
    case link(url: String, [Inline])
    case code(String)
    case softBreak
    case lineBreak
    /// Text in another language than its story's (`{lang=en}` after a paragraph, a fenced div
    /// or a span `[text]{lang=en}`): hyphenated with that language's patterns, tagged with its
    /// /Lang. A BCP 47 tag.
    case language(String, [Inline])
    /// Text struck through (`~~cancelled~~`): set as it is, a line through it.
    case strikethrough([Inline])

    /// The plain text, without markup.
    public var plainText: String {
        switch self {
        case .text(let s), .code(let s): return s
        case .emphasis(let c), .strong(let c), .link(_, let c), .language(_, let c), .strikethrough(let c): return c.map(\.plainText).joined()
        case .softBreak: return " "
        case .lineBreak: return "\n"
        }
    }
}

extension Block {
    /// The block with its text in `language`: paragraphs, headings, tables' cells and the blocks
    /// inside quotes and lists; code, rules and pictures as they are.
    public func inLanguage(_ language: String) -> Block {
        switch self {
        case .paragraph(let inlines): return .paragraph([.language(language, inlines)])
        case .heading(let level, let inlines): return .heading(level: level, [.language(language, inlines)])
        case .blockQuote(let blocks): return .blockQuote(blocks.map { $0.inLanguage(language) })
        case .list(let ordered, let start, let items, let delimiter):
            return .list(ordered: ordered, start: start, items: items.map { $0.map { $0.inLanguage(language) } }, delimiter: delimiter)
        case .table(let table): return .table(table.inLanguage(language))
        case .code, .thematicBreak, .image: return self
        }
    }
}

extension Story {
    /// Every picture the story names: its front matter's, then those in its body (in quotes
    /// and lists too), in reading order.
    public var imageReferences: [ImageRef] {
        func collect(_ blocks: [Block]) -> [ImageRef] {
            blocks.flatMap { block -> [ImageRef] in
                switch block {
                case .image(let image): return [image]
                case .blockQuote(let inner): return collect(inner)
                case .list(_, _, let items, _): return items.flatMap(collect)
                case .paragraph, .heading, .code, .thematicBreak, .table: return []
                }
            }
        }
        return (image.map { [$0] } ?? []) + collect(body)
    }
}

extension Array where Element == Inline {
    public var plainText: String { map(\.plainText).joined() }
}

/// A story's notes (GitHub footnotes), as the Markdown reader sets them at its end: each a
/// paragraph led by its number in raised digits and a no-break space, as its references show it.
public enum Note {
    static let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]

    /// `number` in raised digits: "¹²".
    public static func mark(_ number: Int) -> String {
        String(String(number).compactMap { $0.wholeNumberValue.map { digits[$0] } })
    }

    /// The opening of a note's paragraph: its mark and a no-break space.
    public static func opening(_ number: Int) -> String { mark(number) + "\u{00A0}" }

    /// Whether a paragraph is a note: it opens with raised digits and a no-break space.
    public static func isNote(_ inlines: [Inline]) -> Bool {
        guard case .text(let text)? = inlines.first else { return false }
        let number = text.prefix { digits.contains($0) }
        return !number.isEmpty && text.dropFirst(number.count).first == "\u{00A0}"
    }
}

/// A task list's boxes (`- [ ] Passport`, `- [x] Visa letter`): the Markdown reader sets one
/// before an item's words, and the list takes it as the item's marker, as it takes one typed there.
public enum TaskBox {
    /// ☐, ☑ and ☒.
    public static let boxes: Set<Unicode.Scalar> = ["\u{2610}", "\u{2611}", "\u{2612}"]

    /// The box of an open (☐) or a done (☑) task.
    public static func box(done: Bool) -> String { done ? "\u{2611}" : "\u{2610}" }
}

