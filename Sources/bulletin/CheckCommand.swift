import ArgumentParser
import Foundation
import BulletinKit
import BulletinModel

/// `bulletin check`: every problem of an issue, without writing a PDF.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "List every problem an issue has, with file and line, without writing a PDF.",
        discussion: """
        Reads every story (one story's error does not hide the next's) and composes the issue as \
        make would, then lists: errors (a missing title, broken YAML, a missing picture, an unknown \
        layout or font, an issue that cannot fit the pages asked for) and warnings (no byline, \
        unknown keys with the key probably meant, pictures without alt text or below 200 dpi in \
        print, no summary, a language without hyphenation patterns, a widow or orphan the \
        composer could not avoid). An error in issue.yaml stops \
        the reading and is listed alone. Exit status 0 when there are no errors (warnings are \
        listed either way), 1 when there are. --json prints a JSON array of \
        {"file", "line", "severity", "message", "hint"} for editors and scripts.

        Examples:
          bulletin check                  # the issue folder you are in
          bulletin check 2026-11
          bulletin check 2026-11 --json | jq '.[] | select(.severity == "error")'
        """)

    @OptionGroup var source: IssueArguments

    @OptionGroup var fit: FitArguments

    @Flag(help: "Print the problems as a JSON array instead of lines.")
    var json = false

    @Flag(name: .shortAndLong, help: "Print only the problems: no closing count.")
    var quiet = false

    func run() throws {
        let options: MakeOptions
        do { options = fit.applied(to: try source.makeOptions()) } catch let error as CustomStringConvertible {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let report = Bulletin.check(options)
        if json {
            print(report.json())
        } else {
            for diagnostic in report.diagnostics { print(diagnostic) }
            if !quiet { printError("\(options.issue == "." ? "this issue" : options.issue): \(report.summary)") }
        }
        if report.errors > 0 { throw ExitCode(1) }
    }
}

/// `bulletin new`: a new issue folder.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start an issue: issue.yaml, a story to copy and an images/ folder.",
        discussion: """
        Makes FOLDER (default: the month's name, such as 2026-12) with issue.yaml, \
        stories/01-first-story.md (every front-matter key shown, the optional ones commented out) \
        and an empty images/. With --from, issue.yaml is the previous issue's, kept as written \
        (title, office, contact, layout, mail) with the next number and the next month, and its \
        logo is copied; without, it is a template to fill in, dated this month. A folder that \
        exists and is not empty is an error: nothing is replaced. What it makes can be made at \
        once: bulletin make FOLDER.

        Examples:
          bulletin new                          # ./2026-11 for November 2026
          bulletin new 2026-12 --from 2026-11   # December, number 12 after 11
          bulletin new spring --date 2027-03
        """)

    @Argument(help: "The folder to make (default: the issue's month, YYYY-MM).", completion: .directory)
    var folder: String?

    @Option(help: ArgumentHelp("The previous issue's folder: its issue.yaml is carried over with the next number and month.", valueName: "last"),
            completion: .directory)
    var from: String?

    @Option(help: ArgumentHelp("The issue's month, YYYY-MM (default: the month after --from's, or this month).", valueName: "month"))
    var date: String?

    func validate() throws {
        if let date, IssueDate(parsing: date) == nil { throw ValidationError("--date must be a month such as 2026-12, not \"\(date)\"") }
    }

    func run() throws {
        var options = NewIssueOptions(folder: folder, from: from, date: date.flatMap(IssueDate.init(parsing:)))
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Double.init) {
            options.today = Date(timeIntervalSince1970: epoch)
        }
        try reportingErrors {
            let report = try Bulletin.newIssue(options)
            for file in report.made { print(file) }
            printError("made \(report.folder) for \(report.date.monthName)\(report.number.map { ", number \($0)" } ?? ""): "
                + "write the stories in \(report.folder)/stories, then bulletin check \(report.folder) and bulletin make \(report.folder)")
            return []
        }
    }
}
