import Foundation
import XCTest

/// The corpus of hostile inputs: each case edits a fresh copy of the sample issue (or builds an
/// issue of its own), runs `bulletin`, and states what must come of it.
///
/// Every failing case asserts:
/// - the exit status (1);
/// - exactly one `error:` line, containing the expected text (file, and line where known), with no
///   raw control characters;
/// - that the earlier PDF at the output path is byte-identical afterwards;
/// - that no temporary file is left anywhere in the case's folder.
///
/// Cases live in the other files of this folder, one file per class of failure, each adding its
/// cases to `HostileCorpus.all` through an extension.
struct HostileCase {
    enum Expectation {
        /// Exit 1 with one error line containing every one of these strings.
        case fails([String])
        /// Exit 0 with a warning containing each of these strings, and the PDF (replaced) holding
        /// each of `contains` in its extracted text.
        case warns([String], contains: [String] = [])
        /// Exit 0, the PDF holding each of these strings in its extracted text.
        case succeeds(contains: [String])
    }

    var name: String
    /// The class of failure it belongs to, for the report ("output", "layout numbers", ...).
    var kind: String
    /// Edits the issue copy before the run.
    var arrange: (HostileScene) throws -> Void
    /// The arguments after `bulletin`; `HostileScene.defaultArguments` when nil.
    var arguments: ((HostileScene) -> [String])?
    var expect: Expectation
    /// Checks of its own after the run, beyond those the expectation makes.
    var verify: ((HostileScene, Tools.Result) throws -> Void)?

    init(_ name: String, kind: String, expect: Expectation,
         arguments: ((HostileScene) -> [String])? = nil,
         verify: ((HostileScene, Tools.Result) throws -> Void)? = nil,
         arrange: @escaping (HostileScene) throws -> Void) {
        self.name = name
        self.kind = kind
        self.expect = expect
        self.arguments = arguments
        self.verify = verify
        self.arrange = arrange
    }
}

/// One case's folder: `issue/` (a copy of the sample) and `out/earlier.pdf` (a good PDF made
/// before the case runs, which a failed run must leave alone).
final class HostileScene {
    let root: String
    var issue: String { root + "/issue" }
    var output: String { root + "/out/earlier.pdf" }

    init(root: String) { self.root = root }

    var defaultArguments: [String] { ["make", issue, "-o", output] }

    /// Writes `text` to a file of the issue, making its folder.
    func write(_ file: String, _ text: String) throws {
        try write(file, bytes: Array(text.utf8))
    }

    func write(_ file: String, bytes: [UInt8]) throws {
        let path = issue + "/" + file
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw HostileError("cannot write \(path)") }
    }

    func read(_ file: String) throws -> String {
        try String(contentsOfFile: issue + "/" + file, encoding: .utf8)
    }

    /// Replaces `old` with `new` in a file of the issue; `old` must be there.
    func replace(_ file: String, _ old: String, _ new: String) throws {
        let text = try read(file)
        guard text.contains(old) else { throw HostileError("\(file) lacks \(old)") }
        try write(file, text.replacingOccurrences(of: old, with: new))
    }

    /// A story file of the issue, with this front matter and body.
    func story(_ name: String, title: String = "Hostile story", front: String = "", body: String) throws {
        try write("stories/\(name)", "---\ntitle: \(title)\n\(front)---\n\(body)")
    }

    /// A copy of the built-in classic layout as `layouts/hostile.yaml` in the issue, with each
    /// (old, new) replaced, and issue.yaml pointing at it. Returns the line of the first new text.
    @discardableResult
    func layout(_ edits: [(String, String)]) throws -> Int? {
        var text = try String(contentsOfFile: Tools.root.appendingPathComponent("layouts/classic.yaml").path, encoding: .utf8)
        for (old, new) in edits {
            guard text.contains(old) else { throw HostileError("classic.yaml lacks \(old)") }
            text = text.replacingOccurrences(of: old, with: new)
        }
        try write("layouts/hostile.yaml", text)
        try replace("issue.yaml", "layout: classic", "layout: hostile")
        guard let first = edits.first?.1 else { return nil }
        return Self.line(of: first, in: text)
    }

    /// The line (from 1) on which `needle` starts in `text`.
    static func line(of needle: String, in text: String) -> Int? {
        guard let range = text.range(of: needle) else { return nil }
        return text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
    }

    /// Every file below the case's folder whose name marks it as a temporary.
    func temporaryFiles() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            let name = (path as NSString).lastPathComponent
            if name.contains(".tmp") || name.hasPrefix(".bulletin-") { found.append(path) }
        }
        return found
    }
}

struct HostileError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The cases; each file of this folder adds its own.
enum HostileCorpus {
    /// How many stories the sample issue, which every case starts from, has.
    static var sampleStoryCount: Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: Tools.root.appendingPathComponent("examples/sample/stories").path)) ?? [])
            .filter { $0.hasSuffix(".md") }.count
    }

    static var all: [HostileCase] {
        loading + output + content + layoutNumbers + limits + links + fuzzed + images + printing
    }
}

final class HostileCorpusTests: XCTestCase {
    /// A good PDF of the sample, made once: the "earlier output" every case starts from.
    static let earlier: Data = {
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pdf = folder + "/sample.pdf"
        let result = try? Tools.run(Tools.bulletin, ["make", Tools.root.appendingPathComponent("examples/sample").path, "-o", pdf])
        precondition(result?.status == 0, "the sample issue does not make: \(result?.stderr ?? "")")
        return FileManager.default.contents(atPath: pdf) ?? Data()
    }()

    func testCaseNamesAreUnique() {
        XCTAssertEqual(Set(HostileCorpus.all.map(\.name)).count, HostileCorpus.all.count)
    }

    func testEveryCase() throws {
        var failures: [String] = []
        // HOSTILE_KIND=links runs one kind of case only, while working on it.
        let kind = ProcessInfo.processInfo.environment["HOSTILE_KIND"]
        for hostile in HostileCorpus.all where kind == nil || hostile.kind == kind {
            let problems = try run(hostile)
            failures += problems.map { "\(hostile.name): \($0)" }
        }
        XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
    }

    /// Runs one case; the problems found, none when it behaved.
    func run(_ hostile: HostileCase) throws -> [String] {
        let root = Tools.temporaryFolder()
        defer {
            // A case may have made files read-only or left a FIFO; make everything removable.
            _ = try? Tools.run("chmod", ["-R", "u+rwX", root])
            try? FileManager.default.removeItem(atPath: root)
        }
        let scene = HostileScene(root: root)
        try FileManager.default.copyItem(atPath: Tools.root.appendingPathComponent("examples/sample").path, toPath: scene.issue)
        try FileManager.default.createDirectory(atPath: root + "/out", withIntermediateDirectories: true)
        let earlier = Self.earlier
        _ = FileManager.default.createFile(atPath: scene.output, contents: earlier)
        do { try hostile.arrange(scene) } catch { return ["could not arrange the case: \(error)"] }

        let arguments = hostile.arguments?(scene) ?? scene.defaultArguments
        let result = try Tools.run(Tools.bulletin, arguments, timeout: 60)
        var problems: [String] = []
        if result.timedOut { problems.append("did not finish in 60 s") }
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        if result.stderr.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7f }) {
            problems.append("stderr holds a raw control character: \(result.stderr.debugDescription)")
        }
        switch hostile.expect {
        case .fails(let messages):
            if result.status != 1 { problems.append("exit status \(result.status), not 1; stderr: \(result.stderr)") }
            if errors.count != 1 { problems.append("\(errors.count) error lines, not 1: \(result.stderr)") }
            for message in messages where !(errors.first?.contains(message) ?? false) {
                problems.append("the error lacks \"\(message)\": \(result.stderr)")
            }
            if FileManager.default.contents(atPath: scene.output) != earlier { problems.append("the earlier PDF was changed") }
        case .warns(let messages, let contains):
            if result.status != 0 { problems.append("exit status \(result.status), not 0; stderr: \(result.stderr)") }
            for message in messages where !result.stderr.split(separator: "\n").contains(where: { $0.contains("warning: ") && $0.contains(message) }) {
                problems.append("no warning with \"\(message)\": \(result.stderr)")
            }
            problems += try check(scene, contains: contains)
        case .succeeds(let contains):
            if result.status != 0 { problems.append("exit status \(result.status), not 0; stderr: \(result.stderr)") }
            problems += try check(scene, contains: contains)
        }
        let temporaries = scene.temporaryFiles()
        if !temporaries.isEmpty { problems.append("temporary files left: \(temporaries)") }
        if let verify = hostile.verify {
            do { try verify(scene, result) } catch { problems.append("\(error)") }
        }
        return problems
    }

    /// The output PDF exists and its text holds each of `contains`.
    /// The text is read in the page's order and, failing that, in the order it was drawn: a
    /// short story set in the column beside another story's (as the sample's pictures can
    /// arrange) reads whole only in drawing order, pdftotext interleaving the two columns.
    func check(_ scene: HostileScene, contains: [String]) throws -> [String] {
        guard FileManager.default.fileExists(atPath: scene.output) else { return ["the PDF was not written"] }
        let texts = try [[], ["-raw"]].map { options in
            try Tools.run("pdftotext", options + ["-enc", "UTF-8", scene.output, "-"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        return contains.filter { text in !texts.contains { $0.contains(text) } }.map { "the PDF's text lacks \"\($0)\"" }
    }
}
