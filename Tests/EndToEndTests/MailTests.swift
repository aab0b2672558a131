import Foundation
import XCTest

/// `bulletin mail`: the message is read back with Python's `email` package, a MIME parser that
/// owes nothing to ours, and each part is checked, down to the attachment's bytes.
final class MailTests: XCTestCase {
    var folder = ""
    var issue: String { folder + "/issue" }
    var eml: String { folder + "/issue.eml" }

    override func setUpWithError() throws {
        folder = Tools.temporaryFolder()
        try FileManager.default.copyItem(atPath: Tools.root.appendingPathComponent("examples/sample").path, toPath: issue)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    /// python3 from the PATH; `make setup` installs it.
    static func python() throws -> String {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = String(directory) + "/python3"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        XCTFail("python3 is missing: `make setup` installs it")
        throw XCTSkip("no python3")
    }

    /// The message as Python's email package reads it: headers decoded, each part's type,
    /// disposition, file name, Content-ID and decoded text; binary parts go to files.
    static let reader = #"""
    import email, email.policy, json, sys
    raw = open(sys.argv[1], 'rb').read()
    m = email.message_from_bytes(raw, policy=email.policy.default)
    out = {"defects": [str(d) for d in m.defects], "bare_lf": raw.replace(b"\r\n", b"").count(b"\n"),
           "longest_line": max(len(l) for l in raw.split(b"\r\n")),
           "headers": {k: str(m[k]) for k in ["From", "To", "Reply-To", "Subject", "Date", "Message-ID", "MIME-Version"]},
           "to": [a.addr_spec for a in m["To"].addresses], "parts": []}
    for i, p in enumerate(m.walk()):
        part = {"type": p.get_content_type(), "disposition": p.get_content_disposition(), "filename": p.get_filename(),
                "cid": p["Content-ID"], "cte": p["Content-Transfer-Encoding"], "charset": p.get_content_charset(),
                "defects": [str(d) for d in p.defects]}
        if p.get_content_maintype() == "text":
            part["text"] = p.get_content().replace("\r\n", "\n")
        elif not p.is_multipart():
            path = sys.argv[2] + "/part-%d" % i
            open(path, "wb").write(p.get_content())
            part["file"] = path
        out["parts"].append(part)
    print(json.dumps(out))
    """#

    /// A baseline or progressive JPEG's width and height, from its start-of-frame marker.
    static func jpegSize(_ path: String) throws -> (width: Int, height: Int) {
        let bytes = [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: path), "no \(path)"))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xFF, 0xD8, 0xFF], "\(path) is not a JPEG")
        var at = 2
        while at + 9 < bytes.count, bytes[at] == 0xFF {
            let marker = bytes[at + 1]
            let length = Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
            if marker == 0xC0 || marker == 0xC2 {
                return (Int(bytes[at + 7]) << 8 | Int(bytes[at + 8]), Int(bytes[at + 5]) << 8 | Int(bytes[at + 6]))
            }
            at += 2 + length
        }
        XCTFail("\(path) has no start of frame")
        return (0, 0)
    }

    func read(_ path: String) throws -> [String: Any] {
        let result = try Tools.run(try Self.python(), ["-c", Self.reader, path, folder])
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout)
    }

    func addMailBlock() throws {
        let yaml = try String(contentsOfFile: issue + "/issue.yaml", encoding: .utf8)
        try (yaml + """
        mail:
          from: "Tomás Aguilar <t.aguilar@northbridge.example.edu>"
          to:
            - "Staff, all faculties <staff@northbridge.example.edu>"
            - students@northbridge.example.edu
          reply_to: international@northbridge.example.edu
          subject: "Global Campus – November 2026: a record year abroad"

        """).write(toFile: issue + "/issue.yaml", atomically: true, encoding: .utf8)
        // A title with markup characters, which the HTML must show as text.
        let path = issue + "/stories/09-lost-and-found.md"
        let story = try String(contentsOfFile: path, encoding: .utf8)
        try story.replacingOccurrences(of: "title: Left behind at the festival", with: "title: \"Left <script>alert(1)</script> & found\"")
            .write(toFile: path, atomically: true, encoding: .utf8)
    }

    func testMessageReadsBackPartByPart() throws {
        try addMailBlock()
        let made = try Tools.run(Tools.bulletin, ["mail", issue, "-o", eml, "--date", "2026-11-30T09:00:00Z"])
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertEqual(made.stdout, eml + "\n")
        XCTAssertTrue(made.stderr.split(separator: "\n").last?.hasPrefix(eml + " · PDF ") ?? false, "the summary comes last: \(made.stderr)")
        let message = try read(eml)
        XCTAssertEqual(message["defects"] as? [String], [])
        XCTAssertEqual(message["bare_lf"] as? Int, 0, "every line ends in CRLF")
        XCTAssertLessThanOrEqual(message["longest_line"] as? Int ?? 999, 78)

        let headers = try XCTUnwrap(message["headers"] as? [String: String])
        XCTAssertEqual(headers["From"], "Tomás Aguilar <t.aguilar@northbridge.example.edu>")
        XCTAssertEqual(headers["To"], "\"Staff, all faculties\" <staff@northbridge.example.edu>, students@northbridge.example.edu")
        XCTAssertEqual(message["to"] as? [String], ["staff@northbridge.example.edu", "students@northbridge.example.edu"])
        XCTAssertEqual(headers["Reply-To"], "international@northbridge.example.edu")
        XCTAssertEqual(headers["Subject"], "Global Campus – November 2026: a record year abroad")
        XCTAssertEqual(headers["Date"], "Mon, 30 Nov 2026 09:00:00 +0000")
        XCTAssertEqual(headers["MIME-Version"], "1.0")
        XCTAssertTrue(headers["Message-ID"]?.hasSuffix("@northbridge.example.edu>") ?? false, headers["Message-ID"] ?? "")

        let parts = try XCTUnwrap(message["parts"] as? [[String: Any]])
        XCTAssertEqual(parts.map { $0["type"] as? String }, ["multipart/mixed", "multipart/related", "multipart/alternative", "text/plain",
                                                            "text/html", "image/jpeg", "application/pdf"])
        for part in parts { XCTAssertEqual(part["defects"] as? [String], [], "\(part["type"] ?? "")") }

        // Both texts list every story with its kicker, title and summary (or deck).
        let plain = try XCTUnwrap(parts[3]["text"] as? String)
        let html = try XCTUnwrap(parts[4]["text"] as? String)
        XCTAssertEqual(parts[3]["charset"] as? String, "utf-8")
        XCTAssertTrue(plain.contains("EXCHANGE\nRecord numbers head overseas as exchange programme widens its reach\nA record 412 students"), plain)
        XCTAssertTrue(plain.contains("Universität Auenfeld"), plain)
        XCTAssertTrue(plain.contains("LOST AND FOUND\nLeft <script>alert(1)</script> & found\nItems found in the Atrium"), plain)
        XCTAssertTrue(html.contains("Left &lt;script&gt;alert(1)&lt;/script&gt; &amp; found"), html)
        XCTAssertFalse(html.lowercased().contains("<script"), "no scripts")
        XCTAssertFalse(html.contains("<style"), "styles inline only")
        XCTAssertTrue(html.contains("<table role=\"presentation\""))
        for title in ["Record numbers head overseas", "Northbridge and Universität Auenfeld sign strategic partnership"] {
            XCTAssertTrue(html.contains(title), title)
        }

        // The cover: a JPEG 600 pixels wide that the HTML shows by its Content-ID, at the size
        // the HTML gives it; smaller than the same picture as a PNG (preview's cover), and than
        // the PDF.
        let cid = try XCTUnwrap(parts[5]["cid"] as? String)
        XCTAssertEqual(parts[5]["disposition"] as? String, "inline")
        XCTAssertEqual(parts[5]["cte"] as? String, "base64")
        XCTAssertEqual(parts[5]["filename"] as? String, "cover.jpg")
        XCTAssertTrue(html.contains("src=\"cid:\(cid.dropFirst().dropLast())\""), "the HTML shows the cover \(cid)")
        let coverFile = try XCTUnwrap(parts[5]["file"] as? String)
        let cover = try Self.jpegSize(coverFile)
        XCTAssertEqual(cover.width, 600)
        XCTAssertEqual(cover.height, 849)
        XCTAssertTrue(html.contains("width=\"600\" height=\"849\""), "the HTML gives the cover's size")
        let preview = try Tools.run(Tools.bulletin, ["preview", issue, "--pages", "1", "--dpi", "10", "-o", folder + "/pictures"])
        XCTAssertEqual(preview.status, 0, preview.stderr)
        let coverBytes = try XCTUnwrap(FileManager.default.contents(atPath: coverFile)).count
        let pngBytes = try XCTUnwrap(FileManager.default.contents(atPath: folder + "/pictures/global-campus-2026-11-cover.png")).count
        XCTAssertEqual(try PreviewTests.pngSize(folder + "/pictures/global-campus-2026-11-cover.png").width, 600)
        XCTAssertLessThan(coverBytes * 5 / 4, pngBytes, "the JPEG cover (\(coverBytes) bytes) against the PNG (\(pngBytes))")
        let pdfBytes = try XCTUnwrap(FileManager.default.contents(atPath: try XCTUnwrap(parts[6]["file"] as? String))).count
        XCTAssertLessThan(coverBytes, pdfBytes, "the cover is larger than the PDF")

        // The attachment is the PDF `make` writes, byte for byte.
        XCTAssertEqual(parts[6]["disposition"] as? String, "attachment")
        XCTAssertEqual(parts[6]["filename"] as? String, "global-campus-2026-11.pdf")
        XCTAssertEqual(parts[6]["cte"] as? String, "base64")
        let pdf = folder + "/made.pdf"
        let make = try Tools.run(Tools.bulletin, ["make", issue, "-o", pdf])
        XCTAssertEqual(make.status, 0, make.stderr)
        let attached = FileManager.default.contents(atPath: try XCTUnwrap(parts[6]["file"] as? String))
        XCTAssertEqual(attached, FileManager.default.contents(atPath: pdf))
        XCTAssertTrue(attached?.starts(with: Data("%PDF-".utf8)) ?? false)
    }

    /// The message's own words are the PDF's, in the issue's language (issue.yaml's `lang:`,
    /// though the sample's stories are in English): subject, date line, heading, telephone, the
    /// sentence about the attachment and the cover's description, for an issue of March 2027.
    func testTheMessageSpeaksTheIssuesLanguage() throws {
        let english = ["March 2027", "Volume 12", "IN THIS ISSUE", "Telephone", "The whole issue is attached", "The front page of"]
        let cases: [(lang: String, subject: String, plain: [String], html: [String])] = [
            ("de", "Global Campus – März 2027",
             ["Global Campus\nNews from the International Office of Northbridge University\nMärz 2027 · Jahrgang 12, Nummer 11\n\nIN DIESER AUSGABE\n",
              "\nTel. +44 1632 960 418 · ", "\nDie ganze Ausgabe liegt als PDF bei: global-campus-2027-03.pdf ("],
             ["<html lang=\"de\">", ">IN DIESER AUSGABE</td>", "Die ganze Ausgabe liegt als PDF bei: <b>global-campus-2027-03.pdf</b> (",
              "alt=\"Die Titelseite von Global Campus, März 2027 · Jahrgang 12, Nummer 11\""]),
            ("es", "Global Campus – marzo de 2027",
             ["Global Campus\nNews from the International Office of Northbridge University\nmarzo de 2027 · Volumen 12, número 11\n\nEN ESTE NÚMERO\n",
              "\nTel. +44 1632 960 418 · ", "\nEl número completo va adjunto en PDF: global-campus-2027-03.pdf ("],
             ["<html lang=\"es\">", ">EN ESTE NÚMERO</td>", "El número completo va adjunto en PDF: <b>global-campus-2027-03.pdf</b> (",
              "alt=\"La portada de Global Campus, marzo de 2027 · Volumen 12, número 11\""]),
        ]
        let yaml = try String(contentsOfFile: issue + "/issue.yaml", encoding: .utf8)
        for (lang, subject, plainWords, htmlWords) in cases {
            let edited = "lang: \(lang)\n" + yaml.replacingOccurrences(of: "date: 2026-11", with: "date: 2027-03")
            try edited.write(toFile: issue + "/issue.yaml", atomically: true, encoding: .utf8)
            let made = try Tools.run(Tools.bulletin, ["mail", issue, "-o", eml, "--to", "a@example.org"])
            XCTAssertEqual(made.status, 0, "\(lang): \(made.stderr)")
            let message = try read(eml)
            XCTAssertEqual((message["headers"] as? [String: String])?["Subject"], subject, lang)
            let parts = try XCTUnwrap(message["parts"] as? [[String: Any]])
            let plain = try XCTUnwrap(parts.first { $0["type"] as? String == "text/plain" }?["text"] as? String)
            let html = try XCTUnwrap(parts.first { $0["type"] as? String == "text/html" }?["text"] as? String)
            for words in plainWords { XCTAssertTrue(plain.contains(words), "\(lang): the plain text lacks \(words):\n\(plain)") }
            for words in htmlWords { XCTAssertTrue(html.contains(words), "\(lang): the HTML lacks \(words):\n\(html)") }
            for words in english {
                XCTAssertFalse(plain.contains(words) || html.contains(words), "\(lang): \"\(words)\" is English")
            }
        }
    }

    /// The message's capitals are the PDF's: a Greek issue's heading and a Greek story's kicker
    /// without their accents.
    func testCapitalsFollowTheLanguage() throws {
        let yaml = try String(contentsOfFile: issue + "/issue.yaml", encoding: .utf8)
        try ("lang: el\n" + yaml).write(toFile: issue + "/issue.yaml", atomically: true, encoding: .utf8)
        let path = issue + "/stories/09-lost-and-found.md"
        let story = try String(contentsOfFile: path, encoding: .utf8)
        try story.replacingOccurrences(of: "kicker: Lost and found", with: "kicker: Ανακοινώσεις").replacingOccurrences(of: "lang: en", with: "lang: el")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let made = try Tools.run(Tools.bulletin, ["mail", issue, "-o", eml, "--to", "a@example.org"])
        XCTAssertEqual(made.status, 0, made.stderr)
        let parts = try XCTUnwrap(try read(eml)["parts"] as? [[String: Any]])
        let plain = try XCTUnwrap(parts.first { $0["type"] as? String == "text/plain" }?["text"] as? String)
        XCTAssertTrue(plain.contains("ΣΕ ΑΥΤΟ ΤΟ ΤΕΥΧΟΣ"), plain)
        XCTAssertTrue(plain.contains("ΑΝΑΚΟΙΝΩΣΕΙΣ"), plain)
    }

    /// A story in another language than the issue's says so in the HTML, and one written from
    /// right to left runs from the right there, its kicker not letter-spaced.
    func testEntriesInOtherLanguagesCarryTheirLanguageAndDirection() throws {
        let path = issue + "/stories/09-lost-and-found.md"
        let story = try String(contentsOfFile: path, encoding: .utf8)
        try story.replacingOccurrences(of: "kicker: Lost and found", with: "kicker: مفقودات")
            .replacingOccurrences(of: "title: Left behind at the festival", with: "title: نسيت في المهرجان")
            .replacingOccurrences(of: "lang: en", with: "lang: ar")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let made = try Tools.run(Tools.bulletin, ["mail", issue, "-o", eml, "--to", "a@example.org"])
        XCTAssertEqual(made.status, 0, made.stderr)
        let parts = try XCTUnwrap(try read(eml)["parts"] as? [[String: Any]])
        let html = try XCTUnwrap(parts.first { $0["type"] as? String == "text/html" }?["text"] as? String)
        let cells = html.components(separatedBy: "<tr>").filter { $0.contains("نسيت في المهرجان") }
        XCTAssertEqual(cells.count, 1, html)
        XCTAssertTrue(cells.first?.contains("<td lang=\"ar\" dir=\"rtl\"") == true, cells.first ?? "")
        XCTAssertFalse(cells.first?.contains("letter-spacing") == true, cells.first ?? "")
        // The English stories' entries need no mark.
        XCTAssertFalse(html.components(separatedBy: "<tr>").contains { $0.contains("lang=\"en\"") && $0.contains("<td lang") }, html)
    }

    func testSameIssueAndDateGiveTheSameMessage() throws {
        try addMailBlock()
        let first = try Tools.run(Tools.bulletin, ["mail", issue, "-o", folder + "/a.eml"], environment: ["SOURCE_DATE_EPOCH": "1796029200"])
        let second = try Tools.run(Tools.bulletin, ["mail", issue, "-o", folder + "/b.eml"], environment: ["SOURCE_DATE_EPOCH": "1796029200"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/a.eml"), FileManager.default.contents(atPath: folder + "/b.eml"))
        XCTAssertEqual(try read(folder + "/a.eml")["headers"].flatMap { ($0 as? [String: String])?["Date"] }, "Mon, 30 Nov 2026 09:00:00 +0000")
    }

    func testFlagsWinAndNonASCIIIsEncoded() throws {
        try addMailBlock()
        let made = try Tools.run(Tools.bulletin, ["mail", issue, "-o", eml, "--to", "Zoë Ünal <zoe@example.org>", "--subject", "Grüße aus Northbridge"])
        XCTAssertEqual(made.status, 0, made.stderr)
        let raw = try String(contentsOfFile: eml, encoding: .utf8)
        let head = raw.components(separatedBy: "\r\n\r\n")[0]
        XCTAssertTrue(head.unicodeScalars.allSatisfy(\.isASCII), "headers are ASCII, non-ASCII as encoded-words: \(head)")
        XCTAssertTrue(head.contains("=?UTF-8?B?"), head)
        let headers = try XCTUnwrap(try read(eml)["headers"] as? [String: String])
        XCTAssertEqual(headers["To"], "Zoë Ünal <zoe@example.org>")
        XCTAssertEqual(headers["Subject"], "Grüße aus Northbridge")
        XCTAssertEqual(headers["From"], "Tomás Aguilar <t.aguilar@northbridge.example.edu>")
    }

    /// A message is not written over a file the issue was read from (here a hard link to a
    /// story, named as a message): the files gathered while the issue was composed protect it.
    func testAMessageIsNotWrittenOverAStory() throws {
        let story = issue + "/stories/01-record-year-for-exchange.md"
        let before = FileManager.default.contents(atPath: story)
        let link = folder + "/story.eml"
        try FileManager.default.linkItem(atPath: story, toPath: link)
        let made = try Tools.run(Tools.bulletin, ["mail", issue, "-o", link, "--to", "a@example.org"])
        XCTAssertEqual(made.status, 1, made.stderr)
        XCTAssertTrue(made.stderr.contains("story.eml: is the input file"), made.stderr)
        XCTAssertEqual(FileManager.default.contents(atPath: story), before)
    }

    func testNoRecipientsIsAnErrorAndWritesNothing() throws {
        let made = try Tools.run(Tools.bulletin, ["mail", issue, "-o", eml])
        XCTAssertEqual(made.status, 1)
        XCTAssertTrue(made.stderr.hasPrefix("error: "), made.stderr)
        XCTAssertTrue(made.stderr.contains("issue/issue.yaml: the message has no recipients"), made.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: eml))
        let bad = try Tools.run(Tools.bulletin, ["mail", issue, "-o", eml, "--to", "staff at example.org"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("--to: \"staff at example.org\" is not an address"), bad.stderr)
        let pdfName = try Tools.run(Tools.bulletin, ["mail", issue, "-o", folder + "/x.pdf", "--to", "a@example.org"])
        XCTAssertEqual(pdfName.status, 1)
        XCTAssertTrue(pdfName.stderr.contains("a mail message is written to a .eml file"), pdfName.stderr)
    }

    /// A contact email the footer prints but no mail server takes (letters outside ASCII) is
    /// named, with its line and what is wrong with it, as the reason there is no sender: the
    /// message does not ask for an email the issue already has.
    func testAContactEmailThatIsNoAddressIsNamedAsTheReasonForNoSender() throws {
        let yaml = try String(contentsOfFile: issue + "/issue.yaml", encoding: .utf8)
        let lines = yaml.components(separatedBy: "\n")
        let line = try XCTUnwrap(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("email:") }) + 1
        try lines.enumerated().map { $0.offset + 1 == line ? "  email: oficina.ñandú@example.es" : $0.element }
            .joined(separator: "\n").write(toFile: issue + "/issue.yaml", atomically: true, encoding: .utf8)
        let made = try Tools.run(Tools.bulletin, ["mail", issue, "-o", eml, "--to", "a@example.org"])
        XCTAssertEqual(made.status, 1, made.stderr)
        XCTAssertTrue(made.stderr.contains("issue/issue.yaml:\(line): the message has no sender: contact.email \"oficina.ñandú@example.es\" has letters outside ASCII"),
                      made.stderr)
        XCTAssertTrue(made.stderr.contains("pass --from"), made.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: eml))
        // With a sender of its own, the same issue is sent.
        let sent = try Tools.run(Tools.bulletin, ["mail", issue, "-o", eml, "--to", "a@example.org", "--from", "office@example.es"])
        XCTAssertEqual(sent.status, 0, sent.stderr)
    }
}
