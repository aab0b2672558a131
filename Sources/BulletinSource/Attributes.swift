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
/// The value is one word; one that is no language tag (`{lang=en_GB}`, `{lang=qq-!!}`) is
/// still taken out, with a warning.
/// The value may be quoted (`{lang="en"}`, which smart punctuation turns into curly quotes).
enum Attributes {
    /// The tag in `{lang=TAG}` when `text` is exactly that, spaces around allowed.
    static func language(_ text: Substring) -> String? {
        var rest = text.drop { $0 == " " || $0 == "\t" }
        while rest.last == " " || rest.last == "\t" { rest.removeLast() }
        guard rest.hasPrefix("{lang="), rest.hasSuffix("}") else { return nil }
        var value = rest.dropFirst("{lang=".count).dropLast()
        // (Or the stand-ins the reader puts for those until their language is known.)
        let quotes: Set<Character> = ["\"", "'", "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}"]
        let isQuote = { (character: Character) in
            quotes.contains(character) || character.unicodeScalars.allSatisfy(QuotationMarks.isStandIn)
        }
        if let first = value.first, isQuote(first) { value = value.dropFirst() }
        if let last = value.last, isQuote(last) { value = value.dropLast() }
        // Any word is taken as the tag, to be checked by the reader: `{lang=qq-!!}` is an
        // attribute with a tag that is not one (a warning), not text.
        guard !value.isEmpty, value.allSatisfy({ !$0.isWhitespace && !"{}[]".contains($0) }) else { return nil }
        return String(value)
    }

    static func isBreak(_ inline: Inline) -> Bool { inline == .softBreak || inline == .lineBreak }

    /// `inlines` without the `{lang=TAG}` at their end, and TAG; nil when they do not end so.
    static func trailingLanguage(_ inlines: [Inline]) -> (rest: [Inline], tag: String)? {
        // Most paragraphs have no brace at all: told from the bytes, without reading characters.
        guard case .text(let text)? = inlines.last, text.utf8.contains(UInt8(ascii: "{")), let open = text.lastIndex(of: "{"),
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

    /// The longest `{lang=…}` looked for after `]`: a tag is short, and a brace that does
    /// not close soon is text (a story of many `]{lang=` must not cost a scan each).
    static let longestAttribute = 40

    /// The bytes of the attribute's opening, after the span's closing bracket.
    private static let marker = Array("]{lang=".utf8)

    /// Whether `text`'s bytes hold `needle`: read as UTF-8 in place, where Foundation's
    /// `contains` copies the text to UTF-16 first.
    static func holds(_ text: String, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        var text = text
        return text.withUTF8 { bytes in
            var from = 0
            while let at = bytes[from...].firstIndex(of: first) {
                if bytes.count - at >= needle.count, bytes[at..<(at + needle.count)].elementsEqual(needle) { return true }
                from = at + 1
            }
            return false
        }
    }

    /// `[…]{lang=TAG}` spans among sibling `inlines`, found in one pass from the left: each
    /// `]{lang=TAG}` closes the last `[` before it (in the same text or an earlier sibling), and
    /// what lies between becomes `.language(TAG, …)` — or stays as it is, without its brackets
    /// and attribute, when `resolve` refuses TAG (nil). A `[` that no attribute closes is text.
    static func spans(in inlines: [Inline], resolve: (String) -> String?) -> [Inline] {
        // Without a "]{lang=" in their bytes (where any match would be), the inlines stay as
        // they are: no need to read them character by character.
        guard inlines.contains(where: { if case .text(let text) = $0 { return holds(text, marker) } else { return false } }) else {
            return inlines
        }
        var output: [Inline] = []
        var open: Int?  // index in `output` of the pending "[" element
        var changed = false
        for inline in inlines {
            guard case .text(let text) = inline else {
                output.append(inline)
                continue
            }
            var cursor = text.startIndex
            var nextBracket: String.Index?? = nil
            var nextMarker: Range<String.Index>?? = nil
            while cursor < text.endIndex {
                // Each search result is kept until the cursor passes it: one scan of the text.
                if let cached = nextBracket, let found = cached, found < cursor { nextBracket = nil }
                if nextBracket == nil { nextBracket = .some(text[cursor...].firstIndex(of: "[")) }
                if let cached = nextMarker, let found = cached, found.lowerBound < cursor { nextMarker = nil }
                if nextMarker == nil { nextMarker = .some(text.range(of: "]{lang=", range: cursor..<text.endIndex)) }
                let bracket = nextBracket ?? nil, marker = nextMarker ?? nil
                if let bracket, marker.map({ bracket < $0.lowerBound }) ?? true {
                    if bracket > cursor { output.append(.text(String(text[cursor..<bracket]))) }
                    output.append(.text("["))
                    open = output.count - 1
                    cursor = text.index(after: bracket)
                    continue
                }
                guard let marker else {
                    output.append(.text(String(text[cursor...])))
                    break
                }
                let window = text[marker.upperBound...].prefix(longestAttribute)
                guard let start = open, let close = window.firstIndex(of: "}"),
                      let tag = language(text[text.index(after: marker.lowerBound)...close]) else {
                    // Not an attribute, or nothing to close: text as written.
                    output.append(.text(String(text[cursor..<marker.upperBound])))
                    cursor = marker.upperBound
                    continue
                }
                if marker.lowerBound > cursor { output.append(.text(String(text[cursor..<marker.lowerBound]))) }
                let middle = joined(Array(output[(start + 1)...]))
                output.removeSubrange(start...)
                open = nil
                if let tag = resolve(tag) { output.append(.language(tag, middle)) } else { output += middle }
                changed = true
                cursor = text.index(after: close)
            }
        }
        return changed ? joined(output) : inlines
    }

    /// `inlines` with neighbouring texts joined into one.
    static func joined(_ inlines: [Inline]) -> [Inline] {
        var result: [Inline] = []
        for inline in inlines {
            if case .text(let text) = inline, case .text(let previous)? = result.last {
                result[result.count - 1] = .text(previous + text)
            } else {
                result.append(inline)
            }
        }
        return result
    }
}
