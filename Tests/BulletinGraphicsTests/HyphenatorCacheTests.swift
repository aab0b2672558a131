import XCTest
@testable import BulletinGraphics

/// The hyphenation cache stays bounded: no giant words, no more than its limit of words, and a
/// damaged or foreign cache file is not trusted.
final class HyphenatorCacheTests: XCTestCase {
    var folder = ""

    override func setUp() {
        folder = NSTemporaryDirectory() + "bulletin-hyphen-\(UUID().uuidString)"
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    func cacheLines() throws -> [String] {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        XCTAssertEqual(files.count, 1, "\(files)")
        return try String(contentsOfFile: folder + "/" + files[0], encoding: .utf8).split(separator: "\n").map(String.init)
    }

    func testHugeWordIsNeitherHyphenatedNorCached() throws {
        let hyphenator = Hyphenator(cacheFolder: folder)
        let huge = String(repeating: "international", count: 15_000)
        XCTAssertEqual(hyphenator.hyphenationPoints(in: huge, language: "en"), [])
        XCTAssertFalse(hyphenator.hyphenationPoints(in: "international", language: "en").isEmpty)
        hyphenator.saveCache()
        XCTAssertEqual(try cacheLines().map { $0.prefix { $0 != "\t" } }, ["international"])
    }

    func testCacheKeepsAtMostItsLimit() throws {
        let hyphenator = Hyphenator(cacheFolder: folder, cacheLimit: 50)
        let words = (0..<200).map { "counter" + String(repeating: "a", count: $0 % 40) + "tion" + String(UnicodeScalar(97 + $0 % 26)!) + "\($0 / 26)".map { String(UnicodeScalar(97 + Int(String($0))!)!) }.joined() }
        for word in words { _ = hyphenator.hyphenationPoints(in: word, language: "en") }
        hyphenator.saveCache()
        XCTAssertEqual(try cacheLines().count, 50)
        // Words past the limit are still hyphenated.
        XCTAssertFalse(hyphenator.hyphenationPoints(in: "internationalisation", language: "en").isEmpty)
    }

    func testDamagedCacheEntriesAreIgnored() throws {
        let writer = Hyphenator(cacheFolder: folder)
        _ = writer.hyphenationPoints(in: "international", language: "en")
        writer.saveCache()
        let file = try FileManager.default.contentsOfDirectory(atPath: folder)[0]
        // Points outside the word, a giant word and a control character: none may be believed.
        try "international\t5,999\n\(String(repeating: "a", count: 500))\t3\nbad\u{1}word\t1\n"
            .write(toFile: folder + "/" + file, atomically: true, encoding: .utf8)
        let reader = Hyphenator(cacheFolder: folder)
        let points = reader.hyphenationPoints(in: "international", language: "en")
        XCTAssertFalse(points.contains(999))
        XCTAssertEqual(points, Hyphenator(cacheFolder: nil).hyphenationPoints(in: "international", language: "en"))
    }
}

/// The patterns `make setup` installs for the languages editors write in.
final class HyphenationLanguagesTests: XCTestCase {
    func testEveryInstalledLanguageHyphenates() {
        let hyphenator = Hyphenator(cacheFolder: nil)
        let words = ["en": "international", "de": "Zusammenarbeit", "fr": "internationale", "es": "universidades",
                     "it": "internazionale", "pt": "universidades", "nl": "samenwerking"]
        for (language, word) in words {
            XCTAssertFalse(hyphenator.hyphenationPoints(in: word, language: language).isEmpty, "\(language): \(word)")
        }
    }
}
