import Foundation
import BulletinModel
import BulletinSource
import BulletinGraphics

/// What `bulletin mail` is asked to do. The flags win over issue.yaml's `mail:` block.
public struct MailOptions: Sendable {
    /// The issue and how to read it, as for `make`; `output` is the message's file (nil for
    /// `out/<title>-<yyyy-mm>.eml`, `-` for standard output).
    public var make: MakeOptions
    public var from: String?
    public var to: [String] = []
    public var replyTo: String?
    public var subject: String?
    /// The message's date; nil for `SOURCE_DATE_EPOCH` if set, else now.
    public var date: Date?
    /// Width of the cover thumbnail shown in the message, in pixels (a JPEG at the layout's
    /// `email.jpeg_quality`: as a PNG, the sample's cover was 40 % larger).
    public var coverWidth = PreviewOptions.defaultThumbnailWidth

    public init(make: MakeOptions) { self.make = make }
}

/// What `bulletin mail` wrote.
public struct MailReport: Sendable {
    public var output: String
    /// The attached PDF's size in bytes.
    public var pdfBytes: Int
    public var messageBytes: Int
    public var warnings: [Warning]
}

extension Bulletin {
    /// `out/<title>-<yyyy-mm>.eml`, beside where `make` puts the PDF.
    public static func defaultMailOutput(for issue: Issue, folder: String? = nil) -> String {
        let stem = defaultStem(for: issue, folder: folder)
        return (stem.folder as NSString).appendingPathComponent(stem.base + ".eml")
    }

    /// Writes a MIME message ready for `sendmail -t` or any mail program: the stories' list as
    /// plain text and HTML with the cover inline, and the email edition's PDF attached.
    ///
    /// ```
    /// multipart/mixed
    ///   multipart/related
    ///     multipart/alternative
    ///       text/plain; charset=utf-8 (quoted-printable)
    ///       text/html; charset=utf-8 (quoted-printable)
    ///     image/jpeg, the cover (base64, Content-ID, inline)
    ///   application/pdf, the issue (base64, attachment)
    /// ```
    public static func mail(_ options: MailOptions) throws -> MailReport {
        let composed = try compose(options.make)
        let issue = composed.issue
        let issueFile = IssueLoader.display((options.make.issue as NSString).appendingPathComponent("issue.yaml"))
        let words = composed.layout.wording.words(issue.language)
        let headers = try mailHeaders(options, issue: issue, issueFile: issueFile, words: words)
        let output = options.make.output ?? defaultMailOutput(for: issue, folder: options.make.outputFolder)
        if !OutputFile.isStandardOutput(output), let suffix = OutputKind.suffix(of: output), suffix.lowercased() != "eml" {
            throw OutputError(path: output, message: "a mail message is written to a .eml file, not .\(suffix): end the name with .eml")
        }

        // The email edition, whatever `make.downsampleImages` says.
        var make = options.make
        make.downsampleImages = true
        let renderer = CairoRenderer(shaper: composed.shaper, colours: composed.layout.colours, creator: "bulletin \(version)",
                                     actualText: options.make.actualText, images: composed.images, links: composed.layout.links,
                                     downsampling: downsampling(composed, make), compactFonts: true)
        let pdf: [UInt8], cover: [UInt8]
        do {
            pdf = try renderer.pdfBytes(composed.document)
            cover = try renderer.jpegBytes(composed.document, page: 0, pixelWidth: options.coverWidth, quality: composed.layout.email.jpegQuality)
        } catch let failure as DrawError {
            throw located(failure, in: issue)
        }
        let coverHeight = max(1, Int((composed.document.height * Double(options.coverWidth) / composed.document.width).rounded()))
        let pdfName = (defaultOutput(for: issue) as NSString).lastPathComponent
        let date = options.date ?? sourceDate() ?? Date()
        let dateField = MIME.date(date)
        let id = MIME.hash([pdf, Array(dateField.utf8), Array(headers.to.map(\.address).joined(separator: ",").utf8), Array(headers.subject.utf8)])
        let domain = headers.from.address.split(separator: "@").last.map(String.init) ?? "bulletin.invalid"
        let coverID = "cover.\(id)@\(domain)"
        let accent = composed.layout.colours["accent"]
        let body = MailBody(issue: issue, words: words, attachment: pdfName, attachmentSize: Size.words(pdf.count), coverID: coverID,
                            coverWidth: options.coverWidth, coverHeight: coverHeight, accent: accent.hex)

        let crlf = MIME.crlf
        let mixed = "=_bulletin_mixed_\(id)", related = "=_bulletin_related_\(id)", alternative = "=_bulletin_alternative_\(id)"
        var message = ""
        message += MIME.field("From", MIME.address(headers.from))
        message += MIME.field("To", headers.to.map(MIME.address).joined(separator: ", "))
        if let replyTo = headers.replyTo { message += MIME.field("Reply-To", MIME.address(replyTo)) }
        message += MIME.field("Subject", MIME.text(headers.subject))
        message += MIME.field("Date", dateField)
        message += MIME.field("Message-ID", "<\(id)@\(domain)>")
        message += MIME.field("MIME-Version", "1.0")
        message += MIME.field("Content-Type", "multipart/mixed; boundary=\"\(mixed)\"")
        message += crlf + "This is a message in MIME format." + crlf
        message += crlf + "--\(mixed)" + crlf
        message += MIME.field("Content-Type", "multipart/related; type=\"multipart/alternative\"; boundary=\"\(related)\"")
        message += crlf + "--\(related)" + crlf
        message += MIME.field("Content-Type", "multipart/alternative; boundary=\"\(alternative)\"")
        message += crlf + "--\(alternative)" + crlf
        message += MIME.field("Content-Type", "text/plain; charset=utf-8")
        message += MIME.field("Content-Transfer-Encoding", "quoted-printable")
        message += crlf + MIME.quotedPrintable(body.plainText)
        message += crlf + "--\(alternative)" + crlf
        message += MIME.field("Content-Type", "text/html; charset=utf-8")
        message += MIME.field("Content-Transfer-Encoding", "quoted-printable")
        message += crlf + MIME.quotedPrintable(body.html)
        message += crlf + "--\(alternative)--" + crlf
        message += crlf + "--\(related)" + crlf
        message += MIME.field("Content-Type", "image/jpeg; name=\"cover.jpg\"")
        message += MIME.field("Content-Transfer-Encoding", "base64")
        message += MIME.field("Content-ID", "<\(coverID)>")
        message += MIME.field("Content-Disposition", "inline; filename=\"cover.jpg\"")
        message += crlf + MIME.base64(cover)
        message += crlf + "--\(related)--" + crlf
        message += crlf + "--\(mixed)" + crlf
        message += MIME.field("Content-Type", "application/pdf; name=\"\(pdfName)\"")
        message += MIME.field("Content-Transfer-Encoding", "base64")
        message += MIME.field("Content-Disposition", "attachment; filename=\"\(pdfName)\"; size=\(pdf.count)")
        message += crlf + MIME.base64(pdf)
        message += crlf + "--\(mixed)--" + crlf

        try OutputFile.write(output, protecting: composed.protectedInputs) { file in
            file.write(message)
            try file.sync()
        }
        let budget = budgetWarning(bytes: pdf.count, composed: composed, renderer: renderer, options: make, pdf: { Data(pdf) })
        return MailReport(output: output, pdfBytes: pdf.count, messageBytes: message.utf8.count,
                          warnings: composed.warnings + missingGlyphWarnings(renderer, composed) + (budget.map { [$0] } ?? []))
    }

    struct MailHeaders {
        var from: MailAddress
        var to: [MailAddress]
        var replyTo: MailAddress?
        var subject: String
    }

    /// Sender, recipients, reply address and subject: from the flags, else issue.yaml's
    /// `mail:`; the sender falls back to the contact's email with the organisation's name, the
    /// subject to the title and the month in `words` (the issue's language).
    static func mailHeaders(_ options: MailOptions, issue: Issue, issueFile: String, words: Words) throws -> MailHeaders {
        func flag(_ text: String, _ name: String) throws -> MailAddress {
            if let problem = MailAddress.problem(with: text) { throw OptionError(name, problem) }
            guard let address = MailAddress(parsing: text) else { throw OptionError(name, "\"\(text)\" is not an address") }
            return address
        }
        // issue.yaml's addresses were checked when it was read.
        func yaml(_ text: String, _ key: String) throws -> MailAddress {
            guard let address = MailAddress(parsing: text) else {
                throw InputError(file: issueFile, line: issue.mail.lines[key], "mail.\(key): \"\(text)\" is not an address")
            }
            return address
        }
        var from: MailAddress?
        if let text = options.from {
            from = try flag(text, "--from")
        } else if let text = issue.mail.from {
            from = try yaml(text, "from")
        } else if let email = issue.contact.email, var address = MailAddress(parsing: email) {
            address.name = issue.contact.organisation
            from = address
        }
        guard let from else {
            // A contact email that is no address to send from (the footer prints any text) is
            // named with what is wrong with it: "add an email to contact:" would be no help.
            if let email = issue.contact.email, let problem = MailAddress.problem(with: email) {
                throw InputError(file: issueFile, line: issue.contact.emailLine,
                                 "the message has no sender: contact.email \(problem); or add \"from:\" to a mail: block, or pass --from")
            }
            throw InputError(file: issueFile, "the message has no sender: add \"from:\" to a mail: block (or an email to contact:), or pass --from")
        }
        let to = try options.to.isEmpty ? issue.mail.to.map { try yaml($0, "to") } : options.to.map { try flag($0, "--to") }
        guard !to.isEmpty else {
            throw InputError(file: issueFile, "the message has no recipients: add a mail: block with \"to:\" (one address or a list), or pass --to")
        }
        let replyTo = try options.replyTo.map { try flag($0, "--reply-to") } ?? issue.mail.replyTo.map { try yaml($0, "reply_to") }
        if let subject = options.subject, subject.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw OptionError("--subject", "must be one line of text without control characters")
        }
        let subject = options.subject ?? issue.mail.subject ?? "\(issue.title) – \(words.month(issue.date))"
        return MailHeaders(from: from, to: to, replyTo: replyTo, subject: subject)
    }

    /// `SOURCE_DATE_EPOCH`, the reproducible-builds convention, as a date.
    static func sourceDate() -> Date? {
        guard let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Int(text) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}

/// Sizes in words: "812 KB", "4.2 MB" (1 KB = 1024 bytes).
public enum Size {
    /// "4MB", "800 KB", "2.5MB" or a number of bytes; nil for anything else.
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        for (unit, factor) in [("GB", 1024.0 * 1024 * 1024), ("MB", 1024.0 * 1024), ("KB", 1024.0), ("B", 1.0)] where trimmed.hasSuffix(unit) {
            guard let number = Double(trimmed.dropLast(unit.count).trimmingCharacters(in: .whitespaces)), number.isFinite, number >= 0 else { return nil }
            return Int(number * factor)
        }
        return Double(trimmed).flatMap { $0.isFinite && $0 >= 0 && $0 < 1e15 ? Int($0) : nil }
    }

    public static func words(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) bytes" }
        if bytes < 1024 * 1024 { return "\(Int((Double(bytes) / 1024).rounded())) KB" }
        let megabytes = Double(bytes) / (1024 * 1024)
        return megabytes < 10 ? String(format: "%.1f MB", megabytes) : "\(Int(megabytes.rounded())) MB"
    }
}

extension Colour {
    /// "#1f4e79".
    var hex: String {
        "#" + [red, green, blue].map { channel in
            let value = Int((min(1, max(0, channel)) * 255).rounded())
            let digits = String(value, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}
