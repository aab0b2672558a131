import Foundation
import BulletinModel
import BulletinSource

/// What `bulletin new` is asked to make.
public struct NewIssueOptions: Sendable {
    /// The folder to make; nil for `<yyyy-mm>` in the working folder.
    public var folder: String?
    /// The previous issue's folder, whose issue.yaml is carried over (`--from`).
    public var from: String?
    /// The issue's month; nil for the month after `from`'s, or this month.
    public var date: IssueDate?
    /// Today, for "this month": now, or `SOURCE_DATE_EPOCH`.
    public var today: Date

    public init(folder: String? = nil, from: String? = nil, date: IssueDate? = nil, today: Date = Date()) {
        self.folder = folder
        self.from = from
        self.date = date
        self.today = today
    }
}

/// What `bulletin new` made.
public struct NewIssueReport: Sendable {
    public var folder: String
    /// The files and folders made, in the order made.
    public var made: [String]
    public var date: IssueDate
    public var number: String?
}

extension Bulletin {
    /// Makes a new issue folder: issue.yaml (carried over from `from` with the next number and
    /// month, or a template), a first story whose every front-matter key is shown, commented,
    /// and an empty images/ (with `from`, its logo, layouts/ and fonts/ copied too). Refuses a
    /// folder that exists and is not empty: nothing is replaced.
    public static func newIssue(_ options: NewIssueOptions) throws -> NewIssueReport {
        let previous = try options.from.map { try IssueLoader.readSettings(folder: $0) }
        let date = options.date ?? previous.map { nextMonth(after: $0.date) } ?? month(of: options.today)
        let folder = options.folder ?? date.yearMonth
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw InputError(file: IssueLoader.display(folder), "is a file: name a new folder for the issue") }
            let entries = (try? fileManager.contentsOfDirectory(atPath: folder)) ?? []
            guard entries.isEmpty else {
                throw InputError(file: IssueLoader.display(folder), "already exists and is not empty: bulletin new replaces nothing; name a new folder")
            }
        }
        let number = previous.flatMap(\.number).map { Int($0).map { String($0 + 1) } ?? $0 } ?? (previous == nil ? "1" : nil)
        let issueYAML: String
        if let previous, let from = options.from {
            let text = try String(contentsOfFile: (from as NSString).appendingPathComponent("issue.yaml"), encoding: .utf8)
            issueYAML = carriedOver(text, date: date, number: number, hadNumber: previous.number != nil)
        } else {
            issueYAML = issueTemplate(date: date)
        }
        var made: [String] = []
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        do {
            for sub in ["", "stories", "images"] {
                try fileManager.createDirectory(atPath: path(sub), withIntermediateDirectories: true)
                if !sub.isEmpty { made.append(IssueLoader.display(path(sub)) + "/") }
            }
            try Data(issueYAML.utf8).write(to: URL(fileURLWithPath: path("issue.yaml")), options: .withoutOverwriting)
            made.insert(IssueLoader.display(path("issue.yaml")), at: 0)
            // The logo goes with the masthead: copied to the same place in the new folder.
            if let previous, let from = options.from, let logo = previous.logo, !logo.path.hasPrefix("/"), !logo.path.contains("..") {
                let source = (from as NSString).appendingPathComponent(logo.path)
                if fileManager.fileExists(atPath: source) {
                    try fileManager.createDirectory(atPath: (path(logo.path) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    try fileManager.copyItem(atPath: source, toPath: path(logo.path))
                    made.append(IssueLoader.display(path(logo.path)))
                }
            }
            // So do the issue's own layouts and fonts: issue.yaml names a layout that may be
            // found only there, and without them the new issue could not be made.
            if previous != nil, let from = options.from {
                for sub in ["layouts", "fonts"] {
                    let source = (from as NSString).appendingPathComponent(sub)
                    var isFolder: ObjCBool = false
                    guard fileManager.fileExists(atPath: source, isDirectory: &isFolder), isFolder.boolValue else { continue }
                    try fileManager.copyItem(atPath: source, toPath: path(sub))
                    made.append(IssueLoader.display(path(sub)) + "/")
                }
            }
            let story = "stories/01-first-story.md"
            try Data(storyTemplate(date: date).utf8).write(to: URL(fileURLWithPath: path(story)), options: .withoutOverwriting)
            made.append(IssueLoader.display(path(story)))
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(file: IssueLoader.display(folder), "cannot make the issue here: \(error.localizedDescription)")
        }
        return NewIssueReport(folder: folder, made: made, date: date, number: number)
    }

    /// The month after `date`'s.
    static func nextMonth(after date: IssueDate) -> IssueDate {
        date.month == 12 ? IssueDate(year: date.year + 1, month: 1) : IssueDate(year: date.year, month: date.month + 1)
    }

    /// The month `date` falls in, in UTC.
    static func month(of date: Date) -> IssueDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month], from: date)
        return IssueDate(year: parts.year ?? 1970, month: parts.month ?? 1)
    }

    /// The previous issue.yaml with its top-level `date:` and `number:` lines replaced, every
    /// other line (title, office, contact, layout, mail, comments) kept as written.
    static func carriedOver(_ text: String, date: IssueDate, number: String?, hadNumber: Bool) -> String {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        // "key: value   # comment" -> "key: new   # comment".
        func replacingValue(_ line: String, key: String, with value: String) -> String {
            let comment = line.range(of: " #").map { String(line[$0.lowerBound...]) } ?? ""
            let old = line.dropFirst(key.count + 1).prefix { _ in true }
            let oldValue = comment.isEmpty ? String(old) : String(old.prefix(old.count - comment.count))
            // Keep the comment's column where the value's width allows.
            let padding = max(1, oldValue.count - value.count - 1)
            return comment.isEmpty ? "\(key): \(value)" : "\(key): \(value)" + String(repeating: " ", count: padding - 1) + comment
        }
        for index in lines.indices {
            if lines[index].hasPrefix("date:") {
                lines[index] = replacingValue(lines[index], key: "date", with: date.yearMonth)
            } else if lines[index].hasPrefix("number:"), let number {
                lines[index] = replacingValue(lines[index], key: "number", with: yamlScalar(number))
            }
        }
        var result = lines.joined(separator: "\n")
        if !hadNumber, let number { result += (result.hasSuffix("\n") ? "" : "\n") + "number: \(number)\n" }
        return result
    }

    /// A string as a YAML scalar: plain where that reads back the same, else double-quoted.
    static func yamlScalar(_ text: String) -> String {
        if text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == " " || $0 == "." || $0 == "-" }) && !text.hasPrefix(" ") && !text.hasSuffix(" ") {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func issueTemplate(date: IssueDate) -> String {
        """
        # The issue: what the masthead, the footer and the imprint say. Run `bulletin check` to see problems.
        title: Our Newsletter                 # the masthead's title (required)
        subtitle: News from our office        # under the title
        volume: 1
        number: 1
        date: \(date.yearMonth)                      # the issue's month: YYYY-MM (required)
        layout: classic                       # classic, letter, tabloid or your own (`bulletin layouts` lists them)
        # lang: en                            # the PDF's language (else the language most stories are in)
        # pages: 4                            # fit the issue to exactly this many pages
        # logo: images/logo.svg               # drawn left of the masthead's title
        editors:
          - Your Name
        contact:
          organisation: Our Office
          address: 1 Street, Town
          telephone: +44 1632 960 000
          email: office@example.org
          web: www.example.org
        copyright: © \(date.year) Our Office
        # mail:                               # for `bulletin mail`
        #   from: "Our Office <office@example.org>"
        #   to: staff@example.org
        #   reply_to: office@example.org
        #   subject: Our Newsletter – this month

        """
    }

    static func storyTemplate(date: IssueDate) -> String {
        """
        ---
        # One story a file, set in file-name order (01-…, 02-…). Keys with # are optional: remove the # to use one.
        title: The first story's headline              # required
        # kicker: News                                  # a small label above the headline
        # deck: The line under the headline, one sentence.
        written_by: Your Name                           # a name, or a list: [Ann Lee, Bo Chen]
        # edited_by: [Your Name]
        summary: One sentence for the contents box and the mail message.
        # date: \(date.yearMonth)-01
        # lang: en                                      # en, de, fr, es, zh, ... (chooses hyphenation)
        # image: {path: images/photo.jpg, alt: "what it shows", caption: "A caption", credit: "Picture: …", span: 1}
        # pull_quote: A sentence from the story, set large between rules.
        # columns: 1                                    # a narrow story, set beside the next one
        # short_title: Short headline                   # over its continuation on a later page
        # order: 1                                      # its place in the issue, whatever the file name
        # filler: true                                  # a short notice kept for the last page's free space
        # draft: true                                   # left out until ready (`bulletin make --drafts` shows it)
        ---

        Write the story here, in Markdown. A blank line starts a new paragraph; *emphasis*,
        **strong** and [links](https://example.org) work as in any Markdown editor.

        ## A subheading

        > A quotation stands apart.

        - A list
        - of points.

        Pictures go in images/ and into the text as `![what it shows](images/photo.jpg "A caption")`.
        Copy this file for each story: 02-next-story.md, 03-….

        """
    }
}
