import BulletinModel

/// The last check before anything is written: every story's words are in the composed document.
///
/// "Exit 0 means every story's text is in the PDF" is a promise the composer keeps by design, and
/// this proves it for each issue made: each part of a story (title, kicker, deck, bylines, the
/// captions and credits of its pictures, every block of its body) must appear in the text placed
/// for that story, the body's blocks in order.
/// Text is compared by its letters and digits only, case-folded and without accents, so hyphens,
/// list markers, spaces and styles set in capitals do not matter; a word hyphenated across lines
/// counts whole.
public enum ContentCheck {
    /// A part of a story that the document does not hold.
    public struct Missing: Sendable, Equatable, CustomStringConvertible {
        /// Index of the story in the issue.
        public var story: Int
        /// The start of the missing text, as the story has it.
        public var excerpt: String

        public var description: String { "story \(story + 1): \"\(excerpt)\"" }
    }

    /// The first missing part of each story that has one; empty when all is there.
    public static func missing(in document: Document, issue: Issue) -> [Missing] {
        var placed = [[Unicode.Scalar]](repeating: [], count: issue.stories.count)
        for page in document.pages {
            for text in page.texts {
                // Jump lines and jump heads are the composer's words, not the story's.
                guard let story = text.story, placed.indices.contains(story), text.kind != .jump, text.kind != .jumpHead else { continue }
                appendLetters(of: text.fragment.actualText ?? text.fragment.text, to: &placed[story])
            }
        }
        var result: [Missing] = []
        for (index, story) in issue.stories.enumerated() where !document.omittedStories.contains(index) {
            let haystack = placed[index]
            let quote = document.omittedPullQuotes.contains(index) ? nil : story.pullQuote
            let head = [story.kicker, story.title, story.deck, quote].compactMap { $0 } + story.byline.writtenBy + story.byline.editedBy
                + (story.image?.texts ?? [])
            if let lost = head.first(where: { find(letters($0), in: haystack, from: 0) == nil }) {
                result.append(Missing(story: index, excerpt: excerpt(lost)))
                continue
            }
            // The text in reading order; a table's or picture's words in their own order, from
            // anywhere in the story: the text after one may pass it (`Distributor.flow`).
            let (texts, floats) = bodyTexts(story.body)
            sequences: for sequence in [texts] + floats {
                var position = 0
                for part in sequence {
                    let needle = letters(part)
                    guard let found = find(needle, in: haystack, from: position) else {
                        result.append(Missing(story: index, excerpt: excerpt(part)))
                        break sequences
                    }
                    position = found + needle.count
                }
            }
        }
        return result
    }

    /// The texts of a story's body, block by block, in reading order, but for its tables' and
    /// pictures': each table's cells (row by row, as it is set) and each picture's texts apart.
    static func bodyTexts(_ blocks: [Block]) -> (texts: [String], floats: [[String]]) {
        var texts: [String] = []
        var floats: [[String]] = []
        // Iterative, so a deeply nested body cannot exhaust the stack here.
        var stack: [Block] = blocks.reversed()
        while let block = stack.popLast() {
            switch block {
            case .paragraph(let inlines), .heading(_, let inlines): texts.append(inlines.plainText)
            case .code(let text): texts.append(text)
            case .blockQuote(let inner): stack += inner.reversed()
            case .list(_, _, let items, _): stack += items.flatMap { $0 }.reversed()
            case .image(let image): floats.append(image.texts)
            case .table(let table): floats.append(table.cellTexts)
            case .thematicBreak: break
            }
        }
        return (texts, floats)
    }

    /// Letters and digits of `text`, case-folded and without accents: "ß" and "SS" both read
    /// "ss", "ς" and "Σ" both "σ", "ﬁ" reads "fi", and "ώ" and the "Ω" of Greek capitals both "ω".
    static func letters(_ text: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        appendLetters(of: text, to: &result)
        return result
    }

    /// `letters(text)` appended to `result`. Each character is folded on its own (its capital,
    /// then that capital's small letter), without making the folded string: text set in
    /// capitals (`String.uppercased(language:)`) folds as its source does.
    static func appendLetters(of text: String, to result: inout [Unicode.Scalar]) {
        for scalar in text.unicodeScalars {
            // ASCII, most of most issues, without a lookup of Unicode's properties: its letters
            // and digits are the alphabetic and numeric ones.
            if scalar.isASCII {
                let value = scalar.value
                if value >= 0x61 && value <= 0x7A || value >= 0x30 && value <= 0x39 {
                    result.append(scalar)
                } else if value >= 0x41 && value <= 0x5A {
                    result.append(Unicode.Scalar(UInt8(value + 0x20)))
                }
                continue
            }
            let properties = scalar.properties
            // Letters without case (Chinese, most of the world's scripts) as they are.
            guard properties.changesWhenCaseMapped else {
                if properties.canonicalCombiningClass == .notReordered, properties.isAlphabetic || properties.numericType != nil {
                    result.append(scalar)
                }
                continue
            }
            for upper in properties.uppercaseMapping.unicodeScalars {
                for lower in upper.properties.lowercaseMapping.unicodeScalars {
                    if lower.isASCII {
                        if ("a"..."z").contains(lower) || ("0"..."9").contains(lower) { result.append(lower) }
                        continue
                    }
                    // Accents (a capital's İ leaves "i" and a dot above) are not letters.
                    guard lower.properties.canonicalCombiningClass == .notReordered,
                          lower.properties.isAlphabetic || lower.properties.numericType != nil else { continue }
                    result.append(unaccentedGreek[lower] ?? lower)
                }
            }
        }
    }

    /// Greek small letters with an accent or a diaeresis, and the letter without: Greek
    /// capitals drop them.
    static let unaccentedGreek: [Unicode.Scalar: Unicode.Scalar] = [
        "\u{3AC}": "\u{3B1}", "\u{3AD}": "\u{3B5}", "\u{3AE}": "\u{3B7}", "\u{3AF}": "\u{3B9}",
        "\u{3CC}": "\u{3BF}", "\u{3CD}": "\u{3C5}", "\u{3CE}": "\u{3C9}", "\u{3CA}": "\u{3B9}",
        "\u{3CB}": "\u{3C5}", "\u{390}": "\u{3B9}", "\u{3B0}": "\u{3C5}",
    ]

    /// Where `needle` first occurs in `haystack` at or after `start`: Knuth–Morris–Pratt, so a
    /// story of one letter repeated costs no more than any other.
    static func find(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], from start: Int) -> Int? {
        guard !needle.isEmpty else { return start }
        guard needle.count <= haystack.count - start else { return nil }
        // failure[i]: length of the longest proper border of needle[0...i].
        var failure = [Int](repeating: 0, count: needle.count)
        var k = 0
        for i in 1..<needle.count {
            while k > 0 && needle[i] != needle[k] { k = failure[k - 1] }
            if needle[i] == needle[k] { k += 1 }
            failure[i] = k
        }
        var matched = 0
        for i in start..<haystack.count {
            while matched > 0 && haystack[i] != needle[matched] { matched = failure[matched - 1] }
            if haystack[i] == needle[matched] { matched += 1 }
            if matched == needle.count { return i - needle.count + 1 }
        }
        return nil
    }

    static func excerpt(_ text: String) -> String {
        let flat = String(text.map { $0.isWhitespace || $0.unicodeScalars.contains { $0.value < 0x20 } ? " " : $0 })
        return flat.count > 50 ? flat.prefix(47) + "…" : flat
    }
}

extension Array where Element == Block {
    /// How many characters of text the blocks hold: a story's length.
    public var plainTextCount: Int {
        let (texts, floats) = ContentCheck.bodyTexts(self)
        return (texts + floats.joined()).reduce(0) { $0 + $1.count }
    }
}
