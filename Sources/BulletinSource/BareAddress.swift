import BulletinModel

/// Bare e-mail addresses whose local part is not all ASCII. cmark-gfm's autolink extension reads
/// an address back from its "@" over ASCII letters, digits and `.-_+` only, so
/// "straßburger@example.de" became the text "straß" and a link to burger@example.de. The
/// letters before the link, in the same text with no space between, belong to the address.
enum BareAddress {
    /// For a link to `url` over `text` that is a bare address (`mailto:` and the address as
    /// written), the start of its local part that stands right before it at the end of
    /// `previous`, and what is left of `previous`; nil when no letter outside ASCII stands there.
    static func start(of url: String, text: [Inline], after previous: Inline?) -> (start: String, rest: String)? {
        guard url.hasPrefix("mailto:"), text == [.text(String(url.dropFirst("mailto:".count)))],
              case .text(let before)? = previous else { return nil }
        var start = before.endIndex
        while start > before.startIndex {
            let character = before[before.index(before: start)]
            guard character.isLetter || character.isNumber || "._+-%".contains(character)
                    || character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .nonspacingMark }) else { break }
            start = before.index(before: start)
        }
        // A dot or hyphen cannot begin the address.
        while start < before.endIndex, before[start] == "." || before[start] == "-" { start = before.index(after: start) }
        let local = before[start...]
        guard local.unicodeScalars.contains(where: { !$0.isASCII }) else { return nil }
        return (String(local), String(before[..<start]))
    }
}
