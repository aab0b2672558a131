import Foundation
import XCTest

/// Renders the bundled sample with every shipped layout and reads each PDF back with
/// poppler-utils: the paper size, every story's title and embedded fonts.
final class LayoutsTests: XCTestCase {
    /// The shipped layouts and their paper in PostScript points.
    static let layouts: [(name: String, width: Double, height: Double)] = [
        ("classic", 595.276, 841.89),      // A4
        ("letter", 612, 792),              // US Letter
        ("tabloid", 841.89, 1190.551),     // A3
        ("narrow-test", 595.276, 841.89),  // A4
    ]

    static let folder = Tools.temporaryFolder()
    var sample: String { Tools.root.appendingPathComponent("examples/sample").path }

    /// One PDF per layout, made once for all the tests of this class.
    nonisolated(unsafe) static var made: [String: Tools.Result] = [:]

    func pdf(_ layout: String) throws -> String {
        let path = Self.folder + "/sample-\(layout).pdf"
        if Self.made[layout] == nil {
            Self.made[layout] = try Tools.run(Tools.bulletin, ["make", sample, "--layout", layout, "-o", path])
        }
        let made = try XCTUnwrap(Self.made[layout])
        XCTAssertEqual(made.status, 0, "layout \(layout): \(made.stderr)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: path), "layout \(layout) wrote no PDF")
        return path
    }

    /// The sample's story titles, as written in their front matter (quotes taken off).
    func titles() throws -> [String] {
        let stories = sample + "/stories"
        return try FileManager.default.contentsOfDirectory(atPath: stories).filter { $0.hasSuffix(".md") }.sorted().map { name in
            let text = try String(contentsOfFile: stories + "/" + name, encoding: .utf8)
            let line = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("title:") }, "\(name) has no title")
            var title = line.dropFirst("title:".count).trimmingCharacters(in: .whitespaces)
            if title.count >= 2, let first = title.first, first == title.last, first == "\"" || first == "'" {
                title = String(title.dropFirst().dropLast())
            }
            return title
        }
    }

    /// Text without any white space, so that a title wrapped over lines still matches.
    func squeezed(_ text: String) -> String {
        String(text.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
    }

    func testEveryLayoutRendersTheSample() throws {
        for layout in Self.layouts {
            _ = try pdf(layout.name)
            XCTAssertFalse(try XCTUnwrap(Self.made[layout.name]).stderr.contains("grid lines"), "layout \(layout.name) is on its grid")
        }
    }

    /// A body leading above the grid's baseline sets the lines two grid lines apart: told at
    /// the layout's line, with what to do.
    func testABodyLeadingAboveTheBaselineIsTold() throws {
        let issue = Self.folder + "/off-grid"
        try? FileManager.default.removeItem(atPath: issue)
        try FileManager.default.copyItem(atPath: sample, toPath: issue)
        let line = try Tools.writeClassicLayout(into: issue, replacing: "size: 9pt, leading: 11pt, align: justify",
                                                with: "size: 9pt, leading: 12pt, align: justify")
        let made = try Tools.run(Tools.bulletin, ["make", issue, "-o", issue + "/x.pdf"])
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertTrue(made.stderr.contains("layouts/classic.yaml:\(line): warning: styles.body.leading (12pt) is more than grid.baseline (11pt): "
                                           + "each body line takes 2 grid lines, 22pt apart: set the body's leading and the grid's baseline equal"), made.stderr)
    }

    func testPageSizeMatchesTheLayout() throws {
        for layout in Self.layouts {
            let info = try Tools.run("pdfinfo", [try pdf(layout.name)]).stdout
            // "Page size:       612 x 792 pts (letter)"
            let line = try XCTUnwrap(info.split(separator: "\n").first { $0.hasPrefix("Page size:") }, "layout \(layout.name): no page size")
            let numbers = line.split(separator: " ").compactMap { Double($0) }
            XCTAssertEqual(numbers.count, 2, "layout \(layout.name): \(line)")
            guard numbers.count == 2 else { continue }
            XCTAssertEqual(numbers[0], layout.width, accuracy: 1, "layout \(layout.name): width")
            XCTAssertEqual(numbers[1], layout.height, accuracy: 1, "layout \(layout.name): height")
        }
    }

    func testEveryStoryTitleIsInTheText() throws {
        let titles = try titles()
        XCTAssertGreaterThanOrEqual(titles.count, 5)
        for layout in Self.layouts {
            let text = squeezed(try Tools.run("pdftotext", ["-raw", "-enc", "UTF-8", try pdf(layout.name), "-"]).stdout)
            for title in titles {
                XCTAssertTrue(text.contains(squeezed(title)), "layout \(layout.name): title not found: \(title)")
            }
        }
    }

    func testAllFontsAreEmbedded() throws {
        for layout in Self.layouts {
            let table = try Tools.run("pdffonts", [try pdf(layout.name)]).stdout.split(separator: "\n")
            // A header, a line of dashes, then one font a line ending "emb sub uni object ID".
            let fonts = table.drop { !$0.hasPrefix("---") }.dropFirst()
            XCTAssertFalse(fonts.isEmpty, "layout \(layout.name): pdffonts lists no fonts")
            for font in fonts {
                let columns = font.split(separator: " ")
                XCTAssertGreaterThanOrEqual(columns.count, 6, "layout \(layout.name): \(font)")
                guard columns.count >= 6 else { continue }
                XCTAssertEqual(columns[columns.count - 5], "yes", "layout \(layout.name): font not embedded: \(font)")
            }
        }
    }
}
