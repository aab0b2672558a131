/// A table in a story's body, as GitHub-flavoured Markdown writes it: a header row, a line of
/// dashes under it that sets each column's alignment (`---:` right, `:---:` centred), and the
/// rows below. Every row has as many cells as the widest: cells a row lacks are empty, and a
/// row with more cells than the header widens the table (the reader warns of it), the header's
/// new cells empty.
public struct Table: Sendable, Equatable {
    /// Each column's alignment: `.left`, `.right` or `.centre`.
    public var alignments: [Alignment]
    public var header: [[Inline]]
    public var rows: [[[Inline]]]

    public init(alignments: [Alignment], header: [[Inline]], rows: [[[Inline]]]) {
        self.alignments = alignments
        self.header = header
        self.rows = rows
    }

    /// The header row, then the body rows.
    public var allRows: [[[Inline]]] { [header] + rows }

    /// The text of every cell, row by row: the order a reader reads the table in.
    public var cellTexts: [String] { allRows.flatMap { $0.map(\.plainText) } }

    /// The table with its text in `language`.
    public func inLanguage(_ language: String) -> Table {
        func mark(_ cell: [Inline]) -> [Inline] { cell.isEmpty ? cell : [.language(language, cell)] }
        return Table(alignments: alignments, header: header.map(mark), rows: rows.map { $0.map(mark) })
    }
}
