import XCTest
import Foundation
@testable import BulletinGraphics

/// Pictures and hyphenation patterns are read whole by `RegularFile`: a regular file's bytes,
/// no larger than a limit, and nothing else (a FIFO is refused at once, not waited on).
final class RegularFileTests: FolderTestCase {
    override class var folderPrefix: String { "regular-file" }

    func testAFileIsReadWhole() throws {
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let path = folder + "/data.bin"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        XCTAssertEqual(try RegularFile.bytes(at: path, maxBytes: bytes.count), bytes)
        let empty = folder + "/empty"
        XCTAssertTrue(FileManager.default.createFile(atPath: empty, contents: Data()))
        XCTAssertEqual(try RegularFile.bytes(at: empty, maxBytes: 10), [])
    }

    func testWhatIsNotAFileWithinTheLimitIsRefused() throws {
        let path = folder + "/data.bin"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(repeating: 1, count: 1001)))
        XCTAssertThrowsError(try RegularFile.bytes(at: path, maxBytes: 1000)) { XCTAssertEqual($0 as? RegularFile.Problem, .tooLarge) }
        XCTAssertThrowsError(try RegularFile.bytes(at: folder + "/none", maxBytes: 1000)) { XCTAssertEqual($0 as? RegularFile.Problem, .notFound) }
        XCTAssertThrowsError(try RegularFile.bytes(at: folder, maxBytes: 1000)) { XCTAssertEqual($0 as? RegularFile.Problem, .notRegular) }
        // A FIFO with no writer: refused, not waited on for ever.
        let fifo = folder + "/pipe"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertThrowsError(try RegularFile.bytes(at: fifo, maxBytes: 1000)) { XCTAssertEqual($0 as? RegularFile.Problem, .notRegular) }
    }
}
