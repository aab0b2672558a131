import Foundation
import XCTest
@testable import BulletinKit

/// The real `bulletin` writing its output: a full disk, standard output and a closed pipe,
/// signals and a crash while the temporary exists, the dump beside the PDF, long titles.
///
/// Every failure must leave the earlier PDF byte-identical and no temporary behind.
final class OutputTests: XCTestCase {
    var folder = ""
    var issue: String { folder + "/issue" }
    var earlierPDF: String { folder + "/out/earlier.pdf" }
    /// Where a test mounted a tmpfs, unmounted in tearDown.
    var mounts: [String] = []

    override func setUp() {
        folder = Tools.temporaryFolder()
        try? FileManager.default.copyItem(atPath: Tools.root.appendingPathComponent("examples/sample").path, toPath: issue)
        try? FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: earlierPDF, contents: HostileCorpusTests.earlier)
    }

    override func tearDown() {
        for mount in mounts.reversed() { _ = try? Tools.run("umount", [mount]) }
        try? FileManager.default.removeItem(atPath: folder)
    }

    // MARK: - Running bulletin

    /// A run of `bulletin` with its own environment, standard output as bytes, and the way it ended.
    struct Run {
        var status: Int32
        var signalled: Bool
        var stdout: Data
        var stderr: String
        var errorLines: [Substring] { stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") } }
    }

    /// Starts `bulletin`; standard output goes to `stdout` (a file in the test folder unless
    /// given), standard error to a file.
    func launch(_ arguments: [String], environment extra: [String: String] = [:], stdout: FileHandle? = nil,
                in directory: String? = nil) throws -> (Process, finish: () throws -> Run) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Tools.bulletin)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let outPath = folder + "/stdout-\(UUID().uuidString)", errPath = folder + "/stderr-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        process.standardOutput = try stdout ?? FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, {
            process.waitUntilExit()
            defer {
                try? FileManager.default.removeItem(atPath: outPath)
                try? FileManager.default.removeItem(atPath: errPath)
            }
            return Run(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                       stdout: FileManager.default.contents(atPath: outPath) ?? Data(),
                       stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
        })
    }

    func run(_ arguments: [String], environment: [String: String] = [:], stdout: FileHandle? = nil, in directory: String? = nil) throws -> Run {
        try launch(arguments, environment: environment, stdout: stdout, in: directory).finish()
    }

    /// Every temporary below the test folder.
    func temporaries() -> [String] {
        (FileManager.default.subpaths(atPath: folder) ?? []).filter {
            let name = ($0 as NSString).lastPathComponent
            return name.contains(".tmp") || name.hasPrefix(".bulletin-")
        }
    }

    /// Status 1, one error line holding `message`, the earlier PDF unchanged, no temporaries.
    func assertFailed(_ run: Run, _ message: String, earlier path: String? = nil, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(run.status, 1, run.stderr, file: file, line: line)
        XCTAssertFalse(run.signalled, file: file, line: line)
        XCTAssertEqual(run.errorLines.count, 1, run.stderr, file: file, line: line)
        XCTAssertTrue(run.errorLines.first?.contains(message) ?? false, "\(run.stderr) lacks \(message)", file: file, line: line)
        XCTAssertFalse(run.stderr.contains("error while writing to output stream"), file: file, line: line)
        XCTAssertEqual(FileManager.default.contents(atPath: path ?? earlierPDF), HostileCorpusTests.earlier, "the earlier PDF changed",
                       file: file, line: line)
        XCTAssertEqual(temporaries(), [], file: file, line: line)
    }

    /// A tmpfs of `size` bytes at `path`, or a skip when that is not possible.
    func mountTmpfs(_ path: String, size: Int) throws {
        guard getuid() == 0 else { throw XCTSkip("mounting a small tmpfs to fill needs root; run the tests as root to check a full disk") }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let mount = try Tools.run("mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path])
        guard mount.status == 0 else { throw XCTSkip("cannot mount a tmpfs here: \(mount.stderr)") }
        mounts.append(path)
    }

    // MARK: - A full disk

    func testFullDiskKeepsTheEarlierPDF() throws {
        let full = folder + "/full"
        // Room for the earlier PDF and 64 KiB: the new one, as large, cannot fit beside it.
        try mountTmpfs(full, size: HostileCorpusTests.earlier.count + 64 * 1024)
        let target = full + "/earlier.pdf"
        XCTAssertTrue(FileManager.default.createFile(atPath: target, contents: HostileCorpusTests.earlier))
        let result = try run(["make", issue, "-o", target])
        assertFailed(result, "\(target): cannot write: no space left on the device", earlier: target)
    }

    func testFullDiskForTheDumpKeepsThePDFToo() throws {
        let full = folder + "/full"
        try mountTmpfs(full, size: 32 * 1024)
        let dump = full + "/layout.txt"
        XCTAssertTrue(FileManager.default.createFile(atPath: dump, contents: Data("earlier dump\n".utf8)))
        let result = try run(["make", issue, "-o", earlierPDF, "--dump", dump])
        // The PDF had room, but is not replaced while its dump could not be written.
        assertFailed(result, "\(dump): cannot write: no space left on the device")
        XCTAssertEqual(try String(contentsOfFile: dump, encoding: .utf8), "earlier dump\n")
    }

    // MARK: - Standard output

    func testStandardOutputCarriesThePDFAndNothingElse() throws {
        let viaFile = try run(["make", issue, "-o", folder + "/file.pdf"])
        XCTAssertEqual(viaFile.status, 0, viaFile.stderr)
        let viaStdout = try run(["make", issue, "-o", "-"])
        XCTAssertEqual(viaStdout.status, 0, viaStdout.stderr)
        XCTAssertTrue(viaStdout.stdout.starts(with: Data("%PDF-".utf8)))
        // The same bytes as the file: no path line, no stray text before or after.
        XCTAssertEqual(viaStdout.stdout, FileManager.default.contents(atPath: folder + "/file.pdf"))
        XCTAssertEqual(temporaries(), [])
    }

    func testClosedPipeIsAnErrorNotASilentKill() throws {
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let result = try run(["make", issue, "-o", "-"], stdout: pipe.fileHandleForWriting)
        assertFailed(result, "standard output: cannot write: broken pipe")
    }

    func testFullDeviceOnStandardOutputIsAnError() throws {
        let full = try XCTUnwrap(FileHandle(forWritingAtPath: "/dev/full"))
        let result = try run(["make", issue, "-o", "-"], stdout: full)
        assertFailed(result, "standard output: cannot write: no space left on the device")
    }

    func testTerminalIsRefused() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { throw XCTSkip("script(1) is needed for a terminal") }
        // script gives bulletin a pseudo-terminal as standard output.
        let command = "'\(Tools.bulletin)' make '\(issue)' -o -; echo status=$?"
        let result = try Tools.run("script", ["-q", "-e", "-c", command, "/dev/null"], timeout: 120)
        XCTAssertTrue(result.stdout.contains("error: standard output: is a terminal"), result.stdout)
        XCTAssertTrue(result.stdout.contains("status=1"), result.stdout)
        XCTAssertFalse(result.stdout.contains("%PDF"), "PDF bytes reached the terminal")
    }

    func testDumpAndPDFCannotBothGoToStandardOutput() throws {
        let result = try run(["make", issue, "-o", "-", "--dump", "-"])
        assertFailed(result, "standard output: is also the output")
        XCTAssertEqual(result.stdout, Data())
    }

    // MARK: - Signals and crashes

    /// Waits (up to 60 s) until a temporary exists below the test folder.
    func waitForTemporary(_ process: Process) throws {
        let deadline = Date().addingTimeInterval(60)
        while temporaries().isEmpty {
            guard process.isRunning, Date() < deadline else {
                if process.isRunning { process.terminate() }
                throw HostileError("no temporary appeared while bulletin was writing")
            }
            usleep(20_000)
        }
    }

    func testSignalWhileWritingRemovesTheTemporary() throws {
        var signals = [SIGTERM, SIGHUP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE]
        // A SIGINT ignored here is ignored in bulletin too, as it should be.
        var current = sigaction()
        sigaction(SIGINT, nil, &current)
        if current.__sigaction_handler.sa_handler.map({ unsafeBitCast($0, to: Int.self) }) != 1 { signals.append(SIGINT) }
        for signal in signals {
            let (process, finish) = try launch(["make", issue, "-o", earlierPDF], environment: ["BULLETIN_TEST_PAUSE_WHILE_WRITING": "1"])
            try waitForTemporary(process)
            kill(process.processIdentifier, signal)
            let deadline = Date().addingTimeInterval(30)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                XCTFail("signal \(signal) did not end bulletin")
            }
            let result = try finish()
            XCTAssertTrue(result.signalled, "signal \(signal): \(result.stderr)")
            XCTAssertEqual(result.status, signal, "signal \(signal)")
            XCTAssertEqual(temporaries(), [], "signal \(signal) left a temporary")
            XCTAssertEqual(FileManager.default.contents(atPath: earlierPDF), HostileCorpusTests.earlier, "signal \(signal)")
        }
    }

    func testCrashWhileWritingRemovesTheTemporary() throws {
        let result = try run(["make", issue, "-o", earlierPDF], environment: ["BULLETIN_TEST_CRASH_WHILE_WRITING": "1"])
        XCTAssertTrue(result.signalled, result.stderr)
        XCTAssertTrue([SIGILL, SIGTRAP].contains(result.status), "died of signal \(result.status)")
        XCTAssertTrue(result.stderr.contains("crashing on purpose"), result.stderr)
        XCTAssertEqual(temporaries(), [])
        XCTAssertEqual(FileManager.default.contents(atPath: earlierPDF), HostileCorpusTests.earlier)
    }

    // MARK: - The dump

    func testDumpIsWrittenWithThePDF() throws {
        let dump = folder + "/out/layout.txt"
        XCTAssertTrue(FileManager.default.createFile(atPath: dump, contents: Data("earlier dump\n".utf8)))
        let failed = try run(["make", issue, "-o", folder + "/out", "--dump", dump])
        assertFailed(failed, "/out: is a folder")
        XCTAssertEqual(try String(contentsOfFile: dump, encoding: .utf8), "earlier dump\n")

        let made = try run(["make", issue, "-o", folder + "/new.pdf", "--dump", dump])
        XCTAssertEqual(made.status, 0, made.stderr)
        let written = try String(contentsOfFile: dump, encoding: .utf8)
        XCTAssertTrue(written.hasPrefix("page 1\n") && written.contains("\n  mastheadTitle "), String(written.prefix(200)))
        XCTAssertEqual(temporaries(), [])
    }

    func testDumpOntoTheOutputIsRefused() throws {
        let result = try run(["make", issue, "-o", earlierPDF, "--dump", folder + "/out/../out/earlier.pdf"])
        assertFailed(result, "is also the output")
    }

    func testAnOutputInTheIssueFolderIsReplacedNextTime() throws {
        // The issue reads no PDFs: the PDF written into the issue folder by one run is replaced
        // by the next, while the files the issue reads stay protected.
        for round in 1...2 {
            let made = try run(["make", ".", "-o", "issue.pdf"], in: issue)
            XCTAssertEqual(made.status, 0, "run \(round): \(made.stderr)")
            XCTAssertEqual(FileManager.default.contents(atPath: issue + "/issue.pdf").map { Array($0.prefix(5)) }, Array("%PDF-".utf8), "run \(round)")
        }
        // Below the issue folder too, and a message beside it.
        try FileManager.default.createDirectory(atPath: issue + "/pdfs", withIntermediateDirectories: true)
        for round in 1...2 {
            let made = try run(["make", issue, "-o", issue + "/pdfs/Issue.PDF"])
            XCTAssertEqual(made.status, 0, "run \(round): \(made.stderr)")
            let mailed = try run(["mail", issue, "-o", issue + "/issue.eml", "--to", "a@example.org"])
            XCTAssertEqual(mailed.status, 0, "run \(round): \(mailed.stderr)")
        }
        XCTAssertEqual(temporaries(), [])

        // Stories, issue.yaml and pictures are still inputs, a picture no story names too; and
        // a PDF that is a hard link to a story is the story.
        let story = issue + "/stories/01-record-year-for-exchange.md"
        XCTAssertEqual(link(story, issue + "/story.pdf"), 0)
        for (output, input) in [("issue.yaml", "issue.yaml"), ("stories/01-record-year-for-exchange.md", "stories/01-record-year-for-exchange.md"),
                                ("images/unused.png", "images/unused.png"), ("story.pdf", "stories/01-record-year-for-exchange.md")] {
            if output == "images/unused.png" {
                try FileManager.default.copyItem(atPath: issue + "/images/scholarship-awards.png", toPath: issue + "/" + output)
            }
            let before = FileManager.default.contents(atPath: issue + "/" + output)
            let refused = try run(["make", issue, "-o", issue + "/" + output])
            XCTAssertEqual(refused.status, 1, "\(output): \(refused.stderr)")
            XCTAssertTrue(refused.stderr.contains(output + ": is the input file") && refused.stderr.contains(input), "\(output): \(refused.stderr)")
            XCTAssertEqual(FileManager.default.contents(atPath: issue + "/" + output), before, output)
        }
        XCTAssertEqual(temporaries(), [])
    }

    // MARK: - Names

    func testLongTitleGivesAShortDefaultName() throws {
        let title = String(repeating: "Extraordinarily long headline words ", count: 9)
        XCTAssertGreaterThan(title.utf8.count, 300)
        let printed = try madeWithTitle(title)
        let name = (printed as NSString).lastPathComponent
        XCTAssertLessThanOrEqual(name.utf8.count, 80, name)
        XCTAssertTrue(name.hasPrefix("extraordinarily-long-headline-words-"), name)
        XCTAssertTrue(name.hasSuffix("-2026-11.pdf"), name)
        let words = name.dropLast("-2026-11.pdf".count).split(separator: "-")
        XCTAssertEqual(Set(words), ["extraordinarily", "long", "headline", "words"], "cut at a whole word: \(name)")
        XCTAssertGreaterThan(name.utf8.count, 60, "cut more than needed: \(name)")
        XCTAssertTrue(printed.hasPrefix(issue + "/out/"), "beside the issue: \(printed)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: printed), printed)
    }

    /// `make` names the PDF from a title in another script with the name `slug` gives, made
    /// on another thread while the issue is composed.
    func testTitleInAnotherScriptNamesTheDefaultOutput() throws {
        let printed = try madeWithTitle("Северный вестник")
        XCTAssertEqual((printed as NSString).lastPathComponent, "severnyj-vestnik-2026-11.pdf")
        XCTAssertTrue(FileManager.default.fileExists(atPath: printed), printed)
    }

    /// The path `make` prints for the issue retitled `title`, with no output named.
    private func madeWithTitle(_ title: String) throws -> String {
        let path = issue + "/issue.yaml"
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
        try yaml.replacingOccurrences(of: "title: Global Campus", with: "title: \(title)").write(toFile: path, atomically: true, encoding: .utf8)
        let result = try run(["make", issue], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        return String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .newlines)
    }

    /// An ASCII title is named without ICU's transforms (which take milliseconds to read their
    /// rules): that is sound because they leave every ASCII character as it is.
    func testTheTransformsLeaveASCIIAsItIs() {
        let ascii = String(decoding: (0x20..<0x7f).map { UInt8($0) }, as: UTF8.self) + "\t\n"
        XCTAssertEqual(ascii.applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false), ascii)
        XCTAssertEqual(Bulletin.slug("  Campus -- News, No. 7 (2026)! "), "campus-news-no-7-2026")
    }

    func testSlugIsCutAtAWord() {
        XCTAssertEqual(Bulletin.slug("Global Campus"), "global-campus")
        XCTAssertEqual(Bulletin.slug("Global Campus News", limit: 15), "global-campus")
        XCTAssertEqual(Bulletin.slug("Global Campus News", limit: 13), "global-campus")
        XCTAssertEqual(Bulletin.slug("Global Campus News", limit: 14), "global-campus")
        XCTAssertEqual(Bulletin.slug(String(repeating: "x", count: 300), limit: 68), String(repeating: "x", count: 68))
    }

    /// A title in another script, or with letters that have no ASCII form of their own, names
    /// its file in ASCII letters as it reads, not "issue" or with letters left out.
    func testSlugWritesOtherScriptsInLatinLetters() {
        XCTAssertEqual(Bulletin.slug("Северный вестник"), "severnyj-vestnik")
        XCTAssertEqual(Bulletin.slug("Straße der Ærø-Studenten"), "strasse-der-aero-studenten")
        XCTAssertEqual(Bulletin.slug("Πανεπιστήμιο Νέα"), "panepistemio-nea")
        XCTAssertEqual(Bulletin.slug("北京大学通讯"), "bei-jing-da-xue-tong-xun")
        XCTAssertEqual(Bulletin.slug("Łódź · İstanbul · Đại học"), "lodz-istanbul-dai-hoc")
        XCTAssertEqual(Bulletin.slug("· — ·"), "issue")
        // Written in Latin letters ahead, on another thread, as a build starts it: the same.
        Bulletin.slugAhead("Πανεπιστημιακά Νέα")
        XCTAssertEqual(Bulletin.slug("Πανεπιστημιακά Νέα"), "panepistemiaka-nea")
    }
}
