/// The languages written from right to left (Arabic, Hebrew, Persian, Urdu and others): their
/// stories run from the right on the page and in the mail message.
public enum WritingDirection {
    /// Base language tags written from right to left.
    public static let rightToLeftLanguages: Set<String> = ["ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb", "syr"]

    /// Whether `language` (a BCP 47 tag) is written from right to left.
    public static func isRightToLeft(language: String) -> Bool {
        rightToLeftLanguages.contains(String(language.prefix { $0 != "-" && $0 != "_" }).lowercased())
    }
}
