import XCTest
import BulletinModel
@testable import BulletinSource

final class LayoutLoaderTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let classicPath = root.appendingPathComponent("layouts/classic.yaml").path

    func testClassicLayout() throws {
        let layout = try LayoutLoader.load(path: Self.classicPath)
        XCTAssertEqual(layout.page.width, 595.276, accuracy: 0.01)
        XCTAssertEqual(layout.page.margins.left, 15 * 72 / 25.4, accuracy: 0.001)
        XCTAssertEqual(layout.grid.columns, 3)
        XCTAssertEqual(layout.grid.baseline, 11)
        XCTAssertEqual(layout.style(.body).family, "Liberation Serif")
        XCTAssertEqual(layout.style(.body).align, .justify)
        XCTAssertEqual(layout.style(.body).indent, 9)
        XCTAssertEqual(layout.style(.headline).bold, true)
        XCTAssertEqual(layout.fallbackFamilies, ["FreeSerif", "Noto Serif CJK SC", "Noto Serif CJK JP", "Noto Serif CJK KR", "Noto Serif CJK TC", "Symbola"])
        XCTAssertEqual(layout.style(.headline).family, "Liberation Sans, FreeSans")
        XCTAssertNotNil(layout.familyLines["Liberation Serif"])
    }

    /// Loads the classic layout with one line replaced.
    func loadEdited(_ old: String, _ new: String) throws -> LayoutSpec {
        try loadEdited([(old, new)])
    }

    /// Loads the classic layout with each (old, new) replaced.
    func loadEdited(_ edits: [(String, String)]) throws -> LayoutSpec {
        var text = try String(contentsOfFile: Self.classicPath, encoding: .utf8)
        for (old, new) in edits {
            XCTAssertTrue(text.contains(old))
            text = text.replacingOccurrences(of: old, with: new)
        }
        let path = NSTemporaryDirectory() + "layout-\(UUID().uuidString).yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try LayoutLoader.load(path: path)
    }

    func lineOf(_ needle: String) throws -> Int {
        let text = try String(contentsOfFile: Self.classicPath, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        return (lines.firstIndex { $0.contains(needle) } ?? -1) + 1
    }

    func testWrongTypeNamesKeyAndLine() throws {
        let line = try lineOf("columns: 3")
        XCTAssertThrowsError(try loadEdited("columns: 3", "columns: three")) { error in
            let e = error as? InputError
            XCTAssertEqual(e?.line, line)
            XCTAssertEqual(e?.message, "grid.columns must be a whole number, not \"three\"")
        }
    }

    func testUnknownKeyIsAnError() throws {
        let line = try lineOf("gutter: 5mm")
        XCTAssertThrowsError(try loadEdited("gutter: 5mm", "gutters: 5mm")) { error in
            let e = error as? InputError
            XCTAssertEqual(e?.line, line)
            XCTAssertTrue(e?.message.hasPrefix("unknown key \"gutters\" in grid") == true, e?.message ?? "")
        }
    }

    func testBadLengthAndColour() throws {
        XCTAssertThrowsError(try loadEdited("gutter: 5mm", "gutter: wide")) { error in
            XCTAssertTrue((error as? InputError)?.message.hasPrefix("grid.gutter must be a length") == true)
        }
        XCTAssertThrowsError(try loadEdited("accent: \"#1a4a7a\"", "accent: blue")) { error in
            XCTAssertTrue((error as? InputError)?.message.hasPrefix("colours.accent must be #rrggbb") == true)
        }
    }

    func testUnknownTemplateFieldNamesKeyAndLine() throws {
        let line = try lineOf("Tel. {telephone}")
        XCTAssertThrowsError(try loadEdited("Tel. {telephone}", "Tel. {phone}")) { error in
            let e = error as? InputError
            XCTAssertEqual(e?.line, line)
            XCTAssertTrue(e?.message.hasPrefix("footer.lines uses {phone}, which is not a field") == true, e?.message ?? "")
        }
    }

    func testLinkStyle() throws {
        XCTAssertEqual(try loadEdited("colours:\n", "colours:\n").links, LinkStyleSpec(colour: "accent", underline: 0.4))
        // Written before the colours it names: a link's colour is checked once all are read.
        let links = "links:\n  colour: accent\n  underline: 0.4pt\n"
        let layout = try loadEdited([(links, ""), ("colours:\n", "links:\n  colour: muted\ncolours:\n")])
        XCTAssertEqual(layout.links, LinkStyleSpec(colour: "muted", underline: 0))
        XCTAssertEqual(try loadEdited(links, "").links, LinkStyleSpec())
    }

    func testBadLinkStyleNamesKeyAndLine() throws {
        // Each error on the line of classic.yaml's `links.underline`, where the bad value goes.
        let line = try lineOf("  underline: 0.4pt")
        let links = "  colour: accent\n  underline: 0.4pt"
        for (edited, message) in [
            ("  underline: 0.4pt\n  colour: blue", "links.colour \"blue\" is not one of the layout's colours (accent, muted, rule, text)"),
            ("  colour: accent\n  underline: 40pt", "links.underline must be from 0pt to 36pt, not \"40pt\""),
            ("  colour: accent\n  underline: thick", "links.underline must be a length such as 12pt, 4.5mm, 1cm or 0.5in, not \"thick\""),
            ("  colour: accent\n  color: accent", "unknown key \"color\" in links (known: colour, underline)"),
        ] {
            XCTAssertThrowsError(try loadEdited(links, edited)) { error in
                let e = error as? InputError
                XCTAssertEqual(e?.line, line, edited)
                XCTAssertEqual(e?.message, message)
                XCTAssertTrue(e?.file.hasSuffix(".yaml") == true)
            }
        }
    }

    func testUnknownLayoutName() {
        XCTAssertThrowsError(try LayoutLoader.resolve("fancy", searchFolders: [Self.root.appendingPathComponent("layouts").path], from: "issue.yaml")) { error in
            let message = (error as? InputError)?.description ?? ""
            XCTAssertTrue(message.hasPrefix("issue.yaml: unknown layout \"fancy\" (known: "), message)
            XCTAssertTrue(message.contains("classic"))
            XCTAssertFalse(message.contains("did you mean"), message)
        }
        // A name a slip away from a known one, at issue.yaml's line: the one meant is named.
        XCTAssertThrowsError(try LayoutLoader.resolve("Tabliod", searchFolders: [Self.root.appendingPathComponent("layouts").path], from: "issue.yaml", line: 6)) { error in
            XCTAssertEqual((error as? InputError)?.line, 6)
            XCTAssertTrue((error as? InputError)?.message.hasSuffix(": did you mean \"tabloid\"?") == true, "\(error)")
        }
    }

    // MARK: - Numbers in range

    /// Asserts that the classic layout with `old` replaced by `new` fails on the line of `old`
    /// (or of `at`) with exactly `message`, or a message starting with it when `prefix`.
    func assertRejected(_ old: String, _ new: String, _ message: String, at needle: String? = nil, prefix: Bool = false,
                        file: StaticString = #filePath, line: UInt = #line) throws {
        try assertRejected([(old, new)], message, at: needle ?? old, prefix: prefix, file: file, line: line)
    }

    /// Asserts that the classic layout with each (old, new) replaced fails on the line of `needle`.
    func assertRejected(_ edits: [(String, String)], _ message: String, at needle: String, prefix: Bool = false,
                        file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = try lineOf(needle)
        XCTAssertThrowsError(try loadEdited(edits), file: file, line: line) { error in
            guard let e = error as? InputError else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertEqual(e.line, expected, e.message, file: file, line: line)
            XCTAssertTrue(e.file.hasSuffix(".yaml"), e.file, file: file, line: line)
            if prefix {
                XCTAssertTrue(e.message.hasPrefix(message), e.message, file: file, line: line)
            } else {
                XCTAssertEqual(e.message, message, file: file, line: line)
            }
        }
    }

    func testLimitAdmitsOnlyFiniteNumbersInRange() {
        let limit = Limit.numbers(0...0.1)
        XCTAssertTrue(limit.admits(0))
        XCTAssertTrue(limit.admits(0.1))
        XCTAssertFalse(limit.admits(0.1001))
        XCTAssertFalse(limit.admits(-0.0001))
        XCTAssertFalse(limit.admits(.nan))
        XCTAssertFalse(limit.admits(.infinity))
        XCTAssertFalse(limit.admits(-.infinity))
        XCTAssertEqual(limit.wording, "from 0 to 0.1")
        XCTAssertEqual(Limit.points(1...1000).wording, "from 1pt to 1000pt")
        XCTAssertEqual(Limit.leading(size: 9).range, 4.5...45)
    }

    func testLimitFormatsNumbersForMessages() {
        XCTAssertEqual(Limit.format(841.89), "841.9")
        XCTAssertEqual(Limit.format(12), "12")
        XCTAssertEqual(Limit.format(-0.1), "-0.1")
        XCTAssertEqual(Limit.format(1e300), "1e+300")
        XCTAssertEqual(Limit.format(.nan), "nan")
        XCTAssertEqual(Limit.millimetres(595.276), "210mm")
    }

    func testNonFiniteNumbersAreRejectedWithKeyLineAndText() throws {
        try assertRejected("gutter: 5mm", "gutter: nan", "grid.gutter must be from 0 to 5m, not \"nan\"")
        try assertRejected("gutter: 5mm", "gutter: inf", "grid.gutter must be from 0 to 5m, not \"inf\"")
        try assertRejected("margins: 15mm", "margins: -inf", "page.margins must be from 0 to 5m, not \"-inf\"")
        try assertRejected("baseline: 11pt", "baseline: 1e400pt", "grid.baseline must be", prefix: true)
        try assertRejected("tolerance: 150", "tolerance: nan", "breaking.tolerance must be from 0 to 10000, not \"nan\"")
        try assertRejected("thin_rule: 0.5pt", "thin_rule: inf", "masthead.thin_rule must be from 0pt to 36pt, not \"inf\"")
    }

    /// A gutter narrower than half an em of the body leaves neighbouring columns' text touching.
    /// A list or mapping where a number or a yes/no belongs is told as such, not as "must be text".
    func testAListWhereANumberBelongsSaysWhatBelongs() throws {
        try assertRejected("columns: 3", "columns: [3]", "grid.columns must be a whole number, not a list")
        try assertRejected("gutter: 5mm", "gutter: {a: 1}", "grid.gutter must be a length, not a mapping")
        try assertRejected("colour: accent, uppercase: true, tracking: 0.08em", "colour: accent, uppercase: [true], tracking: 0.08em",
                           "styles.kicker.uppercase must be true or false, not a list", at: "kicker: ")
    }

    func testAGutterTooNarrowForTheBodyIsAnError() throws {
        try assertRejected("gutter: 5mm", "gutter: 0", "grid.gutter of 0pt leaves the text of neighbouring columns touching: "
                           + "a gutter must be at least half an em of styles.body.size (4.5pt)")
        try assertRejected("gutter: 5mm", "gutter: 1pt", "grid.gutter of 1pt leaves the text of neighbouring columns touching", prefix: true)
        XCTAssertNoThrow(try loadEdited("gutter: 5mm", "gutter: 4.5pt"))
    }

    func testEmLengthsAreCheckedOnceConverted() throws {
        try assertRejected("indent: 1em}", "indent: nanem}", "styles.body.indent must be from 0 to 10em (90pt), not \"nanem\"",
                           at: "body: ")
        try assertRejected("indent: 1em}", "indent: 1e9em}", "styles.body.indent must be from 0 to 10em (90pt), not \"1e9em\"",
                           at: "body: ")
        try assertRejected("tracking: 0.08em", "tracking: 1e9em", "styles.kicker.tracking must be from -0.1em to 1em, not \"1e9em\"")
        try assertRejected("size: 9pt, leading: 11pt, align: justify, indent: 1em", "size: 9pt, leading: 1e9em, align: justify, indent: 1em",
                           "styles.body.leading must be from 4.5pt to 45pt (half to five times the size, 9pt), not \"1e9em\"")
    }

    func testTrackingInPointsIsAShareOfTheSize() throws {
        let layout = try loadEdited("tracking: 0.08em", "tracking: 0.6pt")
        XCTAssertEqual(layout.style(.kicker).tracking, 0.08, accuracy: 1e-9)
    }

    func testSizesAndLeadingsHaveSaneRanges() throws {
        try assertRejected("size: 20pt, leading: 22pt", "size: 1001pt, leading: 22pt", "styles.headline.size must be from 1pt to 1000pt, not \"1001pt\"")
        try assertRejected("size: 20pt, leading: 22pt", "size: 0.5pt, leading: 22pt", "styles.headline.size must be from 1pt to 1000pt, not \"0.5pt\"")
        try assertRejected("size: 20pt, leading: 22pt", "size: 20pt, leading: 0",
                           "styles.headline.leading must be from 10pt to 100pt (half to five times the size, 20pt), not \"0\"")
        try assertRejected("size: 20pt, leading: 22pt", "size: 20pt, leading: -22pt", "styles.headline.leading must be", prefix: true)
        // The bounds themselves are allowed.
        XCTAssertEqual(try loadEdited("size: 20pt, leading: 22pt", "size: 20pt, leading: 10pt").style(.headline).leading, 10)
        XCTAssertEqual(try loadEdited("size: 20pt, leading: 22pt", "size: 20pt, leading: 5em").style(.headline).leading, 100)
    }

    func testPageSizeHasSaneRange() throws {
        try assertRejected("size: A4", "size: [9e6pt, 9e6pt]", "page.size width must be from 50mm to 5m, not \"9e6pt\"")
        try assertRejected("size: A4", "size: [210mm, 40mm]", "page.size height must be from 50mm to 5m, not \"40mm\"")
        XCTAssertEqual(try loadEdited("size: A4", "size: [5000mm, 5000mm]").page.width, 5000 * 72 / 25.4, accuracy: 1e-6)
    }

    func testHyphenationAndBreakingNumbersHaveSaneRanges() throws {
        try assertRejected("min_word: 5", "min_word: 100000", "hyphenation.min_word must be from 2 to 30 letters, not \"100000\"")
        try assertRejected("min_before: 2", "min_before: 0", "hyphenation.min_before must be from 1 to 10 letters, not \"0\"")
        try assertRejected("min_after: 3", "min_after: -3", "hyphenation.min_after must be from 1 to 10 letters, not \"-3\"")
        try assertRejected("expansion: 0.02", "expansion: 0.5", "breaking.expansion must be from 0 to 0.1, not \"0.5\"")
        try assertRejected("letter_spacing: 0.015", "letter_spacing: -0.01", "breaking.letter_spacing must be from 0 to 0.1 em, not \"-0.01\"")
        try assertRejected("space_shrink: 0.33", "space_shrink: 1", "breaking.space_shrink must be from 0 to 0.9 of a space, not \"1\"")
        try assertRejected("pretolerance: 100", "pretolerance: -2", "breaking.pretolerance must be from -1 to 10000 (-1 skips the first pass), not \"-2\"")
        try assertRejected("hyphen_penalty: 20", "hyphen_penalty: -10000", "breaking.hyphen_penalty must be from 0 to 10000, not \"-10000\"")
        try assertRejected("adjacent_demerits: 3000", "adjacent_demerits: 1e7", "breaking.adjacent_demerits must be from 0 to 1000000, not \"1e7\"")
        try assertRejected("max_consecutive_hyphens: 2", "max_consecutive_hyphens: 11", "breaking.max_consecutive_hyphens must be from 0 to 10, not \"11\"")
        try assertRejected("emergency_stretch: 1.5", "emergency_stretch: 1e9", "breaking.emergency_stretch must be", prefix: true)
        XCTAssertEqual(try loadEdited("pretolerance: 100", "pretolerance: -1").breaking.pretolerance, -1)
    }

    func testKeyLinesFollowNestedKeys() throws {
        let layout = try LayoutLoader.load(path: Self.classicPath)
        XCTAssertEqual(layout.keyLines["styles.headline"], try lineOf("headline: "))
        XCTAssertEqual(layout.keyLines["styles.headline.size"], try lineOf("headline: "))
        XCTAssertEqual(layout.keyLines["grid.gutter"], try lineOf("gutter: 5mm"))
        XCTAssertEqual(layout.line(of: "styles.body.tracking"), try lineOf("body: "), "falls back to the enclosing key")
        XCTAssertNil(layout.line(of: "nothing.here"))
        XCTAssertTrue(layout.file.hasSuffix("classic.yaml"), layout.file)
    }

    func testNarrowTestLayoutIsValid() throws {
        let layout = try LayoutLoader.load(path: Self.root.appendingPathComponent("layouts/narrow-test.yaml").path)
        XCTAssertEqual(layout.style(.body).size, 9.5)
    }
}
