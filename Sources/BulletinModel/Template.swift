
/// A line of text with `{field}` placeholders, as layouts write footers and running heads.
///
/// Parts separated by " · " that name a field without a value are left out whole, so a missing
/// telephone number takes its "Tel." and its separator with it.
public struct Template: Sendable, Equatable {
    public var text: String

    public init(_ text: String) { self.text = text }

    public static let separator = " · "

    public func fill(_ values: [String: String]) -> String {
        text.split(separator: Template.separator, omittingEmptySubsequences: false).map(String.init)
            .compactMap { fillPart($0, values) }
            .filter { !$0.isEmpty }
            .joined(separator: Template.separator)
    }

    /// `fill` as inline text in which the fields named in `links` are links to the address
    /// given there: the footer's `{email}` and `{web}`.
    public func inlines(_ values: [String: String], links: [String: String]) -> [Inline] {
        var result: [Inline] = []
        for part in text.split(separator: Template.separator, omittingEmptySubsequences: false) {
            guard let filled = inlinePart(String(part), values, links: links), !filled.isEmpty else { continue }
            if !result.isEmpty { result.append(.text(Template.separator)) }
            result += filled
        }
        return result
    }

    /// The names of the fields the template uses.
    public var fields: [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    private func inlinePart(_ part: String, _ values: [String: String], links: [String: String]) -> [Inline]? {
        var result: [Inline] = []
        var rest = Substring(part)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { result.append(.text(String(rest[..<open]))) }
            let name = String(rest[rest.index(after: open)..<close])
            guard let value = values[name], !value.isEmpty else { return nil }
            if let url = links[name] { result.append(.link(url: url, [.text(value)])) } else { result.append(.text(value)) }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { result.append(.text(String(rest))) }
        return result.plainText.isEmpty ? [] : result
    }

    private func fillPart(_ part: String, _ values: [String: String]) -> String? {
        var result = ""
        var rest = Substring(part)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            guard let value = values[name], !value.isEmpty else { return nil }
            result += value
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}

/// The values an issue offers to templates.
public enum IssueFields {
    public static let names = ["title", "subtitle", "volume", "number", "month", "date", "editors", "page", "pages",
                               "organisation", "address", "telephone", "email", "web", "copyright"]

    /// The fields' values, `{month}` and `{editors}` in the words of `words` (English by default).
    public static func values(_ issue: Issue, page: Int, pages: Int, words: Words = Wording().words("en")) -> [String: String] {
        var values = values(issue, pages: pages, words: words)
        set(page: page, in: &values)
        return values
    }

    /// The fields' values but `{page}`, for the pages to take in turn (`set(page:in:)`).
    public static func values(_ issue: Issue, pages: Int, words: Words = Wording().words("en")) -> [String: String] {
        var values: [String: String] = [
            "title": issue.title, "month": words.month(issue.date), "date": issue.date.description,
            "editors": words.list(issue.editors), "pages": "\(pages)",
        ]
        values["subtitle"] = issue.subtitle
        values["volume"] = issue.volume
        values["number"] = issue.number
        values["organisation"] = issue.contact.organisation
        values["address"] = issue.contact.address
        values["telephone"] = issue.contact.telephone
        values["email"] = issue.contact.email
        values["web"] = issue.contact.web
        values["copyright"] = issue.copyright
        return values
    }

    public static func set(page: Int, in values: inout [String: String]) {
        values["page"] = "\(page)"
    }

    /// The fields that are links, and where to: `{email}` (mailto:) and `{web}` (https:// unless
    /// it names its scheme), when the link policy allows them.
    public static func links(_ issue: Issue) -> [String: String] {
        var links: [String: String] = [:]
        if let email = issue.contact.email, case .allowed(let url) = LinkPolicy.check("mailto:" + email) {
            links["email"] = url
        }
        if let web = issue.contact.web {
            let lower = web.lowercased()
            let address = lower.hasPrefix("http://") || lower.hasPrefix("https://") ? web : "https://" + web
            if case .allowed(let url) = LinkPolicy.check(address) { links["web"] = url }
        }
        return links
    }
}
