import Foundation
import XCTest
import BulletinKit
import BulletinLayout
@testable import BulletinGraphics

/// The shipped layouts' fallback faces: Latin letters the Liberation faces lack (Vietnamese)
/// come from FreeSerif and FreeSans, not from the CJK face; Chinese text still takes the CJK
/// face first, for its full-width punctuation and its quotes.
final class FallbackFontsTests: XCTestCase {
    /// An issue in the classic layout with a story naming Vietnamese people and places in its
    /// headline, byline and text, and, unless `chinese` is false, a Chinese story.
    static func makeIssue(chinese: Bool = true) throws -> String {
        let folder = Tools.temporaryFolder() + "/issue"
        try FileManager.default.createDirectory(atPath: folder + "/stories", withIntermediateDirectories: true)
        try "title: Campus Notes\ndate: 2026-11\nlayout: classic\n".write(toFile: folder + "/issue.yaml", atomically: true, encoding: .utf8)
        try """
        ---
        title: Nguyễn Thu Hà comes from Đà Nẵng
        written_by: Trần Thị Hằng
        lang: en
        ---

        Among this year's scholars is Nguyễn Thu Hà, who arrived from Đà Nẵng in September to begin an MSc in Coastal Engineering.
        """.write(toFile: folder + "/stories/01-scholar.md", atomically: true, encoding: .utf8)
        if chinese {
            try """
            ---
            title: 中秋迎新
            written_by: 林晓雯
            lang: zh
            ---

            国际办公室举办了“明月寄乡情”中秋晚会，欢迎新同学。她说：「中秋快乐」。
            """.write(toFile: folder + "/stories/02-zhongqiu.md", atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// Each character of the issue's text with the family Pango sets it in, for `story`.
    func faces(_ composed: Composition, story: Int) -> [(text: String, family: String, kind: TextKind)] {
        composed.document.pages.flatMap(\.texts).filter { $0.story == story }.flatMap { placed in
            composed.shaper.faces(of: placed.fragment.text, font: placed.fragment.font, language: placed.fragment.language)
                .map { ($0.text, $0.family, placed.kind) }
        }
    }

    func testVietnameseLettersTakeTheLatinFallbackAndChinesePunctuationTheCJKFace() throws {
        let composed = try Bulletin.compose(MakeOptions(issue: try Self.makeIssue()))
        let latin = faces(composed, story: 0)
        XCTAssertFalse(latin.isEmpty)
        // No letter of the English story comes from the CJK face.
        XCTAssertEqual(latin.filter { $0.family.contains("CJK") }.map(\.text), [])
        for letter in ["ễ", "ẵ", "ằ"] {
            let set = latin.filter { $0.text.contains(letter) }
            XCTAssertFalse(set.isEmpty, letter)
            for run in set {
                // The serif fallback in the text, the sans one in the headline and byline.
                XCTAssertEqual(run.family, [.headline, .byline].contains(run.kind) ? "FreeSans" : "FreeSerif", "\(letter) in \(run.kind)")
            }
        }
        XCTAssertTrue(latin.contains { $0.text.contains("Nguy") && $0.family == "Liberation Serif" }, "the rest of the name stays in the body's face")

        let chinese = faces(composed, story: 1).filter { $0.kind == .body }
        for mark in ["“", "”", "，", "。", "「", "」", "：", "中"] {
            let set = chinese.filter { $0.text.contains(mark) }
            XCTAssertFalse(set.isEmpty, mark)
            XCTAssertEqual(Set(set.map(\.family)), ["Noto Serif CJK SC"], mark)
        }
    }

    /// An issue without Chinese, Japanese or Korean text embeds no CJK font.
    func testAnIssueWithoutCJKTextEmbedsNoCJKFont() throws {
        let folder = try Self.makeIssue(chinese: false)
        _ = try Bulletin.make(MakeOptions(issue: folder, output: folder + "/issue.pdf"))
        let fonts = try Tools.run("pdffonts", [folder + "/issue.pdf"]).stdout
        XCTAssertFalse(fonts.contains("CJK"), fonts)
        XCTAssertTrue(fonts.contains("+FreeSerif") && fonts.contains("+FreeSans"), fonts)
    }

    /// A Japanese story is set in the shipped layouts' Japanese cut of the CJK face, a Chinese
    /// one in the simplified Chinese cut: the same characters take each language's forms.
    func testJapaneseTakesTheJapaneseCut() throws {
        let folder = try Self.makeIssue()
        try """
        ---
        title: 留学生の集い
        written_by: 佐藤花子
        lang: ja
        ---

        国際交流センターでは、春の留学生歓迎会を開きます。直接会って話しましょう。
        """.write(toFile: folder + "/stories/03-tsudoi.md", atomically: true, encoding: .utf8)
        let composed = try Bulletin.compose(MakeOptions(issue: folder))
        let japanese = faces(composed, story: 2).filter { $0.kind == .body }
        XCTAssertFalse(japanese.isEmpty)
        XCTAssertEqual(Set(japanese.map(\.family)), ["Noto Serif CJK JP"])
        // Its byline's Japanese too, though the byline keeps its own face first (for Latin names).
        let byline = faces(composed, story: 2).filter { $0.kind == .byline && $0.text.unicodeScalars.contains { $0.value >= 0x3000 } }
        XCTAssertFalse(byline.isEmpty)
        XCTAssertEqual(Set(byline.map(\.family)), ["Noto Serif CJK JP"])
        XCTAssertEqual(Set(faces(composed, story: 1).filter { $0.kind == .body }.map(\.family)), ["Noto Serif CJK SC"])
    }

    /// A line whose words Pango draws one by one (a Vietnamese name's letters from the fallback
    /// face) keeps its word spaces in the PDF's structure, as a line drawn in one run does.
    func testWordsDrawnOneByOneKeepTheirSpaces() throws {
        let folder = try Self.makeIssue(chinese: false)
        let pdf = folder + "/issue.pdf"
        let made = try Tools.run(Tools.bulletin, ["make", folder, "-o", pdf])
        XCTAssertEqual(made.status, 0, made.stderr)
        let text = try Tools.run("pdfinfo", ["-struct-text", pdf]).stdout
        XCTAssertTrue(text.contains("Among this year’s scholars is Nguyễn Thu Hà, who arrived from Đà Nẵng in September"), text)
        XCTAssertTrue(text.contains("Written by Trần Thị Hằng"), text)
    }

    /// Emoji and symbols none of the text faces has come from the shipped layouts' last
    /// fallback, Symbola, in outline: no boxes, no warning, and the PDF's text has them.
    func testEmojiComeFromTheSymbolFace() throws {
        let folder = try Self.makeIssue(chinese: false)
        try """
        ---
        title: Lab party 🎉 on Friday
        written_by: Ama Owusu
        ---

        Bring a dish ☕ 🍰 and a friend 🍕. The quiz starts at six ⏰.
        """.write(toFile: folder + "/stories/02-party.md", atomically: true, encoding: .utf8)
        let pdf = folder + "/issue.pdf"
        let made = try Tools.run(Tools.bulletin, ["make", folder, "-o", pdf])
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertFalse(made.stderr.contains("print as boxes"), made.stderr)
        XCTAssertTrue(try Tools.run("pdffonts", [pdf]).stdout.contains("Symbola"))
        let text = try Tools.run("pdftotext", ["-enc", "UTF-8", pdf, "-"]).stdout
        for emoji in ["🎉", "🍰", "🍕", "⏰"] { XCTAssertTrue(text.contains(emoji), "\(emoji) in \(text)") }
    }

    /// A style that asks its family for a face the family lacks (Symbola has only its regular)
    /// is told, naming the layout's line: the text is set in the face there is, not faked.
    func testAStyleAskingForAFaceTheFamilyLacksIsTold() throws {
        let folder = try Self.makeIssue(chinese: false)
        let line = try Tools.writeClassicLayout(into: folder, replacing: "  headline:          {family: \"Liberation Sans, FreeSans\", weight: bold",
                                                with: "  headline:          {family: Symbola, weight: bold")
        let made = try Tools.run(Tools.bulletin, ["make", folder, "-o", folder + "/issue.pdf"])
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertTrue(made.stderr.contains("layouts/classic.yaml:\(line): warning: font family \"Symbola\" has no bold face installed (styles.headline asks for one)"),
                      made.stderr)
        // The shipped layout's families have every face they are asked for.
        let plain = try Tools.run(Tools.bulletin, ["make", try Self.makeIssue(chinese: false), "-o", folder + "/plain.pdf"])
        XCTAssertFalse(plain.stderr.contains("face installed"), plain.stderr)
    }
}
