import Foundation
import XCTest
import BulletinLayout
import BulletinModel
import BulletinGraphics
@testable import BulletinKit

/// Exit 0 means every story's words are in the PDF. `make` checks the composed document on
/// another thread while it draws the pages (`Composition.contentCheck`), and the output is
/// replaced only once that check has passed.
final class ContentCheckPointTests: XCTestCase {
    /// A composition whose check finds a story's words missing is drawn but not written: the
    /// error names the story's file and line, the earlier PDF at the output is as it was, and
    /// no temporary is left beside it. The same composition with its own check is written.
    func testAFailedContentCheckReplacesNothing() throws {
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/issue.pdf"
        let earlier = Data("%PDF-1.5 the earlier issue".utf8)
        try earlier.write(to: URL(fileURLWithPath: output))
        let options = MakeOptions(issue: Tools.root.appendingPathComponent("examples/sample").path, output: output)
        var stopwatch = Stopwatch()
        var composed = try Bulletin.compose(options, stopwatch: &stopwatch, contentCheckedLater: true)

        // The second story's words taken out of the document the check reads.
        var lossy = composed.document
        for page in lossy.pages.indices {
            lossy.pages[page].items.removeAll { item in
                if case .text(let text) = item { return text.story == 1 }
                return false
            }
        }
        let issue = composed.issue
        let faithful = composed.contentCheck
        composed.contentCheck = BackgroundWork { ContentCheck.missing(in: lossy, issue: issue).first }
        XCTAssertThrowsError(try Bulletin.write(composed, to: output, options: options)) { error in
            guard let error = error as? InputError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.file, issue.stories[1].file)
            XCTAssertEqual(error.line, issue.stories[1].titleLine)
            XCTAssertTrue(error.message.contains("could not be set, so no PDF was written"), error.message)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: output)), earlier, "the earlier PDF stays")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["issue.pdf"], "no temporary is left")

        composed.contentCheck = faithful
        let written = try Bulletin.write(composed, to: output, options: options)
        XCTAssertGreaterThan(written.bytes, 100_000)
        let text = try Tools.run("pdftotext", [output, "-"])
        XCTAssertTrue(text.stdout.contains(issue.stories[1].title.split(separator: " ").first.map(String.init) ?? "?"), String(text.stdout.prefix(500)))
    }
}
