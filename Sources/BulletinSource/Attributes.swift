import BulletinModel

/// Pandoc's attribute syntax, for the one attribute bulletin reads: `{lang=en}`. Three places
/// take it, found in the inlines `MarkdownReader` made of cmark's nodes (CommonMark has no
/// attributes, so cmark leaves them as text):
///
/// - at the end of a paragraph or heading: `… wie geplant. {lang=de}`;
/// - a fenced div: a line `::: {lang=en}`, the blocks, a line `:::`;
/// - a span: `[Guten Tag]{lang=de}` (a bracket that is no link is text to cmark).
///
/// Only exactly these shapes are attributes; every other brace or bracket is text as written.
/// The value may be quoted (`{lang="en"}`, which smart punctuation turns into curly quotes).
enum Attributes {
    /// The tag in `{lang=TAG}` when `text` is exactly that, spaces around allowed.
    static func language(_ text: Substring) -> String? {
        var rest = text.drop { $0 == " " || $0 == "\t" }
        while rest.last == " " || rest.last == "\t" { rest.removeLast() }
        guard rest.hasPrefix("{lang="), rest.hasSuffix("}") else { return nil }
        var value = rest.dropFirst("{lang=".count).dropLast()
        let quotes: Set<Character> = ["\"", "'", "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}"]
        if let first = value.first, quotes.contains(first) { value = value.dropFirst() }
        if let last = value.last, quotes.contains(last) { value = value.dropLast() }
        guard !value.isEmpty, value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        return String(value)
    }

    static func isBreak(_ inline: Inline) -> Bool { inline == .softBreak || inline == .lineBreak }

    /// `inlines` without the `{lang=TAG}` at their end, and TAG; nil when they do not end so.
    static func trailingLanguage(_ inlines: [Inline]) -> (rest: [Inline], tag: String)? {
        guard case .text(let text)? = inlines.last, let open = text.lastIndex(of: "{"),
              let tag = language(text[open...]) else { return nil }
        var rest = Array(inlines.dropLast())
        var before = Substring(text[..<open])
        while before.last?.isWhitespace == true { before.removeLast() }
        if !before.isEmpty { rest.append(.text(String(before))) }
        while let last = rest.last, isBreak(last) { rest.removeLast() }
        return (rest, tag)
    }

    /// A fenced div's opening `::: {lang=TAG}`, as a paragraph of its own or its first line:
    /// TAG and the paragraph's other lines.
    static func divOpening(_ inlines: [Inline]) -> (tag: String, rest: [Inline])? {
        guard case .text(let text)? = inlines.first, inlines.count == 1 || isBreak(inlines[1]) else { return nil }
        let colons = text.prefix { $0 == ":" }
        guard colons.count >= 3, let tag = language(text.dropFirst(colons.count)) else { return nil }
        return (tag, Array(inlines.dropFirst(2)))
    }

    /// A fenced div's closing `:::`, as a paragraph of its own or its last line: the
    /// paragraph's other lines.
    static func divClosing(_ inlines: [Inline]) -> [Inline]? {
        guard case .text(let text)? = inlines.last else { return nil }
        let trimmed = text.trimmingWhitespace
        guard trimmed.count >= 3, trimmed.allSatisfy({ $0 == ":" }), inlines.count == 1 || isBreak(inlines[inlines.count - 2]) else { return nil }
        return Array(inlines.dropLast(2))
    }

    /// The first span `[…]{lang=TAG}` in `inlines` whose closing bracket is in an element at or
    /// after `from`: the inlines before it, inside it and after it, and TAG. The brackets may be
    /// in different elements (`[*Guten Tag*]{lang=de}`), which must be siblings.
    static func span(in inlines: [Inline], from: Int) -> (before: [Inline], middle: [Inline], after: [Inline], tag: String)? {
        for index in inlines.indices where index >= from {
            guard case .text(let text) = inlines[index] else { continue }
            var searchStart = text.startIndex
            while let marker = text.range(of: "]{lang=", range: searchStart..<text.endIndex) {
                searchStart = marker.upperBound
                guard let close = text[marker.upperBound...].firstIndex(of: "}"),
                      let tag = language(text[text.index(after: marker.lowerBound)...close]) else { continue }
                let after = text[text.index(after: close)...]
                // The opening bracket: in the same text before the marker, or in an earlier sibling.
                if let open = text[..<marker.lowerBound].lastIndex(of: "[") {
                    let before = inlines[..<index] + piece(text[..<open])
                    let middle = piece(text[text.index(after: open)..<marker.lowerBound])
                    return (Array(before), middle, piece(after) + inlines[(index + 1)...], tag)
                }
                for earlier in stride(from: index - 1, through: 0, by: -1) {
                    guard case .text(let first) = inlines[earlier], let open = first.lastIndex(of: "[") else { continue }
                    let before = inlines[..<earlier] + piece(first[..<open])
                    let middle = piece(first[first.index(after: open)...]) + inlines[(earlier + 1)..<index] + piece(text[..<marker.lowerBound])
                    return (Array(before), middle, piece(after) + inlines[(index + 1)...], tag)
                }
            }
        }
        return nil
    }

    /// A text element, or none for empty text.
    private static func piece(_ text: Substring) -> [Inline] { text.isEmpty ? [] : [.text(String(text))] }
}
