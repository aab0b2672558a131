import XCTest
import BulletinModel
@testable import BulletinSource

final class TextFileTests: XCTestCase {
    /// Reads `bytes` written to a scratch file.
    func read(_ bytes: [UInt8], maxBytes: Int = Limits.yamlFileBytes) throws -> String {
        let scratch = ScratchIssue(issueYAML: nil, stories: [:])
        scratch.write("file.txt", bytes: bytes)
        return try TextFile.read(scratch.path + "/file.txt", shownAs: "file.txt", maxBytes: maxBytes)
    }

    func error(_ bytes: [UInt8], maxBytes: Int = Limits.yamlFileBytes) -> InputError? {
        do {
            _ = try read(bytes, maxBytes: maxBytes)
            XCTFail("expected an error")
            return nil
        } catch {
            return error as? InputError
        }
    }

    func testLineEndsBecomeNewlines() {
        XCTAssertEqual(TextFile.normalisingLineEnds("a\r\nb\r\n"), "a\nb\n")
        XCTAssertEqual(TextFile.normalisingLineEnds("a\rb\r"), "a\nb\n")
        XCTAssertEqual(TextFile.normalisingLineEnds("a\r\rb"), "a\n\nb")
        XCTAssertEqual(TextFile.normalisingLineEnds("a\r\r\nb\n\rc"), "a\n\nb\n\nc")
        XCTAssertEqual(TextFile.normalisingLineEnds("é\r\n中"), "é\n中")
        XCTAssertEqual(TextFile.normalisingLineEnds("plain\n"), "plain\n")
    }

    func testReadStripsMarkAndNormalises() throws {
        XCTAssertEqual(try read([0xEF, 0xBB, 0xBF] + Array("a: 1\r\nb: 2\r\n".utf8)), "a: 1\nb: 2\n")
        XCTAssertEqual(try read(Array("x\ry".utf8)), "x\ny")
    }

    func testInvalidUTF8LineCountsEveryKindOfLineEnd() {
        XCTAssertEqual(TextFile.firstInvalidUTF8(Array("a\nb\nc".utf8) + [0xFF]).line, 3)
        XCTAssertEqual(TextFile.firstInvalidUTF8(Array("a\r\nb\r\nc".utf8) + [0xFF]).line, 3)
        XCTAssertEqual(TextFile.firstInvalidUTF8(Array("a\rb\rc".utf8) + [0xFF]).line, 3)
        XCTAssertEqual(TextFile.firstInvalidUTF8(Array("a\r\rc".utf8) + [0xFF]).line, 3)
    }

    /// After the file's name and the line's number, the message reads as a sentence with its
    /// subject: what is not UTF-8, where the first bad byte is, and how to mend the file.
    func testInvalidUTF8MessageSaysTheFileIsNotUTF8() {
        let latin1 = error(Array("title: Caf".utf8) + [0xE9] + Array("\n".utf8))
        XCTAssertEqual(latin1?.description, "file.txt:1: the file is not UTF-8 text (invalid byte at offset 10); save it as UTF-8")
    }

    func testEncodedSurrogatesAndOverlongFormsAreNotUTF8() {
        // CESU-8 writes U+D800 as ED A0 80; UTF-8 has no surrogates.
        let cesu = error(Array("line one\nline two ".utf8) + [0xED, 0xA0, 0x80] + Array("\n".utf8))
        XCTAssertEqual(cesu?.line, 2)
        XCTAssertEqual(cesu?.message.hasPrefix("the file is not UTF-8 text (invalid byte at offset 18)"), true, cesu?.message ?? "")
        XCTAssertEqual(error(Array("a\r\n".utf8) + [0xC0, 0x80])?.line, 2)
        XCTAssertEqual(error(Array("a\r".utf8) + [0xE0, 0x80, 0x80])?.line, 2)
        // A valid neighbour of the surrogates reads.
        XCTAssertEqual(try read([0xED, 0x9F, 0xBF]), "\u{D7FF}")
    }

    func testSizeLimit() throws {
        XCTAssertEqual(try read(Array(repeating: 0x61, count: 100), maxBytes: 100).count, 100)
        let big = error(Array(repeating: 0x61, count: 101), maxBytes: 100)
        XCTAssertEqual(big?.message, "file is 101 bytes, over the limit of 100 bytes")
        XCTAssertNil(big?.line)
    }

    func testLineLengthLimit() throws {
        let line = Array(repeating: UInt8(0x61), count: Limits.lineBytes)
        XCTAssertEqual(try read(Array("short\n".utf8) + line + Array("\n".utf8)).utf8.count, Limits.lineBytes + 7)
        let long = error(Array("short\r\nshort\r\n".utf8) + line + [0x61] + Array("\r\nshort\n".utf8))
        XCTAssertEqual(long?.line, 3)
        XCTAssertEqual(long?.message, "line is 65,537 bytes long, over the limit of 64 KB: break it into paragraphs")
        XCTAssertEqual(error(line + [0x61])?.line, 1)
    }

    func testOnlyRegularFilesAreRead() throws {
        let scratch = ScratchIssue(issueYAML: nil, stories: [:])
        XCTAssertThrowsError(try TextFile.read(scratch.path + "/stories", shownAs: "stories")) {
            XCTAssertEqual(($0 as? InputError)?.message, "is a folder, not a file")
        }
        XCTAssertThrowsError(try TextFile.read(scratch.path + "/none", shownAs: "none")) {
            XCTAssertEqual(($0 as? InputError)?.message, "file not found")
        }
        XCTAssertEqual(mkfifo(scratch.path + "/fifo", 0o644), 0)
        XCTAssertThrowsError(try TextFile.read(scratch.path + "/fifo", shownAs: "fifo")) {
            XCTAssertEqual(($0 as? InputError)?.message, "is not a regular file")
        }
    }

    func testSizesReadAsEditorsSayThem() {
        XCTAssertEqual(Limits.size(2 * 1024 * 1024), "2 MB")
        XCTAssertEqual(Limits.size(64 * 1024), "64 KB")
        XCTAssertEqual(Limits.size(1_000_001), "1,000,001 bytes")
        XCTAssertEqual(Limits.format(999), "999")
        XCTAssertEqual(Limits.format(1000), "1,000")
    }
}
