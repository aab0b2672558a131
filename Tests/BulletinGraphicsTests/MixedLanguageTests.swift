import Foundation
import XCTest
import BulletinModel
import BulletinLayout
import BulletinSource
@testable import BulletinGraphics

/// The sample's German story opens with an English paragraph, marked `{lang=en}`, and names the
/// `[International Office]{lang=en}`: their words are broken with the English patterns (no
/// German "Pre-sident"), and the PDF's structure gives that paragraph its own /Lang.
final class MixedLanguageTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testTheEnglishOpeningOfTheGermanStoryIsHyphenatedAsEnglish() throws {
        let sample = Self.root.appendingPathComponent("examples/sample").path
        let loaded = try IssueLoader.load(folder: sample)
        var issue = loaded.issue
        issue.stories = issue.stories.filter { $0.file.hasSuffix("02-partnership-with-auenfeld.md") }
        XCTAssertEqual(issue.stories.map(\.lang), ["de"])
        let layout = try LayoutLoader.load(path: Self.root.appendingPathComponent("layouts/classic.yaml").path)
        let hyphenator = Hyphenator(folders: ["/usr/share/hyphen"])
        // English words go to libhyphen; German ones are only noted (the German patterns take
        // seconds to load, and the question here is which language each word is asked in).
        let asked = AskedLanguages(english: hyphenator)
        let composer = Composer(layout: layout, shaper: PangoShaper(fonts: FontLibrary(folders: [])), hyphenator: asked)
        let document = try composer.compose(issue)
        let body = document.pages.flatMap(\.texts).filter { $0.story == 0 && $0.kind == .body }
        let english = body.filter { $0.fragment.language == "en" }
        XCTAssertEqual(english.first?.fragment.text, "On")
        XCTAssertGreaterThan(english.count, 100)
        XCTAssertFalse(body.contains { $0.fragment.text.contains("{") }, "the attribute is text")

        // Every line-end hyphen in the English words is at a point of the English patterns.
        var hyphenated = 0
        for (fragment, next) in zip(body, body.dropFirst()) where fragment.fragment.language == "en" && fragment.fragment.text.hasSuffix("-") {
            let part = String(fragment.fragment.text.dropLast())
            let word = part + next.fragment.text.prefix { $0.isLetter }
            guard part.allSatisfy(\.isLetter) else { continue }
            hyphenated += 1
            XCTAssertTrue(hyphenator.hyphenationPoints(in: word, language: "en").contains(part.count), "\(part)-\(word.dropFirst(part.count))")
        }
        XCTAssertGreaterThan(hyphenated, 0, "no English line ends on a hyphen: the check above checked nothing")
        // The opening's "President" (German patterns: "Pre-sident") and the span's "Office" are
        // asked in English only; the German paragraphs' words in German.
        XCTAssertEqual(asked.languages["President"], ["en"])
        XCTAssertEqual(asked.languages["International"], ["en"])
        XCTAssertEqual(asked.languages["Office"], ["en"])
        XCTAssertEqual(asked.languages["Promotionsverfahren"], ["de"])
        XCTAssertFalse(english.contains { $0.fragment.text == "Pre-" })
    }
}

/// Notes the languages each word is hyphenated in; hyphenates English only.
final class AskedLanguages: Hyphenating, @unchecked Sendable {
    let english: Hyphenator
    var languages: [String: Set<String>] = [:]

    init(english: Hyphenator) { self.english = english }

    func hyphenationPoints(in word: String, language: String) -> [Int] {
        languages[word, default: []].insert(language)
        return language == "en" ? english.hyphenationPoints(in: word, language: language) : []
    }
}

/// `lang` naming a language that is hyphenated but has no patterns installed is a warning naming
/// the story's file and the line; the languages `make setup` installs have theirs.
final class LanguagePatternsTests: XCTestCase {
    func testLanguagesWithoutPatternsAreWarningsWithFileAndLine() throws {
        let hyphenator = Hyphenator(folders: ["/usr/share/hyphen"])
        for language in ["en", "de", "fr", "es", "it", "pt", "nl", "fr-CA", "pt-BR", "de-CH", "sv", "da", "no", "pl", "cs", "el", "ru", "en-GB"] {
            XCTAssertTrue(hyphenator.hasPatterns(for: language), language)
        }
        let folder = NSTemporaryDirectory() + "bulletin-patterns-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/stories", withIntermediateDirectories: true)
        try "title: T\ndate: 2026-11\n".write(toFile: folder + "/issue.yaml", atomically: true, encoding: .utf8)
        try "---\ntitle: Uutta\nlang: fi\n---\n\nHei.\n\nKaixo. {lang=eu}\n\nBonjour. {lang=fr}\n\nHei taas. {lang=fi}\n"
            .write(toFile: folder + "/stories/01-sv.md", atomically: true, encoding: .utf8)
        try "---\ntitle: 中文\nlang: zh\n---\n\n你好。\n".write(toFile: folder + "/stories/02-zh.md", atomically: true, encoding: .utf8)
        try "---\ntitle: Tin mới\nlang: vi\n---\n\nXin chào các bạn sinh viên.\n".write(toFile: folder + "/stories/03-vi.md", atomically: true, encoding: .utf8)
        let issue = try IssueLoader.load(folder: folder).issue
        let warnings = hyphenator.warningsForLanguagesWithoutPatterns(in: issue.stories)
        // Finnish once, at its lang: line; Basque at its paragraph's; French has patterns,
        // Chinese and Vietnamese need none.
        XCTAssertEqual(warnings.map { "\(($0.file as NSString).lastPathComponent):\($0.line ?? 0)" }, ["01-sv.md:3", "01-sv.md:8"])
        XCTAssertTrue(warnings.first?.message.hasPrefix("lang fi has no hyphenation patterns here") == true, "\(warnings)")
    }
}
