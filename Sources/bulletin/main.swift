import ArgumentParser
import Foundation
import BulletinKit
import BulletinModel

/// `bulletin`: typesets a folder of stories into a multi-column newsletter PDF.
struct BulletinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulletin",
        abstract: "Typeset a folder of stories into a print-ready, multi-column newsletter PDF.",
        discussion: """
        An issue is a folder: issue.yaml (title, date, layout, contact), stories/*.md (YAML front \
        matter and Markdown, one story a file) and images/. Start one with `bulletin new`, check it \
        with `bulletin check`, make the PDF with `bulletin make`.

        Examples:
          bulletin new 2026-12 --from 2026-11   # next month, from the last issue
          bulletin check 2026-12                # every problem, with file and line
          bulletin make 2026-12                 # -> 2026-12/out/<title>-2026-12.pdf
          bulletin make --sample                # the bundled sample issue
          bulletin make --watch                 # rebuild here on every change
          bulletin layouts                      # the layouts an issue may name
          bulletin fonts                        # the fonts a layout may name

        bulletin looks for its own layouts and fonts in PREFIX/share/bulletin beside the installed \
        binary (PREFIX/bin/bulletin), then in $BULLETIN_HOME, then in the source checkout it was \
        built from; an issue's own layouts/ and fonts/ come first.
        """,
        version: Bulletin.version,
        subcommands: [Make.self, Check.self, New.self, Preview.self, Mail.self, Layouts.self, Fonts.self])
}

struct Make: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make",
        abstract: "Render an issue folder (issue.yaml + stories/*.md) to PDF.",
        discussion: """
        With no ISSUE, renders the issue folder you are in; outside one it is an error (start an \
        issue with `bulletin new`, or try `bulletin make --sample`). The PDF goes beside the issue, \
        to ISSUE/out/<title>-<yyyy-mm>.pdf, unless --output says otherwise; a file ending in .png \
        gets page 1 as an image, and - sends the PDF to standard output. An output never replaces a \
        file of the issue, a folder or a device, and replaces an earlier file only once it is \
        completely written. --for print makes the print shop's PDF: trim, 3 mm bleed (the layout's \
        print.bleed), crop marks and page boxes; --impose booklet sets it two-up for a stapled \
        booklet. Standard output names the file written; standard error has the warnings and ends \
        with one summary line: file, pages, size and warnings.

        Examples:
          bulletin make                         # the issue folder you are in
          bulletin make 2026-11                 # -> 2026-11/out/<title>-2026-11.pdf
          bulletin make 2026-11 -o issue.pdf    # somewhere else
          bulletin make 2026-11 --layout letter # another layout for this run
          bulletin make 2026-11 --drafts        # with the stories marked draft
          bulletin make 2026-11 -o page1.png    # page 1 as a picture
          bulletin make 2026-11 --watch         # rebuild on every change
          bulletin make 2026-11 --for print --impose booklet -o booklet.pdf
          bulletin make --sample                # the bundled sample issue
        """)

    @OptionGroup var source: IssueArguments

    @OptionGroup var fit: FitArguments

    @OptionGroup var chatter: ChatterArguments

    @Option(name: .shortAndLong, help: "Where to write the PDF; - for standard output.")
    var output: String?

    @Option(help: ArgumentHelp("Also write the composed layout as text (positions of every line) to this file.", valueName: "file"))
    var dump: String?

    @Flag(help: "Print how long each step took.")
    var timings = false

    @Flag(help: "Extract line-end hyphens as drawn (\"market-\") instead of as soft hyphens (U+00AD), which readers join to the next line's part.")
    var plainHyphens = false

    @Option(help: ArgumentHelp("Warn when the PDF is larger than this, such as 4MB or 800KB (default: the layout's email.size_budget, 4MB).", valueName: "size"))
    var sizeBudget: String?

    @Option(name: .customLong("for"), help: ArgumentHelp("The product: email (the default: pages as they are, for screens) or print "
        + "(bleed, crop marks and page boxes for the print shop).", valueName: "edition"))
    var edition: Edition = .email

    @Option(help: ArgumentHelp("With --for print: booklet puts the pages two-up on sheets twice their size, front and back, "
        + "in the order of a saddle-stitched booklet.", valueName: "scheme"))
    var impose: Imposition?

    @Flag(help: "Keep running: rebuild whenever a story, picture, issue.yaml or the layout changes (Ctrl-C to stop). A broken file is reported and the last good PDF kept.")
    var watch = false

    func validate() throws {
        if let sizeBudget, Size.parse(sizeBudget) == nil {
            throw ValidationError("--size-budget must be a size such as 4MB or 800KB, not \"\(sizeBudget)\"")
        }
        if impose != nil && edition != .print {
            throw ValidationError("--impose needs --for print: only the print edition is imposed")
        }
        if watch && (output == "-" || dump == "-") {
            throw ValidationError("--watch writes files again and again: it cannot write to standard output")
        }
    }

    func options() throws -> MakeOptions {
        var options = fit.applied(to: try source.makeOptions(output: output))
        options.actualText = !plainHyphens
        options.dump = dump
        options.sizeBudget = sizeBudget.flatMap(Size.parse)
        options.edition = edition
        options.imposition = impose
        return options
    }

    func run() throws {
        let options: MakeOptions
        do { options = try self.options() } catch let error as CustomStringConvertible {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        if watch {
            try Watcher(options: options, chatter: chatter, build: build).run()
            return
        }
        var once = options
        once.processEndsAfter = true
        guard build(once) else { throw ExitCode(1) }
        // Written and reported: the process ends without waiting for its memory to be freed.
        Bulletin.endProcess(0)
    }

    /// Makes the issue once and reports it; false when it failed (the error printed).
    func build(_ options: MakeOptions) -> Bool {
        var options = options
        options.reportFontChoices = chatter.verbose
        let progress = ProgressLine(enabled: !chatter.quiet)
        options.progress = progress.show
        defer { progress.clear() }
        do {
            let report = try Bulletin.make(options)
            progress.clear()
            chatter.report(report.warnings)
            if chatter.verbose { explain(report) }
            if timings {
                for (step, seconds) in report.timings {
                    printError("timing: \(step): \(String(format: "%.1f", seconds * 1000)) ms")
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
            chatter.say(report.summary)
            return true
        } catch let error as CustomStringConvertible {
            progress.clear()
            printError("error: \(error)")
            return false
        } catch {
            progress.clear()
            printError("error: \(error)")
            return false
        }
    }

    /// `--verbose`: where the layout came from and which file each font family resolved to.
    func explain(_ report: MakeReport) {
        printError("layout: \(report.layoutPath)")
        for choice in report.fontChoices {
            printError("font: \"\(choice.family)\" -> \(choice.file ?? "no file (not installed)")")
        }
    }
}

extension Edition: ExpressibleByArgument {}
extension Imposition: ExpressibleByArgument {}

// A reader of `-o -` that goes away must make a write fail with EPIPE, reported as an error,
// rather than kill the process silently.
signal(SIGPIPE, SIG_IGN)
// Before any thread starts: it sets an environment variable.
Bulletin.prepareProcess()
BulletinCommand.main()
