import ArgumentParser
import Foundation
import BulletinKit

/// `bulletin mail`: the email edition as a message ready to send.
struct Mail: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "Write the issue as a mail message (.eml): the stories listed, the cover, the PDF attached.",
        discussion: """
        The message has a plain-text and an HTML part listing each story's kicker, title and summary \
        (or deck), the cover (page 1) as an inline picture, and the email edition's PDF as an \
        attachment. Sender, recipients, reply address and subject come from the mail: block of \
        issue.yaml, or from the flags, which win. It goes beside the issue, to ISSUE/out/<title>-<yyyy-mm>.eml, unless \
        --output says otherwise; - writes it to standard output, for `sendmail -t`. Its Date is now, \
        or SOURCE_DATE_EPOCH, or --date.

        Examples:
          bulletin mail 2026-11               # -> 2026-11/out/<title>-2026-11.eml
          bulletin mail 2026-11 -o - --to staff@example.org | sendmail -t
          bulletin mail 2026-11 --subject "November news"
        """)

    @OptionGroup var source: IssueArguments

    @OptionGroup var fit: FitArguments

    @OptionGroup var chatter: ChatterArguments

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the message (.eml); - for standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("The sender: name@example.org or \"Name <name@example.org>\".", valueName: "address"))
    var from: String?

    @Option(help: ArgumentHelp("A recipient; repeat for more. Replaces mail.to.", valueName: "address"))
    var to: [String] = []

    @Option(help: ArgumentHelp("Where replies go.", valueName: "address"))
    var replyTo: String?

    @Option(help: ArgumentHelp("The subject (default: \"<title> – <month year>\").", valueName: "text"))
    var subject: String?

    @Option(help: ArgumentHelp("The message's date, as 2026-11-30T09:00:00Z.", valueName: "date"))
    var date: String?

    func validate() throws {
        if let date, ISO8601DateFormatter().date(from: date) == nil {
            throw ValidationError("--date must be a date and time such as 2026-11-30T09:00:00Z, not \"\(date)\"")
        }
    }

    func run() throws {
        var summary: String?
        defer { summary.map(chatter.say) }
        try reportingErrors(chatter) {
            var options = MailOptions(make: fit.applied(to: try source.makeOptions(output: output)))
            options.from = from
            options.to = to
            options.replyTo = replyTo
            options.subject = subject
            options.date = date.flatMap { ISO8601DateFormatter().date(from: $0) }
            let report = try Bulletin.mail(options)
            if report.output != "-" {
                print(report.output)
                fflush(nil)
            }
            // After the warnings, as `make` has it.
            summary = "\(report.output == "-" ? "standard output" : report.output) · PDF \(Size.words(report.pdfBytes)) · message \(Size.words(report.messageBytes))"
            return report.warnings
        }
    }
}
