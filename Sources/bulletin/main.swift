import ArgumentParser
import Foundation
import BulletinKit
import BulletinModel

/// `bulletin`: typesets a folder of stories into a multi-column newsletter PDF.
struct BulletinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulletin",
        abstract: "Typeset a folder of stories into a print-ready, multi-column newsletter PDF.",
        version: Bulletin.version,
        subcommands: [Make.self, Preview.self, Mail.self])
}

struct Make: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render an issue folder (issue.yaml + stories/*.md) to PDF.",
        discussion: """
        With no ISSUE, renders the issue folder you are in, or the bundled sample issue if there is \
        none. The PDF goes to out/<title>-<yyyy-mm>.pdf unless --output says otherwise; a file ending \
        in .png gets page 1 as an image, and - sends the PDF to standard output. An output never \
        replaces a file of the issue, a folder or a device, and replaces an earlier file only once \
        it is completely written. --for print makes the print shop's PDF: trim, 3 mm bleed (the \
        layout's print.bleed), crop marks and page boxes; --impose booklet sets it two-up for a \
        stapled booklet.
        """)

    @Argument(help: "The issue folder.", completion: .directory)
    var issue: String?

    @Option(name: .shortAndLong, help: "Where to write the PDF; - for standard output.")
    var output: String?

    @Option(help: "A layout name in layouts/ or a path to a layout file; overrides issue.yaml.")
    var layout: String?

    @Option(help: ArgumentHelp("Also write the composed layout as text (positions of every line) to this file.", valueName: "file"))
    var dump: String?

    @Flag(help: "Print how long each step took.")
    var timings = false

    @Flag(help: "Extract line-end hyphens as drawn (\"market-\") instead of as soft hyphens (U+00AD), which readers join to the next line's part.")
    var plainHyphens = false

    @Flag(help: "Read stories, issue.yaml, layouts and fonts that are links to files outside the issue folder.")
    var allowOutside = false

    @Option(help: ArgumentHelp("Fit the issue to exactly N pages, or none for as many as it takes: overrides issue.yaml's pages.", valueName: "n|none"))
    var pages: String?

    @Option(help: ArgumentHelp("Allow the issue to run to this many pages (default \(MakeOptions.defaultMaxPages)).", valueName: "n"))
    var maxPages = MakeOptions.defaultMaxPages

    @Option(help: ArgumentHelp("Warn when the PDF is larger than this, such as 4MB or 800KB (default: the layout's email.size_budget, 4MB).", valueName: "size"))
    var sizeBudget: String?

    @Option(name: .customLong("for"), help: ArgumentHelp("The product: email (the default: pages as they are, for screens) or print "
        + "(bleed, crop marks and page boxes for the print shop).", valueName: "edition"))
    var edition: Edition = .email

    @Option(help: ArgumentHelp("With --for print: booklet puts the pages two-up on sheets twice their size, front and back, "
        + "in the order of a saddle-stitched booklet.", valueName: "scheme"))
    var impose: Imposition?

    func validate() throws {
        guard maxPages >= 1 else { throw ValidationError("--max-pages must be at least 1") }
        if let pages, PageCount(parsing: pages) == nil {
            throw ValidationError("--pages must be a whole number of pages from 1 to \(MakeOptions.defaultMaxPages) or none, not \"\(pages)\"")
        }
        if let sizeBudget, Size.parse(sizeBudget) == nil {
            throw ValidationError("--size-budget must be a size such as 4MB or 800KB, not \"\(sizeBudget)\"")
        }
        if impose != nil && edition != .print {
            throw ValidationError("--impose needs --for print: only the print edition is imposed")
        }
    }

    func run() throws {
        let folder = issue ?? (FileManager.default.fileExists(atPath: "issue.yaml") ? "." : Bulletin.sampleIssue)
        do {
            var options = MakeOptions(issue: folder, output: output, layout: layout, actualText: !plainHyphens)
            options.dump = dump
            options.allowOutside = allowOutside
            options.maxPages = maxPages
            options.pages = pages.flatMap(PageCount.init(parsing:))
            options.sizeBudget = sizeBudget.flatMap(Size.parse)
            options.edition = edition
            options.imposition = impose
            let report = try Bulletin.make(options)
            for warning in report.warnings { FileHandle.standardError.write(Data("\(warning)\n".utf8)) }
            if timings {
                for (step, seconds) in report.timings {
                    FileHandle.standardError.write(Data("timing: \(step): \(String(format: "%.1f", seconds * 1000)) ms\n".utf8))
                }
            }
            // Standard output carries the PDF or the dump when either is sent there, and
            // nothing else.
            if report.output != "-" && dump != "-" {
                print(report.output)
                fflush(nil)
            }
            // The summary is for people: on standard error, so that standard output stays the
            // path alone (or the PDF) for scripts.
            FileHandle.standardError.write(Data("\(report.summary)\n".utf8))
        } catch let error as InputError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        } catch let error as CustomStringConvertible {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

extension Edition: ExpressibleByArgument {}
extension Imposition: ExpressibleByArgument {}

// A reader of `-o -` that goes away must make a write fail with EPIPE, reported as an error,
// rather than kill the process silently.
signal(SIGPIPE, SIG_IGN)
BulletinCommand.main()
