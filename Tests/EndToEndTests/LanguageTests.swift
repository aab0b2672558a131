import Foundation
import XCTest

/// The words the pages print follow the language: a German issue's month names, running heads
/// and footers, each story's byline in its own language, and a layout's own strings over the
/// shipped ones. Read back from the PDF with pdftotext.
final class LanguageTests: XCTestCase {
    /// A small German issue of March 2027 with a German and a Chinese story.
    static func makeIssue(layoutStrings: String? = nil) throws -> String {
        let folder = Tools.temporaryFolder() + "/issue"
        try FileManager.default.createDirectory(atPath: folder + "/stories", withIntermediateDirectories: true)
        try """
        title: Campus Notes
        date: 2027-03
        lang: de
        volume: 3
        number: 2
        editors: [Anna Berg, Jonas Weil]
        contact: {organisation: International Office, telephone: "+49 30 1234"}
        """.write(toFile: folder + "/issue.yaml", atomically: true, encoding: .utf8)
        try """
        ---
        title: Neue Partnerschaft mit Auenfeld
        written_by: [Katharina Vogt, Jan Roth]
        edited_by: Eleanor Whitcombe
        lang: de
        ---

        Die Vereinbarung gilt zunächst für fünf Jahre und umfasst gemeinsame Promotionsverfahren.
        """.write(toFile: folder + "/stories/01-partnerschaft.md", atomically: true, encoding: .utf8)
        try """
        ---
        title: 中秋迎新
        written_by: 林晓雯
        edited_by: [Eleanor Whitcombe, 周明]
        lang: zh
        ---

        国际办公室在中秋节为新同学举办了迎新活动。
        """.write(toFile: folder + "/stories/02-zhongqiu.md", atomically: true, encoding: .utf8)
        if let layoutStrings {
            try FileManager.default.createDirectory(atPath: folder + "/layouts", withIntermediateDirectories: true)
            let classic = try String(contentsOfFile: Tools.root.appendingPathComponent("layouts/classic.yaml").path, encoding: .utf8)
            try (classic + "\n" + layoutStrings).write(toFile: folder + "/layouts/classic.yaml", atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// The issue's text as pdftotext reads it, whitespace runs made one space.
    static func text(of folder: String) throws -> String {
        let pdf = folder + "/issue.pdf"
        let made = try Tools.run(Tools.bulletin, ["make", folder, "-o", pdf])
        XCTAssertEqual(made.status, 0, made.stderr)
        let text = try Tools.run("pdftotext", ["-raw", "-enc", "UTF-8", pdf, "-"]).stdout
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    func testAGermanIssuePrintsGermanWordsAndEachStoryItsOwnByline() throws {
        let text = try Self.text(of: try Self.makeIssue())
        // The month from the locale data, in the masthead line (set in capitals) and the imprint.
        XCTAssertTrue(text.contains("JAHRGANG 3 · NUMMER 2 · MÄRZ 2027"), text)
        XCTAssertTrue(text.contains("Jahrgang 3, Nummer 2 · März 2027"), text)
        XCTAssertTrue(text.contains("Redaktion: Anna Berg und Jonas Weil"), text)
        XCTAssertTrue(text.contains("Impressum"), text)
        XCTAssertTrue(text.contains("Seite 1 von 1"), text)
        XCTAssertFalse(text.contains("March"), text)
        // Each byline in its story's language.
        XCTAssertTrue(text.contains("Text: Katharina Vogt und Jan Roth · Redaktion: Eleanor Whitcombe"), text)
        XCTAssertTrue(text.contains("撰文：林晓雯 · 编辑：Eleanor Whitcombe和周明"), text)
        XCTAssertFalse(text.contains("Written by") || text.contains("Edited by"), text)
    }

    func testALayoutOverridesTheShippedWords() throws {
        let folder = try Self.makeIssue(layoutStrings: """
        strings:
          de:
            written_by: "Von {names}"
            months: [Jänner, Feber, Lenzing, April, Mai, Juni, Juli, August, September, Oktober, November, Dezember]
          zh-Hans:
            edited_by: "责任编辑：{names}"
        """)
        let text = try Self.text(of: folder)
        XCTAssertTrue(text.contains("Von Katharina Vogt und Jan Roth · Redaktion: Eleanor Whitcombe"), text)
        XCTAssertTrue(text.contains("MÄRZ 2027") == false && text.contains("Lenzing 2027"), text)
        // zh-Hans is not the story's zh: the shipped Chinese words stay.
        XCTAssertTrue(text.contains("编辑：Eleanor Whitcombe和周明"), text)

        // A string the table does not know is an error naming the layout's line.
        let layout = folder + "/layouts/classic.yaml"
        try (try String(contentsOfFile: layout, encoding: .utf8) + "\n  fr:\n    writen_by: \"Par {names}\"\n")
            .write(toFile: layout, atomically: true, encoding: .utf8)
        let made = try Tools.run(Tools.bulletin, ["make", folder, "-o", folder + "/bad.pdf"])
        XCTAssertEqual(made.status, 1)
        XCTAssertTrue(made.stderr.contains("classic.yaml:") && made.stderr.contains("unknown key \"writen_by\" in strings.fr"), made.stderr)
    }

    /// The contents box's entry for the Chinese story says its language in the structure, as
    /// the story's article does, though the box belongs to no article: screen readers read
    /// it in Chinese, not in the issue's German.
    func testContentsEntriesInAnotherLanguageCarryIt() throws {
        let folder = try Self.makeIssue()
        _ = try Self.text(of: folder)
        let objects = try Tools.run("qpdf", ["--qdf", "--object-streams=disable", folder + "/issue.pdf", "-"]).stdout
            .components(separatedBy: "endobj")
        let marked = objects.filter { ($0.contains("/S /P\n") || $0.contains("/S /Span\n")) && $0.contains("/Lang (zh)") }
        XCTAssertFalse(marked.isEmpty, "no P or Span of the contents box has /Lang (zh)")
        XCTAssertTrue(objects.contains { $0.contains("/S /Art") && $0.contains("/Lang (zh)") })
    }

    /// A subhead, a table cell and a block quote in another language than their story's carry
    /// it in the structure, on their H3, TD and BlockQuote, as a paragraph does on its P.
    func testSubheadsCellsAndQuotesInAnotherLanguageCarryIt() throws {
        let folder = try Self.makeIssue()
        try """
        ---
        title: Werkzeuge
        lang: de
        ---

        Der Garten bekommt neue Beete.

        ## What we need {lang=en}

        | Werkzeug | Anzahl |
        |----------|-------:|
        | Spaten | 4 |
        | [Rake]{lang=en} | 2 |

        > Many hands make light work. {lang=en}

        Wer mitmachen möchte, meldet sich.
        """.write(toFile: folder + "/stories/03-werkzeuge.md", atomically: true, encoding: .utf8)
        _ = try Self.text(of: folder)
        let objects = try Tools.run("qpdf", ["--qdf", "--object-streams=disable", folder + "/issue.pdf", "-"]).stdout
            .components(separatedBy: "endobj")
        for element in ["H3", "TD", "BlockQuote"] {
            XCTAssertTrue(objects.contains { $0.contains("/S /\(element)\n") && $0.contains("/Lang (en)") }, "no \(element) has /Lang (en)")
        }
        // The German ones keep their story's, which their article says.
        XCTAssertEqual(objects.filter { $0.contains("/S /TD\n") && $0.contains("/Lang") }.count, 1)
    }

    /// A story in a language the table has no words for (Icelandic) takes the issue's (Dutch)
    /// in its byline and jump lines, not English in a Dutch issue.
    func testAStoryInALanguageWithoutWordsTakesTheIssues() throws {
        let folder = Tools.temporaryFolder() + "/issue"
        try FileManager.default.createDirectory(atPath: folder + "/stories", withIntermediateDirectories: true)
        try "title: Wereldwijd\ndate: 2027-02\nlang: nl\n".write(toFile: folder + "/issue.yaml", atomically: true, encoding: .utf8)
        let sentence = "Á hverjum föstudegi býður alþjóðaskrifstofan upp á kaffi, te og kanilsnúða í anddyrinu. "
        try """
        ---
        title: Velkomin í kaffi
        written_by: Sigríður Jónsdóttir
        edited_by: [Pieter Hoekstra, Mette Kjærgaard]
        lang: is
        ---

        \(String(repeating: sentence, count: 150))
        """.write(toFile: folder + "/stories/01-kaffi.md", atomically: true, encoding: .utf8)
        let text = try Self.text(of: folder)
        XCTAssertTrue(text.contains("Tekst: Sigríður Jónsdóttir · Redactie: Pieter Hoekstra en Mette Kjærgaard"), text)
        XCTAssertTrue(text.contains("Lees verder op pagina 2"), text)
        XCTAssertTrue(text.contains("Vervolg van pagina 1"), text)
        XCTAssertFalse(text.contains("Written by") || text.contains("Continued"), text)
    }

    /// Kickers set in capitals as their language writes them: a Greek one without accents and
    /// with its final sigma, a Turkish one with its dotted capital I; the issue builds.
    func testKickersInCapitalsOfGreekAndTurkish() throws {
        let folder = Tools.temporaryFolder() + "/issue"
        try FileManager.default.createDirectory(atPath: folder + "/stories", withIntermediateDirectories: true)
        try "title: Δελτίο\ndate: 2027-05\nlang: el\n".write(toFile: folder + "/issue.yaml", atomically: true, encoding: .utf8)
        try """
        ---
        title: Νέο πρόγραμμα ανταλλαγών
        kicker: Ανακοινώσεις
        written_by: Ελένη Παππά
        lang: el
        ---

        Το γραφείο διεθνών σχέσεων ανακοινώνει νέο πρόγραμμα για τον Μάιο.
        """.write(toFile: folder + "/stories/01.md", atomically: true, encoding: .utf8)
        try """
        ---
        title: Yaz okulu
        kicker: İstanbul ve ﬁkirler
        written_by: Deniz Işık
        lang: tr
        ---

        Yaz okulu haziranda başlıyor.
        """.write(toFile: folder + "/stories/02.md", atomically: true, encoding: .utf8)
        let text = try Self.text(of: folder)
        XCTAssertTrue(text.contains("ΑΝΑΚΟΙΝΩΣΕΙΣ"), text)
        XCTAssertTrue(text.contains("ΜΑΪΟΣ 2027") || text.contains("ΜΑΪΟΥ 2027"), text)
        XCTAssertTrue(text.contains("İSTANBUL VE FİKİRLER"), text)
    }
}
