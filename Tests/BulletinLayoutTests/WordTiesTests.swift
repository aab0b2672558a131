import XCTest
import BulletinModel
@testable import BulletinLayout
import ParagraphBreaker

/// Spaces a line may not end at: French punctuation, numbers and their units, days and months.
final class WordTiesTests: XCTestCase {
    let font = FontSpec(family: "Test", size: 10)

    func rules() -> ParagraphRules {
        var breaking = BreakingSpec()
        breaking.lastLineSpace = 0
        return ParagraphRules(justified: true, breaking: breaking, hyphenation: HyphenationSpec(enabled: false))
    }

    /// The paragraph's lines at every measure from 30 to 200 pt, justified and ragged, but for
    /// measures too narrow for a word.
    func settings(_ text: String, language: String, narrowest: Double = 30) -> [[String]] {
        let typesetter = Typesetter(shaper: FakeShaper())
        let runs = [StyledRun(text: text, font: font, colour: "text", language: language)]
        return stride(from: narrowest, through: 200, by: 5).flatMap { width in
            [Alignment.justify, .left].map { align in typesetter.lines(runs, width: width, align: align, rules: rules()) }
        }.filter { !$0.contains(where: \.brokenInsideWord) }.map { $0.map(\.text) }
    }

    /// Asserts that no setting of `text` ends a line between `before` and `after` (words as
    /// typed, with their punctuation), and that some setting would, were they two words: each
    /// pair is tested at measures where it falls at a line's end.
    func assertTied(_ text: String, _ pairs: [(String, String)], language: String, narrowest: Double = 30,
                    file: StaticString = #filePath, line: UInt = #line) {
        let all = settings(text, language: language, narrowest: narrowest)
        for (before, after) in pairs {
            var together = 0
            for lines in all {
                XCTAssertEqual(lines.joined(separator: " "), text, file: file, line: line)
                for (a, b) in zip(lines, lines.dropFirst()) {
                    XCTAssertFalse(a.hasSuffix(" " + before) || a == before ? b.hasPrefix(after + " ") || b == after : false,
                                   "\"\(before) / \(after)\" in \(lines.joined(separator: " | "))", file: file, line: line)
                }
                // The pair ends a line (but for a word tied to it), one word taken from the next:
                // where it would have parted.
                if lines.dropLast().contains(where: { line in
                    let words = line.split(separator: " ").map(String.init)
                    return words.count >= 3 && (words.suffix(2) == [before, after] || words.suffix(3).dropLast() == [before, after])
                }) { together += 1 }
            }
            XCTAssertGreaterThan(together, 0, "\"\(before) \(after)\" never ends a line", file: file, line: line)
        }
    }

    func testFrenchPunctuationStaysWithTheWordBeforeIt() {
        assertTied("le premier loyer ; un complément de plus » et « Partir un semestre » enfin ! puis quoi ? voici : le reste",
                   [("loyer", ";"), ("plus", "»"), ("«", "Partir"), ("semestre", "»"), ("enfin", "!"), ("quoi", "?"), ("voici", ":")],
                   language: "fr")
    }

    func testNumbersStayWithTheirUnits() {
        assertTied("contraintes familiales (22 %) ou une aide de 350 € versée et 61 % de ceux qui logent dans 58 m² pour 46 kg chacun",
                   [("(22", "%)"), ("350", "€"), ("61", "%"), ("58", "m²"), ("46", "kg")], language: "fr")
        assertTied("some 3,940 t of waste and 260 kg each at 20 °C for 1.5 h or 15 min in all",
                   [("3,940", "t"), ("260", "kg"), ("20", "°C"), ("1.5", "h"), ("15", "min")], language: "en")
        // Thousands written with a space: "7 450 €" is one number.
        assertTied("jusqu'à 7 450 € contre 5 200 € il y a deux ans", [("7", "450"), ("450", "€"), ("5", "200")], language: "fr")
    }

    func testADayStaysWithItsMonth() {
        assertTied("prices rise on 9 April and fall again by 14 May when the season ends", [("9", "April"), ("14", "May")], language: "en-GB")
        assertTied("signé le 4 avril et ouvert le 15 février puis le 1er mai enfin", [("4", "avril"), ("15", "février"), ("1er", "mai")], language: "fr")
        assertTied("ab dem 9. März und bis zum 30. Juni des Jahres", [("9.", "März"), ("30.", "Juni")], language: "de")
        assertTied("desde el 3 de mayo hasta 12 junio del año", [("12", "junio")], language: "es")
        // The genitive Polish, Czech and Slovak write a date in, the Czech day with its point.
        assertTied("zajęcia trwają od 1 października do 31 maja każdego roku", [("1", "października"), ("31", "maja")], language: "pl")
        assertTied("výuka běží od 1. října do 30. června každého roku", [("1.", "října"), ("30.", "června")], language: "cs")
        assertTied("semestern börjar den 2 september och slutar 14 januari nästa år", [("2", "september"), ("14", "januari")], language: "sv")
        // Norwegian's two written forms share the months; the day has its point.
        XCTAssertEqual(WordTies.tie("1.", "oktober", language: "nn"), .space)
        XCTAssertEqual(WordTies.tie("17.", "mai", language: "no"), .space)
    }

    /// Spanish, Portuguese, Catalan and Galician put "de" between the day and the month: the
    /// day never ends a line ("hasta el 14 / de abril" was set before); "de" and the month part
    /// at a cost, where no setting within tolerance keeps them, so far less often than "de" and
    /// a word that is no month.
    func testADayDeAndTheMonthStayTogether() {
        assertTied("la convocatoria estará abierta hasta el 14 de abril y cerrará otra vez el 3 de mayo del curso",
                   [("14", "de"), ("3", "de")], language: "es")
        assertTied("as inscrições abrem a 2 de março e fecham a 30 de junho de cada ano", [("2", "de"), ("30", "de")], language: "pt")
        assertTied("la sessió serà el 14 d'abril i la següent el 3 de maig a la tarda", [("14", "d'abril"), ("3", "de")], language: "ca")
        // "de" and the month: a break there costs as much as a line far beyond tolerance.
        var builder = ParagraphBuilder(shaper: FakeShaper(), hyphenator: NoHyphenation(), rules: rules())
        let paragraph = builder.build([StyledRun(text: "hasta el 14 de abril a las dos", font: font, colour: "text", language: "es")])
        func breaks(after word: String) -> [Double] {
            guard let at = paragraph.contents.firstIndex(where: { if case .text(_, word) = $0 { return true } else { return false } }) else { return [] }
            let next = paragraph.contents[(at + 1)...].firstIndex { if case .text = $0 { return true } else { return false } } ?? paragraph.items.count
            return (at + 1..<next).filter { paragraph.items[$0].kind == .penalty }.map { paragraph.items[$0].penalty }
        }
        XCTAssertEqual(breaks(after: "de"), [ParagraphBuilder.discouragedBreakPenalty])
        XCTAssertEqual(breaks(after: "14"), [BreakItem.forbiddenBreak])
        XCTAssertEqual(breaks(after: "abril"), [])
        // "de" after a number that is no day, or before a word that is no month, parts as any word.
        let ties = WordTies.dayOfMonthTies(["el", "14", "de", "abril", "y", "40", "de", "mayo", "o", "3", "de", "ellos"]) { _ in "es" }
        XCTAssertEqual(ties.map(\.word), [1, 2])
        XCTAssertEqual(ties.map(\.tie), [.space, .discouraged])
    }

    /// Polish, Czech and Slovak never leave a preposition or conjunction of one letter at a
    /// line's end: it goes over with the word after it. Other languages' "a" parts as any word.
    func testOneLetterWordsGoOverWithTheNextInPolishCzechAndSlovak() {
        assertTied("studenci z Polski i Czech spotkali się w Toruniu a potem rozmawiali o świcie u nas w domu",
                   [("z", "Polski"), ("i", "Czech"), ("w", "Toruniu"), ("a", "potem"), ("o", "świcie"), ("u", "nas")], language: "pl")
        assertTied("jedeme v pondělí k moři s přáteli a pak z Brna domů", [("v", "pondělí"), ("k", "moři"), ("s", "přáteli"), ("z", "Brna")], language: "cs")
        XCTAssertEqual(WordTies.tie("W", "Toruniu", language: "pl"), .space)
        XCTAssertEqual(WordTies.tie("„w", "domu", language: "pl"), .space)
        XCTAssertNil(WordTies.tie("z.", "Potem", language: "pl"))
        XCTAssertNil(WordTies.tie("a", "semester", language: "en"))
        XCTAssertNil(WordTies.tie("w", "domu", language: "de"))
    }

    /// A title or a reference's abbreviation stays with the word after it, as TeX's tie keeps
    /// "Dr.~Livingstone" ("Dr. / Henrike" was set), and so do the parts of an abbreviation
    /// written with spaces ("z. B.") and of spaced initials; a language's titles are its own
    /// and English's.
    func testTitlesAndAbbreviationsStayWithTheWordAfterThem() {
        assertTied("the talk by Dr. Henrike Vogt and by Prof. Amara Osei with Mrs Patel is set out on p. 12 of issue No. 5 this week",
                   [("Dr.", "Henrike"), ("Prof.", "Amara"), ("p.", "12"), ("No.", "5"), ("Mrs", "Patel")], language: "en")
        assertTied("die Sprechstunde von Dr. Henrike Vogt ist z. B. am Montag, d. h. in Raum Nr. 12 wie auf S. 4 beschrieben",
                   [("Dr.", "Henrike"), ("z.", "B."), ("d.", "h."), ("Nr.", "12"), ("S.", "4")], language: "de")
        assertTied("une rencontre avec M. Dupont et Mme Lefèvre sur le sujet de la page p. 7 du rapport", [("M.", "Dupont"), ("Mme", "Lefèvre")],
                   language: "fr")
        XCTAssertEqual(WordTies.tie("(Dr.", "Vogt)", language: "en"), .space)
        XCTAssertEqual(WordTies.tie("§", "12", language: "de"), .space)
        XCTAssertEqual(WordTies.tie("Sra.", "Ruiz", language: "es"), .space)
        XCTAssertEqual(WordTies.tie("Dr.", "Ruiz", language: "es"), .space)
        XCTAssertEqual(WordTies.tie("J.", "R.", language: "en"), .space)
        XCTAssertEqual(WordTies.tie("u.", "a.,", language: "de"), .space)
        // A sentence's end, another language's title, a capitalised pair of letters.
        XCTAssertNil(WordTies.tie("plan.", "We", language: "en"))
        XCTAssertNil(WordTies.tie("US.", "He", language: "en"))
        XCTAssertNil(WordTies.tie("US.", "B.", language: "en"))
        XCTAssertNil(WordTies.tie("M.", "Dupont", language: "de"))
        XCTAssertNil(WordTies.tie("Mme", "Curie", language: "en"))
    }

    /// An international telephone number stays on one line, from its "+" and country code to
    /// its last group; an IBAN's short last group stays with the group before it. Numbers side
    /// by side in a sentence, and the words after a telephone number, part as any two words.
    func testTelephoneNumbersAndAnIBANsEndStayWhole() {
        func words(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }
        XCTAssertEqual(WordTies.groupTies(words("E i numeri di telefono: +39 041 274 7111.")), [5, 6, 7])
        XCTAssertEqual(WordTies.groupTies(words("Tel. +39 055 123 4567, +39 333 000 1111 (WhatsApp)")), [1, 2, 3, 5, 6, 7])
        XCTAssertEqual(WordTies.groupTies(words("Tel. +1 (705) 555-0162, ext. 4410")), [1, 2])
        XCTAssertEqual(WordTies.groupTies(words("(+49 30 90182044) in Berlin")), [0, 1])
        XCTAssertEqual(WordTies.groupTies(words("all'IBAN IT60 X054 2811 1010 0000 0123 456.")), [6])
        // Fifteen digits at most: what follows is no longer the number.
        XCTAssertEqual(WordTies.groupTies(words("+44 1632 960 000 2026 120 students")), [0, 1, 2])
        XCTAssertEqual(WordTies.groupTies(words("in 2026 120 students and 4 200 more")), [])
        XCTAssertEqual(WordTies.groupTies(words("IT60 X054 2811 1010")), [])
        // Set at every measure, the number is never parted.
        let text = "E i numeri di telefono della segreteria: +39 041 274 7111. Versate la quota all'IBAN IT60 X054 2811 1010 0000 0123 456."
        var checked = 0
        for lines in settings(text, language: "it") where lines.count > 2 {
            let joined = lines.joined(separator: " | ")
            XCTAssertTrue(lines.contains { $0.contains("+39 041 274 7111.") }, joined)
            XCTAssertTrue(lines.contains { $0.contains("0123 456.") }, joined)
            checked += 1
        }
        XCTAssertGreaterThan(checked, 10)
    }

    /// A number dialled at home stays whole from its area code or trunk prefix: bracketed
    /// ("(02) 5550 4127"), with a trunk "0" ("020 7946 0958", "06 12 34 56 78") or North
    /// America's three digits ("(705) 555-0162"). Numbers that only look alike part.
    func testNationalTelephoneNumbersStayWhole() {
        func words(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }
        XCTAssertEqual(WordTies.groupTies(words("Call the desk on (02) 5550 4127 before noon")), [4, 5])
        XCTAssertEqual(WordTies.groupTies(words("Ring 020 7946 0958, or write")), [1, 2])
        XCTAssertEqual(WordTies.groupTies(words("Appelez le 06 12 34 56 78.")), [2, 3, 4, 5])
        XCTAssertEqual(WordTies.groupTies(words("Tel. (705) 555-0162 ext. 4410")), [1])
        XCTAssertEqual(WordTies.groupTies(words("Tel. (030) 90182044")), [1])
        // Too few digits for a telephone number, or no area code before them.
        XCTAssertEqual(WordTies.groupTies(words("the report (2026) 45 pages long")), [])
        XCTAssertEqual(WordTies.groupTies(words("scores of 0 5 and 02 3")), [])
        XCTAssertEqual(WordTies.groupTies(words("in 2026 120 students and 4 200 more")), [])
        XCTAssertEqual(WordTies.groupTies(words("(1998) 2004 2010 2016")), [])
        // Set at every measure, the number is never parted.
        let text = "Questions about the visa letters go to the registry desk, (02) 5550 4127, which is open every weekday morning."
        var checked = 0
        for lines in settings(text, language: "en") where lines.count > 2 {
            XCTAssertTrue(lines.contains { $0.contains("(02) 5550 4127,") }, lines.joined(separator: " | "))
            checked += 1
        }
        XCTAssertGreaterThan(checked, 10)
    }

    /// A separator or dash between words ends a line, with the word before it.
    func testSeparatorsAndDashesStayWithTheWordBeforeThem() {
        assertTied("our title Puentes · Mosty · Cầu nối and the office – which opened late — still waits | here",
                   [("Puentes", "·"), ("Mosty", "·"), ("office", "–"), ("late", "—"), ("waits", "|")], language: "es")
        XCTAssertNil(WordTies.tie("office", "–which", language: "en"))
    }

    /// Unit words, words after a number that are no unit, a sentence's end before a month and
    /// a year before a number part as any two words.
    func testOtherWordsAfterANumberPart() {
        XCTAssertNil(WordTies.tie("44", "per", language: "en"))
        XCTAssertNil(WordTies.tie("3,940", "tonnes", language: "en"))
        XCTAssertNil(WordTies.tie("12", "students", language: "en"))
        XCTAssertNil(WordTies.tie("9.", "May", language: "en"))
        XCTAssertNil(WordTies.tie("2019", "300", language: "en"))
        XCTAssertNil(WordTies.tie("40", "April", language: "en"))
        XCTAssertNil(WordTies.tie("9", "may", language: "en"))
        XCTAssertNil(WordTies.tie("loyer", ";", language: "en"))
        XCTAssertEqual(WordTies.tie("loyer", ";", language: "fr"), .thin)
        XCTAssertEqual(WordTies.tie("9", "April,", language: "en"), .space)
    }

    /// French punctuation's space is thin and keeps its width in a justified line, whose word
    /// spaces stretch.
    func testFrenchPunctuationsSpaceIsThinAndDoesNotStretch() {
        let typesetter = Typesetter(shaper: FakeShaper())
        let runs = [StyledRun(text: "aa bb cc dd ; ee ff gg hh ii jj kk ll", font: font, colour: "text", language: "fr")]
        let lines = typesetter.lines(runs, width: 100, align: .justify, rules: rules())
        let first = lines[0]
        XCTAssertEqual(first.text, "aa bb cc dd ; ee ff")
        func gap(_ i: Int) -> Double { first.fragments[i].x - (first.fragments[i - 1].x + first.fragments[i - 1].width) }
        XCTAssertEqual(gap(4), FakeShaper().width(of: "\u{202F}", font: font, language: "fr"), accuracy: 0.1)
        XCTAssertGreaterThan(gap(1), gap(4) + 0.5)
    }
}
