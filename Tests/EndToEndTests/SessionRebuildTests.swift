import Foundation
import XCTest
@testable import BulletinKit

/// A session's rebuild (`bulletin make --watch`) after one story changed prepares that story
/// alone, and writes what a build from scratch writes.
final class SessionRebuildTests: XCTestCase {
    func testARebuildPreparesOnlyTheStoryThatChanged() throws {
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let issue = folder + "/issue"
        try FileManager.default.copyItem(atPath: Tools.root.appendingPathComponent("examples/sample").path, toPath: issue)
        let session = BuildSession()
        var options = MakeOptions(issue: issue, output: folder + "/first.pdf")
        options.session = session
        _ = try Bulletin.make(options)
        let measuring = session.measuring(fontFolders: Bulletin.fontSearch(options))
        let takenBefore = measuring.materials.taken
        // One word more in one story.
        let stories = try FileManager.default.contentsOfDirectory(atPath: issue + "/stories").filter { $0.hasSuffix(".md") }.sorted()
        let edited = issue + "/stories/" + stories[1]
        let text = try String(contentsOfFile: edited, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let last = try XCTUnwrap(lines.lastIndex { $0.count > 40 })
        var changed = lines
        changed[last] = "Indeed, " + changed[last]
        try changed.joined(separator: "\n").write(toFile: edited, atomically: true, encoding: .utf8)
        options.output = folder + "/second.pdf"
        _ = try Bulletin.make(options)
        XCTAssertEqual(measuring.materials.taken - takenBefore, stories.count - 1, "every story but the edited one taken as it was")
        // The same file as a build from scratch.
        var fresh = MakeOptions(issue: issue, output: folder + "/fresh.pdf")
        fresh.helperThread = true
        _ = try Bulletin.make(fresh)
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/second.pdf"), FileManager.default.contents(atPath: folder + "/fresh.pdf"))
        XCTAssertNotEqual(FileManager.default.contents(atPath: folder + "/first.pdf"), FileManager.default.contents(atPath: folder + "/second.pdf"))
    }

    /// A story whose text is as it was but whose picture changed size is prepared again: its
    /// picture's frame is set from the picture's size.
    func testAStoryWhosePictureChangedSizeIsPreparedAgain() throws {
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let issue = folder + "/issue"
        try FileManager.default.copyItem(atPath: Tools.root.appendingPathComponent("examples/sample").path, toPath: issue)
        let session = BuildSession()
        var options = MakeOptions(issue: issue, output: folder + "/first.pdf")
        options.session = session
        _ = try Bulletin.make(options)
        let measuring = session.measuring(fontFolders: Bulletin.fontSearch(options))
        let takenBefore = measuring.materials.taken
        // The photograph (900 × 600) replaced by the chart's pixels (560 × 390) under its name.
        let photo = issue + "/images/harbour-at-dusk.jpg"
        try FileManager.default.removeItem(atPath: photo)
        try FileManager.default.copyItem(atPath: issue + "/images/scholarship-awards.png", toPath: photo)
        options.output = folder + "/second.pdf"
        _ = try Bulletin.make(options)
        let stories = try FileManager.default.contentsOfDirectory(atPath: issue + "/stories").filter { $0.hasSuffix(".md") }
        XCTAssertEqual(measuring.materials.taken - takenBefore, stories.count - 1)
        _ = try Bulletin.make(MakeOptions(issue: issue, output: folder + "/fresh.pdf"))
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/second.pdf"), FileManager.default.contents(atPath: folder + "/fresh.pdf"))
    }
}
