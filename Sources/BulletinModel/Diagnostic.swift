/// A problem with the user's input, located in a file and, where known, a line.
///
/// Its description is the one line the command prints: `stories/03-visit.md:4: title is missing`.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { located(file, line, message) }
}

/// Something worth telling the editor that does not stop the issue from being made.
public struct Warning: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String
    /// The likely fix, where one is known ("did you mean \"written_by\"?"); part of the
    /// printed line, and a field of its own in `bulletin check --json`.
    public var hint: String?
    /// Information rather than a problem (a draft left out): printed as "note:".
    public var isNote = false

    public init(file: String, line: Int? = nil, _ message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.message = message
        self.hint = hint
    }

    /// A note: what the run did that the editor should know, not a problem.
    public static func note(file: String, line: Int? = nil, _ message: String) -> Warning {
        var note = Warning(file: file, line: line, message)
        note.isNote = true
        return note
    }

    public var description: String {
        located(file, line, (isNote ? "note: " : "warning: ") + message + (hint.map { ": " + $0 } ?? ""))
    }
}

extension Warning {
    /// `warnings` with each told once, in order: composing tries an issue more than once (to
    /// fit, to balance), and a word too wide for the masthead is the same word each time.
    public static func distinct(_ warnings: [Warning]) -> [Warning] {
        var seen = Set<String>()
        return warnings.filter { seen.insert($0.description).inserted }
    }
}

/// "file:line: message", or "file: message" when the line is not known.
private func located(_ file: String, _ line: Int?, _ message: String) -> String {
    line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
}

extension Unicode.Scalar {
    /// The character as messages name it: "U+001B", "U+1F600".
    public var code: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
