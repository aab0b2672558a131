import BulletinModel

/// The quotation marks a language prints, outer and inner: the straight marks a story types
/// ("…" and '…') become these. German sets „so“ and ‚so‘, French « ainsi », Spanish «así» and
/// “así” inside, Japanese 「こう」; English, and a language not listed here, “so” and ‘so’. An
/// apostrophe is ’ in every language. Marks typed as they are printed stay as they are.
struct QuotationMarks: Equatable, Sendable {
    var open: String
    var close: String
    var innerOpen: String
    var innerClose: String
    /// Double marks open and close in turn, whatever surrounds them: Chinese, Japanese and
    /// Korean run their words together, and a mark between two characters is taken to close
    /// by the rules for spaced text.
    var inTurns = false

    static let english = QuotationMarks(open: "\u{201C}", close: "\u{201D}", innerOpen: "\u{2018}", innerClose: "\u{2019}")
    static let apostrophe = "\u{2019}"

    /// The marks of `language`, a BCP 47 tag ("de", "de-CH", "pt-BR", "zh-Hant").
    static func of(_ language: String) -> QuotationMarks {
        let parts = language.lowercased().split(separator: "-").map(String.init)
        let primary = parts.first ?? ""
        let subtags = Set(parts.dropFirst())
        let low9 = "\u{201E}", high6 = "\u{201C}", high9 = "\u{201D}", lowSingle = "\u{201A}", single6 = "\u{2018}", single9 = "\u{2019}"
        let guillemets = (open: "\u{00AB}", close: "\u{00BB}"), singleGuillemets = (open: "\u{2039}", close: "\u{203A}")
        switch primary {
        case "de" where subtags.contains("ch") || subtags.contains("li"):
            return QuotationMarks(open: guillemets.open, close: guillemets.close, innerOpen: singleGuillemets.open, innerClose: singleGuillemets.close)
        case "de", "cs", "sk", "sl", "is", "lt", "et", "bg", "ka":
            return QuotationMarks(open: low9, close: high6, innerOpen: lowSingle, innerClose: single6)
        case "fr":
            // With a narrow no-break space inside, as French sets them.
            return QuotationMarks(open: guillemets.open + "\u{202F}", close: "\u{202F}" + guillemets.close, innerOpen: high6, innerClose: high9)
        case "pt" where subtags.contains("br"):
            return english
        case "es", "ca", "gl", "eu", "it", "pt", "el":
            return QuotationMarks(open: guillemets.open, close: guillemets.close, innerOpen: high6, innerClose: high9)
        case "ru", "uk", "be":
            return QuotationMarks(open: guillemets.open, close: guillemets.close, innerOpen: low9, innerClose: high6)
        case "pl", "ro":
            return QuotationMarks(open: low9, close: high9, innerOpen: guillemets.open, innerClose: guillemets.close)
        case "hu":
            return QuotationMarks(open: low9, close: high9, innerOpen: guillemets.close, innerClose: guillemets.open)
        case "hr", "sr", "bs":
            return QuotationMarks(open: low9, close: high9, innerOpen: lowSingle, innerClose: single9)
        case "da":
            return QuotationMarks(open: guillemets.close, close: guillemets.open, innerOpen: singleGuillemets.close, innerClose: singleGuillemets.open)
        case "nb", "nn", "no":
            return QuotationMarks(open: guillemets.open, close: guillemets.close, innerOpen: single6, innerClose: single9)
        case "sv", "fi":
            return QuotationMarks(open: high9, close: high9, innerOpen: single9, innerClose: single9)
        case "ja":
            return QuotationMarks(open: "\u{300C}", close: "\u{300D}", innerOpen: "\u{300E}", innerClose: "\u{300F}", inTurns: true)
        case "zh" where subtags.contains("hant") || subtags.contains("tw") || subtags.contains("hk") || subtags.contains("mo"):
            return QuotationMarks(open: "\u{300C}", close: "\u{300D}", innerOpen: "\u{300E}", innerClose: "\u{300F}", inTurns: true)
        case "zh", "ko":
            var marks = english
            marks.inTurns = true
            return marks
        default:
            return english
        }
    }

    // MARK: - Marks to be settled

    /// Stand-ins for the marks smart punctuation makes of straight ones, while the language
    /// they are in is not known yet (a paragraph's `{lang=…}` comes at its end): Unicode's
    /// private use, which no story's text holds (`Unprintable` takes it out). `MarkdownReader`
    /// settles every one before it returns (`settled`).
    static let standIns = QuotationMarks(open: "\u{F0000}", close: "\u{F0001}", innerOpen: "\u{F0002}", innerClose: "\u{F0003}")

    /// `blocks` with the stand-ins in their text made the marks of the language each is in:
    /// `language` unless a `.language` span, a paragraph's or a fenced div's, says otherwise.
    static func settled(_ blocks: [Block], language: String) -> [Block] {
        blocks.map { settled($0, language: language) }
    }

    private static func settled(_ block: Block, language: String) -> Block {
        switch block {
        case .paragraph(let inlines): return .paragraph(settled(inlines, language: language))
        case .heading(let level, let inlines): return .heading(level: level, settled(inlines, language: language))
        case .blockQuote(let blocks): return .blockQuote(settled(blocks, language: language))
        case .list(let ordered, let start, let items, let delimiter):
            return .list(ordered: ordered, start: start, items: items.map { settled($0, language: language) }, delimiter: delimiter)
        case .image(var image):
            let marks = of(language)
            image.caption = image.caption.map { settled($0, marks) }
            image.credit = image.credit.map { settled($0, marks) }
            image.alt = image.alt.map { settled($0, marks) }
            return .image(image)
        case .table(var table):
            table.header = table.header.map { settled($0, language: language) }
            table.rows = table.rows.map { $0.map { settled($0, language: language) } }
            return .table(table)
        case .code, .thematicBreak:
            return block
        }
    }

    /// A run of inlines (a paragraph's, a cell's) settled as one text: an inner quotation
    /// opened in it closes in it.
    private static func settled(_ inlines: [Inline], language: String) -> [Inline] {
        guard inlines.contains(where: { $0.plainText.unicodeScalars.contains(where: isStandIn) }) else { return inlines }
        var state = Settling()
        return settled(inlines, marks: of(language), state: &state)
    }

    private struct Settling {
        /// Inner quotations opened and not closed yet.
        var openInner = 0
        /// Whether a quotation is open (where marks are taken in turns).
        var openOuter = false
        /// The character before the next one settled (a letter before a mark makes it an apostrophe
        /// where one follows it too).
        var before: Unicode.Scalar = " "
    }

    private static func settled(_ inlines: [Inline], marks: QuotationMarks, state: inout Settling) -> [Inline] {
        var result: [Inline] = []
        for (index, inline) in inlines.enumerated() {
            switch inline {
            case .text(let text):
                let after = inlines[(index + 1)...].first.flatMap { $0.plainText.unicodeScalars.first }
                result.append(.text(settled(text, marks, state: &state, after: after ?? " ")))
            case .emphasis(let inner): result.append(.emphasis(settled(inner, marks: marks, state: &state)))
            case .strong(let inner): result.append(.strong(settled(inner, marks: marks, state: &state)))
            case .link(let url, let inner): result.append(.link(url: url, settled(inner, marks: marks, state: &state)))
            case .strikethrough(let inner): result.append(.strikethrough(settled(inner, marks: marks, state: &state)))
            case .language(let tag, let inner):
                var own = Settling(openInner: 0, openOuter: false, before: state.before)
                result.append(.language(tag, settled(inner, marks: of(tag), state: &own)))
                state.before = own.before
            case .code(let text):
                result.append(inline)
                state.before = text.unicodeScalars.last ?? state.before
            case .softBreak, .lineBreak:
                result.append(inline)
                state.before = " "
            }
        }
        return result
    }

    /// `text` settled on its own (a caption, a front matter's words).
    static func settled(_ text: String, _ marks: QuotationMarks) -> String {
        var state = Settling()
        return settled(text, marks, state: &state, after: " ")
    }

    private static func settled(_ text: String, _ marks: QuotationMarks, state: inout Settling, after last: Unicode.Scalar) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: isStandIn) else {
            state.before = scalars.last ?? state.before
            return text
        }
        var output = ""
        for (index, scalar) in scalars.enumerated() {
            let after = index + 1 < scalars.count ? scalars[index + 1] : last
            switch scalar {
            case standInScalars.open, standInScalars.close:
                let opens = marks.inTurns ? !state.openOuter : scalar == standInScalars.open
                output += opens ? marks.open : marks.close
                state.openOuter = opens
            case standInScalars.innerOpen:
                output += marks.innerOpen
                state.openInner += 1
            case standInScalars.innerClose:
                // Between letters ("geht’s", "don’t") an apostrophe; else the close of an inner
                // quotation open before it, or an apostrophe ("students’", "’90s").
                if state.before.properties.isAlphabetic && after.properties.isAlphabetic || state.openInner == 0 {
                    output += apostrophe
                } else {
                    output += marks.innerClose
                    state.openInner -= 1
                }
            default:
                output.unicodeScalars.append(scalar)
            }
            state.before = scalar
        }
        return output
    }

    private static let standInScalars = (open: Unicode.Scalar(0xF0000)!, close: Unicode.Scalar(0xF0001)!,
                                         innerOpen: Unicode.Scalar(0xF0002)!, innerClose: Unicode.Scalar(0xF0003)!)

    static func isStandIn(_ scalar: Unicode.Scalar) -> Bool { (0xF0000...0xF0003).contains(scalar.value) }
}
