import ParagraphBreaker

/// A fake paragraph built from a string: every character is 1 pt wide, a space is glue 1 pt (+0.5 −0.33).
///
/// Words are split on spaces. Inside a word `-` marks a hyphenation point, which
/// becomes `penalty(1, cost: 50, flagged: true)` between the fragments' boxes; `~`
/// joins two words with an unbreakable space (a 10000 penalty before the glue, TeX's
/// tie). A token `//` ends the line like LaTeX's `\\` (fil glue and a forced break).
/// The paragraph ends with `BreakItem.paragraphEnd()`.
struct TextParagraph {
    static let space = BreakItem.glue(1, stretch: 0.5, shrink: 0.33)

    private(set) var items: [BreakItem] = []
    /// What each item shows when set; penalties and finishing glue show nothing.
    private(set) var texts: [String] = []

    /// Builds the items; boxes get `boxStretch`/`boxShrink` per character (font expansion).
    init(_ text: String, boxStretch: Double = 0, boxShrink: Double = 0, hyphenCost: Double = 50) {
        var needsSpace = false
        for token in text.split(separator: " ") {
            if token == "//" {
                append(BreakItem.paragraphEnd(), "")
                needsSpace = false
                continue
            }
            if needsSpace { append([TextParagraph.space], " ") }
            for (wordIndex, word) in token.split(separator: "~", omittingEmptySubsequences: false).enumerated() {
                if wordIndex > 0 {
                    append([.penalty(0, cost: BreakItem.forbiddenBreak)], "")
                    append([TextParagraph.space], " ")
                }
                for (fragmentIndex, fragment) in word.split(separator: "-").enumerated() {
                    if fragmentIndex > 0 {
                        append([.penalty(1, cost: hyphenCost, flagged: true)], "")
                    }
                    let length = Double(fragment.count)
                    append([.box(length, stretch: boxStretch * length, shrink: boxShrink * length)],
                           String(fragment))
                }
            }
            needsSpace = true
        }
        append(BreakItem.paragraphEnd(), "")
    }

    private mutating func append(_ newItems: [BreakItem], _ text: String) {
        items.append(contentsOf: newItems)
        texts.append(contentsOf: Array(repeating: text, count: newItems.count))
    }

    /// The text of each line of `result`, with a trailing `-` on hyphenated lines.
    func lines(_ result: BreakResult) -> [String] {
        let ranges = result.lineRanges(in: items)
        return zip(ranges, result.breaks).map { range, lineBreak in
            texts[range].joined() + (lineBreak.hyphenated ? "-" : "")
        }
    }

    /// The natural width of each line of `result`, hyphen included.
    func naturalWidths(_ result: BreakResult) -> [Double] {
        let ranges = result.lineRanges(in: items)
        return zip(ranges, result.breaks).map { range, lineBreak in
            let body = items[range].reduce(0) { $0 + ($1.kind == .penalty ? 0 : $1.width) }
            return body + (lineBreak.hyphenated ? items[lineBreak.position].width : 0)
        }
    }
}

/// A small deterministic pseudo-random generator (SplitMix64), so tests never vary.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Pseudo-random text of `wordCount` lowercase words of 1…`maxLength` letters,
/// with hyphenation points marked every 2–4 letters in words of 5 letters or more
/// when `hyphenate` is set.
func randomText(wordCount: Int, maxLength: Int = 9, hyphenate: Bool = false, seed: UInt64) -> String {
    var generator = SeededGenerator(seed: seed)
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    var words: [String] = []
    for _ in 0..<wordCount {
        let length = Int.random(in: 1...maxLength, using: &generator)
        var word = ""
        var sinceHyphen = 0
        for index in 0..<length {
            if hyphenate, length >= 5, index >= 2, length - index >= 2, sinceHyphen >= 2,
               Bool.random(using: &generator) {
                word.append("-")
                sinceHyphen = 0
            }
            word.append(letters[Int.random(in: 0..<letters.count, using: &generator)])
            sinceHyphen += 1
        }
        words.append(word)
    }
    return words.joined(separator: " ")
}
