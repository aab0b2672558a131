import Foundation
import BulletinLayout

/// Hyphenation points from the TeX-derived patterns of Debian's hyphen-* packages, read and
/// applied as libhyphen does (`HyphenPatterns`), loaded in milliseconds on every run.
public final class Hyphenator: Hyphenating {
    let folders: [String]
    /// Longer "words" (a pasted hash, a run of letters) are not hyphenated: the longest words of
    /// German law ("Grundstücksverkehrsgenehmigungszuständigkeitsübertragungsverordnung", 67
    /// letters) are half as long, and the work grows with the length.
    public static let longestWord = 128
    /// The pattern files, shared with `helper()`'s hyphenators: read once, used by both.
    private let store: PatternStore
    /// Points found in this run, by language and word: a newsletter repeats its words.
    private var known: [String: [String: [Int]]] = [:]
    /// Each language's patterns once found (nil: none installed), without the shared store's lock.
    private var languagePatterns: [String: HyphenPatterns?] = [:]
    /// Time spent loading patterns and hyphenating new words, for `bulletin make --timings`.
    public private(set) var hyphenating: Duration = .zero

    public init(folders: [String] = ["/usr/share/hyphen"]) {
        self.folders = folders
        store = PatternStore()
    }

    private init(folders: [String], store: PatternStore) {
        self.folders = folders
        self.store = store
    }

    /// A hyphenator for another thread: the same pattern files (read once, whichever thread
    /// asks first), its own words found.
    public func helper() -> Hyphenator { Hyphenator(folders: folders, store: store) }

    /// The usual pattern file of a language where its name is not `hyph_xx_XX.dic` or several
    /// regions have one: Norwegian (`no`, `nb`) is Bokmål's, Swedish Sweden's.
    static let usualFiles = ["en": "hyph_en_US.dic", "de": "hyph_de_DE.dic", "fr": "hyph_fr.dic", "es": "hyph_es_ES.dic",
                             "pt": "hyph_pt_PT.dic", "no": "hyph_nb_NO.dic", "nb": "hyph_nb_NO.dic", "nn": "hyph_nn_NO.dic",
                             "sv": "hyph_sv_SE.dic", "da": "hyph_da_DK.dic", "el": "hyph_el_GR.dic", "cs": "hyph_cs_CZ.dic",
                             "sl": "hyph_sl_SI.dic", "uk": "hyph_uk_UA.dic", "be": "hyph_be_BY.dic", "ca": "hyph_ca_ES.dic",
                             "gl": "hyph_gl_ES.dic", "af": "hyph_af_ZA.dic", "sr": "hyph_sr_RS.dic"]

    /// The pattern file for a language: its script's and region's (`sr-Latn-RS`), its region's,
    /// the usual one, the language's own region's (`hyph_pl_PL.dic`), or the bare language's.
    func path(for language: String) -> String? {
        store.lock.lock()
        defer { store.lock.unlock() }
        if let found = store.paths[language] { return found }
        let parts = language.replacingOccurrences(of: "_", with: "-").split(separator: "-").map(String.init)
        guard let base = parts.first?.lowercased() else { return nil }
        let script = parts.dropFirst().first { $0.count == 4 }.map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }
        let region = parts.dropFirst().first { $0.count == 2 }?.uppercased()
        var names: [String] = []
        if let script {
            if let region { names.append("hyph_\(base)-\(script)_\(region).dic") }
            // The script's file of whatever region there is ("sr-Latn": hyph_sr-Latn_RS.dic).
            names += folders.flatMap { folder in
                ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix("hyph_\(base)-\(script)_") && $0.hasSuffix(".dic") }.sorted()
            }
        }
        if let region { names.append("hyph_\(base)_\(region).dic") }
        if let name = Self.usualFiles[base] { names.append(name) }
        names += ["hyph_\(base)_\(base.uppercased()).dic", "hyph_\(base).dic"]
        let found = folders.lazy.flatMap { folder in names.map { (folder as NSString).appendingPathComponent($0) } }
            .first { FileManager.default.fileExists(atPath: $0) }
        store.paths[language] = .some(found)
        return found
    }

    /// Starts reading the pattern files of `languages` on other threads, so that they are
    /// ready when the first paragraph in each language is hyphenated: reading a large file
    /// (German's has 69,000 patterns) then overlaps with loading the issue and shaping its
    /// text instead of coming after it. A language without patterns, or whose file is read
    /// already, is passed over.
    public func preload(languages: some Sequence<String>) {
        for language in languages {
            guard let path = path(for: language) else { continue }
            store.lock.lock()
            if store.patternFiles[path] == nil, store.pending[path] == nil {
                store.pending[path] = BackgroundWork { HyphenPatterns(path: path) }
            }
            store.lock.unlock()
        }
    }

    func patterns(at path: String) -> HyphenPatterns? {
        store.lock.lock()
        if let loaded = store.patternFiles[path] {
            store.lock.unlock()
            return loaded
        }
        // Read here unless another thread reads it: then its reading is waited for.
        let work = store.pending[path] ?? BackgroundWork { HyphenPatterns(path: path) }
        store.pending[path] = work
        store.lock.unlock()
        let loaded = work.wait()
        store.lock.lock()
        store.patternFiles[path] = .some(loaded)
        store.pending[path] = nil
        store.lock.unlock()
        return loaded
    }

    public func hyphenationPoints(in word: String, language: String) -> [Int] {
        if let points = known[language]?[word] { return points }
        let start = ContinuousClock.now
        let points = find(in: word, language: language)
        hyphenating += ContinuousClock.now - start
        known[language, default: [:]][word] = points
        return points
    }

    /// The patterns of `language`, found once by this hyphenator.
    private func patterns(for language: String) -> HyphenPatterns? {
        if let found = languagePatterns[language] { return found }
        let found = path(for: language).flatMap { patterns(at: $0) }
        languagePatterns[language] = .some(found)
        return found
    }

    private func find(in word: String, language: String) -> [Int] {
        guard let patterns = patterns(for: language) else { return [] }
        // Plain ASCII, the usual word, lower-cased byte by byte: the same bytes as below.
        var ascii = true
        var bytes: [UInt8] = []
        bytes.reserveCapacity(word.utf8.count)
        for byte in word.utf8 {
            guard byte < 0x80 else {
                ascii = false
                break
            }
            bytes.append(byte &+ ((byte >= 0x41 && byte <= 0x5A) ? 0x20 : 0))
        }
        if ascii {
            return bytes.count > 1 && bytes.count <= Self.longestWord ? patterns.points(in: bytes) : []
        }
        guard word.unicodeScalars.count <= Self.longestWord else { return [] }
        let scalars = Array(word.lowercased().unicodeScalars)
        guard scalars.count == word.unicodeScalars.count, scalars.count > 1 else { return [] }
        bytes = []
        bytes.reserveCapacity(scalars.count * 2)
        for scalar in scalars {
            if patterns.utf8 {
                Unicode.UTF8.encode(scalar) { bytes.append($0) }
            } else {
                guard scalar.value < 256 else { return [] }
                bytes.append(UInt8(scalar.value))
            }
        }
        return patterns.points(in: bytes)
    }
}

/// Pattern files by path, read once for every hyphenator that shares them; used under `lock`.
/// A pattern file once read is only read from, on any thread.
private final class PatternStore: @unchecked Sendable {
    let lock = NSLock()
    var paths: [String: String?] = [:]
    var patternFiles: [String: HyphenPatterns?] = [:]
    /// Pattern files being read on another thread (`preload`), by path.
    var pending: [String: BackgroundWork<HyphenPatterns?>] = [:]
}
