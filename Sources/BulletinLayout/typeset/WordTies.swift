/// Word spaces a line may not end at, though the author typed an ordinary space there: what
/// careful typesetting joins with a no-break space (TeX's tie, `~`).
///
/// - Punctuation set apart from its word: French puts a space before ; : ! ? » and after «,
///   and before % € ‰ in any language a word of them alone belongs to the word before it
///   (never "loyer / ;" or "« / Partir").
/// - A number and the unit or currency symbol after it ("46 kg", "61 %", "350 €", "58 m²"),
///   and a number and the group of three digits after it, the thousands written with a space
///   ("7 450 €"). Symbols and abbreviations only: unit words ("tonnes", "per cent") may part.
/// - A day and the month after it ("9 April", "le 15 février", "9. März", "1er mai",
///   "1 października"); in Spanish, Portuguese, Catalan and Galician the day and "de", and
///   "de" and the month too unless that spaces a line far too wide ("14 de abril"):
///   `dayOfMonthTies`.
/// - A word of one letter in Polish, Czech and Slovak ("w", "z", "i", "v", "k"), which their
///   typesetters never leave at a line's end: it goes over with the word after it.
/// - A title or a reference's abbreviation and the word after it ("Dr. Henrike Vogt",
///   "Mme Lefèvre", "Sra. Ruiz", "No. 5", "S. 12", "§ 4"), and the parts of an abbreviation or
///   of initials written with spaces ("z. B.", "d. h.", "J. R. Tolkien"): `isTitle`,
///   `isShortAbbreviation`.
/// - A separator or dash set between words (" · ", " | ", " – ") and the word before it.
/// - The groups of a telephone number ("+39 041 274 7111", "(02) 5550 4127"), and an IBAN's
///   short last group and the one before it ("0123 456"): `groupTies`.
enum WordTies {
    /// How a space is tied, if it is.
    enum Tie: Equatable {
        /// A word space that does not break: it stretches and shrinks as the others do.
        case space
        /// French punctuation's thin space (before ; : ! ? » and inside « »), which keeps its
        /// width when the line is justified.
        case thin
        /// A word space a line ends at only where every other setting is far worse (a line of
        /// gaps): at `ParagraphBuilder.discouragedBreakPenalty`.
        case discouraged
    }

    /// The tie between two words, `before` and `after` as typed (with their punctuation), in
    /// the language of the word after; nil where a line may end between them.
    static func tie(_ before: String, _ after: String, language: String) -> Tie? {
        // Asked only where punctuation stands alone (the language's name is cut out of its tag).
        func french() -> Bool { baseLanguage(language) == "fr" }
        if let first = after.unicodeScalars.first, isPunctuationOnly(after) {
            if french(), "\u{00BB};:!?\u{203A}".unicodeScalars.contains(first) { return .thin }
            if "\u{00BB}\u{203A}%\u{2030}\u{20AC}".unicodeScalars.contains(first) { return .space }
            // A separator or a dash standing between words ends a line, never starts one
            // ("Puentes · / Mosty", "the office – / and").
            if after.unicodeScalars.count == 1, "\u{00B7}\u{2022}|\u{2013}\u{2014}".unicodeScalars.contains(first) { return .space }
        }
        if let last = before.unicodeScalars.last, isPunctuationOnly(before), "\u{00AB}\u{2039}".unicodeScalars.contains(last) {
            return french() ? .thin : .space
        }
        if isOneLetterWord(before, language: language) { return .space }
        if isTitle(before, language: language) { return .space }
        if isShortAbbreviation(before), isShortAbbreviation(after.hasSuffix(",") || after.hasSuffix(";") ? String(after.dropLast()) : after,
                                                           lowercaseOnly: false) { return .space }
        guard let number = trailingNumber(before) else { return nil }
        let word = stripped(after)
        if units.contains(word) { return .space }
        if number.digits <= 3, !number.separated, word.count == 3, word.unicodeScalars.allSatisfy(isDigit), word == after { return .space }
        // A day: "9." is how German, Czech, Danish and others write it, elsewhere a sentence's
        // end ("page 9. May we").
        if number.isDay, !before.hasSuffix(".") || dayWithPoint.contains(baseLanguage(language)), isMonth(word, language: language) { return .space }
        return nil
    }

    /// The ties of a date written with "de" between the day and the month, as Spanish,
    /// Portuguese, Catalan and Galician write it ("14 de abril"), by the word the space follows:
    /// the day never ends a line, "de" only where keeping all three words together would space
    /// a line far too wide (`Tie.discouraged`). `language` gives each word's language.
    static func dayOfMonthTies(_ words: [String], language: (Int) -> String) -> [(word: Int, tie: Tie)] {
        var tied: [(word: Int, tie: Tie)] = []
        var w = 0
        while w + 2 < words.count {
            if words[w + 1] == "de", ["es", "pt", "ca", "gl"].contains(baseLanguage(language(w + 2))),
               let number = trailingNumber(words[w]), number.isDay, !words[w].hasSuffix("."),
               isMonth(stripped(words[w + 2]), language: language(w + 2)) {
                tied += [(w, .space), (w + 1, .discouraged)]
                w += 3
            } else {
                w += 1
            }
        }
        return tied
    }

    /// Whether `word` (as typed) is a preposition or conjunction of one letter that Polish,
    /// Czech and Slovak typesetting keeps off a line's end ("w", "Z", "„i"), in `language`.
    static func isOneLetterWord(_ word: String, language: String) -> Bool {
        guard let letters = oneLetterWords[baseLanguage(language)] else { return false }
        // An opening bracket or quotation mark may come before it, as before a number.
        let scalars = openingPunctuationDropped(word).unicodeScalars
        guard scalars.count == 1, let letter = scalars.first else { return false }
        return letters.contains(Character(letter).lowercased())
    }

    /// Whether `word` (as typed: an opening bracket or quotation mark may come before it) is a
    /// title or an abbreviation that belongs to the word after it, in `language` or in English:
    /// "Dr.", "Prof.", "Mrs", "Mme", "Sra.", "No.", "p.", "S.", "Nr.", "§".
    static func isTitle(_ word: String, language: String) -> Bool {
        // Asked of every pair of words: a title ends in its point, or is short and opens with
        // what a title without one does ("Mrs", "Mme", "nr", "§"), which most words do not.
        guard let last = word.utf8.last, let first = word.utf8.first else { return false }
        guard last == UInt8(ascii: ".") || (word.utf8.count <= 6 && titleOpenings.contains(first)) else { return false }
        guard let languages = titleLanguages[openingPunctuationDropped(word)] else { return false }
        return languages.contains("en") || languages.contains(languageKey(language))
    }

    /// The first bytes of the titles without a point, and of an opening bracket or quotation
    /// mark before one ("(", "„" and "“" open with 0xE2).
    private static let titleOpenings: Set<UInt8> = {
        var bytes: Set<UInt8> = [UInt8(ascii: "("), UInt8(ascii: "["), 0xE2, 0xC2]
        for (title, _) in titleLanguages where title.utf8.last != UInt8(ascii: ".") { bytes.formUnion(title.utf8.prefix(1)) }
        return bytes
    }()

    /// `word` without the opening brackets and quotation marks before it ("(Dr." → "Dr.");
    /// a section sign stays ("§" is punctuation to Unicode).
    static func openingPunctuationDropped(_ word: String) -> String {
        guard let first = word.unicodeScalars.first, first.properties.generalCategory.isPunctuation, first != "\u{00A7}" else { return word }
        return String(String.UnicodeScalarView(word.unicodeScalars.drop { $0.properties.generalCategory.isPunctuation && $0 != "\u{00A7}" }))
    }

    /// `titles` by title: the languages it is one in ("en" for all; "§" is one everywhere).
    static let titleLanguages: [String: Set<String>] = {
        var languages: [String: Set<String>] = ["\u{00A7}": ["en"], "\u{00A7}\u{00A7}": ["en"]]
        for (language, words) in titles {
            for word in words { languages[word, default: []].insert(language) }
        }
        return languages
    }()

    /// Titles, and abbreviations that stand before a name or a number, by language, as typed.
    static let titles: [String: Set<String>] = [
        "en": ["Dr.", "Dr", "Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Mx.", "Prof.", "Rev.", "Revd", "St.", "Hon.", "Sen.",
               "Rep.", "Gov.", "Capt.", "Lt.", "Col.", "Gen.", "Sgt.", "No.", "Nos.", "no.", "p.", "pp.", "Vol.", "vol.",
               "Fig.", "fig.", "Ch.", "ch.", "Art.", "art.", "Sec.", "sec."],
        "de": ["Dr.", "Prof.", "Hr.", "Fr.", "Nr.", "S.", "Bd.", "Abb.", "Kap.", "Tab.", "Abs.", "Art.", "St.", "Tel.",
               "Dipl.-Ing.", "Mag.", "Hrsg."],
        "fr": ["M.", "MM.", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Pr", "Me", "St", "Ste", "p.", "n°", "vol.", "fig.",
               "chap.", "art.", "t."],
        "es": ["Sr.", "Sra.", "Srta.", "Sres.", "Dr.", "Dra.", "D.", "Dña.", "Prof.", "Profa.", "Lic.", "Ing.", "pág.",
               "págs.", "núm.", "n.º", "art.", "cap.", "vol.", "fig.", "Avda.", "C/"],
        "it": ["Sig.", "Sig.ra", "Sig.na", "Dott.", "Dott.ssa", "Prof.", "Prof.ssa", "Ing.", "Avv.", "On.", "pag.", "pagg.",
               "n.", "art.", "cap.", "vol.", "fig.", "S."],
        "pt": ["Sr.", "Sra.", "Dr.", "Dra.", "Prof.", "Profa.", "Eng.", "pág.", "n.º", "art.", "cap.", "vol.", "fig.", "Av."],
        "nl": ["dhr.", "Dhr.", "mevr.", "Mevr.", "dr.", "prof.", "mr.", "ir.", "drs.", "nr.", "blz.", "art.", "fig."],
        "pl": ["dr", "prof.", "mgr", "inż.", "hab.", "ks.", "nr", "s.", "ul.", "al.", "pl.", "tel.", "godz.", "im."],
        "cs": ["Dr.", "MUDr.", "JUDr.", "PhDr.", "RNDr.", "Ing.", "Mgr.", "Bc.", "prof.", "doc.", "č.", "s.", "str.", "ul.", "tel."],
        "sk": ["Dr.", "MUDr.", "JUDr.", "PhDr.", "RNDr.", "Ing.", "Mgr.", "Bc.", "prof.", "doc.", "č.", "s.", "str.", "ul.", "tel."],
        "sv": ["dr", "prof.", "nr", "s.", "kap."],
        "da": ["dr.", "prof.", "nr.", "s.", "kap."],
        "nb": ["dr.", "prof.", "nr.", "s.", "kap."],
        "ca": ["Sr.", "Sra.", "Dr.", "Dra.", "pàg.", "núm.", "art.", "cap.", "vol."],
        "ro": ["dl.", "dna.", "dr.", "prof.", "nr.", "p.", "art.", "str."],
    ]

    /// Whether `word` is an abbreviation of one or two letters with its point ("z.", "d.",
    /// "u.", "J."), as German writes "z. B." and "d. h." and as initials are written; only a
    /// lower-case one (or a capital initial) begins such a pair, and the word after must be
    /// one too.
    static func isShortAbbreviation(_ word: String, lowercaseOnly: Bool = true) -> Bool {
        // Asked of every pair of words: most do not end in a point after a letter or two.
        guard word.utf8.last == UInt8(ascii: "."), word.utf8.count <= 9 else { return false }
        let scalars = Array(word.unicodeScalars)
        guard (2...3).contains(scalars.count), scalars.last == ".", scalars.dropLast().allSatisfy(\.properties.isAlphabetic) else { return false }
        // A capital begins the pair only as an initial, alone ("J."): "US." ends a sentence.
        if lowercaseOnly, scalars.count == 3, scalars[0].properties.isUppercase { return false }
        return true
    }

    /// The prepositions and conjunctions of one letter, by language.
    static let oneLetterWords: [String: Set<String>] = [
        "pl": ["a", "i", "o", "u", "w", "z"],
        "cs": ["a", "i", "k", "o", "s", "u", "v", "z"],
        "sk": ["a", "i", "k", "o", "s", "u", "v", "z"],
    ]

    /// Languages that write a day with a point after it ("9. März", "1. října", "1. oktober").
    static let dayWithPoint: Set<String> = ["de", "cs", "sk", "da", "nb", "nn", "no"]

    /// Whether `word` (its punctuation after it stripped) names a month in `language` or in
    /// English; Catalan's month after "d'" counts too ("d'abril").
    static func isMonth(_ word: String, language: String) -> Bool {
        let names = months(language)
        if names.contains(word) { return true }
        if baseLanguage(language) == "ca", word.hasPrefix("d'") || word.hasPrefix("d\u{2019}") {
            return names.contains(String(word.dropFirst(2)))
        }
        return false
    }

    /// The words of a paragraph (as typed, with their punctuation) whose following space is
    /// tied because it stands inside a number written in groups, which a reader takes in whole:
    /// an international telephone number, from its "+" and country code to its last group of
    /// digits ("+39 041 274 7111", "+1 (705) 555-0162"); a national one, from its area code
    /// ("(02) 5550 4127", "020 7946 0958"); and an IBAN's last group when it is shorter than
    /// the others ("IT60 … 0123 456."). Two numbers side by side in a sentence ("in 2026 120
    /// students") have neither a "+" nor a trunk prefix or bracketed area code before them,
    /// and part as any two words.
    static func groupTies(_ words: [String]) -> [Int] {
        var tied: [Int] = []
        var w = 0
        while w < words.count {
            if let code = countryCode(words[w]) {
                // The groups after it, up to a group with punctuation after it ("4567,") or the
                // fifteen digits a telephone number has at most.
                var digits = code, end = w
                while end + 1 < words.count, let group = telephoneGroup(words[end + 1]), digits + group.digits <= 15 {
                    digits += group.digits
                    end += 1
                    if group.last { break }
                }
                tied += w..<end
                w = end + 1
                continue
            }
            if let area = nationalStart(words[w]) {
                // A number dialled at home: its area code or trunk prefix, then its groups, eight
                // to thirteen digits in all ("(02) 5550 4127", "020 7946 0958"). Fewer are no
                // telephone number ("(2026) 45").
                var digits = area, end = w
                while end + 1 < words.count, let group = telephoneGroup(words[end + 1]), digits + group.digits <= 13 {
                    digits += group.digits
                    end += 1
                    if group.last { break }
                }
                if end > w, digits >= 8 {
                    tied += w..<end
                    w = end + 1
                    continue
                }
            }
            if isIBANStart(words[w]) {
                // Groups of four letters or digits; a last one of fewer stays with the one before.
                var end = w
                while end + 1 < words.count, isIBANGroup(words[end + 1], full: true) { end += 1 }
                if end > w, end + 1 < words.count, isIBANGroup(words[end + 1], full: false) { tied.append(end) }
                w = end + 1
                continue
            }
            w += 1
        }
        return tied
    }

    /// The number of digits of a country code written "+39" (or "(+39"), nil for another word.
    static func countryCode(_ word: String) -> Int? {
        // Asked of every word: most are done with at their first byte.
        var bytes = word.utf8[...]
        if bytes.first == UInt8(ascii: "(") { bytes = bytes.dropFirst() }
        guard bytes.first == UInt8(ascii: "+") else { return nil }
        let digits = bytes.dropFirst()
        guard (1...3).contains(digits.count), digits.allSatisfy({ $0 &- 0x30 < 10 }) else { return nil }
        return digits.count
    }

    /// The number of digits of a national telephone number's first group: a trunk prefix and
    /// area code ("020", "0171") or an area code in brackets that opens with one ("(02)",
    /// "(030)") or has three digits, as in North America ("(705)"). Nil for another word.
    static func nationalStart(_ word: String) -> Int? {
        // Asked of every word: most are done with at their first byte.
        var bytes = word.utf8[...]
        guard let first = bytes.first, first == UInt8(ascii: "(") || first == UInt8(ascii: "0") else { return nil }
        let bracketed = first == UInt8(ascii: "(")
        if bracketed {
            guard bytes.last == UInt8(ascii: ")") else { return nil }
            bytes = bytes.dropFirst().dropLast()
        }
        guard (2...5).contains(bytes.count), bytes.allSatisfy({ $0 &- 0x30 < 10 }) else { return nil }
        guard bytes.first == UInt8(ascii: "0") || (bracketed && bytes.count == 3) else { return nil }
        return bytes.count
    }

    /// A telephone number's group of digits ("041", "(705)", "(0)20", "555-0162", "7111."):
    /// how many digits it has, and whether the number ends with it, punctuation after it or a
    /// bracket closed that it did not open ("90182044)"). Nil for a word that is no such group.
    static func telephoneGroup(_ word: String) -> (digits: Int, last: Bool)? {
        var scalars = Array(word.unicodeScalars)
        var last = false
        while let end = scalars.last, ",;:.!?".unicodeScalars.contains(end) {
            scalars.removeLast()
            last = true
        }
        guard let first = scalars.first, isDigit(first) || first == "(",
              scalars.allSatisfy({ isDigit($0) || $0 == "(" || $0 == ")" || $0 == "-" }) else { return nil }
        let digits = scalars.filter(isDigit).count
        guard digits > 0 else { return nil }
        if scalars.filter({ $0 == ")" }).count > scalars.filter({ $0 == "(" }).count { last = true }
        return (digits, last)
    }

    /// An IBAN's first group: its country's two capital letters and two check digits ("IT60").
    static func isIBANStart(_ word: String) -> Bool {
        guard word.utf8.count == 4 else { return false }
        let bytes = Array(word.utf8)
        return bytes[..<2].allSatisfy { $0 &- 0x41 < 26 } && bytes[2...].allSatisfy { $0 &- 0x30 < 10 }
    }

    /// A group of an IBAN after its first: four capital letters or digits (`full`), or from one
    /// to three, with punctuation after them, for its last.
    static func isIBANGroup(_ word: String, full: Bool) -> Bool {
        let scalars = Array((full ? word : stripped(word)).unicodeScalars)
        let count = scalars.count
        guard full ? count == 4 : (1...3).contains(count) else { return false }
        return scalars.allSatisfy { isDigit($0) || $0.value &- 0x41 < 26 }
    }

    /// Unit and currency symbols and abbreviations that follow a number, as typed.
    static let units: Set<String> = [
        "%", "\u{2030}", "\u{20AC}", "$", "\u{00A3}", "\u{00A5}", "CHF",
        "mg", "g", "kg", "t",
        "mm", "cm", "m", "km", "m\u{00B2}", "m\u{00B3}", "cm\u{00B2}", "km\u{00B2}", "m2", "m3", "km2", "ha",
        "ml", "cl", "l", "L",
        "\u{00B0}", "\u{00B0}C", "\u{00B0}F", "\u{2103}",
        "ms", "min", "h", "km/h",
        "Hz", "kHz", "MHz", "GHz", "W", "kW", "MW", "GW", "kWh", "MWh", "GWh", "TWh",
        "ko", "Ko", "Mo", "Go", "kB", "KB", "MB", "GB", "TB", "dB", "ppm",
    ]

    /// Month names by language (the language's own case), and English's abbreviations.
    static let monthNames: [String: Set<String>] = [
        "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"],
        "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
               "décembre"],
        "de": ["Januar", "Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
               "November", "Dezember"],
        "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre",
               "octubre", "noviembre", "diciembre"],
        "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
               "novembre", "dicembre"],
        "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
               "novembro", "dezembro"],
        "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
               "november", "december"],
        "ca": ["gener", "febrer", "març", "abril", "maig", "juny", "juliol", "agost", "setembre", "octubre", "novembre",
               "desembre"],
        "gl": ["xaneiro", "febreiro", "marzo", "abril", "maio", "xuño", "xullo", "agosto", "setembro", "outubro",
               "novembro", "decembro"],
        // A date names the month in the genitive ("1 października", "1. října", "1. októbra").
        "pl": ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
               "października", "listopada", "grudnia"],
        "cs": ["ledna", "února", "března", "dubna", "května", "června", "července", "srpna", "září", "října",
               "listopadu", "prosince"],
        "sk": ["januára", "februára", "marca", "apríla", "mája", "júna", "júla", "augusta", "septembra", "októbra",
               "novembra", "decembra"],
        "sv": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
               "november", "december"],
        "da": ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
               "november", "december"],
        "nb": ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
               "november", "desember"],
        "ro": ["ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august", "septembrie",
               "octombrie", "noiembrie", "decembrie"],
    ]

    /// The month names of `language`, and English's (dates in English appear in any story).
    static func months(_ language: String) -> Set<String> {
        let english = monthNames["en"] ?? []
        guard let own = monthNames[languageKey(language)] else { return english }
        return own.union(english)
    }

    /// The key of `language` in the tables by language: its base language, and Norwegian's
    /// two written forms ("no", "nn") as "nb", which name months and titles alike.
    static func languageKey(_ language: String) -> String {
        let base = baseLanguage(language)
        return base == "no" || base == "nn" ? "nb" : base
    }

    /// "fr" for "fr-CA".
    static func baseLanguage(_ language: String) -> String {
        String(language.prefix { $0 != "-" && $0 != "_" }).lowercased()
    }

    /// The number a word ends with ("350", "(22", "3,940", "1.5", "15", "9.", "1er", "9th"):
    /// how many digits it has, whether they are grouped or have decimals, and whether it may
    /// be a day of the month. Nil for a word that does not end in a number.
    static func trailingNumber(_ word: String) -> (digits: Int, separated: Bool, isDay: Bool)? {
        // Most words have no digit at all: asked of every pair of words, that is found first.
        guard word.utf8.contains(where: { $0 &- 0x30 < 10 }) else { return nil }
        var scalars = Array(word.unicodeScalars)
        // An ordinal's ending: "1er", "1re", "9th", "2nd", "9." (German), "1º".
        for ending in ["er", "re", "st", "nd", "rd", "th", ".", "\u{00BA}"] where word.hasSuffix(ending) {
            let count = ending.unicodeScalars.count
            if scalars.count > count, isDigit(scalars[scalars.count - count - 1]) {
                scalars.removeLast(count)
                break
            }
        }
        guard let last = scalars.last, isDigit(last) else { return nil }
        var end = scalars.count, digits = 0, separated = false
        while end > 0 {
            let scalar = scalars[end - 1]
            if isDigit(scalar) {
                digits += 1
            } else if (scalar == "," || scalar == ".") && end >= 2 && isDigit(scalars[end - 2]) {
                separated = true
            } else {
                break
            }
            end -= 1
        }
        // What comes before the number: nothing, or an opening bracket or quote ("(22").
        guard scalars[..<end].allSatisfy({ $0.properties.generalCategory.isPunctuation }) else { return nil }
        let value = separated || digits > 2 ? 0 : Int(String(String.UnicodeScalarView(scalars[end...]))) ?? 0
        return (digits, separated, (1...31).contains(value))
    }

    /// A word without the punctuation that follows it ("kg," "€)" "avril.").
    static func stripped(_ word: String) -> String {
        var scalars = Array(word.unicodeScalars)
        while let last = scalars.last, scalars.count > 1, ",;:.!?)]}\u{00BB}\u{201D}\u{2019}\"'".unicodeScalars.contains(last) {
            scalars.removeLast()
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// A word of punctuation and symbols only ("»", ";", "%)", "»,", "€.").
    static func isPunctuationOnly(_ word: String) -> Bool {
        word.unicodeScalars.allSatisfy { !$0.properties.isAlphabetic && !isDigit($0) }
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value &- 0x30 < 10 }
}
