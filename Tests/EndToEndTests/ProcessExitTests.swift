import Foundation
import XCTest
@testable import BulletinKit
@testable import BulletinGraphics

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
}
