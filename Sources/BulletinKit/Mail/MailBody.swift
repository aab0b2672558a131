import Foundation
import BulletinModel

/// The words of the mail message: the issue's stories, each with its kicker, title and
/// summary (or deck), as plain text and as HTML that mail programs show alike: one table for
/// the layout, styles inline, no scripts, no stylesheets, every text escaped. Its own words
/// are the PDF's, in the issue's language (the layout's `strings`, else the shipped ones).
struct MailBody {
    struct Entry: Equatable {
        /// The kicker in capitals, as its story's language writes them (as the PDF sets it).
        var kicker: String?
        var title: String
        /// The summary, or the deck when the story has no summary.
        var summary: String?
        /// The story's language.
        var language = ""
    }

    var title: String
    var subtitle: String?
    /// "November 2026 · Volume 12, Number 11", "Mai 2027 · Jahrgang 7, Nummer 3".
    var dateLine: String
    var entries: [Entry]
    var contact: Contact
    var copyright: String?
    /// The attachment's name and its size in words ("812 KB").
    var attachment: String
    var attachmentSize: String
    /// The cover thumbnail's Content-ID, its pixel size and its description.
    var coverID: String
    var coverWidth: Int
    var coverHeight: Int
    /// The issue's language, and its words.
    var language: String
    var words: Words
    /// The layout's accent colour as #rrggbb.
    var accent: String

    init(issue: Issue, words: Words, attachment: String, attachmentSize: String, coverID: String, coverWidth: Int, coverHeight: Int,
         accent: String) {
        title = issue.title
        subtitle = issue.subtitle
        dateLine = Self.dateLine(issue, words: words)
        entries = issue.stories.map { Entry(kicker: $0.kicker?.uppercased(language: $0.lang), title: $0.title, summary: $0.summary ?? $0.deck, language: $0.lang) }
        contact = issue.contact
        copyright = issue.copyright
        self.attachment = attachment
        self.attachmentSize = attachmentSize
        self.coverID = coverID
        self.coverWidth = coverWidth
        self.coverHeight = coverHeight
        language = issue.language
        self.words = words
        self.accent = accent
    }

    /// The month as the masthead gives it, then the volume and number: "März 2027 · Jahrgang 7,
    /// Nummer 3".
    static func dateLine(_ issue: Issue, words: Words) -> String {
        let values = ["volume": issue.volume ?? "", "number": issue.number ?? ""]
        let phrase: Phrase? = switch (issue.volume, issue.number) {
        case (.some, .some): .volumeNumber
        case (.some, nil): .volume
        case (nil, .some): .number
        case (nil, nil): nil
        }
        let number = phrase.map { Template(words[$0]).fill(values) } ?? ""
        return [words.month(issue.date), number].filter { !$0.isEmpty }.joined(separator: Template.separator)
    }

    var contactLines: [String] {
        [contact.organisation, contact.address,
         [contact.telephone.map { Template(words[.telephone]).fill(["telephone": $0]) }, contact.email, contact.web]
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")]
            .compactMap { $0 }.filter { !$0.isEmpty }
    }

    /// The contents box's title as the message's heading: "IN THIS ISSUE", "IN DIESER AUSGABE".
    var contentsHeading: String { words[.contents].uppercased(language: language) }

    /// "The whole issue is attached as a PDF: issue.pdf (812 KB)." with the file's name and size
    /// passed through `name` and `size` (the HTML escapes them and sets the name in bold).
    func attachedSentence(escape: (String) -> String = { $0 }, name: (String) -> String = { $0 }) -> String {
        // The sentence is escaped with stand-ins for the fields, which then take the values.
        let (file, size) = ("\u{E000}", "\u{E001}")
        return escape(Template(words[.attached]).fill(["file": file, "size": size]))
            .replacingOccurrences(of: file, with: name(escape(attachment)))
            .replacingOccurrences(of: size, with: escape(attachmentSize))
    }

    // MARK: - Plain text

    /// The plain-text part, wrapped at 72 characters, lines ending in "\n".
    var plainText: String {
        var lines: [String] = [title]
        if let subtitle { lines += Self.wrap(subtitle) }
        lines += Self.wrap(dateLine)
        lines += ["", contentsHeading, ""]
        for entry in entries {
            if let kicker = entry.kicker { lines += Self.wrap(kicker) }
            lines += Self.wrap(entry.title)
            if let summary = entry.summary { lines += Self.wrap(summary) }
            lines.append("")
        }
        lines += Self.wrap(attachedSentence())
        lines.append("")
        lines.append("-- ")
        for line in contactLines { lines += Self.wrap(line) }
        if let copyright { lines += Self.wrap(copyright) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Words of `text` in lines of at most `width` characters (a longer word has a line of its own).
    static func wrap(_ text: String, width: Int = 72) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = String(word)
            } else {
                line += (line.isEmpty ? "" : " ") + word
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    // MARK: - HTML

    /// Text for HTML: the five characters that can start or end markup or an attribute escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    var html: String {
        let e = Self.escape
        let font = "font-family:Georgia,'Times New Roman',Times,serif;"
        let sans = "font-family:Helvetica,Arial,sans-serif;"
        var rows: [String] = []
        rows.append("""
        <tr><td style="padding:24px 24px 12px 24px;\(font)color:#111111;">\
        <div style="font-size:30px;line-height:34px;font-weight:bold;">\(e(title))</div>\
        \(subtitle.map { "<div style=\"font-size:15px;line-height:20px;color:#444444;padding-top:4px;\">\(e($0))</div>" } ?? "")\
        <div style="\(sans)font-size:12px;line-height:18px;color:#666666;padding-top:6px;">\(e(dateLine))</div></td></tr>
        """)
        rows.append("""
        <tr><td style="padding:0;"><img src="cid:\(e(coverID))" width="\(coverWidth)" height="\(coverHeight)" \
        alt="\(e(Template(words[.frontPage]).fill(["title": title, "date": dateLine])))" \
        style="display:block;width:100%;max-width:\(coverWidth)px;height:auto;border:0;"></td></tr>
        """)
        rows.append("""
        <tr><td style="padding:20px 24px 4px 24px;\(sans)font-size:12px;line-height:16px;letter-spacing:1px;color:\(accent);font-weight:bold;">\(e(contentsHeading))</td></tr>
        """)
        for entry in entries {
            var cell = ""
            // A story in another language says so (mail readers and screen readers go by it);
            // one written from right to left runs from the right, its kicker not letter-spaced
            // (which would part joined letters).
            let rightToLeft = WritingDirection.isRightToLeft(language: entry.language)
            let own = entry.language != language && !entry.language.isEmpty ? " lang=\"\(e(entry.language))\"" : ""
            let direction = rightToLeft ? " dir=\"rtl\"" : ""
            if let kicker = entry.kicker {
                cell += "<div style=\"\(sans)font-size:11px;line-height:16px;\(rightToLeft ? "" : "letter-spacing:1px;")color:\(accent);\">\(e(kicker))</div>"
            }
            cell += "<div style=\"\(font)font-size:19px;line-height:24px;font-weight:bold;color:#111111;padding-top:2px;\">\(e(entry.title))</div>"
            if let summary = entry.summary {
                cell += "<div style=\"\(font)font-size:15px;line-height:21px;color:#333333;padding-top:4px;\">\(e(summary))</div>"
            }
            rows.append("<tr><td\(own)\(direction) style=\"padding:12px 24px;border-top:1px solid #e2e2e2;\">\(cell)</td></tr>")
        }
        rows.append("""
        <tr><td style="padding:16px 24px;border-top:1px solid #e2e2e2;\(font)font-size:15px;line-height:21px;color:#111111;">\
        \(attachedSentence(escape: e, name: { "<b>\($0)</b>" }))</td></tr>
        """)
        let footer = (contactLines + [copyright].compactMap { $0 }).map(e).joined(separator: "<br>")
        rows.append("""
        <tr><td style="padding:16px 24px 24px 24px;background-color:#f2f2f2;\(sans)font-size:12px;line-height:18px;color:#555555;">\(footer)</td></tr>
        """)
        return """
        <!DOCTYPE html>
        <html lang="\(e(language))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(title)) · \(e(dateLine))</title>
        </head>
        <body style="margin:0;padding:0;background-color:#e9e9e9;">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#e9e9e9;">
        <tr><td align="center" style="padding:20px 8px;">
        <table role="presentation" width="\(coverWidth)" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:\(coverWidth)px;background-color:#ffffff;">
        \(rows.joined(separator: "\n"))
        </table>
        </td></tr>
        </table>
        </body>
        </html>

        """
    }
}
