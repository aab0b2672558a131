import BulletinModel

extension Hyphenator {
    /// Whether the folders hold patterns for `language` (its region's, the usual one or the bare
    /// language's, as `make setup` installs them).
    public func hasPatterns(for language: String) -> Bool { path(for: language) != nil }

    /// Languages whose text is broken between characters, not hyphenated, and Vietnamese, whose
    /// words are syllables written apart, never hyphenated: no patterns needed (there is no
    /// hyphen-vi to install, as a warning told).
    static let unhyphenated: Set<String> = ["zh", "ja", "ko", "th", "lo", "km", "my", "vi"]

    /// A warning for each language a story names (`lang:`, `{lang=…}`) that is hyphenated in
    /// print but has no patterns here: its text is set without hyphens. Once per story and language.
    public func warningsForLanguagesWithoutPatterns(in stories: [Story]) -> [Warning] {
        var warnings: [Warning] = []
        for story in stories {
            var told = Set<String>()
            for use in story.languageLines where told.insert(use.tag.lowercased()).inserted {
                let primary = use.tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
                guard !Self.unhyphenated.contains(primary), !hasPatterns(for: use.tag) else { continue }
                warnings.append(Warning(file: story.file, line: use.line,
                    "lang \(use.tag) has no hyphenation patterns here (none in \(folders.joined(separator: ", "))): its text is not hyphenated; "
                    + "install Debian's hyphen-\(primary) package if there is one (make setup installs the patterns of 30 languages)"))
            }
        }
        return warnings
    }
}
