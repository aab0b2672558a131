import Foundation
import XCTest

/// Runs programs for the end-to-end tests: the built `bulletin` and poppler-utils.
enum Tools {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `bulletin` binary beside the test bundle (built by `swift build` before `swift test`).
    static var bulletin: String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle.appendingPathComponent("bulletin"), bundle.deletingLastPathComponent().appendingPathComponent("bulletin")]
        where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate.path
        }
        return root.appendingPathComponent(".build/debug/bulletin").path
    }

    struct Result {
        var status: Int32
        var stdout: String
        /// Standard output as it came, for a PDF written there.
        var stdoutBytes = Data()
        var stderr: String
        /// True when the program was killed for running past its time.
        var timedOut = false
    }

    /// Runs a program to its end (or until `timeout` seconds, when it is killed), reading its
    /// output and errors at the same time so that neither pipe can fill and stall it.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in folder: String? = nil, timeout: Double? = nil,
                    input: Data? = nil, environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/" + executable)
        process.arguments = arguments
        // Hermetic: the programs keep their caches in the tests' own folder, never in $HOME.
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = cacheFolder
        environment.merge(extra) { $1 }
        process.environment = environment
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            DispatchQueue.global().async {
                stdin.fileHandleForWriting.write(input)
                try? stdin.fileHandleForWriting.close()
            }
        }
        let group = DispatchGroup()
        nonisolated(unsafe) var stderr = Data()
        group.enter()
        DispatchQueue.global().async {
            stderr = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        nonisolated(unsafe) var timedOut = false
        if let timeout {
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                if process.isRunning {
                    timedOut = true
                    kill(pid, SIGKILL)
                }
            }
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stdoutBytes: stdout,
                      stderr: String(decoding: stderr, as: UTF8.self), timedOut: timedOut)
    }

    /// The cache folder of every program the tests run, one for the whole test process.
    static let cacheFolder: String = {
        let path = NSTemporaryDirectory() + "bulletin-e2e-cache-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        TemporaryFolders.shared.add(path)
        return path
    }()

    /// Gives `issue` its own `layouts/classic.yaml`: the shipped one with `old` (which must be
    /// in it) replaced by `new`. Returns the line `old` was on, where messages name it.
    static func writeClassicLayout(into issue: String, replacing old: String, with new: String,
                                   file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        let classic = try String(contentsOfFile: root.appendingPathComponent("layouts/classic.yaml").path, encoding: .utf8)
        XCTAssertTrue(classic.contains(old), "classic.yaml has no \"\(old)\"", file: file, line: line)
        try FileManager.default.createDirectory(atPath: issue + "/layouts", withIntermediateDirectories: true)
        try classic.replacingOccurrences(of: old, with: new).write(toFile: issue + "/layouts/classic.yaml", atomically: true, encoding: .utf8)
        return (classic.components(separatedBy: "\n").firstIndex { $0.contains(old) } ?? 0) + 1
    }

    /// A new empty folder, removed with everything in it when the tests end.
    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "bulletin-e2e-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        TemporaryFolders.shared.add(path)
        return path
    }
}

/// The folders the tests made, removed when the test bundle has run (a run of the end-to-end
/// tests made some 900, and left them in the machine's temporary folder).
final class TemporaryFolders: NSObject, XCTestObservation, @unchecked Sendable {
    static let shared: TemporaryFolders = {
        let folders = TemporaryFolders()
        XCTestObservationCenter.shared.addTestObserver(folders)
        return folders
    }()

    private let lock = NSLock()
    private var paths: [String] = []

    func add(_ path: String) {
        lock.lock()
        paths.append(path)
        lock.unlock()
    }

    func testBundleDidFinish(_ testBundle: Bundle) {
        lock.lock()
        let made = paths
        paths = []
        lock.unlock()
        for path in made { try? FileManager.default.removeItem(atPath: path) }
    }
}
