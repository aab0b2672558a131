import BulletinModel

/// The composed issue: pages of positioned text and rules, in reading order.
public struct Document: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public var pages: [Page]
    public var metadata: DocumentMetadata
    public var outline: [OutlineEntry]
    /// Stories deliberately left out: fillers whose room was needed to fit the page count
    /// (each named in a warning).
    public var omittedStories: [Int] = []
    /// Stories whose pull quote was left out to fit the page count (each named in a warning).
    public var omittedPullQuotes: [Int] = []

    public init(width: Double, height: Double, pages: [Page] = [], metadata: DocumentMetadata, outline: [OutlineEntry] = []) {
        self.width = width
        self.height = height
        self.pages = pages
        self.metadata = metadata
        self.outline = outline
    }
}

/// What the PDF's information dictionary says.
public struct DocumentMetadata: Sendable, Equatable {
    public var title: String
    public var author: String
    public var subject: String
    public var language: String
    /// Comma-separated words for indexes: the stories' kickers (sections).
    public var keywords: String = ""
    /// ISO 8601 date for the creation date: the issue's date, so output is reproducible.
    public var created: String

    public init(title: String, author: String, subject: String, language: String, created: String) {
        self.title = title
        self.author = author
        self.subject = subject
        self.language = language
        self.created = created
    }
}

/// A bookmark to a story.
public struct OutlineEntry: Sendable, Equatable {
    public var title: String
    /// Page index from 0.
    public var page: Int
    public var y: Double

    public init(title: String, page: Int, y: Double) {
        self.title = title
        self.page = page
        self.y = y
    }
}

/// One page: what is drawn on it, in reading order.
public struct Page: Sendable, Equatable {
    public var items: [PageItem]

    public init(items: [PageItem] = []) { self.items = items }

    /// The text items, in order.
    public var texts: [PlacedText] {
        items.compactMap { if case .text(let t) = $0 { return t } else { return nil } }
    }
}

/// Something drawn on a page.
public enum PageItem: Sendable, Equatable {
    case text(PlacedText)
    case rule(Rule)
    case image(PlacedImage)
}

/// What part of the issue a piece of text belongs to, for tagging and for tests.
public enum TextKind: String, Sendable, Equatable {
    case mastheadTitle, mastheadSubtitle, mastheadLine
    case kicker, headline, deck, byline
    case body, subhead, quote, listItem
    /// "Continued on page N", "Continued from page M", and the title over a continuation.
    case jump, jumpHead
    /// The title and text of a box: contents, imprint.
    case boxTitle, boxText
    case pullQuote
    /// The text of a table's cell (`Fragment.table` says which).
    case tableCell
    /// The caption and credit beneath a picture.
    case caption
    case runningHead, footer
}

/// A fragment of text at a position: `x` is its left edge, `baseline` its baseline, both from
/// the page's top-left corner in points.
public struct PlacedText: Sendable, Equatable {
    public var x: Double
    public var baseline: Double
    public var fragment: Fragment
    public var kind: TextKind
    /// Which story (index in the issue) the text belongs to, if any.
    public var story: Int? {
        get { Self.unpacked(storyIndex) }
        set { storyIndex = Self.packed(newValue) }
    }
    /// Column index for body text, nil for text that spans columns or page furniture.
    public var column: Int? {
        get { Self.unpacked(columnIndex) }
        set { columnIndex = Self.packed(newValue) }
    }
    /// Which block of its story (a paragraph, subhead, list item, head part) the text belongs
    /// to: lines of one block share it. For the PDF's structure tags.
    public var block: Int? {
        get { Self.unpacked(blockIndex) }
        set { blockIndex = Self.packed(newValue) }
    }
    // Held in 32 bits each, `Int32.min` for nil: a page holds a thousand placed texts or more.
    private var storyIndex: Int32
    private var columnIndex: Int32
    private var blockIndex: Int32

    public init(x: Double, baseline: Double, fragment: Fragment, kind: TextKind, story: Int? = nil, column: Int? = nil,
                block: Int? = nil) {
        self.x = x
        self.baseline = baseline
        self.fragment = fragment
        self.kind = kind
        storyIndex = Self.packed(story)
        columnIndex = Self.packed(column)
        blockIndex = Self.packed(block)
    }

    private static func packed(_ value: Int?) -> Int32 {
        guard let value else { return .min }
        precondition(value > Int(Int32.min) && value <= Int(Int32.max), "a story, column or block number out of range: \(value)")
        return Int32(value)
    }

    private static func unpacked(_ value: Int32) -> Int? { value == .min ? nil : Int(value) }
}

/// Where a fragment of a story's body stands in its lists, for the PDF's structure tags: a list
/// is an L, each item an LI holding its marker (Lbl) and its text (LBody).
public struct ListPlace: Sendable, Equatable {
    /// One item of one list. Both are named by the body element where they start, which is
    /// unique within a story.
    public struct Item: Sendable, Equatable {
        public var list: Int
        public var item: Int

        public init(list: Int, item: Int) {
            self.list = list
            self.item = item
        }
    }

    /// The items the fragment is inside, outermost first.
    public var items: [Item]
    /// The fragment is the marker of the innermost item ("•", "2."), not its text.
    public var isLabel: Bool

    public init(items: [Item], isLabel: Bool = false) {
        self.items = items
        self.isLabel = isLabel
    }
}

/// A straight horizontal or vertical line.
public struct Rule: Sendable, Equatable {
    public var x0: Double
    public var y0: Double
    public var x1: Double
    public var y1: Double
    public var thickness: Double
    public var colour: Colour

    public init(x0: Double, y0: Double, x1: Double, y1: Double, thickness: Double, colour: Colour) {
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
        self.thickness = thickness
        self.colour = colour
    }
}

/// A picture in its frame: `x`, `y` (top-left), `width` and `height` in points from the page's
/// top-left corner. The frame is a whole number of grid lines tall; `fit` says how the picture
/// fills it.
public struct PlacedImage: Sendable, Equatable {
    /// How a picture whose shape differs a little from its frame's is drawn in it. Never
    /// distorted: either a sliver is cut off or a sliver of the frame stays empty.
    public enum Fit: String, Sendable, Equatable {
        /// Scaled to fill the frame, centred; what spills over is cut off (photographs).
        case cover
        /// Scaled to fit inside the frame, centred; the rest of the frame stays empty
        /// (drawings and charts, where a cut could lose a label).
        case contain
    }

    /// The file the picture was read from (`ImageRef.resolved`): the renderer's key to it.
    public var path: String
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    public var fit: Fit
    /// What the picture shows, for the PDF's alternate text.
    public var alt: String?
    /// The story (index in the issue) the picture belongs to.
    public var story: Int?

    public init(path: String, x: Double, y: Double, width: Double, height: Double, fit: Fit, alt: String? = nil, story: Int? = nil) {
        self.path = path
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.fit = fit
        self.alt = alt
        self.story = story
    }
}

extension Page {
    /// The pictures on the page, in order.
    public var images: [PlacedImage] {
        items.compactMap { if case .image(let image) = $0 { return image } else { return nil } }
    }
}

extension Document {
    /// A readable dump for tests: one line per text fragment or rule, positions rounded to 0.1 pt.
    public func dump() -> String {
        func f(_ v: Double) -> String {
            let r = (v * 10).rounded() / 10
            return r == r.rounded() ? String(Int(r)) : String(r)
        }
        var out: [String] = []
        for (p, page) in pages.enumerated() {
            out.append("page \(p + 1)")
            for item in page.items {
                switch item {
                case .text(let t):
                    out.append("  \(t.kind.rawValue) x=\(f(t.x)) y=\(f(t.baseline)) w=\(f(t.fragment.width))\(t.column.map { " col=\($0)" } ?? "") \(t.fragment.text)")
                case .rule(let r):
                    out.append("  rule \(f(r.x0)),\(f(r.y0)) \(f(r.x1)),\(f(r.y1)) \(f(r.thickness))")
                case .image(let i):
                    out.append("  image x=\(f(i.x)) y=\(f(i.y)) w=\(f(i.width)) h=\(f(i.height)) \(i.fit.rawValue) \(i.path.split(separator: "/").last.map(String.init) ?? i.path)")
                }
            }
        }
        return out.joined(separator: "\n")
    }
}

/// Where a fragment of a story's body stands in a table, for the PDF's structure tags: a table
/// is a Table, each row a TR, each cell a TH in the header row and a TD below it.
public struct TablePlace: Sendable, Equatable {
    /// The table, named by the body element where it starts, which is unique within a story.
    public var table: Int
    /// The row, from 0 for the header, and the cell, from 0 at the left.
    public var row: Int
    public var cell: Int
    /// The header row's cells are TH.
    public var isHeader: Bool { row == 0 }

    public init(table: Int, row: Int, cell: Int) {
        self.table = table
        self.row = row
        self.cell = cell
    }
}
