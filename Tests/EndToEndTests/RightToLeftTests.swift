import Foundation
import XCTest
import BulletinKit
@testable import BulletinLayout

/// An Arabic and a Hebrew story in the classic layout: their headlines and lines run from the
/// right edge of their columns, their words in reading order from right to left, their columns
/// read from the right, and a list's markers stand on the right of its items.
final class RightToLeftTests: XCTestCase {
    static func makeIssue() throws -> String {
        let folder = Tools.temporaryFolder() + "/issue"
        try FileManager.default.createDirectory(atPath: folder + "/stories", withIntermediateDirectories: true)
        try "title: Campus World\ndate: 2027-05\nlang: en\n".write(toFile: folder + "/issue.yaml", atomically: true, encoding: .utf8)
        try """
        ---
        title: أسبوع الثقافات في الحرم الجامعي
        written_by: ليلى حداد
        lang: ar
        ---

        ينظم مكتب الشؤون الدولية أسبوع الثقافات في شهر مايو، ويشارك فيه طلاب من أكثر من ثلاثين بلدا. تبدأ الفعاليات يوم الاثنين بمعرض للصور في المكتبة المركزية، ثم أمسية موسيقية في القاعة الكبرى.

        - التسجيل في المكتب الدولي
        - زيارة المعرض في المكتبة
        """.write(toFile: folder + "/stories/01-thaqafat.md", atomically: true, encoding: .utf8)
        try """
        ---
        title: שבוע התרבויות בקמפוס
        written_by: נועה כהן
        lang: he
        ---

        משרד הקשרים הבינלאומיים מזמין את כל הסטודנטים לשבוע התרבויות, שיתקיים בחודש מאי בקמפוס המרכזי. ההרשמה פתוחה עד סוף החודש באתר המשרד, וההשתתפות ללא תשלום. בכל ערב תתקיים הופעה של להקה אחרת, ובסוף השבוע יוצג מטבח מכל היבשות.
        """.write(toFile: folder + "/stories/02-tarbuyot.md", atomically: true, encoding: .utf8)
        return folder
    }

    /// The structure's text of the issue in `folder` made to `pdf`, as a screen reader follows
    /// it, its spaces the PDF's own (pdftotext would guess them from the gaps between words):
    /// words joined by single spaces, without the direction marks pdfinfo adds.
    static func structureText(ofIssueMadeIn folder: String, to pdf: String) throws -> String {
        let made = try Tools.run(Tools.bulletin, ["make", folder, "-o", pdf])
        XCTAssertEqual(made.status, 0, made.stderr)
        let raw = try Tools.run("pdfinfo", ["-struct-text", pdf]).stdout
        return String(raw.unicodeScalars.filter { !(0x202A...0x202E).contains($0.value) })
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    func testRightToLeftStoriesRunFromTheRight() throws {
        let composed = try Bulletin.compose(MakeOptions(issue: try Self.makeIssue()))
        let texts = composed.document.pages.flatMap(\.texts)
        for story in [0, 1] {
            let headline = texts.filter { $0.story == story && $0.kind == .headline }
            XCTAssertGreaterThan(headline.count, 2)
            // Words in reading order stand leftwards, one after another on each line.
            for (a, b) in zip(headline, headline.dropFirst()) where a.baseline == b.baseline {
                XCTAssertGreaterThan(a.x, b.x, "\(a.fragment.text) before \(b.fragment.text)")
            }
            // Each line of text starts at the right edge of its column, its last line too.
            let geometry = PageGeometry(layout: composed.layout)
            let body = texts.filter { $0.story == story && $0.kind == .body }
            XCTAssertFalse(body.isEmpty)
            let lines = Dictionary(grouping: body) { text in
                "\(text.baseline) \((0..<geometry.columns).last { geometry.columnX($0) <= text.x + 0.01 } ?? 0)"
            }
            XCTAssertGreaterThan(lines.count, 3)
            for (key, line) in lines {
                let column = Int(key.split(separator: " ")[1]) ?? 0
                let right = line.map { $0.x + $0.fragment.width }.max() ?? 0
                XCTAssertEqual(right, geometry.columnX(column) + geometry.columnWidth, accuracy: 0.5, "story \(story), line at \(key)")
            }
        }
        // Each story's columns read from the right: its first line of text is in the rightmost
        // of the columns its text takes on the page, its last in the leftmost.
        for story in [0, 1] {
            let body = texts.filter { $0.story == story && ($0.kind == .body || $0.kind == .listItem) }
            let columns = body.compactMap(\.column)
            XCTAssertGreaterThan(Set(columns).count, 1, "story \(story) takes one column")
            XCTAssertEqual(columns.first, columns.max(), "story \(story)")
            XCTAssertEqual(columns.last, columns.min(), "story \(story)")
        }
        // The list's markers stand right of their items' first words (the fragment after each).
        let markers = texts.indices.filter { texts[$0].story == 0 && texts[$0].kind == .listItem && texts[$0].fragment.text == "•" }
        XCTAssertEqual(markers.count, 2)
        for index in markers {
            let marker = texts[index], word = texts[index + 1]
            XCTAssertEqual(word.baseline, marker.baseline)
            XCTAssertGreaterThan(marker.x, word.x + word.fragment.width, word.fragment.text)
        }
    }

    /// The PDF's structure reads the right-to-left stories word by word, in reading order: the
    /// word spaces are written after each word, as for text from the left.
    func testTextTakenFromThePDFHasItsWordSpaces() throws {
        let folder = try Self.makeIssue()
        let pdf = folder + "/issue.pdf"
        let text = try Self.structureText(ofIssueMadeIn: folder, to: pdf)
        for words in ["أسبوع الثقافات في الحرم الجامعي", "ينظم مكتب الشؤون الدولية أسبوع الثقافات", "بقلم ليلى حداد",
                      "שבוע התרבויות בקמפוס", "משרד הקשרים הבינלאומיים מזמין את כל הסטודנטים", "מאת נועה כהן"] {
            XCTAssertTrue(text.contains(words), "\(words) in \(text)")
        }
    }

    /// A word read from the right whose full stop comes from another font than its letters
    /// (the body's Latin face has the stop, not the Arabic letters) is read with the stop after
    /// it, as it was typed: Pango draws a word's runs from the left, which put the stop first.
    func testAStopInAnotherFontIsReadAfterItsWord() throws {
        let folder = Tools.temporaryFolder() + "/issue"
        try FileManager.default.createDirectory(atPath: folder + "/stories", withIntermediateDirectories: true)
        try "title: Campus World\ndate: 2027-05\nlang: en\n".write(toFile: folder + "/issue.yaml", atomically: true, encoding: .utf8)
        try """
        ---
        title: أسبوع الثقافات
        lang: ar
        ---

        تبدأ الفعاليات يوم السبت. ثم أمسية موسيقية في القاعة الكبرى يوم الجمعة.
        """.write(toFile: folder + "/stories/01-thaqafat.md", atomically: true, encoding: .utf8)
        let pdf = folder + "/issue.pdf"
        let text = try Self.structureText(ofIssueMadeIn: folder, to: pdf)
        XCTAssertTrue(text.contains("يوم السبت. ثم أمسية"), text)
        XCTAssertTrue(text.contains("يوم الجمعة."), text)
        XCTAssertFalse(text.contains(".السبت"), text)
    }
}
