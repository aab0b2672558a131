import Foundation
import XCTest
@testable import BulletinKit
import BulletinLayout

/// A session's rebuild (`bulletin make --watch`) after one story changed prepares that story
/// alone, and writes what a build from scratch writes.
final class SessionRebuildTests: XCTestCase {
    /// A copy of the sample in `folder`, built once to first.pdf in a session: the options
    /// for its next build, and the session's cache of prepared stories.
    func startSession(in folder: String, before: (String) throws -> Void = { _ in }) throws -> (issue: String, options: MakeOptions, materials: MaterialCache) {
        let issue = folder + "/issue"
        try FileManager.default.copyItem(atPath: Tools.root.appendingPathComponent("examples/sample").path, toPath: issue)
        try before(issue)
        let session = BuildSession()
        var options = MakeOptions(issue: issue, output: folder + "/first.pdf")
        options.session = session
        _ = try Bulletin.make(options)
        return (issue, options, session.measuring(fontFolders: Bulletin.fontSearch(options)).materials)
    }

    func testARebuildPreparesOnlyTheStoryThatChanged() throws {
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var (issue, options, materials) = try startSession(in: folder)
        let takenBefore = materials.taken
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
        XCTAssertEqual(materials.taken - takenBefore, stories.count - 1, "every story but the edited one taken as it was")
        XCTAssertGreaterThanOrEqual(materials.headsTaken, stories.count - 1, "the heads of the others too")
        // Of the edited story, the paragraphs that did not change are taken as they were set.
        let paragraphs = try XCTUnwrap(options.session?.measuring(fontFolders: Bulletin.fontSearch(options)).paragraphs)
        XCTAssertGreaterThanOrEqual(paragraphs.taken, 4, "the edited story's other paragraphs")
        let parsed = try XCTUnwrap(options.session?.parsed)
        XCTAssertEqual(parsed.storiesTaken, stories.count - 1, "the others' files are not parsed again")
        XCTAssertEqual(parsed.layoutsTaken, 1)
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
        var (issue, options, materials) = try startSession(in: folder)
        let takenBefore = materials.taken
        // The photograph (900 × 600) replaced by the chart's pixels (560 × 390) under its name.
        let photo = issue + "/images/harbour-at-dusk.jpg"
        try FileManager.default.removeItem(atPath: photo)
        try FileManager.default.copyItem(atPath: issue + "/images/scholarship-awards.png", toPath: photo)
        options.output = folder + "/second.pdf"
        _ = try Bulletin.make(options)
        let stories = try FileManager.default.contentsOfDirectory(atPath: issue + "/stories").filter { $0.hasSuffix(".md") }
        XCTAssertEqual(materials.taken - takenBefore, stories.count - 1)
        _ = try Bulletin.make(MakeOptions(issue: issue, output: folder + "/fresh.pdf"))
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/second.pdf"), FileManager.default.contents(atPath: folder + "/fresh.pdf"))
    }

    /// A story whose headline changed gets its new head: the heads an earlier build set are
    /// taken again only for stories as they were.
    func testAStoryWhoseHeadlineChangedIsSetWithItsNewHead() throws {
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var (issue, options, materials) = try startSession(in: folder)
        let stories = try FileManager.default.contentsOfDirectory(atPath: issue + "/stories").filter { $0.hasSuffix(".md") }.sorted()
        let edited = issue + "/stories/" + stories[0]
        let text = try String(contentsOfFile: edited, encoding: .utf8)
        let title = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("title:") })
        try text.replacingOccurrences(of: String(title), with: "title: Harbour lights draw a record crowd of exchange students")
            .write(toFile: edited, atomically: true, encoding: .utf8)
        let headsBefore = materials.headsTaken
        options.output = folder + "/second.pdf"
        _ = try Bulletin.make(options)
        XCTAssertGreaterThan(materials.headsTaken, headsBefore)
        let second = try Tools.run("pdftotext", ["-raw", "-enc", "UTF-8", folder + "/second.pdf", "-"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(second.contains("record crowd of exchange"), second)
        _ = try Bulletin.make(MakeOptions(issue: issue, output: folder + "/fresh.pdf"))
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/second.pdf"), FileManager.default.contents(atPath: folder + "/fresh.pdf"))
    }

    /// A story taken as an earlier build parsed it tells again what parsing it told: the editor
    /// watching sees the warning on every build, not on the first alone.
    func testAStoryTakenAsItWasParsedTellsItsWarningsAgain() throws {
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let stories = try FileManager.default.contentsOfDirectory(atPath: Tools.root.appendingPathComponent("examples/sample/stories").path)
            .filter { $0.hasSuffix(".md") }.sorted()
        var (issue, options, _) = try startSession(in: folder) { issue in
            let file = issue + "/stories/" + stories[2]
            let text = try String(contentsOfFile: file, encoding: .utf8)
            try text.replacingOccurrences(of: "\ntitle:", with: "\ncolour: teal\ntitle:").write(toFile: file, atomically: true, encoding: .utf8)
        }
        // Another story edited; the one with the unknown key left as it was.
        let edited = issue + "/stories/" + stories[0]
        try (try String(contentsOfFile: edited, encoding: .utf8) + "\nOne more sentence.\n").write(toFile: edited, atomically: true, encoding: .utf8)
        options.output = folder + "/second.pdf"
        let report = try Bulletin.make(options)
        XCTAssertEqual(options.session?.parsed.storiesTaken, stories.count - 1)
        XCTAssertEqual(report.warnings.filter { $0.message.contains("colour") }.count, 1, "\(report.warnings)")
        XCTAssertTrue(report.warnings.contains { $0.file.hasSuffix(stories[2]) && $0.line == 2 }, "\(report.warnings)")
    }

    /// Of a story edited after another was, the paragraphs that did not change are taken as
    /// the first build set them: an unchanged story's paragraphs are kept while it is not
    /// prepared, not only those of the story edited last.
    func testAnotherStoryEditedNextTakesItsUnchangedParagraphs() throws {
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var (issue, options, _) = try startSession(in: folder)
        let paragraphs = try XCTUnwrap(options.session?.measuring(fontFolders: Bulletin.fontSearch(options)).paragraphs)
        let stories = try FileManager.default.contentsOfDirectory(atPath: issue + "/stories").filter { $0.hasSuffix(".md") }.sorted()
        for (step, name) in [stories[1], stories[3]].enumerated() {
            let file = issue + "/stories/" + name
            let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            let last = try XCTUnwrap(lines.lastIndex { $0.count > 40 })
            var changed = lines
            changed[last] = "Indeed, " + changed[last]
            try changed.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
            let (taken, set) = (paragraphs.taken, paragraphs.setAfresh)
            options.output = folder + "/step\(step).pdf"
            _ = try Bulletin.make(options)
            XCTAssertGreaterThanOrEqual(paragraphs.taken - taken, 4, "\(name): its unchanged paragraphs")
            // The edited paragraph alone is set again, at each looseness the issue's fitting tries.
            XCTAssertLessThanOrEqual(paragraphs.setAfresh - set, 3, "\(name): only its edited paragraph set again")
        }
        _ = try Bulletin.make(MakeOptions(issue: issue, output: folder + "/fresh.pdf"))
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/step1.pdf"), FileManager.default.contents(atPath: folder + "/fresh.pdf"))
    }
}

