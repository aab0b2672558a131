import XCTest
import CHyphen
@testable import BulletinGraphics

/// The pure-Swift pattern reader gives libhyphen's hyphenation points exactly: for every word of
/// the bundled example issues and for thousands of made-up words in English, German and French.
final class HyphenatorTests: XCTestCase {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// libhyphen's points for `word` (lower case), in Unicode scalars, leaving out non-standard
    /// breaks, as `Hyphenator` reports them.
    static func libhyphenPoints(_ dictionary: UnsafeMutablePointer<HyphenDict>, utf8: Bool, _ word: String) -> [Int]? {
        let scalars = Array(word.unicodeScalars)
        var bytes: [CChar] = []
        for scalar in scalars {
            if utf8 {
                bytes += String(scalar).utf8.map { CChar(bitPattern: $0) }
            } else {
                guard scalar.value < 256 else { return nil }
                bytes.append(CChar(bitPattern: UInt8(scalar.value)))
            }
        }
        return libhyphenPoints(dictionary, bytes: bytes, characters: scalars.count)
    }

    /// libhyphen's points for a word given as bytes in its file's character set (one byte a
    /// character outside UTF-8), as a program would call it (a word processor converts the
    /// word to the dictionary's set first).
    static func libhyphenPoints(_ dictionary: UnsafeMutablePointer<HyphenDict>, charset: String, _ word: String) -> [Int]? {
        if charset == "UTF-8" { return libhyphenPoints(dictionary, utf8: true, word) }
        let converter = iconv_open(charset, "UTF-8")
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = Array(word.utf8CString), output = [CChar](repeating: 0, count: input.count * 2)
        let count: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress, outPointer = outBuffer.baseAddress
                var inLeft = inBuffer.count - 1, outLeft = outBuffer.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let count, count == word.unicodeScalars.count else { return nil }
        return libhyphenPoints(dictionary, bytes: Array(output[..<count]), characters: count)
    }

    private static func libhyphenPoints(_ dictionary: UnsafeMutablePointer<HyphenDict>, bytes: [CChar], characters: Int) -> [Int]? {
        guard characters > 1 else { return nil }
        var hyphens = [CChar](repeating: 0, count: bytes.count + 5)
        var rep: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        var pos: UnsafeMutablePointer<Int32>?
        var cut: UnsafeMutablePointer<Int32>?
        let status = hnj_hyphen_hyphenate2(dictionary, bytes + [0], Int32(bytes.count), &hyphens, nil, &rep, &pos, &cut)
        defer {
            if let rep { for i in 0..<bytes.count { free(rep[i]) }; free(rep) }
            free(pos)
            free(cut)
        }
        guard status == 0 else { return nil }
        // After hnj_hyphen_norm, UTF-8 dictionaries give one value per character.
        return (0..<(characters - 1)).filter { hyphens[$0] & 1 == 1 && (rep == nil || rep![$0] == nil) }.map { $0 + 1 }
    }

    /// Every word of the example issues' stories, by the language its story is in.
    static func exampleWords() throws -> [String: Set<String>] {
        var words: [String: Set<String>] = [:]
        let examples = root + "/examples"
        for issue in try FileManager.default.contentsOfDirectory(atPath: examples) {
            let stories = examples + "/" + issue + "/stories"
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: stories) else { continue }
            for file in files where file.hasSuffix(".md") {
                let text = try String(contentsOfFile: stories + "/" + file, encoding: .utf8)
                let language = text.split(separator: "\n").first { $0.hasPrefix("lang:") }
                    .map { $0.dropFirst(5).trimmingCharacters(in: .whitespaces) } ?? "en"
                for word in text.split(whereSeparator: { !$0.isLetter }) where word.count > 1 {
                    words[language, default: []].insert(String(word))
                }
            }
        }
        return words
    }

    /// Made-up words from syllables, with the language's own letters, the same every run.
    static func madeUpWords(_ language: String, count: Int) -> [String] {
        let syllables: [String: [String]] = [
            "en": ["in", "ter", "na", "tion", "al", "com", "pu", "ta", "ble", "ex", "pe", "ri", "ence", "ly", "ness", "pro",
                   "gram", "mer", "un", "der", "stand", "ing", "hy", "phen", "ate", "graph", "ic", "qu", "ough", "ck", "ph", "xy"],
            "de": ["ver", "ein", "ba", "rung", "zu", "sam", "men", "ar", "beit", "schaft", "lich", "keit", "über", "stra",
                   "ße", "hoch", "schu", "le", "ge", "mein", "de", "äu", "ck", "tz", "pf", "schiff", "fahrt", "öf", "fent", "ung", "sch", "st"],
            "fr": ["in", "ter", "na", "tio", "nale", "é", "té", "coo", "pé", "ra", "tion", "re", "cher", "che", "uni", "ver",
                   "si", "tai", "res", "ê", "tre", "ç", "ais", "œu", "vre", "cons", "truc", "ti", "on", "è", "que", "l'", "aujourd"],
        ]
        let parts = syllables[language] ?? syllables["en"]!
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &+ UInt64(language.unicodeScalars.first!.value)
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        return (0..<count).map { _ in (0..<(2 + next() % 5)).map { _ in parts[next() % parts.count] }.joined() }
    }

    func check(_ language: String, words: [String], hyphenator: Hyphenator) throws {
        let path = try XCTUnwrap(hyphenator.path(for: language), language)
        let patterns = try XCTUnwrap(hyphenator.patterns(at: path))
        let dictionary = try XCTUnwrap(hnj_hyphen_load(path))
        defer { hnj_hyphen_free(dictionary) }
        var differences: [String] = []
        for word in words {
            let lower = word.lowercased()
            guard lower.unicodeScalars.count == word.unicodeScalars.count,
                  let expected = Self.libhyphenPoints(dictionary, utf8: patterns.utf8, lower) else { continue }
            let found = hyphenator.hyphenationPoints(in: word, language: language)
            if found != expected { differences.append("\(word): \(found) instead of \(expected)") }
        }
        XCTAssertEqual(differences, [], "\(language): \(differences.count) of \(words.count) words differ")
    }

    func testExampleWordsAsLibhyphen() throws {
        let hyphenator = Hyphenator()
        var byLanguage: [String: Set<String>] = [:]
        for (language, words) in try Self.exampleWords() where hyphenator.path(for: language) != nil {
            byLanguage[language, default: []].formUnion(words)
            // English, German and French patterns over every word, whatever its language.
            for other in ["en", "de", "fr"] { byLanguage[other, default: []].formUnion(words) }
        }
        XCTAssertGreaterThan(byLanguage["en"]?.count ?? 0, 1000)
        for (language, words) in byLanguage.sorted(by: { $0.key < $1.key }) {
            try check(language, words: words.sorted() + Self.madeUpWords(language, count: 3000), hyphenator: hyphenator)
        }
    }

    /// Patterns with the features libhyphen reads: hyphen minimums, a compound level,
    /// NOHYPHEN, a repeated pattern, a non-standard break and a line longer than libhyphen's buffer (read in pieces),
    /// a plain pattern after a non-standard one of the same letters and the other way round (the last wins, and
    /// with it its replacement or none).
    func testPatternFeaturesAsLibhyphen() throws {
        let folder = NSTemporaryDirectory() + "bulletin-hyphen-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let long = String(repeating: "ab", count: 60)
        let files = [
            "hyph_xa.dic": "UTF-8\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\n1ba\nb1c\n2bc\nc1d\nd1e\n1ff/f=f,1,2\n\(long)1x\ne1f\n",
            "hyph_xb.dic": "ISO8859-1\nCOMPOUNDLEFTHYPHENMIN 2\nCOMPOUNDRIGHTHYPHENMIN 3\nNOHYPHEN -,'\nhaus1boot\n1-1\nNEXTLEVEL\n1ba\n1ho\n1bo\nau1s\n2ot\n",
            "hyph_xc.dic": "UTF-8\n% a comment\n1ä\n1ü1\n.ab3c\nx1y\nx3y\n",
            "hyph_xd.dic": "UTF-8\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\n1ff/f=f,1,2\nf1f\n",
            "hyph_xe.dic": "UTF-8\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\nf3f\n1ff/f=f,1,2\n",
            // The same with patterns long enough to wait for a word (`HyphenPatterns.Level.keyLetters`),
            // a comment inside a run of them, and one in pieces.
            "hyph_xf.dic": "UTF-8\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\nbaff1fel/f=f,4,2\nbaf1f1fel\nbaf1fe\n% between\nbaffe3l\n\(long)1x\n",
            "hyph_xg.dic": "UTF-8\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\nbaf3f1fel\nbaff1fel/f=f,4,2\nNOHYPHEN q\nabcd1e\n1bc\nc1d\n",
        ]
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        let hyphenator = Hyphenator(folders: [folder])
        let words = ["abcdef", "affe", "baba", "bbbbccdde", "hausboot", "bootshausboot", "haus-boot", "ab'c", "xyxy", "äbüc",
                     "abcdefgh", "hausbootbaho", "b", "ab", "abcde12fg", "offen", "aff", "baffb"] + Self.madeUpWords("xx", count: 500)
        let more = ["baffel", "baffeln", "xbaffelx", "abcde", "zabcd", "abc", "bcd", "qabcde"]
        for language in ["xa", "xb", "xc", "xd", "xe", "xf", "xg"] { try check(language, words: words + more, hyphenator: hyphenator) }
    }

    /// Pattern files in character sets other than UTF-8 and Latin-1 (Polish and Czech in
    /// ISO8859-2, Greek in ISO8859-7, Russian in KOI8-R, Lithuanian in ISO8859-13) hyphenate
    /// their own letters as libhyphen does given the word in the file's set; read as Latin-1,
    /// a word with "ł", "ř" or any Greek or Cyrillic letter got no points at all.
    func testPatternsInOtherCharacterSetsHyphenateAsLibhyphen() throws {
        let hyphenator = Hyphenator()
        let samples = [
            "pl": ["współpraca", "uniwersytetu", "międzynarodowej", "stypendium", "zagranicznych", "łączność", "źdźbło", "przyjaciółka"],
            "cs": ["spolupráce", "mezinárodní", "univerzita", "přednášky", "středoškolák", "čtvrtletník"],
            "el": ["πανεπιστήμιο", "συνεργασία", "διεθνούς", "φοιτητές", "υποτροφία", "ανακοινώσεις", "εκπαιδευτικός"],
            "ru": ["университет", "сотрудничество", "международный", "студенческий", "стипендия", "преподаватели"],
            "lt": ["universitetas", "bendradarbiavimas", "tarptautinių", "studentų", "stipendijų"],
        ]
        for (language, words) in samples.sorted(by: { $0.key < $1.key }) {
            guard let path = hyphenator.path(for: language) else { return XCTFail("\(language): no patterns installed (make setup)") }
            let charset = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)).prefix { $0 != 10 && $0 != 13 }, as: UTF8.self)
            XCTAssertNotEqual(charset, "UTF-8", path)
            XCTAssertNotEqual(charset, "ISO8859-1", path)
            let dictionary = try XCTUnwrap(hnj_hyphen_load(path))
            defer { hnj_hyphen_free(dictionary) }
            var hyphenated = 0
            for word in words {
                let expected = try XCTUnwrap(Self.libhyphenPoints(dictionary, charset: charset, word), "\(language): \(word)")
                let found = hyphenator.hyphenationPoints(in: word, language: language)
                XCTAssertEqual(found, expected, "\(language): \(word)")
                if !found.isEmpty { hyphenated += 1 }
            }
            XCTAssertGreaterThan(hyphenated, words.count / 2, language)
        }
    }

    /// Languages whose pattern files are named otherwise than `hyph_xx_XX.dic`, or by script.
    func testPatternFilesAreFoundForEveryInstalledLanguage() throws {
        let hyphenator = Hyphenator()
        for (language, file) in [("no", "hyph_nb_NO.dic"), ("nb", "hyph_nb_NO.dic"), ("nn", "hyph_nn_NO.dic"), ("sv", "hyph_sv_SE.dic"),
                                 ("sv-FI", "hyph_sv_FI.dic"), ("da", "hyph_da_DK.dic"), ("pl", "hyph_pl_PL.dic"), ("hu", "hyph_hu_HU.dic"),
                                 ("sr-Latn", "hyph_sr-Latn_RS.dic"), ("sr", "hyph_sr_RS.dic"), ("en-GB", "hyph_en_GB.dic"),
                                 ("pt-BR", "hyph_pt_BR.dic"), ("it", "hyph_it_IT.dic"), ("de_AT", "hyph_de_AT.dic")] {
            XCTAssertEqual(hyphenator.path(for: language).map { ($0 as NSString).lastPathComponent }, file, language)
            XCTAssertNotNil(hyphenator.path(for: language).flatMap { hyphenator.patterns(at: $0) }, language)
        }
    }

    func testEveryInstalledLanguageHyphenates() {
        let hyphenator = Hyphenator()
        let words = ["en": "international", "de": "Zusammenarbeit", "fr": "internationale", "es": "universidades",
                     "it": "internazionale", "pt": "universidades", "nl": "samenwerking"]
        for (language, word) in words {
            XCTAssertFalse(hyphenator.hyphenationPoints(in: word, language: language).isEmpty, "\(language): \(word)")
        }
    }

    /// The longest words of German law hyphenate as libhyphen hyphenates them; a pasted run of
    /// letters longer than any word does not.
    func testTheLongestGermanWordsHyphenate() throws {
        let hyphenator = Hyphenator()
        let word = "Grundstücksverkehrsgenehmigungszuständigkeitsübertragungsverordnung"
        XCTAssertEqual(word.count, 67)
        XCTAssertGreaterThan(hyphenator.hyphenationPoints(in: word, language: "de").count, 3)
        try check("de", words: [word.lowercased(), "rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz"], hyphenator: hyphenator)
        XCTAssertEqual(hyphenator.hyphenationPoints(in: String(repeating: "ab", count: Hyphenator.longestWord / 2 + 1), language: "de"), [])
    }

    func testHugeWordIsNotHyphenated() {
        let hyphenator = Hyphenator()
        XCTAssertEqual(hyphenator.hyphenationPoints(in: String(repeating: "international", count: 15_000), language: "en"), [])
        XCTAssertFalse(hyphenator.hyphenationPoints(in: "international", language: "en").isEmpty)
    }

    /// Files of made-up patterns over a few letters, some long enough to wait until a word
    /// needs them and some not, many the beginnings of others: libhyphen's state after a
    /// letter is the longest text before it that begins a pattern, so a pattern that waits
    /// still shapes the states of words that never ask for it.
    func testMadeUpPatternFilesAsLibhyphen() throws {
        let folder = NSTemporaryDirectory() + "bulletin-hyphen-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ below: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % below
        }
        let letters = Array("abcde")
        var languages: [String] = []
        for file in 0..<4 {
            var lines = ["UTF-8", "LEFTHYPHENMIN 1", "RIGHTHYPHENMIN 1"]
            for _ in 0..<400 {
                var pattern = next(5) == 0 ? "." : ""
                for _ in 0..<(1 + next(7)) {
                    if next(3) == 0 { pattern += String(next(10)) }
                    pattern.append(letters[next(letters.count)])
                }
                if next(3) == 0 { pattern += String(1 + next(9)) }
                if next(8) == 0 { pattern += "." }
                lines.append(pattern)
            }
            // Mostly sorted, as the files are.
            if file % 2 == 0 { lines[3...].sort() }
            let language = "y\(Character(UnicodeScalar(UInt8(97 + file))))"
            try (lines.joined(separator: "\n") + "\n").write(toFile: folder + "/hyph_\(language).dic", atomically: true, encoding: .utf8)
            languages.append(language)
        }
        let words = (0..<1500).map { _ in String((0..<(2 + next(10))).map { _ in letters[next(letters.count)] }) }
        let hyphenator = Hyphenator(folders: [folder])
        for language in languages { try check(language, words: words, hyphenator: hyphenator) }
    }

    /// Most of German's patterns wait until a word needs them: reading the file puts a small
    /// part of them into the trie, a word the ones that begin with its letters, and the points
    /// are those of the patterns all in the trie.
    func testPatternsWaitUntilAWordNeedsThem() throws {
        let path = try XCTUnwrap(Hyphenator().path(for: "de"))
        let lazy = try XCTUnwrap(HyphenPatterns(path: path)), whole = try XCTUnwrap(HyphenPatterns(path: path))
        // German's file has two levels (NEXTLEVEL): the nodes of both.
        func nodes(_ patterns: HyphenPatterns) -> Int { patterns.top.count + (patterns.next?.count ?? 0) }
        let read = nodes(lazy)
        whole.top.ensureAll()
        whole.next?.ensureAll()
        let all = nodes(whole)
        XCTAssertLessThan(read, all / 4, "nodes made on reading, of \(all)")
        let points = lazy.points(in: Array("zusammenarbeit".utf8))
        XCTAssertEqual(points, whole.points(in: Array("zusammenarbeit".utf8)))
        XCTAssertFalse(points.isEmpty)
        XCTAssertGreaterThan(nodes(lazy), read)
        XCTAssertLessThan(nodes(lazy), all / 2)
        var words = Set(try Self.exampleWords().values.flatMap { $0 }.map { $0.lowercased() })
        words.formUnion(Self.madeUpWords("de", count: 3000))
        for word in words.sorted() {
            guard let bytes = word.data(using: .isoLatin1).map({ [UInt8]($0) }) else { continue }
            XCTAssertEqual(lazy.points(in: bytes), whole.points(in: bytes), word)
        }
    }

    /// Two threads hyphenate with one language's patterns at once, as the composing thread and
    /// its helper do: they read the trie together, and a word that needs patterns not in it
    /// yet is hyphenated again by one thread alone, putting them in. Every word's points are
    /// those of the patterns all in the trie, in whichever order the threads meet the words.
    func testTwoThreadsHyphenateWithOnePatternsAtOnce() throws {
        let path = try XCTUnwrap(Hyphenator().path(for: "de"))
        let shared = try XCTUnwrap(HyphenPatterns(path: path)), whole = try XCTUnwrap(HyphenPatterns(path: path))
        whole.top.ensureAll()
        whole.next?.ensureAll()
        let words = Set(Self.madeUpWords("de", count: 4000).map { $0.lowercased() }).sorted()
            .compactMap { $0.data(using: .isoLatin1).map { [UInt8]($0) } }
        let forwards = BackgroundWork { words.map { shared.points(in: $0) } }
        let backwards = BackgroundWork { words.reversed().map { shared.points(in: $0) } }
        let expected = words.map { whole.points(in: $0) }
        XCTAssertGreaterThan(expected.filter { !$0.isEmpty }.count, words.count / 2)
        XCTAssertEqual(forwards.wait(), expected)
        XCTAssertEqual(Array(backwards.wait().reversed()), expected)
    }

    /// Patterns read ahead on other threads hyphenate as those read when first needed; a
    /// language without patterns, or named twice, is passed over.
    func testPreloadedPatternsHyphenateAsOthers() {
        let words = ["en": "international", "de": "Zusammenarbeit", "fr": "internationale", "nl": "samenwerking"]
        let preloaded = Hyphenator(), plain = Hyphenator()
        preloaded.preload(languages: ["en", "de", "de-AT", "fr", "nl", "xx", "zh", "en"])
        for (language, word) in words.sorted(by: { $0.key < $1.key }) {
            XCTAssertEqual(preloaded.hyphenationPoints(in: word, language: language),
                           plain.hyphenationPoints(in: word, language: language), "\(language): \(word)")
        }
    }
}

extension HyphenPatterns.Level {
    /// Puts every line set aside into the trie: the level as if read whole.
    func ensureAll() {
        for slot in keys.indices where lastRuns[slot] > 0 { ensure(keys[slot]) }
    }
}
