/// A picture a story shows: the front matter's `image:` or a Markdown image in the body.
///
/// The path is kept as the editor wrote it, for messages, and as found on disk, for reading;
/// `file` and `line` say where it was written, so that every problem with the picture (missing,
/// unreadable, too large) can point the editor at that line.
public struct ImageRef: Sendable, Equatable {
    /// The path as written in the story.
    public var path: String
    /// The file to read: the path resolved against the story's folder or the issue folder.
    /// Empty until the loader has found the file.
    public var resolved: String
    /// Set beneath the picture in the caption style; part of the story's text.
    public var caption: String?
    /// Who made the picture, set after the caption.
    public var credit: String?
    /// What the picture shows, for readers who cannot see it (the PDF's alternate text).
    public var alt: String?
    /// Columns the picture spans: 1 or 2, or nil for all the columns the story's head spans.
    /// Pictures in the body always span one column.
    public var span: Int?
    /// The story file and the line the picture is named on.
    public var file: String
    public var line: Int?

    public init(path: String, resolved: String = "", caption: String? = nil, credit: String? = nil, alt: String? = nil,
                span: Int? = 1, file: String = "", line: Int? = nil) {
        self.path = path
        self.resolved = resolved
        self.caption = caption
        self.credit = credit
        self.alt = alt
        self.span = span
        self.file = file
        self.line = line
    }

    /// The caption and the credit, the words the picture adds to the story.
    public var texts: [String] { [caption, credit].compactMap { $0 } }
}
