import XCTest
import BulletinModel
@testable import BulletinSource

final class IssueFolderTests: XCTestCase {
    /// A scratch issue and, beside it, a folder "elsewhere" holding `secret.md`.
    func scene() -> (ScratchIssue, String) {
        let scratch = ScratchIssue()
        let elsewhere = scratch.path + "-elsewhere"
        try? FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: elsewhere + "/secret.md", contents: Data(ScratchIssue.validStory.utf8))
        addTeardownBlock { try? FileManager.default.removeItem(atPath: elsewhere) }
        return (scratch, elsewhere)
    }

    func link(_ path: String, to target: String) {
        XCTAssertNoThrow(try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target))
    }

    func testFilesInsidePass() throws {
        let (scratch, _) = scene()
        let folder = IssueFolder(scratch.path)
        XCTAssertNoThrow(try folder.checkInside(scratch.path + "/stories/01-first.md"))
        XCTAssertNoThrow(try folder.checkInside(scratch.path + "/stories"))
        XCTAssertNoThrow(try folder.checkInside(scratch.path))
        // A link that stays inside is fine, and so is a missing file (its reader reports it).
        link(scratch.path + "/stories/02-again.md", to: "01-first.md")
        XCTAssertNoThrow(try folder.checkInside(scratch.path + "/stories/02-again.md"))
        XCTAssertNoThrow(try folder.checkInside(scratch.path + "/stories/none.md"))
    }

    func testLinkLeavingTheFolderIsNamedAsGiven() throws {
        let (scratch, elsewhere) = scene()
        link(scratch.path + "/stories/02-secret.md", to: elsewhere + "/secret.md")
        XCTAssertThrowsError(try IssueFolder(scratch.path).checkInside(scratch.path + "/stories/02-secret.md")) { error in
            let e = error as? InputError
            XCTAssertEqual(e?.file, IssueLoader.display(scratch.path + "/stories/02-secret.md"))
            XCTAssertTrue(e?.file.hasSuffix("/stories/02-secret.md") == true, e?.file ?? "")
            XCTAssertEqual(e?.message, "lies outside the issue folder (through a symbolic link): copy it into the folder, or pass --allow-outside")
        }
        XCTAssertNoThrow(try IssueFolder(scratch.path, allowOutside: true).checkInside(scratch.path + "/stories/02-secret.md"))
        XCTAssertNoThrow(try IssueFolder(scratch.path).checkInside(scratch.path + "/stories/02-secret.md", alsoAllowing: [elsewhere]))
    }

    func testPrefixOfTheFolderNameIsNotInside() throws {
        // "/x/issue-elsewhere" starts with "/x/issue" but is not below it.
        let (scratch, elsewhere) = scene()
        XCTAssertTrue(elsewhere.hasPrefix(scratch.path))
        XCTAssertThrowsError(try IssueFolder(scratch.path).checkInside(elsewhere + "/secret.md"))
    }

    func testLinkedIssueFolderIsItsOwnInside() throws {
        let (scratch, _) = scene()
        let alias = scratch.path + "-alias"
        link(alias, to: scratch.path)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: alias) }
        XCTAssertNoThrow(try IssueFolder(alias).checkInside(alias + "/stories/01-first.md"))
        XCTAssertNoThrow(try IssueLoader.load(folder: alias))
    }

    func testLoaderRefusesLinkedStoryFolderAndIssueFile() throws {
        let (scratch, elsewhere) = scene()
        try FileManager.default.removeItem(atPath: scratch.path + "/stories")
        link(scratch.path + "/stories", to: elsewhere)
        XCTAssertThrowsError(try IssueLoader.load(folder: scratch.path)) {
            XCTAssertTrue(($0 as? InputError)?.file.hasSuffix("/stories/secret.md") == true, "\($0)")
        }
        XCTAssertEqual(try IssueLoader.load(folder: scratch.path, allowOutside: true).issue.stories.count, 1)

        try FileManager.default.moveItem(atPath: scratch.path + "/issue.yaml", toPath: elsewhere + "/issue.yaml")
        link(scratch.path + "/issue.yaml", to: elsewhere + "/issue.yaml")
        XCTAssertThrowsError(try IssueLoader.load(folder: scratch.path)) {
            XCTAssertTrue(($0 as? InputError)?.description.hasSuffix("/issue.yaml: lies outside the issue folder (through a symbolic link): copy it into the folder, or pass --allow-outside") == true, "\($0)")
        }
    }

    func testTreeCheckFindsALinkDeepInside() throws {
        let (scratch, elsewhere) = scene()
        let fonts = scratch.path + "/fonts/family"
        try FileManager.default.createDirectory(atPath: fonts, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: fonts + "/Regular.ttf", contents: Data())
        XCTAssertNoThrow(try IssueFolder(scratch.path).checkTree(scratch.path + "/fonts"))
        link(fonts + "/Bold.ttf", to: elsewhere + "/secret.md")
        XCTAssertThrowsError(try IssueFolder(scratch.path).checkTree(scratch.path + "/fonts")) {
            XCTAssertTrue(($0 as? InputError)?.file.hasSuffix("/fonts/family/Bold.ttf") == true, "\($0)")
        }
        XCTAssertNoThrow(try IssueFolder(scratch.path).checkTree(scratch.path + "/no-fonts"))
    }

    func testDisplayKeepsLinksAndEscapes() {
        XCTAssertEqual(IssueLoader.lexicallyStandard("/a/./b//c/../d"), "/a/b/d")
        XCTAssertEqual(IssueLoader.lexicallyStandard("/../a"), "/a")
        XCTAssertEqual(IssueLoader.display("/tmp/x\u{1B}y.md"), "/tmp/x<U+001B>y.md")
    }
}
