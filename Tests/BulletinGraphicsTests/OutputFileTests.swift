import XCTest
import BulletinModel
import BulletinLayout
import CCairo
@testable import BulletinGraphics

/// `OutputFile` with injected system calls: a disk that fills at byte N, writes that stop short
/// or are interrupted, a flush that fails; and the checks on the target.
final class OutputFileTests: XCTestCase {
    var folder = ""
    var target: String { folder + "/out.pdf" }
    let earlier = Data("%PDF earlier, good\n".utf8)

    override func setUp() {
        folder = NSTemporaryDirectory() + "bulletin-output-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: target, contents: earlier)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    /// Real writes until `limit` bytes are on the disk, then ENOSPC, as a full disk behaves: the
    /// call that crosses the limit writes what fits.
    static func diskFull(at limit: Int) -> FileCalls {
        nonisolated(unsafe) var written = 0
        return FileCalls(write: { descriptor, bytes in
            let room = limit - written
            guard room > 0 else { return .failed(ENOSPC) }
            let count = Glibc.write(descriptor, bytes.baseAddress, min(room, bytes.count))
            written += max(count, 0)
            return .wrote(count)
        }, sync: FileCalls.system.sync)
    }

    /// The files in the folder other than the target: temporaries left behind.
    func leftovers() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.contains(".tmp") || $0.hasPrefix(".bulletin-") }
    }

    func assertUntouched(file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(FileManager.default.contents(atPath: target), earlier, "the earlier file was replaced", file: file, line: line)
        XCTAssertEqual(leftovers(), [], file: file, line: line)
    }

    // MARK: - Writes

    func testDiskFullAtByteNSurfacesAndNothingIsRenamed() throws {
        let bytes = [UInt8](repeating: 0x41, count: 10_000)
        XCTAssertThrowsError(try OutputFile.write(target, calls: Self.diskFull(at: 4_321)) { file in
            for chunk in stride(from: 0, to: bytes.count, by: 1000) {
                _ = bytes[chunk..<chunk + 1000].withUnsafeBytes { file.write($0) }
            }
        }) { error in
            XCTAssertEqual("\(error)", "\(self.target): cannot write: no space left on the device")
            XCTAssertEqual((error as? OutputError)?.code, ENOSPC)
        }
        assertUntouched()
    }

    func testFirstFailureIsKeptAndLaterWritesAreRefused() throws {
        let file = try OutputFile.create(target, calls: Self.diskFull(at: 3))
        XCTAssertFalse(file.write("12345"))
        XCTAssertFalse(file.write("6"), "a write after a failure must not succeed")
        XCTAssertEqual(file.failure?.code, ENOSPC)
        XCTAssertThrowsError(try file.commit())
        file.discard()
        assertUntouched()
    }

    func testShortAndInterruptedWritesAreContinued() throws {
        nonisolated(unsafe) var calls = 0
        let stuttering = FileCalls(write: { descriptor, bytes in
            calls += 1
            if calls % 3 == 0 { return .failed(EINTR) }
            return .wrote(Glibc.write(descriptor, bytes.baseAddress, min(7, bytes.count)))
        }, sync: FileCalls.system.sync)
        let text = String(repeating: "The quick brown fox. ", count: 50)
        try OutputFile.write(target, calls: stuttering) { XCTAssertTrue($0.write(text)) }
        XCTAssertEqual(FileManager.default.contents(atPath: target), Data(text.utf8))
        XCTAssertGreaterThan(calls, text.utf8.count / 7, "the fake was not used")
        XCTAssertEqual(leftovers(), [])
    }

    func testWriteThatMakesNoProgressFails() throws {
        let stuck = FileCalls(write: { _, _ in .wrote(0) }, sync: FileCalls.system.sync)
        XCTAssertThrowsError(try OutputFile.write(target, calls: stuck) { $0.write("x") })
        assertUntouched()
    }

    func testFailedFlushIsAnError() throws {
        let failingSync = FileCalls(write: FileCalls.system.write, sync: { _ in EIO })
        XCTAssertThrowsError(try OutputFile.write(target, calls: failingSync) { $0.write("complete, but not on the disk") }) { error in
            XCTAssertTrue("\(error)".hasSuffix("cannot write: input/output error: the device failed"), "\(error)")
        }
        assertUntouched()
    }

    func testSuccessReplacesTheFileAndKeepsItsPermissions() throws {
        chmod(target, 0o640)
        try OutputFile.write(target) { $0.write("new") }
        XCTAssertEqual(FileManager.default.contents(atPath: target), Data("new".utf8))
        var status = stat()
        stat(target, &status)
        XCTAssertEqual(status.st_mode & 0o777, 0o640)
        XCTAssertEqual(leftovers(), [])
    }

    func testAThrowingBodyRemovesTheTemporary() throws {
        struct Stop: Error {}
        XCTAssertThrowsError(try OutputFile.write(target) { file in
            file.write("half")
            XCTAssertEqual(self.leftovers().count, 1, "the temporary should exist while writing")
            throw Stop()
        })
        assertUntouched()
    }

    func testTemporaryIsRegisteredForSignalsOnlyWhileItExists() throws {
        let file = try OutputFile.create(target)
        let slot = try XCTUnwrap(file.slot, "the temporary has no slot")
        XCTAssertTrue(TemporaryFiles.isLive(slot), "the temporary is not registered for removal on a signal")
        try file.commit()
        XCTAssertFalse(TemporaryFiles.isLive(slot), "a committed file is still registered")
    }

    func testManyTemporariesAtOnce() throws {
        // preview writes every page picture before putting any in place: more temporaries at
        // once than a block of slots holds, each registered for removal on a signal.
        let count = TemporaryFiles.slotsPerBlock * 2 + 5
        var files: [OutputFile] = []
        for index in 0..<count {
            let file = try OutputFile.create(folder + "/picture-\(index).png")
            file.write("\(index)")
            files.append(file)
        }
        let slots = files.compactMap(\.slot)
        XCTAssertEqual(Set(slots).count, count, "each temporary should have a slot of its own")
        XCTAssertTrue(slots.allSatisfy(TemporaryFiles.isLive), "a temporary is not registered for removal on a signal")
        for file in files { try file.commit() }
        XCTAssertFalse(slots.contains(where: TemporaryFiles.isLive), "a committed file is still registered")
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/picture-\(count - 1).png"), Data("\(count - 1)".utf8))
        XCTAssertEqual(leftovers(), [])
    }

    // MARK: - Through cairo

    static let document: Document = {
        let shaper = PangoShaper(fonts: RendererTests.fonts)
        let font = FontSpec(family: "Liberation Sans", size: 20, bold: true)
        let text = PlacedText(x: 20, baseline: 60, fragment: Fragment(x: 0, width: 80, text: "Bulletin", font: font, colour: "text", language: "en"),
                              kind: .headline)
        let page = Page(items: [.text(text), .rule(Rule(x0: 10, y0: 80, x1: 190, y1: 80, thickness: 2, colour: .black))])
        return Document(width: 200, height: 100, pages: [page, page, page],
                        metadata: DocumentMetadata(title: "t", author: "a", subject: "s", language: "en", created: "2026-11-01T00:00:00Z"))
    }()

    var renderer: CairoRenderer {
        CairoRenderer(shaper: PangoShaper(fonts: RendererTests.fonts), colours: Colours(named: ["text": .black]), creator: "test")
    }

    /// A full disk at byte 0 (the PDF header) and part-way: cairo 1.16 itself reports neither,
    /// and crashed on the first.
    func testPDFOnAFullDiskIsAnErrorWhereverItFills() throws {
        for limit in [0, 9, 700] {
            XCTAssertThrowsError(try OutputFile.write(target, calls: Self.diskFull(at: limit)) { try renderer.writePDF(Self.document, to: $0) },
                                 "full at \(limit)") { error in
                XCTAssertTrue("\(error)".hasSuffix("no space left on the device"), "\(error)")
                XCTAssertFalse("\(error)".contains("error while writing to output stream"))
            }
            assertUntouched()
        }
    }

    func testPNGOnAFullDiskIsAnError() throws {
        for limit in [0, 100] {
            XCTAssertThrowsError(try OutputFile.write(target, calls: Self.diskFull(at: limit)) {
                try renderer.writePNG(Self.document, page: 0, dpi: 72, to: $0)
            }) { XCTAssertTrue("\($0)".hasSuffix("no space left on the device"), "\($0)") }
            assertUntouched()
        }
    }

    func testPDFWithRoomIsWhole() throws {
        try renderer.writePDF(Self.document, to: target)
        let pdf = try XCTUnwrap(FileManager.default.contents(atPath: target))
        XCTAssertTrue(pdf.starts(with: Data("%PDF-".utf8)))
        XCTAssertTrue(String(decoding: pdf.suffix(8), as: UTF8.self).contains("%%EOF"))
        XCTAssertEqual(leftovers(), [])
    }

    // MARK: - The target

    func testErrnoInWords() {
        XCTAssertEqual(OutputError.words(for: ENOSPC), "no space left on the device")
        XCTAssertEqual(OutputError.words(for: EACCES), "permission denied")
        XCTAssertEqual(OutputError.words(for: ENAMETOOLONG), "file name too long")
        XCTAssertEqual(OutputError.words(for: EROFS), "read-only file system")
        XCTAssertEqual(OutputError.words(for: EXDEV), "invalid cross-device link")
    }

    func assertRefused(_ path: String, _ message: String, inputs: ProtectedInputs = ProtectedInputs(),
                       file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try OutputFile.create(path, protecting: inputs), file: file, line: line) { error in
            XCTAssertTrue("\(error)".contains(message), "\(error)", file: file, line: line)
            XCTAssertTrue("\(error)".hasPrefix(path + ": "), "\(error)", file: file, line: line)
        }
        XCTAssertEqual(leftovers().filter { $0.contains(".tmp") }, [], file: file, line: line)
    }

    /// A character device to aim at: as root a node of our own with /dev/null's numbers, so
    /// that a regression replaces that and not the system's; else /dev/null itself, which a
    /// user cannot replace.
    func device() throws -> String {
        guard getuid() == 0 else { return "/dev/null" }
        let node = folder + "/null"
        XCTAssertEqual(mknod(node, S_IFCHR | 0o666, dev_t(1 << 8 | 3)), 0, "mknod")
        return node
    }

    func testFolderDeviceAndFIFOAreRefused() throws {
        assertRefused(folder, "is a folder")
        let device = try device()
        assertRefused(device, "is a device")
        XCTAssertEqual(mkfifo(folder + "/fifo", 0o600), 0)
        assertRefused(folder + "/fifo", "is a FIFO")
        XCTAssertEqual(symlink(device, folder + "/device-link"), 0)
        assertRefused(folder + "/device-link", "is a device")
        var status = stat()
        XCTAssertEqual(lstat(device, &status), 0)
        XCTAssertEqual(status.st_mode & S_IFMT, S_IFCHR, "\(device) was replaced")
    }

    func testInputsAreRefusedByIdentityNotName() throws {
        let story = folder + "/story.md"
        _ = FileManager.default.createFile(atPath: story, contents: Data("---\ntitle: T\n---\n".utf8))
        var inputs = ProtectedInputs()
        inputs.add(file: story, shownAs: "stories/story.md")
        XCTAssertEqual(link(story, folder + "/hard.md"), 0)
        XCTAssertEqual(symlink(story, folder + "/soft.md"), 0)
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        for spelling in [story, folder + "/sub/../story.md", folder + "/hard.md", folder + "/soft.md"] {
            assertRefused(spelling, "is the input file stories/story.md", inputs: inputs)
        }
        XCTAssertEqual(try String(contentsOfFile: story, encoding: .utf8), "---\ntitle: T\n---\n")
        // A file that is not an input is fine.
        XCTAssertNoThrow(try OutputFile.create(target, protecting: inputs).discard())
    }

    func testControlCharactersInThePathAreEscaped() {
        let error = OutputError(path: "out/\u{1B}[31mred\nname\t.pdf", message: "is a folder")
        XCTAssertEqual(error.description, "out/\\u{1B}[31mred\\nname\\t.pdf: is a folder")
    }

    func testPathUnderAFileAndOverlongNames() throws {
        assertRefused(target + "/x.pdf", "cannot write here: \(target) is a file, not a folder")
        assertRefused(folder + "/" + String(repeating: "n", count: 300) + ".pdf", "file name too long")
    }

    func testSymbolicLinkIsWrittenThroughAndStays() throws {
        let link = folder + "/latest.pdf"
        XCTAssertEqual(symlink(target, link), 0)
        try OutputFile.write(link) { $0.write("through the link") }
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), target)
        XCTAssertEqual(FileManager.default.contents(atPath: target), Data("through the link".utf8))
        XCTAssertEqual(symlink(folder + "/nothing.pdf", folder + "/dangling.pdf"), 0)
        assertRefused(folder + "/dangling.pdf", "symbolic link to a file that does not exist")
    }

    func testTemporaryOfALongNameStillFits() {
        let name = String(repeating: "n", count: 250) + ".pdf"
        let temporary = (Target.temporaryName(for: folder + "/" + name, attempt: 0) as NSString).lastPathComponent
        XCTAssertLessThanOrEqual(temporary.utf8.count, 255)
        XCTAssertTrue(temporary.hasPrefix(".bulletin-"), temporary)
        XCTAssertTrue((Target.temporaryName(for: target, attempt: 2) as NSString).lastPathComponent.hasPrefix(".out.pdf.tmp-"))
    }

    func testMissingFoldersAreMade() throws {
        let deep = folder + "/a/b/c.pdf"
        try OutputFile.write(deep) { $0.write("deep") }
        XCTAssertEqual(FileManager.default.contents(atPath: deep), Data("deep".utf8))
    }
}

/// `ByteSink`, which keeps what cairo writes in memory through a staging buffer.
final class ByteSinkTests: XCTestCase {
    /// Writes of every size, a byte to past the staging buffer's, in any order, come out as
    /// written, whenever `bytes` is read between them.
    func testWritesOfAnySizeComeOutInOrder() {
        let sink = ByteSink()
        var expected: [UInt8] = []
        for round in 0..<40 {
            let count = [1, 2, 17, 4095, 65_535, 65_536, 65_537, 150_000][round % 8] - (round % 3)
            let chunk = (0..<max(1, count)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ round) }
            expected += chunk
            let status = chunk.withUnsafeBufferPointer { ByteSink.cairoWriter(sink.cairoClosure, $0.baseAddress, UInt32($0.count)) }
            XCTAssertEqual(status, CAIRO_STATUS_SUCCESS)
            if round % 7 == 0 { XCTAssertEqual(sink.bytes, expected) }
        }
        XCTAssertEqual(sink.bytes.count, expected.count)
        XCTAssertEqual(sink.bytes, expected)
    }

    /// A PDF made through the sink is cairo's whole file: it opens with the header and ends with
    /// the trailer.
    func testAPDFMadeInMemoryIsWhole() throws {
        let sink = ByteSink()
        try withExtendedLifetime(sink) {
            let surface = try XCTUnwrap(cairo_pdf_surface_create_for_stream(ByteSink.cairoWriter, sink.cairoClosure, 200, 200))
            let cr = cairo_create(surface)
            for index in 0..<2000 {
                cairo_rectangle(cr, Double(index % 190), Double(index / 11 % 190), 3, 3)
                cairo_fill(cr)
            }
            cairo_destroy(cr)
            cairo_surface_finish(surface)
            cairo_surface_destroy(surface)
        }
        let text = String(decoding: sink.bytes, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("%PDF-"))
        XCTAssertTrue(text.hasSuffix("%%EOF\n"), String(text.suffix(40)))
    }
}
