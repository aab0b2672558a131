import BulletinModel

/// The known key an unknown one was probably meant to be: "author" -> "written_by".
///
/// Words other tools use for the same thing are looked up first (no spelling makes "author"
/// out of "written_by"); otherwise the nearest known key by edit distance, when it is near
/// enough to be a slip of the keyboard.
enum KeySuggestion {
    /// Names editors reach for, from other tools' front matter (Hugo, Jekyll, Pandoc).
    static let synonyms: [String: String] = [
        "author": "written_by", "authors": "written_by", "by": "written_by", "writer": "written_by", "writers": "written_by",
        "byline": "written_by", "editor": "edited_by", "editors": "edited_by",
        "subtitle": "deck", "subhead": "deck", "standfirst": "deck", "dek": "deck", "headline": "title", "heading": "title",
        "section": "kicker", "category": "kicker", "categories": "kicker", "tags": "kicker",
        "description": "summary", "excerpt": "summary", "abstract": "summary", "teaser": "summary",
        "language": "lang", "locale": "lang", "weight": "order", "position": "order",
        "picture": "image", "photo": "image", "img": "image", "figure": "image", "quote": "pull_quote", "pullquote": "pull_quote",
        "published": "draft", "alt_text": "alt", "description_text": "alt", "src": "path", "file": "path",
    ]

    /// The key in `known` that `key` most likely stands for, or nil.
    static func suggest(_ key: String, known: Set<String>) -> String? {
        let lower = key.lowercased()
        if known.contains(lower) { return lower }
        let spaced = lower.replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        if known.contains(spaced) { return spaced }
        if let synonym = synonyms[lower], known.contains(synonym) { return synonym }
        let nearest = known.map { ($0, distance(lower, $0)) }.min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        guard let (candidate, steps) = nearest, steps <= max(1, min(2, candidate.count / 3)) else { return nil }
        return candidate
    }

    /// The warning for an unknown key: `unknown key "author" is ignored: did you mean
    /// "written_by"?` (the suggestion as its hint), or the known keys listed when none is near.
    static func unknownKey(_ key: String, what: String = "key", known: Set<String>, file: String, line: Int?) -> Warning {
        let message = "unknown \(what) \"\(key.escapedForMessage)\" is ignored"
        if let suggestion = suggest(key, known: known) {
            return Warning(file: file, line: line, message, hint: "did you mean \"\(suggestion)\"?")
        }
        return Warning(file: file, line: line, message + " (known: \(known.sorted().joined(separator: ", ")))")
    }

    /// Edit distance counting insertions, deletions, substitutions and swaps of two neighbours
    /// ("titel") as one step each (optimal string alignment).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
