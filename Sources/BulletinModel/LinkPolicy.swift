/// Which link targets may go into the PDF, and how they are written there.
///
/// A link's URL comes from a story the office did not necessarily write itself, and a PDF viewer
/// acts on it when a reader clicks: only web pages and e-mail addresses are allowed, and every
/// URL is written percent-encoded, so no character of it can end the PDF string it sits in
/// (cairo 1.16 writes `/URI (…)` without escaping).
public enum LinkPolicy {
    /// The schemes a link may use; a URL without one (a relative path) is refused too.
    public static let schemes: Set<String> = ["http", "https", "mailto"]

    public enum Verdict: Equatable, Sendable {
        /// The URL, percent-encoded, ready for the PDF.
        case allowed(String)
        /// Why the link is dropped (its text is kept).
        case refused(String)
    }

    public static func check(_ url: String) -> Verdict {
        let trimmed = url.trimmingCharacters(in: " \t\n\r")
        guard !trimmed.isEmpty else { return .refused("the link has no address") }
        guard let colon = trimmed.firstIndex(of: ":") else {
            return .refused("the link \"\(shown(trimmed))\" has no scheme: write it as https://… or mailto:…")
        }
        let scheme = trimmed[..<colon].lowercased()
        guard schemes.contains(scheme) else {
            return .refused("links to \"\(shown(scheme)):\" addresses are not allowed (only http, https and mailto)")
        }
        let encoded = encode(scheme + trimmed[colon...])
        guard encoded.utf8.count <= 2048 else { return .refused("the link address is longer than 2,048 characters") }
        return .allowed(encoded)
    }

    /// Characters that stand for themselves in a URL (RFC 3986's unreserved and reserved ones,
    /// and "%" of an encoding already made), less those that could close or escape a PDF string
    /// or a cairo attribute: `(`, `)`, `\`, `'` and `"`.
    private static let plain: Set<UInt8> = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&*+,;=%".utf8)

    /// Percent-encodes every byte that is not plain; a "%" not followed by two hex digits too.
    public static func encode(_ url: String) -> String {
        let bytes = Array(url.utf8)
        var result = ""
        result.reserveCapacity(bytes.count)
        let hex = Array("0123456789ABCDEF".utf8)
        func isHex(_ b: UInt8) -> Bool { (48...57).contains(b) || (65...70).contains(b) || (97...102).contains(b) }
        for (i, byte) in bytes.enumerated() {
            let escapedPercent = byte == UInt8(ascii: "%") && i + 2 < bytes.count && isHex(bytes[i + 1]) && isHex(bytes[i + 2])
            if plain.contains(byte) && (byte != UInt8(ascii: "%") || escapedPercent) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%"
                result.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                result.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 15)]))
            }
        }
        return result
    }

    /// A URL as a message may show it: printable, and not too long.
    static func shown(_ text: some StringProtocol) -> String {
        let printable = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? "?" : $0 }))
        return printable.count > 60 ? printable.prefix(57) + "…" : printable
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}
