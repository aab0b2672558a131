import XCTest
import BulletinModel
@testable import BulletinSource

final class YAMLProblemTests: XCTestCase {
    /// The error parsing `yaml` gives, as front matter starting on line 2 of `s.md`.
    func error(_ yaml: String, lineOffset: Int = 1, file: StaticString = #filePath, line: UInt = #line) -> InputError? {
        do {
            _ = try YAMLValue.parse(yaml, file: "s.md", lineOffset: lineOffset)
            XCTFail("expected an error", file: file, line: line)
        } catch let error as InputError {
            // Every message is one line without control characters.
            XCTAssertFalse(error.description.unicodeScalars.contains { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) },
                           error.description.debugDescription, file: file, line: line)
            return error
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
        return nil
    }

    func testColonInTitleAsksForQuotes() {
        let e = error("title: Budget: what changes\nkicker: News\n")
        XCTAssertEqual(e?.line, 2)
        XCTAssertEqual(e?.message, "invalid YAML: mapping values are not allowed in this context: "
                       + "put the title in quotes, as in title: \"Budget: what changes\"")
    }

    func testTabIndentation() {
        XCTAssertEqual(error("title: T\nwritten_by:\n\t- A\n")?.description, "s.md:4: invalid YAML: found character that cannot start any token: indent with spaces, not tabs")
        let e = error("title: x\n\tkicker: y\n")
        XCTAssertEqual(e?.line, 3)
        XCTAssertTrue(e?.message.hasSuffix("indent with spaces, not tabs") == true, e?.message ?? "")
    }

    func testDuplicateKeyNamesTheSecondLine() {
        XCTAssertEqual(error("title: T\nkicker: One\nkicker: Two\n")?.description,
                       "s.md:4: invalid YAML: \"kicker\" appears twice (first on line 3): keep one")
        XCTAssertEqual(error("title: T\ncontact:\n  web: a\n  email: b\n  web: c\n", lineOffset: 0)?.line, 5)
        XCTAssertEqual(error("title: T\n\"kicker\": One\ndeck: D\n'kicker': Two\n", lineOffset: 0)?.line, 4)
        // A key of the same name in another mapping is not the duplicate.
        XCTAssertEqual(error("a:\n  x: 1\n  x: 2\nb:\n  x: 3\n", lineOffset: 0)?.line, 3)
        // On one line, only the line is known.
        XCTAssertEqual(error("a: {x: 1, x: 2}\n", lineOffset: 0)?.line, 1)
        // Scalars are read as written, untyped (YAMLValue.parse): 1 and "1" are one key.
        XCTAssertEqual(error("title: T\nsizes:\n  1: a\n  \"1\": b\n", lineOffset: 0)?.line, 4)
    }

    func testControlCharactersNameLineAndCodePoint() {
        XCTAssertEqual(error("title: Nul\nkicker: a\u{0}b\n")?.description,
                       "s.md:3: invalid YAML: U+0000 (a control character) is not allowed: remove it")
        XCTAssertEqual(error("title: Ctl\ndeck: fine\nkicker: a\u{1B}[31mred\n")?.line, 4)
        XCTAssertEqual(error("title: x\u{FFFE}\n")?.message, "invalid YAML: U+FFFE (a noncharacter) is not allowed: remove it")
        // What YAML takes but type cannot is refused where nothing may warn (layouts) ...
        XCTAssertEqual(error("title: x\ndeck: a\u{2028}b\n")?.description, "s.md:3: U+2028 (a line separator) cannot be set in type: remove it")
    }

    func testCleanedYAMLWarnsInsteadAndKeepsLines() throws {
        // ... and cleaned, with the lines kept, where it may.
        let cleaned = try YAMLValue.cleaned("title: x\(ScratchIssue.noncharacterFDD0)\ndeck: a\u{2028}b\nkicker: k\n", file: "s.md", lineOffset: 1)
        XCTAssertEqual(cleaned.removals.map(\.line), [2, 3])
        let yaml = try XCTUnwrap(try YAMLValue.parse(cleaned.text, file: "s.md", lineOffset: 1))
        let pairs = try yaml.mapping("front matter")
        XCTAssertEqual(pairs.map(\.key), ["title", "deck", "kicker"])
        XCTAssertEqual(pairs.map(\.line), [2, 3, 4])
        XCTAssertEqual(try pairs[1].value.string("deck"), "a b")
        XCTAssertThrowsError(try YAMLValue.cleaned("title: a\u{1B}b\n", file: "s.md")) {
            XCTAssertEqual(($0 as? InputError)?.line, 1)
        }
    }

    func testOtherHints() {
        let quote = error("title: x\nkicker: \"unclosed\n")
        XCTAssertEqual(quote?.line, 3)
        XCTAssertTrue(quote?.message.hasSuffix("the quote that opens on this line is never closed") == true, quote?.message ?? "")
        let colon = error("title: x\nkicker\n")
        XCTAssertEqual(colon?.line, 3)
        XCTAssertTrue(colon?.message.hasSuffix("a key and its value are written key: value, with a colon and a space") == true, colon?.message ?? "")
        let list = error("title: T\nvolume: [12\nnumber: 11\n", lineOffset: 0)
        XCTAssertEqual(list?.line, 3)
        XCTAssertTrue(list?.message.hasSuffix("the [ on line 2 is not closed; put the value in quotes if the [ is text") == true, list?.message ?? "")
        XCTAssertTrue(error("title: @home\n")?.message.hasSuffix("a value cannot begin with @: put it in quotes") == true)
        let alias = error("title: *stars*\n")
        XCTAssertTrue(alias?.message.hasSuffix("a value that begins with * names an anchor: put it in quotes") == true, alias?.message ?? "")
        XCTAssertTrue(error("title: x\ndeck: \"a\" b\n")?.message.hasSuffix("text follows a closing quote: put the whole value in quotes") == true)
        let indented = error("title: x\n  kicker: y\n")
        XCTAssertEqual(indented?.line, 3)
        XCTAssertTrue(indented?.message.hasSuffix("start it at the left edge") == true, indented?.message ?? "")
    }

    func testLongValueIsAnError() throws {
        let yaml = try XCTUnwrap(try YAMLValue.parse("deck: " + String(repeating: "a", count: Limits.valueBytes + 1) + "\nok: fine\n", file: "s.md"))
        let pairs = try yaml.mapping("front matter")
        XCTAssertThrowsError(try pairs[0].value.string("deck")) {
            XCTAssertEqual(($0 as? InputError)?.description, "s.md:1: deck is 4,097 bytes long, over the limit of 4 KB")
        }
        XCTAssertEqual(try pairs[1].value.string("ok"), "fine")
    }

    func testKeysWithControlsAreRefused() throws {
        let yaml = try XCTUnwrap(try YAMLValue.parse("\"a\\tb\": 1\n", file: "s.md"))
        XCTAssertThrowsError(try yaml.mapping("front matter")) {
            XCTAssertEqual(($0 as? InputError)?.description, "s.md:1: front matter: keys must be plain words")
        }
    }

    func testValuesQuotedInMessagesAreEscaped() throws {
        let yaml = try XCTUnwrap(try YAMLValue.parse("n: \"1\\e[2J\"\n", file: "s.md"))
        XCTAssertThrowsError(try yaml.mapping("x")[0].value.int("n")) {
            // An escape that makes a control character is refused by name, the character never echoed.
            XCTAssertEqual(($0 as? InputError)?.message, "n holds a control character (U+001B), which cannot be set in type: take it out of the value")
        }
    }
}
