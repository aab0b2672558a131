import BulletinModel

/// Characters that have no place in typeset text: control characters, Unicode noncharacters and
/// the line and paragraph separators.
///
/// They arrive from word processors and bad conversions (a Windows-1252 apostrophe read as
/// Latin-1 is U+0092). Cairo refuses a string holding a noncharacter and drops the text around
/// it, Pango draws boxes for controls, and a control character in a message can rewrite the
/// editor's terminal; so they are taken out where text enters, and escaped in messages.
enum Unprintable {
    enum Kind {
        case control, noncharacter, separator
    }

    /// What is wrong with `scalar`, or nil when it is fine in text. Tab and newline are fine.
    static func kind(of scalar: Unicode.Scalar) -> Kind? {
        switch scalar.value {
        case 0x09, 0x0a: return nil
        case 0x00...0x1f, 0x7f...0x9f: return .control
        case 0x2028, 0x2029: return .separator
        case 0xfdd0...0xfdef: return .noncharacter
        case let v where v & 0xfffe == 0xfffe: return .noncharacter
        default: return nil
        }
    }

    /// "a control character", for messages.
    static func name(of scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x2029: return "a paragraph separator"
        case 0x2028: return "a line separator"
        default: return kind(of: scalar) == .noncharacter ? "a noncharacter" : "a control character"
        }
    }

    /// What a character is replaced by: a space for those that separate words (so "a\u{2028}b"
    /// stays two words), nothing for the rest.
    static func replacement(for scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x0b, 0x0c, 0x85, 0x2028, 0x2029: return " "
        default: return nil
        }
    }

    /// Whether YAML's reader refuses `scalar`: it takes tab, newlines and printable characters only
    /// (YAML 1.1, "c-printable"), so these are errors in YAML rather than something to clean.
    static func isForbiddenInYAML(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0a, 0x0d, 0x20...0x7e, 0x85, 0xa0...0xd7ff, 0xe000...0xfffd, 0x10000...0x10ffff: return false
        default: return true
        }
    }

    /// "U+001B".
    static func code(_ scalar: Unicode.Scalar) -> String { scalar.code }

    /// Whether `scalar` must not reach a terminal as it is: every control (tab and newline too:
    /// a message is one line), noncharacters, separators and the bidirectional overrides that
    /// could make a message read differently from what it says.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0a: return true
        case 0x200e, 0x200f, 0x202a...0x202e, 0x2066...0x2069: return true
        default: return kind(of: scalar) != nil
        }
    }
}

extension StringProtocol {
    /// The text with every character that must not reach a terminal shown as `<U+001B>`.
    var escapedForMessage: String {
        guard unicodeScalars.contains(where: Unprintable.needsEscape) else { return String(self) }
        var result = ""
        for scalar in unicodeScalars {
            if Unprintable.needsEscape(scalar) {
                result += "<" + Unprintable.code(scalar) + ">"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// Text with the characters that cannot be set in type taken out, and a note of where they were.
struct CleanedText {
    /// A character taken out of a line.
    struct Removal: Equatable {
        var line: Int
        var scalar: Unicode.Scalar
    }

    var text: String
    /// The first removals, in order (at most `kept` of them).
    var removals: [Removal] = []
    /// How many characters were taken out in all.
    var count = 0
    static let kept = 1000

    /// Cleans `text`, whose first line is line `firstLine` of its file.
    init(_ text: String, firstLine: Int = 1) {
        guard text.unicodeScalars.contains(where: { Unprintable.kind(of: $0) != nil }) else {
            self.text = text
            return
        }
        var result = String.UnicodeScalarView()
        var line = firstLine
        var removals: [Removal] = []
        for scalar in text.unicodeScalars {
            if scalar == "\n" { line += 1 }
            guard Unprintable.kind(of: scalar) != nil else {
                result.append(scalar)
                continue
            }
            count += 1
            if removals.count < CleanedText.kept { removals.append(Removal(line: line, scalar: scalar)) }
            if let replacement = Unprintable.replacement(for: scalar) { result.append(replacement) }
        }
        self.text = String(result)
        self.removals = removals
    }

    /// One warning for all of a file's removals, or nil when there were none: "removed U+FFFF (a
    /// noncharacter) from line 7; U+2028 (a line separator, now a space) from lines 3 and 4".
    static func warning(file: String, _ removals: [Removal]) -> Warning? {
        guard let first = removals.first else { return nil }
        var order: [Unicode.Scalar] = []
        var lines: [Unicode.Scalar: [Int]] = [:]
        for removal in removals {
            if lines[removal.scalar] == nil { order.append(removal.scalar) }
            if lines[removal.scalar]?.last != removal.line { lines[removal.scalar, default: []].append(removal.line) }
        }
        let parts = order.prefix(8).map { scalar -> String in
            let kind = Unprintable.name(of: scalar)
            let now = Unprintable.replacement(for: scalar) == nil ? "" : ", now a space"
            return "\(Unprintable.code(scalar)) (\(kind)\(now)) from \(lineList(lines[scalar] ?? []))"
        }
        let more = order.count > 8 ? "; and \(order.count - 8) other characters" : ""
        return Warning(file: file, line: first.line,
                       "removed characters that cannot be set in type: " + parts.joined(separator: "; ") + more)
    }

    /// "line 3", "lines 3 and 4", "lines 3, 4, 5, 6, 7 and more".
    static func lineList(_ lines: [Int]) -> String {
        switch lines.count {
        case 0: return "no line"
        case 1: return "line \(lines[0])"
        case 2...5: return "lines " + Byline.list(lines.map(String.init))
        default: return "lines " + lines.prefix(5).map(String.init).joined(separator: ", ") + " and more"
        }
    }
}
