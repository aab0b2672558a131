import Foundation
import XCTest
import BulletinModel

/// The strings table: each language's words, month names from Foundation's locale data, and
/// layout templates whose English parts are put in the language.
final class WordingTests: XCTestCase {
    let wording = Wording()

    func testMonthNamesComeFromTheLocaleData() {
        let march = IssueDate(year: 2027, month: 3)
        XCTAssertEqual(wording.words("en").month(march), "March 2027")
        XCTAssertEqual(wording.words("de").month(march), "März 2027")
        XCTAssertEqual(wording.words("fr").month(march), "mars 2027")
        XCTAssertEqual(wording.words("es").month(march), "marzo de 2027")
        XCTAssertEqual(wording.words("zh").month(march), "2027年3月")
        XCTAssertEqual(Wording(months: ["de-at": ["Jänner", "Feber", "März", "April", "Mai", "Juni", "Juli", "August", "September",
                                                  "Oktober", "November", "Dezember"]]).words("de-AT").month(IssueDate(year: 2027, month: 1)),
                       "Jänner 2027")
    }

    /// English months come from the model's own names, without ICU: what ICU says for every
    /// month, in English as each English-speaking locale has it.
    func testEnglishMonthsAreWhatTheLocaleDataSays() {
        for language in ["en", "en-GB", "en-US", "en-AU", "en_IE"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: language)
            formatter.calendar = Calendar(identifier: .gregorian)
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.setLocalizedDateFormatFromTemplate("MMMMyyyy")
            for month in 1...12 {
                let date = IssueDate(year: 2026, month: month)
                var components = DateComponents()
                (components.year, components.month, components.day, components.timeZone) = (2026, month, 15, formatter.timeZone)
                let icu = formatter.string(from: formatter.calendar.date(from: components)!)
                XCTAssertEqual(wording.words(language).month(date), icu, language)
            }
        }
        // A layout's own English names come before the table's.
        let short = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        XCTAssertEqual(Wording(months: ["en": short]).words("en-GB").month(IssueDate(year: 2026, month: 11)), "Nov 2026")
    }

    func testBylinesAndListsFollowTheLanguage() {
        let byline = Byline(writtenBy: ["A", "B", "C"], editedBy: ["D"])
        XCTAssertEqual(wording.words("en").byline(byline), "Written by A, B and C · Edited by D")
        XCTAssertEqual(wording.words("de-CH").byline(byline), "Text: A, B und C · Redaktion: D")
        XCTAssertEqual(wording.words("zh-Hans").byline(byline), "撰文：A、B和C · 编辑：D")
        XCTAssertEqual(wording.words("pl").byline(byline), "Tekst: A, B i C · Redakcja: D")
        XCTAssertEqual(wording.words("el").byline(byline), "Κείμενο: A, B και C · Επιμέλεια: D")
        XCTAssertEqual(wording.words("ja").byline(byline), "文：A、BとC · 編集：D")
        XCTAssertEqual(wording.words("nl").byline(byline), "Tekst: A, B en C · Redactie: D")
        XCTAssertEqual(wording.words("ar").byline(byline), "بقلم A، B وC · تحرير: D")
        XCTAssertEqual(wording.words("sv").byline(byline), "Text: A, B och C · Redigerad av D")
        XCTAssertEqual(wording.words("da").byline(byline), "Tekst: A, B og C · Redigeret af D")
        XCTAssertEqual(wording.words("no").byline(byline), "Tekst: A, B og C · Redigert av D")
        XCTAssertEqual(wording.words("nb-NO").byline(byline), "Tekst: A, B og C · Redigert av D")
        XCTAssertEqual(wording.words("fi").byline(byline), "Teksti: A, B ja C · Toimittanut D")
        XCTAssertEqual(wording.words("cs").byline(byline), "Text: A, B a C · Redakce: D")
        XCTAssertEqual(wording.words("ru").byline(byline), "Текст: A, B и C · Редакция: D")
        XCTAssertEqual(wording.words("tr").byline(byline), "Yazan: A, B ve C · Editör: D")
        XCTAssertEqual(wording.words("ko").byline(byline), "글: A, B 및 C · 편집: D")
        XCTAssertEqual(wording.words("sv").translate("{title} · page {page} of {pages}"), "{title} · sida {page} av {pages}")
        // Every shipped language has every phrase, with the fields the phrase may use.
        for (language, table) in Wording.shipped {
            XCTAssertEqual(Set(table.keys), Set(Phrase.allCases), language)
            for (phrase, text) in table where !phrase.fields.isEmpty {
                XCTAssertTrue(phrase.fields.allSatisfy { text.contains("{\($0)}") }, "\(language) \(phrase): \(text)")
            }
        }
        // A language without words of its own gets the English ones.
        XCTAssertEqual(wording.words("is").byline(byline), "Written by A, B and C · Edited by D")
    }

    func testTemplatesPartsThatReadAsAStringAreTranslated() {
        let de = wording.words("de")
        XCTAssertEqual(de.translate("{title} · {month} · page {page}"), "{title} · {month} · Seite {page}")
        XCTAssertEqual(de.translate("Volume {volume} · Number {number} · {month} · Edited by {editors}"),
                       "Jahrgang {volume} · Nummer {number} · {month} · Redaktion: {editors}")
        // A part of the layout's own stays as written, unless the layout gives it in English too.
        XCTAssertEqual(de.translate("p. {page}"), "p. {page}")
        let own = Wording(overrides: ["en": [.page: "p. {page}"], "de": [.page: "S. {page}"]])
        XCTAssertEqual(own.words("de").translate("{title} · p. {page}"), "{title} · S. {page}")
        XCTAssertEqual(own.words("fr").translate("{title} · p. {page}"), "{title} · page {page}")
    }

    /// A layout that gives a phrase its own English text changes that phrase where the templates
    /// use it as shipped ("page {page} of {pages}"), and the other languages keep theirs: the
    /// override once switched off both, and printed the shipped English in every language.
    func testAnEnglishOverrideChangesTheShippedPhraseAndKeepsItsTranslations() {
        let own = Wording(overrides: ["en": [.pageOf: "p. {page}/{pages}"]])
        XCTAssertEqual(own.words("en").translate("{title} · page {page} of {pages}"), "{title} · p. {page}/{pages}")
        XCTAssertEqual(own.words("de").translate("{title} · page {page} of {pages}"), "{title} · Seite {page} von {pages}")
        XCTAssertEqual(own.words("fr").translate("p. {page}/{pages}"), "page {page} sur {pages}")
        // A German text of the layout's own wins over the shipped German in both spellings.
        let both = Wording(overrides: ["en": [.pageOf: "p. {page}/{pages}"], "de": [.pageOf: "S. {page}/{pages}"]])
        XCTAssertEqual(both.words("de").translate("page {page} of {pages} · p. {page}/{pages}"), "S. {page}/{pages} · S. {page}/{pages}")
    }

    /// Words are made once for a wording and language: asked again, each wording still gets its
    /// own (a layout's override, an issue's stand-in language), not the first one asked for.
    func testWordsMadeOnceStayEachWordingsOwn() {
        var dutch = Wording()
        dutch.standIn = "nl"
        let plain = Wording(), own = Wording(overrides: ["is": [.writtenBy: "Höfundur: {names}"]])
        for _ in 0..<2 {
            XCTAssertEqual(plain.words("is")[.writtenBy], "Written by {names}")
            XCTAssertEqual(dutch.words("is")[.writtenBy], "Tekst: {names}")
            XCTAssertEqual(own.words("is")[.writtenBy], "Höfundur: {names}")
            XCTAssertEqual(own.words("is-IS")[.writtenBy], "Höfundur: {names}")
        }
    }
}
