import Foundation
import XCTest
@testable import BulletinKit
import BulletinSource

/// `bulletin make`'s issue is read while its arguments are parsed (`IssueReadAhead`), and the
/// build takes what was read for its own folder, file by file as long as the text is the same.
final class IssueReadAheadTests: XCTestCase {
    /// A copy of the sample issue in a folder of its own.
    func sampleCopy() throws -> String {
        let folder = Tools.temporaryFolder() + "/issue"
        try FileManager.default.copyItem(atPath: Tools.root.appendingPathComponent("examples/sample").path, toPath: folder)
        return folder
    }

    func testTheFolderIsGuessedAsMakeWillReadIt() throws {
        let folder = try sampleCopy()
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        XCTAssertEqual(IssueReadAhead.guessedFolder(["bulletin", "make", folder]), folder)
        XCTAssertEqual(IssueReadAhead.guessedFolder(["bulletin", "make", "-o", "out.pdf", "--layout", "tabloid", folder, "--for", "print"]), folder)
        // An option's value that is a folder without issue.yaml is passed over.
        let plain = (folder as NSString).deletingLastPathComponent
        XCTAssertEqual(IssueReadAhead.guessedFolder(["bulletin", "make", "--output-folder", plain, folder]), folder)
        XCTAssertEqual(IssueReadAhead.guessedFolder(["bulletin", "make", "--sample"]), Bulletin.sampleIssue)
        XCTAssertNil(IssueReadAhead.guessedFolder(["bulletin", "check", folder]), "make's alone")
        XCTAssertNil(IssueReadAhead.guessedFolder(["bulletin", "make", folder, "--watch"]), "a session parses its own")
        XCTAssertNil(IssueReadAhead.guessedFolder(["bulletin"]))
    }

    func testTheBuildTakesWhatWasReadForItsFolder() throws {
        let folder = try sampleCopy()
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        IssueReadAhead.start(["bulletin", "make", folder])
        let options = MakeOptions(issue: folder, output: (folder as NSString).appendingPathComponent("issue.pdf"))
        let composed = try Bulletin.compose(options)
        XCTAssertEqual(composed.issue.stories.count, 10)
        XCTAssertNil(IssueReadAhead.take(folder), "the build took it")
        // Read for another folder: not taken.
        IssueReadAhead.start(["bulletin", "make", folder])
        XCTAssertNil(IssueReadAhead.take(folder + "/stories/.."), "the folder as the build names it")
    }

    func testTheBuildMeasuresWithTheFontsReadAheadForItsFolder() throws {
        let folder = try sampleCopy()
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        IssueReadAhead.start(["bulletin", "make", folder])
        let ahead = try XCTUnwrap(IssueReadAhead.ahead?.fonts, "the issue's fonts are read from the start")
        let options = MakeOptions(issue: folder, output: (folder as NSString).appendingPathComponent("issue.pdf"))
        let composed = try Bulletin.compose(options)
        XCTAssertTrue(composed.shaper === ahead.wait()?.shaper, "the build shapes with the fonts read ahead")
        XCTAssertNil(IssueReadAhead.takeFonts(folder), "taken once")
        // Read for another folder: left.
        IssueReadAhead.start(["bulletin", "make", folder])
        XCTAssertNil(IssueReadAhead.takeFonts(folder + "/stories/.."), "the folder as the build names it")
        // None for a font folder that fails the build's check (a link out of the issue), which
        // the build then reports.
        try FileManager.default.createSymbolicLink(atPath: folder + "/fonts", withDestinationPath: "/usr/share/fonts")
        IssueReadAhead.start(["bulletin", "make", folder])
        let refused = try XCTUnwrap(IssueReadAhead.takeFonts(folder))
        XCTAssertNil(refused.wait(), "the build reads such a folder only to refuse it")
        XCTAssertThrowsError(try Bulletin.compose(options)) { XCTAssertTrue("\($0)".contains("fonts"), "\($0)") }
    }

    func testAStoryThatChangedMeanwhileIsReadAsItIsNow() throws {
        let folder = try sampleCopy()
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let parsed = IssueReadAhead.read(folder)
        let story = folder + "/stories/09-lost-and-found.md"
        let text = try String(contentsOfFile: story, encoding: .utf8)
        let changed = text.replacingOccurrences(of: "title: ", with: "title: Changed ")
        XCTAssertNotEqual(changed, text)
        try changed.write(toFile: story, atomically: true, encoding: .utf8)
        let loaded = try IssueLoader.load(folder: folder, parsed: parsed)
        XCTAssertEqual(parsed.storiesTaken, loaded.issue.stories.count - 1, "every story but the changed one as read ahead")
        XCTAssertTrue(loaded.issue.stories.contains { $0.title.hasPrefix("Changed ") })
        let layout = try LayoutLoader.load(path: try Bulletin.layoutPath(of: loaded.issue, options: MakeOptions(issue: folder)), parsed: parsed)
        XCTAssertEqual(parsed.layoutsTaken, 1)
        XCTAssertGreaterThan(layout.style(.body).size, 0)
    }
}
