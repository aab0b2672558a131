/// Capitals as a language writes them, for the styles set in capitals (kickers, running heads,
/// the masthead's date).
///
/// Most languages take Unicode's own mapping (`String.uppercased()`, "ß" to "SS", "ﬁ" to "FI").
/// Two take more, as CLDR's rules (and ICU, and the word processors) have them:
/// - Greek drops its accents in capitals ("Ανακοινώσεις" is "ΑΝΑΚΟΙΝΩΣΕΙΣ", not
///   "ΑΝΑΚΟΙΝΏΣΕΙΣ"), and an accent that kept two vowels apart becomes a diaeresis on the second
///   ("Μάιος", "ΜΑΪΟΣ"); "ή" standing alone keeps its accent, as a word of its own.
/// - Turkish and Azerbaijani capitalise the dotted "i" as "İ" (the dotless "ı" is "I"), the "i"
///   of an "ﬁ" ligature too.
extension String {
    public func uppercased(language: String) -> String {
        let base = language.split(separator: "-").first.map { $0.lowercased() } ?? ""
        switch base {
        case "el": return Greek.uppercased(self)
        case "tr", "az":
            // The ligature "ﬁ" holds an "i" too.
            let letters = unicodeScalars.flatMap { scalar -> [Unicode.Scalar] in
                switch scalar {
                case "i": ["\u{130}"]
                case "\u{FB01}": ["f", "\u{130}"]
                default: [scalar]
                }
            }
            return String(String.UnicodeScalarView(letters)).uppercased()
        default: return uppercased()
        }
    }
}

enum Greek {
    /// The capital without its accent, for each capital with one (after `uppercased()`).
    static let unaccented: [Unicode.Scalar: Unicode.Scalar] = [
        "\u{386}": "\u{391}", "\u{388}": "\u{395}", "\u{389}": "\u{397}", "\u{38A}": "\u{399}",
        "\u{38C}": "\u{39F}", "\u{38E}": "\u{3A5}", "\u{38F}": "\u{3A9}",
    ]
    /// Accents and breathings that capitals leave out, as combining marks.
    static let marks: Set<Unicode.Scalar> = ["\u{300}", "\u{301}", "\u{342}", "\u{313}", "\u{314}", "\u{343}", "\u{344}"]
    /// Vowels after which an unaccented ι or υ would read as one sound with them.
    static let diphthongFirst: Set<Unicode.Scalar> = ["\u{391}", "\u{395}", "\u{397}", "\u{39F}", "\u{3A5}"]

    static func uppercased(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        // Whether the last letter written lost an accent (and was a vowel that joins ι or υ).
        var lastLostAccent = false
        var words = text.split(separator: " ", omittingEmptySubsequences: false).makeIterator()
        var first = true
        while let word = words.next() {
            if !first { result.append(" ") }
            first = false
            // "ή" alone ("or") keeps its accent in capitals, telling it from the article "η".
            if word == "ή" || word == "Ή" {
                result.append("\u{389}")
                lastLostAccent = false
                continue
            }
            for character in word {
                let upper = String(character).uppercased().unicodeScalars
                var lost = false
                var letter: Unicode.Scalar?
                var scalars: [Unicode.Scalar] = []
                for scalar in upper {
                    if let plain = unaccented[scalar] {
                        scalars.append(plain)
                        letter = plain
                        lost = true
                    } else if marks.contains(scalar) {
                        lost = true
                    } else {
                        scalars.append(scalar)
                        if letter == nil { letter = scalar }
                    }
                }
                // ΐ and ΰ come out as Ι or Υ with a diaeresis mark: one character again.
                if scalars == ["\u{399}", "\u{308}"] { scalars = ["\u{3AA}"] }
                if scalars == ["\u{3A5}", "\u{308}"] { scalars = ["\u{3AB}"] }
                // An accented vowel before ι or υ kept the two apart: the diaeresis does it now.
                if lastLostAccent, !lost, scalars == ["\u{399}"] { scalars = ["\u{3AA}"] }
                if lastLostAccent, !lost, scalars == ["\u{3A5}"] { scalars = ["\u{3AB}"] }
                result.append(contentsOf: scalars)
                lastLostAccent = lost && letter.map { diphthongFirst.contains($0) } == true
            }
            lastLostAccent = false
        }
        return String(result)
    }
}
