/// The layout's fallback families (`fonts.fallback`) in the layout's order, with the languages
/// each one is made for once the fonts have been asked (`FontLibrary` fills `languages`).
///
/// Text of most languages takes its style's family first and these after it, in order, each
/// for the characters the families before it lack. Chinese, Japanese and Korean text takes
/// the fallback families made for its language first (their full-width punctuation and quotes,
/// not the Latin face's), then its style's family, then the other fallback families.
public struct FallbackFamilies: Sendable, Equatable, RandomAccessCollection, ExpressibleByArrayLiteral {
    public var names: [String]
    /// Each family's languages, as base language codes ("zh", "ja", "vi"): those whose letters
    /// fontconfig finds in its fonts. A family with no entry is taken to be made for every
    /// language (a layout made in code, or composed without asking the fonts).
    public var languages: [String: Set<String>]

    public init(_ names: [String] = [], languages: [String: Set<String>] = [:]) {
        self.names = names
        self.languages = languages
    }

    public init(arrayLiteral names: String...) { self.init(names) }

    public var startIndex: Int { names.startIndex }
    public var endIndex: Int { names.endIndex }
    public subscript(position: Int) -> String { names[position] }

    /// The languages whose text takes the fallback faces made for it before its style's own.
    public static let fallbackFirstLanguages: Set<String> = ["zh", "ja", "ko"]

    /// The base language of a tag, lower-cased: "zh" of "zh-Hant-TW" (its first part between
    /// hyphens that is not empty). Read as bytes: a CJK family's fonts list some 1,300 tags,
    /// which splitting each into an array took a third of the time a build spent on them.
    public static func baseLanguage(_ tag: String) -> String {
        var tag = tag
        return tag.withUTF8 { bytes in
            let hyphen = UInt8(ascii: "-")
            var start = 0
            while start < bytes.count && bytes[start] == hyphen { start += 1 }
            var end = start
            while end < bytes.count && bytes[end] != hyphen { end += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).lowercased()
        }
    }

    /// Whether `family` has the letters of `language` (by its base language).
    public func covers(_ family: String, _ language: String) -> Bool {
        guard let known = languages[family] else { return true }
        return known.contains(Self.baseLanguage(language))
    }

    /// The families for text in `language` set in `style` (a family or a comma-separated list),
    /// in the order they are tried; `ownFirst` keeps the style's family first whatever the
    /// language.
    public func families(style: String, language: String, ownFirst: Bool = false) -> [String] {
        guard Self.fallbackFirstLanguages.contains(Self.baseLanguage(language)) else { return [style] + names }
        // Of the faces made for it, the language's own cut first: Japanese in a JP face, not
        // in a Chinese face's forms of the same characters.
        func ownCutFirst(_ families: [String]) -> [String] {
            guard let own = Self.cut(of: language) else { return families }
            return families.filter { $0.split(separator: " ").last == own[...] } + families.filter { $0.split(separator: " ").last != own[...] }
        }
        guard !ownFirst else {
            // The cuts among the fallbacks in the language's order, in the places the layout
            // gives its CJK faces.
            let cuts: Set<Substring> = ["JP", "KR", "SC", "TC", "HK"]
            func isCut(_ family: String) -> Bool { family.split(separator: " ").last.map(cuts.contains) ?? false }
            var ordered = ownCutFirst(names.filter(isCut)).makeIterator()
            return [style] + names.map { isCut($0) ? ordered.next() ?? $0 : $0 }
        }
        return ownCutFirst(names.filter { covers($0, language) }) + [style] + names.filter { !covers($0, language) }
    }

    /// The last word of the names of the CJK faces cut for `language` (Noto's and Source Han's
    /// "JP", "KR", "SC", "TC", "HK"); nil for other languages.
    static func cut(of language: String) -> String? {
        let parts = language.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
        switch parts.first {
        case "ja": return "JP"
        case "ko": return "KR"
        case "zh":
            if parts.contains("hk") || parts.contains("mo") { return "HK" }
            return parts.contains("hant") || parts.contains("tw") ? "TC" : "SC"
        default: return nil
        }
    }
}
