import Foundation
import XCTest
@testable import BulletinKit
@testable import BulletinGraphics
import CProcessTesting

/// `bulletin make` without `--watch` ends the process after one build: what the build made is
/// left for the system to take back rather than freed piece by piece.
final class ProcessExitTests: XCTestCase {
    func testOnlyABuildThatEndsTheProcessLeavesWhatItMadeUnfreed() throws {
        let folder = Tools.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(atPath: folder)
            Bulletin.leftForExit.removeAll()
        }
        let finishingBefore = PDFFinishing.leftForExit.count
        let sample = Tools.root.appendingPathComponent("examples/sample").path
        var options = MakeOptions(issue: sample, output: folder + "/watched.pdf")
        let before = Bulletin.leftForExit.count
        _ = try Bulletin.make(options)
        XCTAssertEqual(Bulletin.leftForExit.count, before, "a build of a session that goes on (--watch, tests) frees what it made")
        XCTAssertEqual(PDFFinishing.leftForExit.count, finishingBefore, "qpdf's data too")
        options.output = folder + "/once.pdf"
        options.processEndsAfter = true
        let report = try Bulletin.make(options)
        XCTAssertEqual(Bulletin.leftForExit.count, before + 1)
        XCTAssertEqual(Bulletin.leftForExit.last?.document.pages.count, report.pages)
        // qpdf's data of the finishing pass (the file it read, its objects, the file it wrote).
        XCTAssertEqual(PDFFinishing.leftForExit.count, finishingBefore + 1)
    }

    /// `bulletin make` ends as soon as it has written and reported, and its memory is let go
    /// by a holder that outlives it (Sources/CMalloc/process_end.c): seen here as an orphan
    /// this process reaps, which has closed the output it shared.
    func testTheProcessEndsBeforeItsMemoryIsLetGo() throws {
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        XCTAssertEqual(bulletin_test_reap_orphans(1), 0)
        defer { _ = bulletin_test_reap_orphans(0) }
        let sample = Tools.root.appendingPathComponent("examples/sample").path
        let result = try Tools.run(Tools.bulletin, ["make", sample, "-o", folder + "/x.pdf"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, folder + "/x.pdf\n", "standard output whole")
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/x.pdf"))
        // The holder, reparented to this process when bulletin ended.
        var holder: pid_t = 0, status: Int32 = 0
        let deadline = Date().addingTimeInterval(10)
        while holder <= 0 && Date() < deadline {
            holder = waitpid(-1, &status, WNOHANG)
            if holder == -1 && errno == ECHILD { break }
            if holder <= 0 { usleep(1_000) }
        }
        XCTAssertGreaterThan(holder, 0, "no process outlived bulletin to let its memory go")
        XCTAssertTrue(status & 0x7f == 0 && (status >> 8) & 0xff == 0, "the holder exits with 0 (status \(status))")
    }
}
