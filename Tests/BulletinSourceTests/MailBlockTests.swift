import XCTest
import BulletinModel
@testable import BulletinSource

/// issue.yaml's `mail:` block: addresses are checked where they are read, with file and line.
final class MailBlockTests: XCTestCase {
    func issue(_ mail: String) -> ScratchIssue {
        ScratchIssue(issueYAML: ScratchIssue.validIssue + "\nmail:\n" + mail)
    }

    func testReadsTheBlock() throws {
        let scratch = issue("""
          from: "Office, Northbridge <office@example.org>"
          to: [staff@example.org, "Ünï Students <students@example.org>"]
          reply_to: replies@example.org
          subject: Global Campus, November
        """)
        let mail = try IssueLoader.load(folder: scratch.path).issue.mail
        XCTAssertEqual(mail.from, "Office, Northbridge <office@example.org>")
        XCTAssertEqual(mail.to, ["staff@example.org", "Ünï Students <students@example.org>"])
        XCTAssertEqual(mail.replyTo, "replies@example.org")
        XCTAssertEqual(mail.subject, "Global Campus, November")
    }

    func testOneRecipientNeedNotBeAList() throws {
        let scratch = issue("  to: staff@example.org\n")
        let mail = try IssueLoader.load(folder: scratch.path).issue.mail
        XCTAssertEqual(mail.to, ["staff@example.org"])
    }

    func testBadAddressNamesFileAndLine() throws {
        let scratch = issue("  from: office@example.org\n  to:\n    - staff@example.org\n    - not an address\n")
        XCTAssertThrowsError(try IssueLoader.load(folder: scratch.path)) { error in
            let error = error as? InputError
            XCTAssertEqual(error?.line, (ScratchIssue.validIssue + "\n").split(separator: "\n", omittingEmptySubsequences: false).count + 4)
            XCTAssertTrue(error?.file.hasSuffix("issue.yaml") ?? false)
            XCTAssertTrue(error?.message.contains("mail.to: \"not an address\" is not an address") ?? false, error?.message ?? "")
        }
    }

    func testHeaderInjectionIsRefused() throws {
        let scratch = issue("  to: \"staff@example.org\\nBcc: everyone@example.org\"\n")
        XCTAssertThrowsError(try IssueLoader.load(folder: scratch.path)) { error in
            XCTAssertTrue((error as? InputError)?.message.contains("line break") ?? false, "\(error)")
        }
    }

    func testAddresses() {
        XCTAssertEqual(MailAddress(parsing: "a.b+c@example.org"), MailAddress(address: "a.b+c@example.org"))
        XCTAssertEqual(MailAddress(parsing: "Ann \"Q\" <a@x.org>"), MailAddress(name: "Ann \"Q\"", address: "a@x.org"))
        XCTAssertEqual(MailAddress(parsing: "\"Office, North\" <a@x.org>"), MailAddress(name: "Office, North", address: "a@x.org"))
        for bad in ["", "a@", "@x.org", "a@@x.org", "a b@x.org", "a@x..org", "a@-x.org", "ä@x.org", "<a@x.org", "Ann a@x.org"] {
            XCTAssertNotNil(MailAddress.problem(with: bad), bad)
        }
    }
}
