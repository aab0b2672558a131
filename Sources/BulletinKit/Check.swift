import Foundation
import BulletinModel
import BulletinSource
import BulletinLayout
import BulletinGraphics

/// One problem `bulletin check` found, as it prints it and as `--json` gives it.
public struct Diagnostic: Sendable, Equatable, Encodable, CustomStringConvertible {
    public enum Severity: String, Sendable, Encodable {
        /// Stops `make`.
        case error
        /// Worth fixing; `make` goes on.
        case warning
        /// What `make` will do that the editor should know (a draft left out).
        case note
    }

    public var file: String
    public var line: Int?
    public var column: Int?
    public var severity: Severity
    public var message: String
    public var hint: String?

    public init(file: String, line: Int?, column: Int? = nil, severity: Severity, message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
        self.hint = hint
    }

    enum CodingKeys: String, CodingKey { case file, line, column, severity, message, hint }

    /// `line` is always there (null when the problem belongs to a whole file); `column` and
    /// `hint` only when known.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encodeIfPresent(column, forKey: .column)
        try container.encode(severity, forKey: .severity)
        try container.encode(message, forKey: .message)
        try container.encodeIfPresent(hint, forKey: .hint)
    }

    init(_ error: InputError) {
        self.init(file: error.file, line: error.line, severity: .error, message: error.message)
    }

    init(_ warning: Warning) {
        self.init(file: warning.file, line: warning.line, severity: warning.isNote ? .note : .warning, message: warning.message, hint: warning.hint)
    }

    /// `stories/02-x.md:4: error: title is missing`, as `make` prints its errors.
    public var description: String {
        let place = [file, line.map(String.init), line == nil ? nil : column.map(String.init)].compactMap { $0 }.joined(separator: ":")
        return "\(place): \(severity.rawValue): \(message)\(hint.map { ": " + $0 } ?? "")"
    }
}

/// What `bulletin check` found.
public struct CheckReport: Sendable {
    /// Every problem, in the order of the issue's files.
    public var diagnostics: [Diagnostic]

    public var errors: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warnings: Int { diagnostics.filter { $0.severity == .warning }.count }

    /// "2 errors, 5 warnings" or "no problems".
    public var summary: String {
        if errors == 0 && warnings == 0 { return "no problems" }
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }

    /// The diagnostics as a JSON array of {file, line, column?, severity, message, hint?}.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(diagnostics) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }
}

extension Bulletin {
    /// A preflight: every problem the issue has, found by reading every story (each on its own,
    /// so that one story's error does not hide the next's) and composing what could be read,
    /// without writing anything.
    ///
    /// An error in issue.yaml stops the reading, so it is reported alone.
    public static func check(_ options: MakeOptions) -> CheckReport {
        let loaded: LoadedIssue
        do {
            loaded = try IssueLoader.load(folder: options.issue, allowOutside: options.allowOutside, drafts: options.drafts, collectingErrors: true)
        } catch {
            return CheckReport(diagnostics: [diagnostic(for: error, options: options)])
        }
        var diagnostics = loaded.errors.map(Diagnostic.init) + loaded.warnings.map(Diagnostic.init)
        diagnostics += storyChecks(loaded.issue)
        if !loaded.issue.stories.isEmpty {
            var stopwatch = Stopwatch()
            do {
                let composed = try composeReadable(loaded, options: options, stopwatch: &stopwatch)
                // The loader's warnings are listed already.
                diagnostics += composed.warnings.dropFirst(loaded.warnings.count).map(Diagnostic.init)
                diagnostics += PrintEdition.lowResolution(in: composed).map(Diagnostic.init)
                // Characters no font has, which print as boxes: found as drawing finds them,
                // with the shapes composing made.
                let renderer = CairoRenderer(shaper: composed.shaper, colours: composed.layout.colours, creator: "bulletin \(version)")
                renderer.findMissingGlyphs(in: composed.document)
                diagnostics += missingGlyphWarnings(renderer, composed).map(Diagnostic.init)
                diagnostics += widowsAndOrphans(in: composed.document, issue: composed.issue)
            } catch {
                // Overset (no setting fits the pages asked for), a head taller than a page, an
                // unknown layout or font, the page limit: what stops `make` after reading.
                diagnostics.append(diagnostic(for: error, options: options))
                // Every unknown key of the layout, where composing stopped at the first (listed once).
                if let layout = try? layoutPath(of: loaded.issue, options: options) {
                    diagnostics += LayoutLoader.unknownKeys(path: layout).map(Diagnostic.init)
                }
                // Composing stops at the first picture that cannot be used (or before the
                // pictures): every story's pictures are read here to list each one's problem.
                let pictures = ImageLibrary(maxPixels: Limits.imagePixels, maxBytes: Limits.imageBytes)
                diagnostics += pictures.problems(loading: loaded.issue.stories, logo: loaded.issue.logo).map(Diagnostic.init)
            }
        }
        var seen = Set<String>()
        return CheckReport(diagnostics: diagnostics.filter { seen.insert($0.description).inserted }.sorted(by: fileOrder))
    }

    /// The stories that could be read, composed as `make` would. Those that could not are left
    /// out: an issue too short for the pages issue.yaml asks for without them says nothing of
    /// the issue with them ("add a story" to one whose story has an error), so it is then
    /// composed at its natural length; one too long without them is too long with them, an
    /// error still.
    static func composeReadable(_ loaded: LoadedIssue, options: MakeOptions, stopwatch: inout Stopwatch) throws -> Composition {
        do {
            return try compose(loaded, options: options, stopwatch: &stopwatch)
        } catch {
            let target: Int?
            switch options.pages {
            case .exactly(let count)?: target = count
            case .natural?: target = nil
            case nil: target = loaded.issue.pages
            }
            guard !loaded.errors.isEmpty, let target else { throw error }
            var natural = options
            natural.pages = .natural
            guard let unfitted = try? compose(loaded, options: natural, stopwatch: &stopwatch),
                  unfitted.document.pages.count < target else { throw error }
            return unfitted
        }
    }

    static func diagnostic(for error: Error, options: MakeOptions) -> Diagnostic {
        if let input = error as? InputError { return Diagnostic(input) }
        return Diagnostic(file: IssueLoader.display(options.issue), line: nil, severity: .error, message: "\(error)")
    }

    /// issue.yaml first, then the stories in file order, each by line; errors before warnings on one line.
    static func fileOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        func rank(_ file: String) -> Int { file.hasSuffix("issue.yaml") ? 0 : 1 }
        if rank(a.file) != rank(b.file) { return rank(a.file) < rank(b.file) }
        if a.file != b.file { return a.file < b.file }
        if (a.line ?? 0) != (b.line ?? 0) { return (a.line ?? 0) < (b.line ?? 0) }
        return a.severity == .error && b.severity != .error
    }

    /// The widows and orphans the composer could not avoid, read from the composed pages: a
    /// paragraph (or list item or quoted paragraph) split over two columns that leaves its
    /// first line alone at a column's foot (an orphan) or its last line alone at a column's head
    /// (a widow). The composer allows them only where nothing else fits; the editor can often
    /// cure one with a word more or less.
    static func widowsAndOrphans(in document: Document, issue: Issue) -> [Diagnostic] {
        // Each column of each page, in reading order: its lines per (story, block).
        struct Line { var block: Int; var baseline: Double; var text: String }
        struct Segment { var story: Int; var lines: [Line] }
        var segments: [Segment] = []
        for page in document.pages {
            // (story, column) -> (block, baseline in hundredths) -> the line's words, left to right.
            var columns: [[Int]: [[Int]: [(x: Double, text: String)]]] = [:]
            var order: [[Int]] = []
            for text in page.texts where [.body, .quote, .listItem].contains(text.kind) {
                guard let story = text.story, let column = text.column, let block = text.block else { continue }
                let key = [story, column]
                if columns[key] == nil { order.append(key) }
                columns[key, default: [:]][[block, Int((text.baseline * 100).rounded())], default: []].append((text.x, text.fragment.text))
            }
            for key in order {
                let lines = (columns[key] ?? [:]).map { place, words in
                    Line(block: place[0], baseline: Double(place[1]) / 100,
                         text: words.sorted { $0.x < $1.x }.map(\.text).joined(separator: " "))
                }
                segments.append(Segment(story: key[0], lines: lines.sorted { $0.baseline < $1.baseline }))
            }
        }
        var diagnostics: [Diagnostic] = []
        for (index, segment) in segments.enumerated() {
            guard let next = segments[(index + 1)...].first(where: { $0.story == segment.story }),
                  let foot = segment.lines.last, let head = next.lines.first, foot.block == head.block,
                  issue.stories.indices.contains(segment.story) else { continue }
            let story = issue.stories[segment.story]
            let here = segment.lines.filter { $0.block == foot.block }.count
            let there = next.lines.filter { $0.block == head.block }.count
            // A block split here: one line of it alone on either side.
            for (alone, line, what) in [(here == 1, foot, "orphan: the first line of a paragraph is alone at the foot of a column"),
                                        (there == 1, head, "widow: the last line of a paragraph is alone at the head of a column")] where alone {
                let words = line.text.split(separator: " ").map(String.init)
                let place = locate(Warning(file: story.file, line: story.titleLine, "\"\(words.max { $0.count < $1.count } ?? "")\""))
                diagnostics.append(Diagnostic(file: place.file, line: place.line, severity: .warning,
                                              message: "\(what) (\"\(line.text.prefix(40))\(line.text.count > 40 ? "…" : "")\")",
                                              hint: "a few words more or fewer in the paragraph or the one before usually cure it"))
            }
        }
        return diagnostics
    }

    /// What the loader accepts but an editor should see before the issue goes out: a story
    /// without a byline, without a summary for the contents box and the mail message, or in a
    /// language bulletin cannot hyphenate.
    static func storyChecks(_ issue: Issue) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for story in issue.stories {
            let file = IssueLoader.display(story.file)
            if story.byline.writtenBy.isEmpty && !story.filler {
                diagnostics.append(Diagnostic(file: file, line: story.titleLine, severity: .warning, message: "the story has no byline",
                                              hint: "add \"written_by: Name\" to the front matter (a notice that needs none can be a filler: true)"))
            }
            if story.summary?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true {
                diagnostics.append(Diagnostic(file: file, line: story.titleLine, severity: .warning,
                                              message: "the story has no summary for the contents box and the mail message (the deck is used, or nothing)",
                                              hint: "add \"summary: One sentence.\" to the front matter"))
            }
        }
        // A language without patterns, as `make` finds it (the same words when make also tells;
        // the list keeps one of each).
        diagnostics += Hyphenator().warningsForLanguagesWithoutPatterns(in: issue.stories).map(Diagnostic.init)
        return diagnostics
    }
}
