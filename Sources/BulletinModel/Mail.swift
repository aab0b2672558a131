/// How the issue is sent by email (`mail:` in issue.yaml): the message's sender, recipients,
/// reply address and subject. Every address is as written ("Name <name@example.org>" or
/// "name@example.org"), checked where it is read.
public struct MailSpec: Sendable, Equatable {
    public var from: String?
    public var to: [String] = []
    public var replyTo: String?
    public var subject: String?
    /// The lines of the keys in issue.yaml, for messages about their values.
    public var lines: [String: Int] = [:]

    public init(from: String? = nil, to: [String] = [], replyTo: String? = nil, subject: String? = nil) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
    }
}

/// An email address with an optional display name: `Name <local@domain>` or `local@domain`.
public struct MailAddress: Sendable, Equatable {
    public var name: String?
    /// The address itself, `local@domain`: ASCII only.
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }

    /// Parses an address as an editor writes it; nil when `problem(with:)` has something to say.
    public init?(parsing text: String) {
        guard Self.problem(with: text) == nil, let parsed = Self.split(text) else { return nil }
        self = parsed
    }

    /// What is wrong with `text` as an address, in words; nil when it is one.
    public static func problem(with text: String) -> String? {
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "\"\(text)\" holds a line break or control character, which no address may"
        }
        guard let parsed = split(text) else {
            return "\"\(text)\" is not an address: write name@example.org or Name <name@example.org>"
        }
        let parts = parsed.address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            return "\"\(parsed.address)\" is not an address: it needs one @ between a name and a domain, as in name@example.org"
        }
        guard parsed.address.unicodeScalars.allSatisfy(\.isASCII) else {
            return "\"\(parsed.address)\" has letters outside ASCII, which not every mail server takes: write the address in ASCII"
        }
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~.")
        let domainAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.")
        guard parts[0].allSatisfy(localAllowed.contains), !parts[0].hasPrefix("."), !parts[0].hasSuffix("."), !parts[0].contains("..") else {
            return "\"\(parsed.address)\" is not an address: the part before @ may hold letters, digits and .!#$%&'*+-/=?^_`{|}~ only"
        }
        guard parts[1].allSatisfy(domainAllowed.contains), parts[1].split(separator: ".", omittingEmptySubsequences: false).allSatisfy({
            !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-")
        }) else {
            return "\"\(parsed.address)\" is not an address: \"\(parts[1])\" is not a domain name"
        }
        return nil
    }

    /// The name and the address, not yet checked.
    private static func split(_ text: String) -> MailAddress? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let open = trimmed.lastIndex(of: "<") else {
            return trimmed.isEmpty || trimmed.contains(" ") || trimmed.contains(">") ? nil : MailAddress(address: trimmed)
        }
        guard trimmed.hasSuffix(">") else { return nil }
        let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        var name = String(trimmed[..<open]).trimmingCharacters(in: .whitespaces)
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
        }
        guard !address.contains("<"), !address.contains(" ") else { return nil }
        return MailAddress(name: name.isEmpty ? nil : name, address: address)
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Whitespace) -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }

    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

/// Only spaces and tabs: BulletinModel does not import Foundation.
fileprivate enum Whitespace { case whitespaces }
