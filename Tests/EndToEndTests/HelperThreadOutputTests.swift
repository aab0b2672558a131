import Foundation
import XCTest
import CPango
@testable import BulletinGraphics
@testable import BulletinKit
import BulletinLayout

/// Stories prepared on a second thread, with a Pango context of its own, draw the same PDF,
/// byte for byte: the same widths, the same glyphs, the same fonts (the Chinese story's
/// compact face included), the same warnings.
final class HelperThreadOutputTests: XCTestCase {
    func testASecondThreadMakesTheSameFile() throws {
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for example in ["sample", "alumni-connect"] {
            var files: [Data?] = [], warnings: [[String]] = []
            for helper in [false, true] {
                var options = MakeOptions(issue: Tools.root.appendingPathComponent("examples/\(example)").path,
                                          output: folder + "/\(example)-\(helper).pdf")
                options.helperThread = helper
                let report = try Bulletin.make(options)
                files.append(FileManager.default.contents(atPath: options.output!))
                warnings.append(report.warnings.map(\.description))
            }
            XCTAssertNotNil(files[0])
            XCTAssertEqual(files[0], files[1], example)
            XCTAssertEqual(warnings[0], warnings[1], example)
        }
    }

    /// The fonts are read on another thread while the issue is read; the pictures' text (an
    /// SVG's, set by librsvg through Pango's default font map, which Pango keeps per thread)
    /// is still set with them on the thread that reads the pictures.
    func testFontsReadOnAnotherThreadAreThePicturesFonts() throws {
        let composed = try Bulletin.compose(MakeOptions(issue: Tools.root.appendingPathComponent("examples/sample").path, output: "-"))
        XCTAssertEqual(UnsafeMutableRawPointer(pango_cairo_font_map_get_default()), UnsafeMutableRawPointer(composed.shaper.fonts.fontMap))
    }

    /// The email edition's pictures are scaled down on another thread from the issue's first
    /// distribution on: composed, the issue's pictures are found made. The print edition
    /// keeps its pictures whole and scales none.
    func testPicturesAreScaledDownWhileTheIssueIsFitted() throws {
        var options = MakeOptions(issue: Tools.root.appendingPathComponent("examples/sample").path, output: "-")
        let email = try Bulletin.compose(options)
        XCTAssertEqual(email.images.reducedSizes, 2, "the sample's photograph and chart")
        options.edition = .print
        let print = try Bulletin.compose(options)
        XCTAssertEqual(print.images.reducedSizes, 0)
    }

    /// The lines' glyph runs are made on another thread ahead of drawing (`RunsAhead`), from
    /// the shapes composing made: composing readies the words' parts a line draws (a beginning
    /// with its hyphen, the rest of the word on the next line), so every line of the stories'
    /// text but links is made ahead, and each run is the one drawing would make itself.
    func testTheLinesAreMadeAheadAsDrawingMakesThem() throws {
        func describe(_ run: GlyphRun) -> [String] {
            run.glyphs.map { "\($0.index) \($0.x) \($0.y)" } + run.clusters.map { "\($0.num_bytes)/\($0.num_glyphs)" }
                + ["\(run.utf8)", "\(run.scaledFont.map { UInt(bitPattern: $0) } ?? 0)", "\(run.missing)"]
        }
        for example in ["sample", "research-digest", "alumni-connect"] {
            let composed = try Bulletin.compose(MakeOptions(issue: Tools.root.appendingPathComponent("examples/\(example)").path, output: "-"))
            let shaper = composed.shaper
            let shapes = shaper.shapeLookup()
            var storyText = 0, madeAhead = 0
            for page in composed.document.pages {
                let runs = CairoRenderer.runs(of: page, shapes: shapes, actualText: true)
                var covered = Set<Int>()
                var index = 0
                while index < page.items.count {
                    guard case .text = page.items[index] else {
                        index += 1
                        continue
                    }
                    // Each line as drawing takes it, and the run made ahead for it, if any.
                    let batch = CairoRenderer.textBatch(in: page.items, at: index, actualText: true)
                    index = batch.items.upperBound
                    guard let ahead = runs[batch.items.lowerBound] else { continue }
                    covered.formUnion(batch.items)
                    let texts = page.items[batch.items].compactMap { item -> PlacedText? in
                        if case .text(let text) = item { return text } else { return nil }
                    }
                    let own = CairoRenderer.run(for: texts, actualText: batch.actualText, spaceAfter: batch.spaceAfter) {
                        shaper.shaped($0, font: $1, language: $2)
                    }
                    XCTAssertEqual(ahead.map(describe), own.map(describe), "\(example): \(texts.map(\.fragment.text))")
                }
                XCTAssertTrue(Set(runs.keys).isSubset(of: covered), "\(example): runs made for no line drawing takes")
                for (index, item) in page.items.enumerated() {
                    guard case .text(let text) = item, text.fragment.link == nil,
                          [.body, .subhead, .quote, .listItem, .headline, .caption].contains(text.kind) else { continue }
                    storyText += 1
                    if covered.contains(index) { madeAhead += 1 } else { XCTFail("\(example): \"\(text.fragment.text)\" is not made ahead") }
                }
            }
            XCTAssertGreaterThan(storyText, 1000, example)
            XCTAssertEqual(madeAhead, storyText, example)
        }
    }

    /// The words the second thread shaped are taken over by the shaper the renderer asks:
    /// drawing shapes no more than after one thread composed the issue (only what composing
    /// measured otherwise: hyphenated words' parts with the hyphen, letter-spaced text).
    func testDrawingShapesNoWordTheSecondThreadShaped() throws {
        var drawnShapes: [Int] = []
        for helper in [false, true] {
            var options = MakeOptions(issue: Tools.root.appendingPathComponent("examples/sample").path, output: "-")
            options.helperThread = helper
            let composed = try Bulletin.compose(options)
            let shaper = composed.shaper
            let before = shaper.itemsTaken + shaper.itemsMade
            let renderer = CairoRenderer(shaper: shaper, colours: composed.layout.colours, creator: "test", images: composed.images,
                                         links: composed.layout.links, compactFonts: true)
            _ = try renderer.pdfBytes(composed.document)
            drawnShapes.append(shaper.itemsTaken + shaper.itemsMade - before)
        }
        XCTAssertLessThan(drawnShapes[0], 400, "most words are drawn as composing shaped them")
        XCTAssertEqual(drawnShapes[1], drawnShapes[0])
    }
}
