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
        XCTAssertEqual(layout.fallbackFamilies, ["Noto Serif CJK SC"])
        XCTAssertNotNil(layout.familyLines["Liberation Serif"])
    }

    /// Loads the classic layout with one line replaced.
    func loadEdited(_ old: String, _ new: String) throws -> LayoutSpec {
        let text = try String(contentsOfFile: Self.classicPath, encoding: .utf8)
        XCTAssertTrue(text.contains(old))
        let path = NSTemporaryDirectory() + "layout-\(UUID().uuidString).yaml"
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
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

    func testUnknownLayoutName() {
        XCTAssertThrowsError(try LayoutLoader.resolve("fancy", searchFolders: [Self.root.appendingPathComponent("layouts").path], from: "issue.yaml")) { error in
            let message = (error as? InputError)?.description ?? ""
            XCTAssertTrue(message.hasPrefix("issue.yaml: unknown layout \"fancy\" (known: "), message)
            XCTAssertTrue(message.contains("classic"))
        }
    }
}
