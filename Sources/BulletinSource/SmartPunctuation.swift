/// The front matter's words punctuated as the body's: cmark-gfm's smart punctuation turns the
/// body's straight quotation marks and apostrophes into typographic ones, `--` and `---` into
/// dashes and `...` into an ellipsis, and a headline, deck or caption typed with the same keys
/// prints the same marks ("the office’s", not "the office's" above a body that says "office’s").
///
/// The rules are cmark's: a quotation mark opens where it is left-flanking and not
/// right-flanking (after a space or an opening bracket, before a letter), and closes otherwise;
/// a single one is an apostrophe unless a closing one follows it. The marks are `marks`, the
/// language's (`QuotationMarks`); a single mark between letters is an apostrophe in every
/// language ("geht’s", which German does not close a ‚quotation‘ with).
enum SmartPunctuation {
    static func apply(_ text: String, marks: QuotationMarks = .english) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { $0 == "'" || $0 == "\"" || $0 == "-" || $0 == "." }) else { return text }
        var output: [String] = []
        output.reserveCapacity(scalars.count)
        // Single marks that may open a quotation, by their place in `output`, until one closes it.
        var openSingles: [Int] = []
        var openDouble = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "'", "\"":
                let before = index > 0 ? scalars[index - 1] : " "
                let after = index + 1 < scalars.count ? scalars[index + 1] : " "
                let (opens, closes) = flanking(before: before, after: after)
                if scalar == "\"" {
                    openDouble = marks.inTurns ? !openDouble : opens && !closes
                    output.append(openDouble ? marks.open : marks.close)
                } else if closes, !(before.properties.isAlphabetic && after.properties.isAlphabetic), let opener = openSingles.popLast() {
                    output[opener] = marks.innerOpen
                    output.append(marks.innerClose)
                } else {
                    if opens && !closes { openSingles.append(output.count) }
                    output.append(QuotationMarks.apostrophe)
                }
                index += 1
            case "-":
                var count = 0
                while index + count < scalars.count, scalars[index + count] == "-" { count += 1 }
                output += dashes(count).map(String.init)
                index += count
            case "." where index + 2 < scalars.count && scalars[index + 1] == "." && scalars[index + 2] == ".":
                output.append("\u{2026}")
                index += 3
            default:
                output.append(String(scalar))
                index += 1
            }
        }
        return output.joined()
    }

    /// Whether a mark between `before` and `after` is left-flanking and right-flanking, as
    /// CommonMark defines them (the start and end of the text count as spaces).
    static func flanking(before: Unicode.Scalar, after: Unicode.Scalar) -> (left: Bool, right: Bool) {
        let beforeSpace = before.properties.isWhitespace, afterSpace = after.properties.isWhitespace
        let beforePunctuation = isPunctuation(before), afterPunctuation = isPunctuation(after)
        let left = !afterSpace && (!afterPunctuation || beforeSpace || beforePunctuation)
        let right = !beforeSpace && (!beforePunctuation || afterSpace || afterPunctuation)
        return (left, right)
    }

    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars.contains(scalar) }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }

    /// A run of `count` hyphens as cmark sets it: one stays a hyphen, the rest become em dashes
    /// (three each) and en dashes (two each), em dashes first.
    static func dashes(_ count: Int) -> [Unicode.Scalar] {
        guard count > 1 else { return ["-"] }
        let (em, en): (Int, Int)
        if count % 3 == 0 { (em, en) = (count / 3, 0) }
        else if count % 2 == 0 { (em, en) = (0, count / 2) }
        else if count % 3 == 2 { (em, en) = ((count - 2) / 3, 1) }
        else { (em, en) = ((count - 4) / 3, 2) }
        return Array(repeating: "\u{2014}", count: em) + Array(repeating: "\u{2013}", count: en)
    }
}
