import Foundation
import XCTest
import BulletinKit

/// `bulletin preview`: page pictures drawn by the renderer, the cover thumbnail, and the
/// `--pages` ranges it refuses.
final class PreviewTests: XCTestCase {
    var folder = ""
    var issue: String { folder + "/issue" }

    override func setUp() {
        folder = Tools.temporaryFolder()
        try? FileManager.default.copyItem(atPath: Tools.root.appendingPathComponent("examples/sample").path, toPath: issue)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    /// A PNG's width and height, from its IHDR chunk.
    static func pngSize(_ path: String) throws -> (width: Int, height: Int) {
        let bytes = [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: path), "no \(path)"))
        XCTAssertEqual(Array(bytes.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "\(path) is not a PNG")
        func word(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (word(16), word(20))
    }

    func testPagesAndThumbnailAtTheirSizes() throws {
        let result = try Tools.run(Tools.bulletin, ["preview", issue, "--pages", "2-3", "--dpi", "72", "-o", folder + "/pictures"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder + "/pictures").sorted()
        XCTAssertEqual(names, ["global-campus-2026-11-cover.png", "global-campus-2026-11-page-2.png", "global-campus-2026-11-page-3.png"])
        XCTAssertEqual(result.stdout.split(separator: "\n").map { ($0 as NSString).lastPathComponent },
                       ["global-campus-2026-11-page-2.png", "global-campus-2026-11-page-3.png", "global-campus-2026-11-cover.png"])
        // A4 at 72 dpi: 595.3 × 841.9 points, rounded up.
        let page = try Self.pngSize(folder + "/pictures/global-campus-2026-11-page-2.png")
        XCTAssertEqual(page.width, 596)
        XCTAssertEqual(page.height, 842)
        let cover = try Self.pngSize(folder + "/pictures/global-campus-2026-11-cover.png")
        XCTAssertEqual(cover.width, 600)
        XCTAssertEqual(cover.height, 849)
    }

    func testEveryPageOfASixPageIssue() throws {
        // Six pages and the cover: more pictures at once than a run used to have room for.
        let result = try Tools.run(Tools.bulletin, ["preview", issue, "--dpi", "20", "-o", folder + "/pictures"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder + "/pictures").sorted()
        XCTAssertEqual(names, ["global-campus-2026-11-cover.png"] + (1...6).map { "global-campus-2026-11-page-\($0).png" })
        for page in 1...6 {
            XCTAssertEqual(try Self.pngSize(folder + "/pictures/global-campus-2026-11-page-\(page).png").width, 166, "page \(page)")
        }
    }

    func testDefaultFolderIsMakes() throws {
        // Beside the issue, where make puts its PDF: issue/out/.
        let result = try Tools.run(Tools.bulletin, ["preview", "issue", "--pages", "1", "--dpi", "20", "--no-thumbnail"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "issue/out/global-campus-2026-11-page-1.png\n")
        XCTAssertEqual(try Self.pngSize(issue + "/out/global-campus-2026-11-page-1.png").width, 166)
    }

    func testBadRangesAreClearErrorsAndWriteNothing() throws {
        let cases: [(String, String, Int32)] = [
            ("3-1", "the range \"3-1\" runs backwards: write 1-3", 64),
            ("0", "pages are counted from 1", 64),
            ("two", "\"two\" is not a page or a range of pages", 64),
            ("1,,2", "\"1,,2\" has an empty range", 64),
            ("9", "the issue has 6 pages, so there is no page 9", 1),
        ]
        for (pages, message, status) in cases {
            let result = try Tools.run(Tools.bulletin, ["preview", issue, "--pages", pages, "-o", folder + "/pictures"])
            XCTAssertEqual(result.status, status, "\(pages): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("--pages: " + message), "\(pages): \(result.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/pictures/global-campus-2026-11-cover.png"), pages)
        }
    }

    func testPageSelection() throws {
        XCTAssertEqual(try PageSelection(parsing: "1-3").indices(pageCount: 6), [0, 1, 2])
        XCTAssertEqual(try PageSelection(parsing: "5-").indices(pageCount: 6), [4, 5])
        XCTAssertEqual(try PageSelection(parsing: "2, 1-2,6").indices(pageCount: 6), [1, 0, 5])
        XCTAssertEqual(try PageSelection(parsing: "4-9").indices(pageCount: 6), [3, 4, 5])
        XCTAssertThrowsError(try PageSelection(parsing: "-2"))
        XCTAssertThrowsError(try PageSelection(parsing: "1-2-3"))
        XCTAssertThrowsError(try PageSelection(parsing: "٣"))
        XCTAssertThrowsError(try PageSelection(parsing: "7").indices(pageCount: 6))
    }

    func testOutputSuffixes() throws {
        XCTAssertEqual(try OutputKind("out/x.PDF"), .pdf)
        XCTAssertEqual(try OutputKind("out/x.png"), .png)
        XCTAssertEqual(try OutputKind("out/earlier"), .pdf)
        XCTAssertEqual(try OutputKind("out/v1.2"), .pdf)
        XCTAssertEqual(try OutputKind("-"), .pdf)
        XCTAssertThrowsError(try OutputKind("x.svg"))
        XCTAssertThrowsError(try OutputKind("x.jpeg"))
    }
}
