import XCTest
import BulletinModel
@testable import BulletinLayout

/// Where web and e-mail addresses break: never where a line would end in what reads as a word
/// of the sentence ("www", "relations", "double") nor leave a stub of an address alone.
final class AddressBreakTests: XCTestCase {
    let font = FontSpec(family: "Test", size: 10)

    /// The address's parts between its possible breaks.
    func parts(_ address: String) -> [String] {
        let scalars = Array(address.unicodeScalars)
        let cuts = [0] + (ParagraphBuilder.addressBreaks(scalars) ?? []) + [scalars.count]
        return zip(cuts, cuts.dropFirst()).map { String(String.UnicodeScalarView(scalars[$0..<$1])) }
    }

    func testAddressesBreakAfterTheirPrefixAndBeforeAStubOfAnEnd() {
        XCTAssertEqual(parts("www.kestrel-poly.example.ac.uk/exchange."),
                       ["www.kestrel", "-poly", ".example", ".ac", ".uk/", "exchange."])
        XCTAssertEqual(parts("https://www.univ-valdoux.example.fr/international/preparation-journee-juin."),
                       ["https://www.univ", "-valdoux", ".example", ".fr/", "international/", "preparation", "-journee-juin."])
        // An e-mail address's name stays whole; a very long one may break.
        XCTAssertEqual(parts("relations.internationales@univ-valdoux.example.fr"),
                       ["relations.internationales@", "univ", "-valdoux", ".example.fr"])
        XCTAssertEqual(parts("double-diplome-tampere@univ-valdoux.example.fr."),
                       ["double-diplome-tampere@", "univ", "-valdoux", ".example.fr."])
        XCTAssertEqual(parts("service.des.relations.internationales.et.europeennes@example.fr").first, "service")
    }

    /// A line never ends in the scheme alone ("https://", "mailto:"): the address's first line
    /// holds the host name's first part at least. Its other breaks stay where they were.
    func testNoLineEndsInTheSchemeAlone() {
        XCTAssertEqual(parts("https://exallievi.università-castelvecchio.it/notiziario"),
                       ["https://exallievi", ".università", "-castelvecchio", ".it/", "notiziario"])
        XCTAssertEqual(parts("(http://example.org/corsi/maree)."),
                       ["(http://example", ".org/", "corsi/maree)."])
        XCTAssertEqual(parts("mailto:segreteria.amministrativa.degli.ex.allievi@example.it").prefix(2),
                       ["mailto:segreteria", ".amministrativa"])
        // Typeset at any measure that sets the host name's first part whole.
        let typesetter = Typesetter(shaper: FakeShaper())
        let text = "Iscrizioni sul sito https://exallievi.università-castelvecchio.it/corsi e per informazioni."
        let runs = [StyledRun(text: text, font: font, colour: "text", language: "it")]
        let rules = ParagraphRules(justified: true, breaking: BreakingSpec(), hyphenation: HyphenationSpec(enabled: false))
        for width in stride(from: 60.0, through: 200, by: 2.5) {
            let lines = typesetter.lines(runs, width: width, align: .left, rules: rules)
            guard !lines.contains(where: \.brokenInsideWord) else { continue }
            for line in lines.dropLast() { XCTAssertFalse(line.text.hasSuffix("://"), "\(width): \(lines.map(\.text))") }
        }
    }

    /// Typeset at every measure from 60 to 200 pt, no line ends in "www", "https://www",
    /// inside an e-mail address's name, or before a last part of fewer than six characters.
    func testNoLineEndsInAWordLikePartOfAnAddress() {
        let typesetter = Typesetter(shaper: FakeShaper())
        let text = "Sign up at www.kestrel-poly.example.ac.uk/go or write to relations.internationales@univ-valdoux.example.fr "
            + "and double-diplome-tampere@univ-valdoux.example.fr or see https://www.univ-valdoux.example.fr/journee-juin."
        let runs = [StyledRun(text: text, font: font, colour: "text", language: "fr")]
        let rules = ParagraphRules(justified: true, breaking: BreakingSpec(), hyphenation: HyphenationSpec(enabled: false))
        var broken = 0
        for width in stride(from: 60.0, through: 200, by: 2.5) {
            let lines = typesetter.lines(runs, width: width, align: .left, rules: rules)
            guard !lines.contains(where: \.brokenInsideWord) else { continue }
            let texts = lines.map(\.text)
            XCTAssertEqual(texts.joined(separator: " ").replacingOccurrences(of: " -", with: "-").replacingOccurrences(of: " .", with: ".").replacingOccurrences(of: "@ ", with: "@")
                            .replacingOccurrences(of: "/ ", with: "/"), text, "\(width)")
            for (line, next) in zip(texts, texts.dropFirst()) {
                for word in ["www", "relations", "double", "https://www"] { XCTAssertFalse(line.hasSuffix(word), "\(width): \(texts)") }
                XCTAssertFalse(next.hasPrefix(".internationales") || next.hasPrefix("-diplome") || next.hasPrefix("-tampere"), "\(width): \(texts)")
                XCTAssertFalse(next.hasPrefix("-juin"), "\(width): \(texts)")
                if next.hasPrefix("-") || next.hasPrefix(".") { broken += 1 }
            }
        }
        // Addresses still break, where they may.
        XCTAssertGreaterThan(broken, 10)
    }
}
