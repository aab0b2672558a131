import XCTest
import BulletinModel
@testable import BulletinLayout

/// Styles set in capitals (kickers, running heads, the masthead's date) write them as the text's
/// language does, and the content check reads those capitals as the words they came from.
final class UppercasingTests: XCTestCase {
    func testGreekCapitalsDropTheirAccents() {
        XCTAssertEqual("Ανακοινώσεις".uppercased(language: "el"), "ΑΝΑΚΟΙΝΩΣΕΙΣ")
        XCTAssertEqual("Μάρτιος 2027".uppercased(language: "el-GR"), "ΜΑΡΤΙΟΣ 2027")
        // An accent that kept two vowels apart becomes a diaeresis on the second.
        XCTAssertEqual("Μάιος".uppercased(language: "el"), "ΜΑΪΟΣ")
        XCTAssertEqual("καΐκι".uppercased(language: "el"), "ΚΑΪΚΙ")
        // "ή" alone ("or") keeps its accent; "η" (the article) has none.
        XCTAssertEqual("τσάι ή καφές".uppercased(language: "el"), "ΤΣΑΪ Ή ΚΑΦΕΣ")
        // Other languages keep Unicode's mapping, accents and all.
        XCTAssertEqual("Ανακοινώσεις".uppercased(language: "en"), "ΑΝΑΚΟΙΝΏΣΕΙΣ")
        XCTAssertEqual("Élysée".uppercased(language: "fr"), "ÉLYSÉE")
    }

    func testTurkishCapitalisesTheDottedI() {
        XCTAssertEqual("istanbul ılık ﬁkir".uppercased(language: "tr"), "İSTANBUL ILIK FİKİR")
        XCTAssertEqual("istanbul".uppercased(language: "en"), "ISTANBUL")
    }

    func testMastheadTitleInCapitalsOfTheIssuesLanguage() throws {
        var layout = try Fixtures.classic()
        layout.styles[.mastheadTitle]?.uppercase = true
        layout.styles[.mastheadSubtitle]?.uppercase = true
        var issue = Fixtures.issue([Story(title: "Haber", lang: "tr", body: [.paragraph([.text(Fixtures.words(40))])])])
        issue.title = "Bizim İzmir"
        issue.subtitle = "iskele haberleri"
        issue.lang = "tr"
        let document = try Composer(layout: layout, shaper: FakeShaper()).compose(issue)
        let masthead = document.pages[0].texts.filter { $0.kind == .mastheadTitle || $0.kind == .mastheadSubtitle }
        XCTAssertEqual(masthead.map(\.fragment.text).joined(separator: " "), "BİZİM İZMİR İSKELE HABERLERİ")
        XCTAssertEqual(Set(masthead.map(\.fragment.language)), ["tr"])
    }

    func testKickersInTheCapitalsOfTheirLanguageAreFound() {
        let kickers = [("Ανακοινώσεις", "el"), ("İstanbul ﬁx", "tr"), ("Straße", "de"), ("Μάιος", "el"), ("Última hora", "es")]
        let stories = kickers.map { Story(title: "T", kicker: $0.0, lang: $0.1) }
        let issue = Issue(title: "T", date: IssueDate(year: 2027, month: 3), stories: stories)
        func document(_ kickers: [String]) -> Document {
            let items = kickers.enumerated().flatMap { index, kicker in
                [kicker, "T"].map { text in
                    PageItem.text(PlacedText(x: 0, baseline: 0, fragment: Fragment(x: 0, width: 10, text: text, font: FontSpec(family: "F", size: 9), colour: "text", language: "en"),
                                             kind: .body, story: index))
                }
            }
            return Document(width: 100, height: 100, pages: [Page(items: items)],
                            metadata: DocumentMetadata(title: "", author: "", subject: "", language: "en", created: ""))
        }
        let capitals = kickers.map { $0.0.uppercased(language: $0.1) }
        XCTAssertEqual(capitals, ["ΑΝΑΚΟΙΝΩΣΕΙΣ", "İSTANBUL FİX", "STRASSE", "ΜΑΪΟΣ", "ÚLTIMA HORA"])
        XCTAssertEqual(ContentCheck.missing(in: document(capitals), issue: issue), [])
        // A letter lost from the capitals is still found.
        var lost = capitals
        lost[0] = "ΑΝΑΚΟΙΝΩΣΕΙ"
        lost[3] = "ΜΑΟΣ"
        XCTAssertEqual(ContentCheck.missing(in: document(lost), issue: issue).map(\.story), [0, 3])
    }
}
