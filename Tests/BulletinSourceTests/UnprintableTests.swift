import XCTest
import BulletinModel
@testable import BulletinSource

final class UnprintableTests: XCTestCase {
    func testKinds() {
        let expected: [(UInt32, Unprintable.Kind?)] = [
            (0x41, nil), (0x09, nil), (0x0A, nil), (0xA0, nil), (0xE9, nil), (0x4E2D, nil), (0xFFFD, nil), (0x1F600, nil),
            (0x00, .control), (0x1B, .control), (0x0D, .control), (0x7F, .control), (0x85, .control), (0x9B, .control),
            (0x2028, .separator), (0x2029, .separator),
            (0xFDD0, .noncharacter), (0xFDEF, .noncharacter), (0xFFFE, .noncharacter), (0xFFFF, .noncharacter),
            (0x1FFFE, .noncharacter), (0x10FFFF, .noncharacter), (0xFDCF, nil), (0xFDF0, nil), (0x1FFFD, nil),
        ]
        for (value, kind) in expected {
            XCTAssertEqual(Unprintable.kind(of: Unicode.Scalar(value)!), kind, Unprintable.code(Unicode.Scalar(value)!))
        }
    }

    func testWhatYAMLRefuses() {
        for value: UInt32 in [0x00, 0x1B, 0x7F, 0x9B, 0xFFFE, 0xFFFF] {
            XCTAssertTrue(Unprintable.isForbiddenInYAML(Unicode.Scalar(value)!), Unprintable.code(Unicode.Scalar(value)!))
        }
        for value: UInt32 in [0x09, 0x0A, 0x0D, 0x41, 0x85, 0x2028, 0xFDD0, 0x1FFFF] {
            XCTAssertFalse(Unprintable.isForbiddenInYAML(Unicode.Scalar(value)!), Unprintable.code(Unicode.Scalar(value)!))
        }
    }

    func testCleaningRemovesOrSpacesAndRecordsLines() {
        let cleaned = CleanedText("one\u{FFFF}\ntwo\u{2028}words\nthree\u{1B}[0m\u{1B}\n\u{85}four", firstLine: 10)
        XCTAssertEqual(cleaned.text, "one\ntwo words\nthree[0m\n four")
        XCTAssertEqual(cleaned.count, 5)
        XCTAssertEqual(cleaned.removals.map(\.line), [10, 11, 12, 12, 13])
        let warning = CleanedText.warning(file: "s.md", cleaned.removals)
        XCTAssertEqual(warning?.description, "s.md:10: warning: removed characters that cannot be set in type: "
            + "U+FFFF (a noncharacter) from line 10; U+2028 (a line separator, now a space) from line 11; "
            + "U+001B (a control character) from line 12; U+0085 (a control character, now a space) from line 13")
    }

    func testCleanTextIsLeftAlone() {
        let text = "Plain text, tabs\tand 中文.\n"
        let cleaned = CleanedText(text)
        XCTAssertEqual(cleaned.text, text)
        XCTAssertEqual(cleaned.count, 0)
        XCTAssertNil(CleanedText.warning(file: "s.md", cleaned.removals))
    }

    func testOneWarningForManyLines() {
        let text = (1...20).map { "line \($0)\u{7}" }.joined(separator: "\n")
        let cleaned = CleanedText(text)
        XCTAssertEqual(cleaned.count, 20)
        XCTAssertEqual(CleanedText.warning(file: "s.md", cleaned.removals)?.message,
                       "removed characters that cannot be set in type: U+0007 (a control character) from lines 1, 2, 3, 4, 5 and more")
    }

    func testRemovalsKeptAreBounded() {
        let cleaned = CleanedText(String(repeating: "\u{0}", count: CleanedText.kept + 10))
        XCTAssertEqual(cleaned.count, CleanedText.kept + 10)
        XCTAssertEqual(cleaned.removals.count, CleanedText.kept)
        XCTAssertEqual(cleaned.text, "")
    }

    func testMessagesEscapeControls() {
        XCTAssertEqual("a\u{1B}[31mred\tx\ny".escapedForMessage, "a<U+001B>[31mred<U+0009>x<U+000A>y")
        XCTAssertEqual("evil\u{202E}txt.md".escapedForMessage, "evil<U+202E>txt.md")
        XCTAssertEqual("Tomás 中文".escapedForMessage, "Tomás 中文")
        XCTAssertEqual(Unprintable.code("\u{1F600}"), "U+1F600")
    }
}
