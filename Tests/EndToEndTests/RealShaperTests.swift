import Foundation
import XCTest
import BulletinKit
import BulletinLayout
import BulletinGraphics

/// The layout engine with Pango's real measurements: stable breaks, and a PDF whose words sit
/// exactly where the layout put them.
final class RealShaperTests: XCTestCase {
    var sample: String { Tools.root.appendingPathComponent("examples/sample").path }

    func testTheSameIssueBreaksTheSameWayEveryRun() throws {
        let first = try Bulletin.compose(MakeOptions(issue: sample)).document
        let second = try Bulletin.compose(MakeOptions(issue: sample)).document
        XCTAssertEqual(first, second)
        XCTAssertGreaterThan(first.pages.count, 2)
    }

    /// Word boxes as pdftotext reads them: (text, xMin, xMax, yMax) for each word of a page.
    func pdfWords(_ pdf: String, page: Int) throws -> [(text: String, x0: Double, x1: Double, y1: Double)] {
        let html = try Tools.run("pdftotext", ["-bbox", "-f", "\(page)", "-l", "\(page)", pdf, "-"]).stdout
        var words: [(String, Double, Double, Double)] = []
        for line in html.split(separator: "\n") where line.contains("<word ") {
            func attribute(_ name: String) -> Double {
                guard let range = line.range(of: name + "=\"") else { return .nan }
                return Double(line[range.upperBound...].prefix { $0 != "\"" }) ?? .nan
            }
            let text = line.split(separator: ">", maxSplits: 1).last.map { String($0.prefix { $0 != "<" }) } ?? ""
            words.append((text.replacingOccurrences(of: "&amp;", with: "&"), attribute("xMin"), attribute("xMax"), attribute("yMax")))
        }
        return words
    }

    func testPDFWordPositionsMatchTheShapedWidths() throws {
        let composed = try Bulletin.compose(MakeOptions(issue: sample))
        let pdf = Tools.temporaryFolder() + "/positions.pdf"
        try CairoRenderer(shaper: composed.shaper, colours: composed.layout.colours, creator: "test", images: composed.images)
            .writePDF(composed.document, to: pdf)
        let words = try pdfWords(pdf, page: 1)
        // Plain words of body text: one fragment, letters only, drawn as shaped.
        let fragments = composed.document.pages[0].texts.filter { text in
            text.kind == .body && text.fragment.actualText == nil && text.fragment.text.count >= 4
                && text.fragment.text.allSatisfy { $0.isLetter }
        }
        XCTAssertGreaterThan(fragments.count, 100)
        var checked = 0
        for text in fragments {
            // The same word on the same line (pdftotext's yMax is the line's bottom, below the baseline).
            let candidates = words.filter { $0.text == text.fragment.text && abs($0.y1 - text.baseline) < 4 }
            guard let word = candidates.min(by: { abs($0.x0 - text.x) < abs($1.x0 - text.x) }) else { continue }
            // cairo writes advances and TJ offsets in whole thousandths of an em, so a PDF
            // reader's positions drift from the exact ones by a few hundredths of a point
            // along a line; a quarter of a point is far below what the eye sees.
            XCTAssertEqual(word.x0, text.x, accuracy: 0.25, "start of \(text.fragment.text)")
            XCTAssertEqual(word.x1, text.x + text.fragment.width, accuracy: 0.25, "end of \(text.fragment.text)")
            checked += 1
        }
        XCTAssertGreaterThan(checked, fragments.count * 9 / 10)
        // Justified lines end on the column edge: the rightmost word ends within a hair of it.
        let right = composed.document.pages[0].texts.filter { $0.kind == .body }.map { $0.x + $0.fragment.width }.max() ?? 0
        XCTAssertLessThanOrEqual(words.map(\.x1).max() ?? 0, 595.28 - 42.52 + 0.25)
        XCTAssertGreaterThan(right, 595.28 - 42.52 - 0.05)
    }
}
