import XCTest
import Foundation
import BulletinModel
@testable import BulletinGraphics

/// Font folders are read file by file: fontconfig, given a folder, opens everything in it, and
/// a FIFO there made the font scan wait for ever.
final class FontFolderTests: XCTestCase {
    var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "bulletin-fonts-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// DejaVu Sans renamed "Hostile Fnt" in its name table: a family no system has, so finding
    /// it proves the folder's own file was read.
    func writeRenamedFont(to path: String) throws {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
        for (old, new) in [("DejaVu Sans", "Hostile Fnt")] {
            for encoding in [String.Encoding.utf16BigEndian, .ascii] {
                let from = try XCTUnwrap(old.data(using: encoding)), to = try XCTUnwrap(new.data(using: encoding))
                var count = 0
                while let range = bytes.range(of: from) {
                    bytes.replaceSubrange(range, with: to)
                    count += 1
                }
                XCTAssertGreaterThan(count, 0)
            }
        }
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: bytes))
    }

    func makeFIFO(_ path: String) {
        XCTAssertEqual(mkfifo(path, 0o644), 0)
    }

    func testOnlyRegularFilesAreTaken() throws {
        try writeRenamedFont(to: folder + "/a.ttf")
        try writeRenamedFont(to: folder + "/sub/b.ttf")
        makeFIFO(folder + "/pipe.ttf")
        try FileManager.default.createSymbolicLink(atPath: folder + "/link-to-pipe.ttf", withDestinationPath: "pipe.ttf")
        try FileManager.default.createSymbolicLink(atPath: folder + "/link-to-font.ttf", withDestinationPath: "a.ttf")
        try FileManager.default.createSymbolicLink(atPath: folder + "/link-to-folder", withDestinationPath: "sub")
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/.hidden.ttf", contents: Data()))

        let files = FontFiles(folders: [folder, folder + "/missing"])
        XCTAssertEqual(files.paths.map { String($0.dropFirst(folder.count + 1)) }, ["a.ttf", "link-to-font.ttf", "sub/b.ttf"])
        XCTAssertEqual(files.warnings.map { "\(String($0.file.dropFirst(folder.count + 1))): \($0.message)" }, [
            "link-to-folder: is a link to a folder, not to a font file: skipped",
            "link-to-pipe.ttf: is a link to a FIFO, not to a font file: skipped",
            "pipe.ttf: is a FIFO, not a font file: skipped",
        ])
    }

    /// The system's configuration read as the process starts goes to the first library made
    /// after, and only to it; that library finds the folder's fonts and the system's, as one
    /// reading the configuration itself does.
    func testTheSystemConfigurationReadAheadIsTheFirstLibrarysAlone() throws {
        try writeRenamedFont(to: folder + "/a.ttf")
        FontLibrary.readSystemConfigurationAhead()
        let ahead = try XCTUnwrap(FontLibrary.systemAhead.withLock { $0 })
        let config = try XCTUnwrap(ahead.wait())
        let first = FontLibrary(folders: [folder])
        XCTAssertEqual(first.config, config)
        XCTAssertNil(FontLibrary.systemAhead.withLock { $0 })
        let second = FontLibrary(folders: [folder])
        XCTAssertNotEqual(second.config, config)
        for library in [first, second] {
            XCTAssertTrue(library.hasFamily("Hostile Fnt"))
            XCTAssertTrue(library.hasFamily("DejaVu Sans"))
            XCTAssertTrue(library.hasFace("Liberation Serif", bold: true, italic: true))
        }
        XCTAssertEqual(first.concreteFamily("serif"), second.concreteFamily("serif"))
    }

    func testFoldersNestedTooDeepAreNotRead() throws {
        let deep = folder + "/" + Array(repeating: "d", count: FontFiles.deepest + 1).joined(separator: "/")
        try FileManager.default.createDirectory(atPath: deep, withIntermediateDirectories: true)
        try writeRenamedFont(to: deep + "/deep.ttf")
        let files = FontFiles(folders: [folder])
        XCTAssertEqual(files.paths, [])
        XCTAssertEqual(files.warnings.count, 1)
        XCTAssertTrue(files.warnings.first?.message.hasPrefix("font folders nest deeper than 8") == true)
    }

    /// With a FIFO beside it, the folder's font is still found, and quickly.
    func testFontsResolveBesideAFIFO() throws {
        try writeRenamedFont(to: folder + "/hostile.ttf")
        makeFIFO(folder + "/a-pipe.ttf")
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var found = false, warnings: [Warning] = []
        let folder = self.folder
        Thread.detachNewThread {
            let library = FontLibrary(folders: [folder])
            found = library.hasFamily("Hostile Fnt")
            warnings = library.warnings
            done.signal()
        }
        guard done.wait(timeout: .now() + 20) == .success else { return XCTFail("the font scan did not finish in 20 s") }
        XCTAssertTrue(found)
        XCTAssertEqual(warnings.map(\.message), ["is a FIFO, not a font file: skipped"])
        XCTAssertFalse(FontLibrary(folders: []).hasFamily("Hostile Fnt"), "the family is the folder's own")
    }

    /// An office's own copy of a family the system has too: its face is the one used (fontconfig
    /// alone gives equal matches to the system's copy), and the faces it does not have (bold,
    /// italic) still come from the system.
    func testTheFoldersFaceWinsOverTheSystemsFaceOfTheSameFamily() throws {
        let system = "/usr/share/fonts/truetype/dejavu/"
        try FileManager.default.copyItem(atPath: system + "DejaVuSerif.ttf", toPath: folder + "/OfficeSerif.ttf")
        let library = FontLibrary(folders: [folder])
        XCTAssertEqual(library.file(forFamily: "DejaVu Serif"), folder + "/OfficeSerif.ttf")
        XCTAssertEqual(library.faces().filter { $0.family == "DejaVu Serif" && $0.style == "Book" }.map(\.file), [folder + "/OfficeSerif.ttf"],
                       "the system's regular face is left out")
        XCTAssertEqual(library.faces().filter { $0.family == "DejaVu Serif" && $0.style == "Bold" }.map(\.file), [system + "DejaVuSerif-Bold.ttf"])
        XCTAssertTrue(library.hasFace("DejaVu Serif", bold: true, italic: true))
        XCTAssertEqual(FontLibrary(folders: []).file(forFamily: "DejaVu Serif"), system + "DejaVuSerif.ttf")
        XCTAssertEqual(library.warnings, [])
    }

    /// A damaged font file is told, by name; other files beside the fonts (a licence) are not.
    func testAFontFileFontconfigCannotReadIsTold() throws {
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/Broken-Bold.otf", contents: Data("not a font".utf8)))
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/OFL.txt", contents: Data("licence".utf8)))
        try writeRenamedFont(to: folder + "/sub/Good.ttf")
        let library = FontLibrary(folders: [folder])
        XCTAssertTrue(library.hasFamily("Hostile Fnt"))
        XCTAssertEqual(library.warnings.map { "\(String($0.file.dropFirst(folder.count + 1))): \($0.message)" },
                       ["Broken-Bold.otf: not a font fontconfig can read (damaged, or not the format its name says): skipped"])
    }
}
