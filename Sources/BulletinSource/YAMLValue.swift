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

    /// Parses `text`; nil for an empty document.
    static func parse(_ text: String, file: String, lineOffset: Int = 0) throws -> YAMLValue? {
        do {
            guard let node = try Yams.compose(yaml: text) else { return nil }
            return YAMLValue(node: node, file: file, lineOffset: lineOffset)
        } catch let error as YamlError {
            throw describe(error, file: file, lineOffset: lineOffset)
        }
    }

    private static func describe(_ error: YamlError, file: String, lineOffset: Int) -> InputError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { "\(problem) (\($0.text) at line \($0.mark.line + lineOffset))" } ?? problem
            return InputError(file: file, line: mark.line + lineOffset, "invalid YAML: \(detail)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return InputError(file: file, line: context.mark.line + lineOffset,
                              "invalid YAML: key \(duplicates.joined(separator: ", ")) appears twice")
        default:
            return InputError(file: file, "invalid YAML: \(error)")
        }
    }

    func error(_ message: String) -> InputError { InputError(file: file, line: line, message) }

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
            guard case .scalar(let key) = pair.key else {
                throw child(pair.key).error("\(what): keys must be plain words")
            }
            return (key.string, child(pair.key).line, child(pair.value))
        }
    }

    /// A scalar as text; numbers and dates are taken as written.
    func string(_ key: String) throws -> String {
        guard case .scalar(let s) = node else { throw error("\(key) must be text, not a list or mapping") }
        return s.string
    }

    /// A scalar as text, or nil when empty.
    func optionalString(_ key: String) throws -> String? {
        if isNull { return nil }
        let text = try string(key).trimmingWhitespace
        return text.isEmpty ? nil : text
    }

    func double(_ key: String) throws -> Double {
        guard let value = Double(try string(key)) else { throw error("\(key) must be a number, not \"\(try string(key))\"") }
        return value
    }

    func int(_ key: String) throws -> Int {
        guard let value = Int(try string(key)) else { throw error("\(key) must be a whole number, not \"\(try string(key))\"") }
        return value
    }

    func bool(_ key: String) throws -> Bool {
        switch try string(key).lowercased() {
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
