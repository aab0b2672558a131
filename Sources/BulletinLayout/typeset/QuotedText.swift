/// Text set between the quotation marks of its language (a pull quote), which its author may
/// have typed with quotation marks of their own.
enum QuotedText {
    /// Marks that open a quotation, in any language, straight ones included.
    static let openers: Set<Unicode.Scalar> = ["\u{201C}", "\u{201D}", "\u{201E}", "\u{00AB}", "\u{00BB}", "\u{2039}", "\u{203A}",
                                               "\u{2018}", "\u{2019}", "\u{201A}", "'", "\""]
    /// Marks that close one.
    static let closers: Set<Unicode.Scalar> = ["\u{201C}", "\u{201D}", "\u{00AB}", "\u{00BB}", "\u{2039}", "\u{203A}",
                                               "\u{2018}", "\u{2019}", "'", "\""]
    /// Double marks, of which a quotation in single ones may hold a pair, and the other way round.
    static let doubles: Set<Unicode.Scalar> = ["\u{201C}", "\u{201D}", "\u{201E}", "\u{00AB}", "\u{00BB}", "\""]

    /// `text` between `open` and `close`. Text already between quotation marks (“…”, « … »,
    /// „…“, '…', "…") has them replaced by these; text whose own marks may not be a pair around
    /// the whole (“Yes,” she said, “at once.”) is left as typed, without another pair.
    static func quoted(_ text: String, open: String, close: String) -> String {
        let scalars = Array(text.unicodeScalars)
        let spaces: Set<Unicode.Scalar> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}", "\t", "\n"]
        var lower = 0, upper = scalars.count
        while lower < upper, spaces.contains(scalars[lower]) { lower += 1 }
        while upper > lower, spaces.contains(scalars[upper - 1]) { upper -= 1 }
        guard upper - lower >= 2, openers.contains(scalars[lower]), closers.contains(scalars[upper - 1]) else {
            return open + text + close
        }
        var inner = scalars[(lower + 1)..<(upper - 1)]
        // Within a pair of double marks, another double mark opens or closes a quotation of its
        // own: the first and last marks may not belong together.
        if doubles.contains(scalars[lower]), inner.contains(where: doubles.contains) {
            return String(String.UnicodeScalarView(scalars[lower..<upper]))
        }
        while let first = inner.first, spaces.contains(first) { inner.removeFirst() }
        while let last = inner.last, spaces.contains(last) { inner.removeLast() }
        return open + String(String.UnicodeScalarView(inner)) + close
    }
}
