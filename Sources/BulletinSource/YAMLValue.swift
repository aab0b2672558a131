import Yams
import BulletinModel

/// A YAML node that knows which file and line it came from, with typed accessors whose errors
/// name both.
struct YAMLValue {
    let node: Node
    let file: String
    /// Added to Yams' line numbers (front matter starts below the story's first line).
    let lineOffset: Int

    var line: Int? { node.mark.map { $0.line + lineOffset } }

    /// Parses `text`; nil for an empty document. A character that cannot be set in type is an
    /// error here; readers that can warn take such characters out first with `cleaned`.
    ///
    /// Every scalar is read as written (`string`, `int`, `bool` ... interpret it), so scalars
    /// are left untyped (`Resolver.basic`): Yams' default resolver compiles seven regular
    /// expressions at its first use and runs them on every key of every mapping, to tell
    /// duplicate keys apart, which together cost a sixth of the time spent reading an issue.
    /// A key written twice is an error as before, `1` and `"1"` included, which are one key here.
    static func parse(_ text: String, file: String, lineOffset: Int = 0) throws -> YAMLValue? {
        try refuseUnprintable(text, file: file, lineOffset: lineOffset, allowingCleanable: false)
        do {
            guard let node = try Yams.compose(yaml: text, .basic) else { return nil }
            return YAMLValue(node: node, file: file, lineOffset: lineOffset)
        } catch let error as YamlError {
            throw YAMLProblem(text: text, file: file, lineOffset: lineOffset).describe(error)
        }
    }

    /// `text` with the characters that cannot be set in type taken out (and noted, for a
    /// warning), ready for `parse`. Those that YAML itself refuses stay errors: the file is
    /// not YAML, and the editor should see where.
    static func cleaned(_ text: String, file: String, lineOffset: Int = 0) throws -> CleanedText {
        try refuseUnprintable(text, file: file, lineOffset: lineOffset, allowingCleanable: true)
        return CleanedText(text, firstLine: lineOffset + 1)
    }

    /// Throws for the first character YAML refuses, or with `allowingCleanable` false for the
    /// first that cannot be set in type, naming its line and code point.
    private static func refuseUnprintable(_ text: String, file: String, lineOffset: Int, allowingCleanable: Bool) throws {
        guard text.unicodeScalars.contains(where: { Unprintable.kind(of: $0) != nil || Unprintable.isForbiddenInYAML($0) }) else { return }
        var line = lineOffset + 1
        for scalar in text.unicodeScalars {
            if scalar == "\n" { line += 1 }
            if Unprintable.isForbiddenInYAML(scalar) {
                throw InputError(file: file, line: line, "invalid YAML: \(Unprintable.code(scalar)) (\(Unprintable.name(of: scalar))) is not allowed: remove it")
            }
            if !allowingCleanable && Unprintable.kind(of: scalar) != nil {
                throw InputError(file: file, line: line, "\(Unprintable.code(scalar)) (\(Unprintable.name(of: scalar))) cannot be set in type: remove it")
            }
        }
    }

    /// An error at this value; the message may quote the value, so it is escaped.
    func error(_ message: String) -> InputError { InputError(file: file, line: line, message.escapedForMessage) }

    private func child(_ node: Node) -> YAMLValue { YAMLValue(node: node, file: file, lineOffset: lineOffset) }

    /// True for `~`, `null` and an empty value.
    var isNull: Bool {
        guard case .scalar(let s) = node else { return false }
        return s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    /// The key-value pairs of a mapping, in file order.
    func mapping(_ what: String) throws -> [(key: String, line: Int?, value: YAMLValue)] {
        guard case .mapping(let mapping) = node else { throw error("\(what) must be a mapping of keys to values") }
        return try mapping.map { pair in
            // A key is printed in messages ("unknown key ..."), so it may not hold a tab or control.
            guard case .scalar(let key) = pair.key, !key.string.unicodeScalars.contains(where: Unprintable.needsEscape) else {
                throw child(pair.key).error("\(what): keys must be plain words")
            }
            return (key.string, child(pair.key).line, child(pair.value))
        }
    }

    /// A scalar as text; numbers and dates are taken as written.
    func string(_ key: String) throws -> String { try scalar(key, as: "text") }

    /// A scalar as text, or an error saying that `key` must be `kind` ("a whole number"), not
    /// the list or mapping it is.
    func scalar(_ key: String, as kind: String) throws -> String {
        guard case .scalar(let s) = node else {
            if case .sequence = node { throw error("\(key) must be \(kind), not a list") }
            throw error("\(key) must be \(kind), not a mapping")
        }
        guard s.string.utf8.count <= Limits.valueBytes else {
            throw error("\(key) is \(Limits.size(s.string.utf8.count)) long, over the limit of \(Limits.size(Limits.valueBytes))")
        }
        // An escape in a quoted value ("\uFDEF", "\n") can make a character that no type can set
        // and that cairo would choke on.
        if let bad = s.string.unicodeScalars.first(where: { Unprintable.kind(of: $0) != nil }) {
            throw error("\(key) holds \(Unprintable.name(of: bad)) (\(Unprintable.code(bad))), which cannot be set in type: take it out of the value")
        }
        return s.string
    }

    /// A scalar as text, or nil when empty.
    func optionalString(_ key: String) throws -> String? {
        if isNull { return nil }
        let text = try string(key).trimmingWhitespace
        return text.isEmpty ? nil : text
    }

    func double(_ key: String) throws -> Double {
        let text = try scalar(key, as: "a number")
        guard let value = Double(text) else { throw error("\(key) must be a number, not \"\(text)\"") }
        return value
    }

    func int(_ key: String) throws -> Int {
        let text = try scalar(key, as: "a whole number")
        guard let value = Int(text) else { throw error("\(key) must be a whole number, not \"\(text)\"") }
        return value
    }

    func bool(_ key: String) throws -> Bool {
        switch try scalar(key, as: "true or false").lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        case let other: throw error("\(key) must be true or false, not \"\(other)\"")
        }
    }

    /// A name or a list of names.
    func stringList(_ key: String) throws -> [String] {
        if isNull { return [] }
        switch node {
        case .scalar:
            return try optionalString(key).map { [$0] } ?? []
        case .sequence(let items):
            return try items.compactMap { try child($0).optionalString(key) }
        default:
            throw error("\(key) must be a name or a list of names")
        }
    }

    func list(_ key: String) throws -> [YAMLValue] {
        guard case .sequence(let items) = node else { throw error("\(key) must be a list") }
        return items.map(child)
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
