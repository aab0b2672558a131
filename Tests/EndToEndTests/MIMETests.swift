import XCTest
@testable import BulletinKit

/// The encodings the mail message is written in, on the cases a parser is lenient about.
final class MIMETests: XCTestCase {
    func testQuotedPrintableLines() {
        let long = String(repeating: "abcdefghij", count: 20)
        let encoded = MIME.quotedPrintable(".\nFrom here\n" + long + "\ntrailing space \nä=\n")
        let lines = encoded.components(separatedBy: "\r\n")
        XCTAssertEqual(lines[0], "=2E", "a lone dot ends an SMTP message")
        XCTAssertEqual(lines[1], "=46rom here", "\"From \" starts an mbox message")
        XCTAssertTrue(lines.allSatisfy { $0.count <= 76 }, encoded)
        XCTAssertTrue(lines[2].hasSuffix("="), "a soft break")
        XCTAssertTrue(encoded.contains("trailing space=20\r\n"))
        XCTAssertTrue(encoded.contains("=C3=A4=3D\r\n"))
        XCTAssertFalse(encoded.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    func testHeaders() {
        XCTAssertEqual(MIME.text("Plain subject"), "Plain subject")
        XCTAssertEqual(MIME.text("Grüße"), "=?UTF-8?B?R3LDvMOfZQ==?=")
        // Whole characters in each word: 30 bytes of two-byte letters are 15 letters.
        let words = MIME.encodedWords(String(repeating: "ä", count: 20)).split(separator: " ")
        XCTAssertEqual(words.count, 2)
        // A name of words is cut between its words, each word whole in one encoded-word.
        let decoded = MIME.encodedWords("Международный отдел университета").split(separator: " ").map { word in
            String(decoding: Data(base64Encoded: String(word.dropFirst("=?UTF-8?B?".count).dropLast(2))) ?? Data(), as: UTF8.self)
        }
        XCTAssertEqual(decoded, ["Международный ", "отдел ", "университета"])
        XCTAssertEqual(MIME.address(MailAddressFixture.office), "\"Office, North\" <a@x.org>")
        let field = MIME.field("To", Array(repeating: "someone@example.org", count: 8).joined(separator: ", "))
        XCTAssertTrue(field.components(separatedBy: "\r\n").allSatisfy { $0.count <= 78 }, field)
        XCTAssertEqual(MIME.date(Date(timeIntervalSince1970: 1796029200)), "Mon, 30 Nov 2026 09:00:00 +0000")
    }
}

import BulletinModel
enum MailAddressFixture {
    static let office = MailAddress(name: "Office, North", address: "a@x.org")
}
