import BulletinModel

/// A story file split into its YAML front matter and its CommonMark body.
struct FrontMatter {
    var yaml: String
    /// Line of the file on which the YAML starts (the line after the opening `---`).
    var yamlFirstLine: Int
    var body: String
    /// Line of the file on which the body starts.
    var bodyFirstLine: Int

    static func split(_ text: String, file: String) throws -> FrontMatter {
        // `TextFile` has made every line end "\n" (no "\r" is left to join one into "\r\n"), so
        // the lines are split at its byte rather than by reading every character.
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
        guard lines.first?.trimmingWhitespace == "---" else {
            throw InputError(file: file, line: 1, "a story starts with front matter: a line \"---\", then \"title: ...\", then \"---\"")
        }
        lines.removeFirst()
        guard let end = lines.firstIndex(where: { $0.trimmingWhitespace == "---" || $0.trimmingWhitespace == "..." }) else {
            throw InputError(file: file, line: 1, "front matter is not closed: add a line \"---\" after the last key")
        }
        let yaml = lines[..<end].joined(separator: "\n")
        let body = lines[(end + 1)...].joined(separator: "\n")
        return FrontMatter(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: end + 3)
    }
}
