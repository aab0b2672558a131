import ArgumentParser
import Foundation
import BulletinKit
import BulletinModel

/// The issue folder and how to read it: the options `preview` and `mail` share with `make`.
struct IssueArguments: ParsableArguments {
    @Argument(help: "The issue folder (default: the folder you are in if it holds issue.yaml, else the bundled sample).",
              completion: .directory)
    var issue: String?

    @Option(help: "A layout name in layouts/ or a path to a layout file; overrides issue.yaml.")
    var layout: String?

    @Flag(help: "Read stories, issue.yaml, layouts and fonts that are links to files outside the issue folder.")
    var allowOutside = false

    @Option(help: ArgumentHelp("Fit the issue to exactly N pages, or none for as many as it takes: overrides issue.yaml's pages.", valueName: "n|none"))
    var pages: String?

    @Option(help: ArgumentHelp("Allow the issue to run to this many pages (default \(MakeOptions.defaultMaxPages)).", valueName: "n"))
    var maxPages = MakeOptions.defaultMaxPages

    func validate() throws {
        guard maxPages >= 1 else { throw ValidationError("--max-pages must be at least 1") }
        if let pages, PageCount(parsing: pages) == nil {
            throw ValidationError("--pages must be a whole number of pages from 1 to \(MakeOptions.defaultMaxPages) or none, not \"\(pages)\"")
        }
    }

    /// `make`'s options for this issue, writing to `output` (nil for the default name).
    func makeOptions(output: String? = nil) -> MakeOptions {
        let folder = issue ?? (FileManager.default.fileExists(atPath: "issue.yaml") ? "." : Bulletin.sampleIssue)
        var options = MakeOptions(issue: folder, output: output, layout: layout)
        options.allowOutside = allowOutside
        options.maxPages = maxPages
        options.pages = pages.flatMap(PageCount.init(parsing:))
        return options
    }
}

/// Runs a command's work: warnings to standard error, and any error as one line there with
/// exit status 1.
func reportingErrors(_ body: () throws -> [Warning]) throws {
    do {
        for warning in try body() { FileHandle.standardError.write(Data("\(warning)\n".utf8)) }
    } catch let error as CustomStringConvertible {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitCode(1)
    }
}
