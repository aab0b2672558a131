import Yams
import BulletinModel

/// Turns Yams' errors into one-line messages located in the file, with a hint where the usual
/// cause is known.
///
/// Yams' own descriptions span three lines, echo the raw line (control characters and all) and
/// count lines from the start of the YAML, not of the file; none of that may reach the editor.
struct YAMLProblem {
    let text: String
    let file: String
    /// Added to a line of `text` to make it a line of the file.
    let lineOffset: Int

    func describe(_ error: YamlError) -> InputError {
        switch error {
        case let .reader(problem, offset, value, _):
            let line = offset.map(line(atCharacter:)) ?? 1
            guard value >= 0, let scalar = Unicode.Scalar(UInt32(value)) else { return located(line, "invalid YAML: \(problem)") }
            return located(line, "invalid YAML: \(Unprintable.code(scalar)) (\(Unprintable.name(of: scalar))) is not allowed: remove it")
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return syntax(problem, context: context, at: mark)
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? "?"
            let first = context.mark.line
            let second = secondLine(ofKey: key, after: context.mark) ?? first
            let earlier = second == first ? "" : " (first on line \(first + lineOffset))"
            return located(second, "invalid YAML: \"\(key)\" appears twice\(earlier): keep one")
        default:
            let summary = String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable"
            return InputError(file: file, "invalid YAML: \(summary.escapedForMessage)")
        }
    }

    private func located(_ line: Int, _ message: String) -> InputError {
        InputError(file: file, line: line + lineOffset, message.escapedForMessage)
    }

    /// The scanner's, parser's and composer's errors: where the problem shows, or where the
    /// construct that is broken begins when that says more (an unclosed quote is found only at
    /// the end of the file).
    private func syntax(_ problem: String, context: YamlError.Context?, at mark: Mark) -> InputError {
        let (line, hint) = self.hint(problem, context: context, line: mark.line, column: mark.column)
        if let hint { return located(line, "invalid YAML: \(problem): \(hint)") }
        let detail = context.map { " (\($0.text) at line \($0.mark.line + lineOffset))" } ?? ""
        return located(line, "invalid YAML: \(problem)\(detail)")
    }

    /// The line to report and the advice for a problem Yams found on line `line` (of `text`).
    private func hint(_ problem: String, context: YamlError.Context?, line: Int, column: Int) -> (Int, String?) {
        let here = self.line(line)
        let contextLine = context?.mark.line ?? line
        if indentation(of: here).contains("\t") || problem.contains("tab character") {
            return (line, "indent with spaces, not tabs")
        }
        if contextLine < line, indentation(of: self.line(contextLine)).contains("\t") {
            return (contextLine, "indent with spaces, not tabs")
        }
        if problem.hasPrefix("mapping values are not allowed") {
            if let (key, value) = keyAndValue(here), value.contains(": ") || value.hasSuffix(":") {
                return (line, "put the \(key) in quotes, as in \(key): \"\(value)\"")
            }
            if !indentation(of: here).isEmpty {
                return (line, "this line is indented as if it belonged to the key above: start it at the left edge")
            }
        }
        if problem.contains("end of stream"), let context, context.text.contains("quoted scalar") {
            return (context.mark.line, "the quote that opens on this line is never closed")
        }
        if problem.contains("could not find expected ':'") {
            return (contextLine, "a key and its value are written key: value, with a colon and a space")
        }
        if problem.contains("expected ',' or ']'") || problem.contains("expected ',' or '}'") {
            let bracket = problem.contains("]") ? "[" : "{"
            return (line, "the \(bracket) on line \(contextLine + lineOffset) is not closed; put the value in quotes if the \(bracket) is text")
        }
        if problem.contains("cannot start any token") {
            let character = here.unicodeScalars.dropFirst(max(0, column - 1)).first.map(String.init) ?? ""
            if ["@", "`", "%"].contains(character) {
                return (line, "a value cannot begin with \(character): put it in quotes")
            }
        }
        if problem.contains("undefined alias") || context?.text.contains("alias") == true {
            return (line, "a value that begins with * names an anchor: put it in quotes")
        }
        if context?.text.contains("anchor") == true {
            return (line, "a value that begins with & names an anchor: put it in quotes")
        }
        if problem.contains("did not find expected key") || problem.contains("expected <block end>") {
            if here.contains("\"") || here.contains("'") {
                return (line, "text follows a closing quote: put the whole value in quotes")
            }
            return (line, "check this line's indentation against the keys above it")
        }
        return (line, nil)
    }

    // MARK: - Reading the text

    /// Line `number` (from 1) of the text, or "" past its end.
    private func line(_ number: Int) -> Substring {
        var current = 1
        var start = text.startIndex
        while current < number {
            guard let newline = text[start...].firstIndex(of: "\n") else { return "" }
            start = text.index(after: newline)
            current += 1
        }
        return text[start...].prefix { $0 != "\n" }
    }

    /// The line (from 1) holding the character at `offset` (Yams counts characters).
    private func line(atCharacter offset: Int) -> Int {
        1 + text.prefix(max(0, offset)).filter { $0 == "\n" }.count
    }

    private func indentation(of line: Substring) -> Substring {
        line.prefix { $0 == " " || $0 == "\t" }
    }

    /// A line's `key: value`, when it is one.
    private func keyAndValue(_ line: Substring) -> (String, String)? {
        guard let colon = line.range(of: ": ") else { return nil }
        var key = line[..<colon.lowerBound].trimmingWhitespace
        if key.hasPrefix("- ") { key = String(key.dropFirst(2)).trimmingWhitespace }
        guard !key.isEmpty, !key.contains(" ") else { return nil }
        return (key, line[colon.upperBound...].trimmingWhitespace)
    }

    /// The line (from 1) of a key's second occurrence: Yams reports only the first, which is the
    /// one the editor will not delete. The second is the next line after the first that holds the
    /// key at the same column.
    private func secondLine(ofKey key: String, after first: Mark) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line >= 1, first.line < lines.count else { return nil }
        let forms = [key, "\"\(key)\"", "'\(key)'"]
        for index in first.line..<lines.count {
            let scalars = lines[index].unicodeScalars
            guard scalars.count >= first.column else { continue }
            let before = scalars.prefix(first.column - 1)
            guard before.allSatisfy({ $0 == " " || $0 == "-" }) else { continue }
            let rest = Substring(scalars.dropFirst(first.column - 1))
            for form in forms where rest.hasPrefix(form) {
                if rest.dropFirst(form.count).trimmingWhitespace.hasPrefix(":") { return index + 1 }
            }
        }
        return nil
    }
}
