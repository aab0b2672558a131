import ArgumentParser
import Foundation
import BulletinKit
import BulletinModel

/// The issue folder and how to read it: the options `make`, `check`, `preview` and `mail` share.
struct IssueArguments: ParsableArguments {
    @Argument(help: "The issue folder (default: the folder you are in, which must hold issue.yaml).",
              completion: .directory)
    var issue: String?

    @Flag(help: "Use the bundled sample issue (examples/sample), to try bulletin out.")
    var sample = false

    @Flag(help: "Include the stories marked draft: true (left out otherwise, with a note).")
    var drafts = false

    @Option(help: "A layout name in layouts/ or a path to a layout file; overrides issue.yaml.")
    var layout: String?

    @Flag(help: "Read stories, issue.yaml, layouts and fonts that are links to files outside the issue folder.")
    var allowOutside = false

    // Unconditional: `--max-pages -1` is a number too small, not a missing one.
    @Option(parsing: .unconditional, help: ArgumentHelp("Allow the issue to run to this many pages (default \(MakeOptions.defaultMaxPages)).", valueName: "n"))
    var maxPages = MakeOptions.defaultMaxPages

    func validate() throws {
        guard maxPages >= 1 else { throw ValidationError("--max-pages must be at least 1") }
        if sample, let issue { throw ValidationError("--sample uses the bundled sample: give no issue folder with it (not \"\(issue)\")") }
    }

    /// The issue folder to read: the one named, the bundled sample with `--sample`, or the
    /// folder we stand in when it holds issue.yaml. Anywhere else that is an error saying how
    /// to start, never a silent rendering of the sample.
    func folder() throws -> String {
        if sample { return Bulletin.sampleIssue }
        if let issue { return issue }
        if FileManager.default.fileExists(atPath: "issue.yaml") { return "." }
        throw NoIssueHere()
    }

    /// `make`'s options for this issue, writing to `output` (nil for the default name).
    func makeOptions(output: String? = nil) throws -> MakeOptions {
        var options = MakeOptions(issue: try folder(), output: output, layout: layout)
        options.allowOutside = allowOutside
        options.maxPages = maxPages
        options.drafts = drafts
        // The sample is bulletin's, perhaps installed read-only: its outputs go to out/ here.
        if sample { options.outputFolder = Bulletin.defaultOutputFolder }
        return options
    }
}

/// `bulletin make` (or check, preview, mail) with no issue, outside an issue folder.
struct NoIssueHere: Error, CustomStringConvertible {
    var description: String {
        "\(FileManager.default.currentDirectoryPath.escapedForMessage): no issue.yaml here, so there is no issue to make: "
            + "start one with `bulletin new FOLDER`, name an issue folder (`bulletin make FOLDER`), "
            + "or try the bundled sample with `bulletin make --sample`"
    }
}

/// `--pages`: how many pages the issue fills, over issue.yaml's `pages:`. Apart from
/// `IssueArguments`, since `preview`'s `--pages` chooses the pages to draw.
struct FitArguments: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Fit the issue to exactly N pages, or none for as many as it takes: overrides issue.yaml's pages.", valueName: "n|none"))
    var pages: String?

    func validate() throws {
        if let pages, PageCount(parsing: pages) == nil {
            throw ValidationError("--pages must be a whole number of pages from 1 to \(MakeOptions.defaultMaxPages) or none, not \"\(pages)\"")
        }
    }

    /// `options` with the page count asked for.
    func applied(to options: MakeOptions) -> MakeOptions {
        var options = options
        options.pages = pages.flatMap(PageCount.init(parsing:))
        return options
    }
}

/// How much a command says on standard error besides errors and warnings.
struct ChatterArguments: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only errors and warnings: no notes, no summary line.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also say which layout file is used and which font file each family the layout names comes from.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose say opposite things: give one") }
    }

    /// Writes `warnings` to standard error: notes only when not quiet.
    func report(_ warnings: [Warning]) {
        for warning in warnings where !(quiet && warning.isNote) { printError("\(warning)") }
    }

    /// Writes a line for people to standard error unless quiet.
    func say(_ line: String) {
        if !quiet { printError(line) }
    }
}

/// One line on standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data("\(line)\n".utf8))
}

/// Runs a command's work: warnings to standard error, and any error as one line there with
/// exit status 1.
func reportingErrors(_ chatter: ChatterArguments? = nil, _ body: () throws -> [Warning]) throws {
    do {
        let warnings = try body()
        if let chatter { chatter.report(warnings) } else { for warning in warnings { printError("\(warning)") } }
    } catch let error as CustomStringConvertible {
        printError("error: \(error)")
        throw ExitCode(1)
    }
}

extension String {
    /// Control characters shown as `\u{1B}`: a message prints on one line whatever the name.
    var escapedForMessage: String {
        var result = ""
        for scalar in unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F { result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}

/// The step a long build is at, on one line of standard error that is rewritten in place: only
/// when standard error is a terminal (never in a log or a pipe), and not with --quiet.
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private var shown = false
    private let lock = NSLock()

    init(enabled: Bool) {
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
    }

    func show(_ step: String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(step)…".utf8))
        shown = true
    }

    /// Takes the line away before anything else is printed.
    func clear() {
        lock.lock()
        defer { lock.unlock() }
        guard shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        shown = false
    }
}
