/// One month's newsletter: masthead facts, contact footer and stories in reading order.
public struct Issue: Sendable, Equatable {
    public var title: String
    public var subtitle: String?
    public var volume: String?
    public var number: String?
    public var date: IssueDate
    /// A layout name in `layouts/` or a path to a layout file.
    public var layout: String
    public var editors: [String]
    public var contact: Contact
    public var copyright: String?
    public var stories: [Story]
    /// The number of pages the issue must fill exactly (`pages: N`); nil for as many as it takes.
    public var pages: Int?
    /// The line of `pages:` in issue.yaml, for messages.
    public var pagesLine: Int?
    /// Who asked for `pages` when not issue.yaml: the command line's `--pages`, named in messages.
    public var pagesSetBy: String?
    /// The line of `layout:` in issue.yaml, for messages.
    public var layoutLine: Int?
    /// The folder the issue was read from.
    public var folder: String
    /// A logo (SVG, PNG or JPEG) drawn in the masthead, beside the title (`logo:`).
    public var logo: ImageRef?
    /// Who the email edition is sent from and to (`mail:`).
    public var mail = MailSpec()
    /// The issue's language as issue.yaml gives it (`lang:`), a BCP 47 tag; nil when it gives none.
    public var lang: String?

    public init(title: String, subtitle: String? = nil, volume: String? = nil, number: String? = nil,
                date: IssueDate, layout: String = "classic", editors: [String] = [],
                contact: Contact = Contact(), copyright: String? = nil, stories: [Story] = [],
                folder: String = ".") {
        self.title = title
        self.subtitle = subtitle
        self.volume = volume
        self.number = number
        self.date = date
        self.layout = layout
        self.editors = editors
        self.contact = contact
        self.copyright = copyright
        self.stories = stories
        self.folder = folder
    }
}

extension Issue {
    /// The document's language: issue.yaml's `lang`, else the language most stories are in
    /// (of equally common ones, the first met in reading order), else English.
    public var language: String {
        if let lang { return lang }
        var counts: [String: Int] = [:]
        for story in stories { counts[story.lang, default: 0] += 1 }
        var best: (lang: String, count: Int)?
        for story in stories where counts[story.lang, default: 0] > (best?.count ?? 0) {
            best = (story.lang, counts[story.lang, default: 0])
        }
        return best?.lang ?? "en"
    }
}

/// The office that publishes the issue, as printed in every page's footer.
public struct Contact: Sendable, Equatable {
    public var organisation: String?
    public var address: String?
    public var telephone: String?
    public var email: String?
    public var web: String?
    /// The line of `email:` in issue.yaml, for messages about the address.
    public var emailLine: Int?

    public init(organisation: String? = nil, address: String? = nil, telephone: String? = nil,
                email: String? = nil, web: String? = nil) {
        self.organisation = organisation
        self.address = address
        self.telephone = telephone
        self.email = email
        self.web = web
    }
}

/// An issue's or story's date: a month, or a day of a month.
public struct IssueDate: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int?

    public init(year: Int, month: Int, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM` or `YYYY-MM-DD`; nil for anything else or an impossible date.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              parts[0].count == 4, parts[1].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else { return nil }
        var day: Int?
        if parts.count == 3 {
            guard parts[2].count == 2, let d = Int(parts[2]),
                  (1...IssueDate.daysIn(month: month, year: year)).contains(d) else { return nil }
            day = d
        }
        self.init(year: year, month: month, day: day)
    }

    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                    "August", "September", "October", "November", "December"]

    /// "November 2026".
    public var monthName: String { "\(IssueDate.monthNames[month - 1]) \(year)" }

    /// "2026-11", as used in output file names.
    public var yearMonth: String { IssueDate.pad(year, 4) + "-" + IssueDate.pad(month, 2) }

    public var description: String {
        yearMonth + (day.map { "-" + IssueDate.pad($0, 2) } ?? "")
    }

    public static func < (a: IssueDate, b: IssueDate) -> Bool {
        (a.year, a.month, a.day ?? 0) < (b.year, b.month, b.day ?? 0)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `value` with leading zeros to `width` digits.
    public static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
