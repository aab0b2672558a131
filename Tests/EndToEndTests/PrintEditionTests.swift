import Foundation
import XCTest

/// `bulletin make --for print` on the sample, read back with poppler-utils and qpdf: page boxes,
/// marks outside the bleed, a paper colour that runs into it, booklet order, the document's
/// language, and the warnings the print shop's editor needs.
final class PrintEditionTests: XCTestCase {
    static let folder = Tools.temporaryFolder()
    var sample: String { Tools.root.appendingPathComponent("examples/sample").path }
    let mm = 72 / 25.4
    let a4 = (width: 595.28, height: 841.89)

    /// Makes the PDF once per set of arguments: later tests reuse it.
    nonisolated(unsafe) static var made: [String: Tools.Result] = [:]

    @discardableResult
    func make(_ issue: String, _ options: [String], to name: String) throws -> Tools.Result {
        let key = ([issue] + options + [name]).joined(separator: " ")
        if let result = Self.made[key] { return result }
        let result = try Tools.run(Tools.bulletin, ["make", issue, "-o", Self.folder + "/" + name] + options)
        Self.made[key] = result
        return result
    }

    func madeOK(_ issue: String, _ options: [String], to name: String) throws -> String {
        let result = try make(issue, options, to: name)
        XCTAssertEqual(result.status, 0, result.stderr)
        return Self.folder + "/" + name
    }

    /// A copy of the sample to change, in this test's folder.
    func copyOfSample() throws -> String {
        let copy = Tools.temporaryFolder() + "/issue"
        try FileManager.default.copyItem(atPath: sample, toPath: copy)
        return copy
    }

    // MARK: - Reading PDFs

    /// The first page's boxes from `pdfinfo -box`: "TrimBox" -> [x0, y0, x1, y1].
    func boxes(_ pdf: String) throws -> [String: [Double]] {
        var result: [String: [Double]] = [:]
        for line in try Tools.run("pdfinfo", ["-box", pdf]).stdout.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard let name = parts.first, name.hasSuffix("Box:") else { continue }
            result[String(name.dropLast())] = parts.dropFirst().compactMap { Double($0) }
        }
        return result
    }

    /// Every object's value in the PDF, from `qpdf --json`.
    func objects(_ pdf: String) throws -> [[String: Any]] {
        let result = try Tools.run("qpdf", ["--json=2", pdf])
        guard let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
              let qpdf = json["qpdf"] as? [Any], qpdf.count > 1, let objects = qpdf[1] as? [String: Any] else {
            XCTFail("qpdf gave no objects: \(result.stderr)")
            return []
        }
        return objects.values.compactMap { ($0 as? [String: Any])?["value"] as? [String: Any] }
    }

    /// The catalog's /Lang, as qpdf shows it.
    func language(_ pdf: String) throws -> String? {
        let catalog = try objects(pdf).first { $0["/Type"] as? String == "/Catalog" }
        return (catalog?["/Lang"] as? String).map { $0.hasPrefix("u:") ? String($0.dropFirst(2)) : $0 }
    }

    /// A page drawn by pdftoppm in grey at `dpi`: width, height and one byte a pixel.
    func greyPixels(_ pdf: String, page: Int, dpi: Int) throws -> (width: Int, height: Int, pixels: [UInt8]) {
        let prefix = Tools.temporaryFolder() + "/page"
        let result = try Tools.run("pdftoppm", ["-gray", "-r", "\(dpi)", "-f", "\(page)", "-l", "\(page)", "-singlefile", pdf, prefix])
        XCTAssertEqual(result.status, 0, result.stderr)
        let bytes = [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: prefix + ".pgm")))
        // P5 <width> <height> <maximum> and one whitespace, then the pixels.
        var fields: [Int] = [], index = 2, number = ""
        while fields.count < 3, index < bytes.count {
            let character = Character(UnicodeScalar(bytes[index]))
            if character.isNumber { number.append(character) } else if !number.isEmpty { fields.append(Int(number) ?? 0); number = "" }
            index += 1
        }
        XCTAssertEqual(fields.count, 3)
        return (fields[0], fields[1], Array(bytes[index...]))
    }

    /// The footer's "page N of M" in an area of a page, read with pdftotext; nil when blank.
    func pageNumber(_ pdf: String, page: Int, x: Double, width: Double) throws -> Int? {
        let result = try Tools.run("pdftotext", ["-f", "\(page)", "-l", "\(page)", "-x", "\(Int(x))", "-y", "0", "-W", "\(Int(width))",
                                                 "-H", "2000", "-enc", "UTF-8", pdf, "-"])
        guard let match = result.stdout.range(of: #"page (\d+) of \d+"#, options: .regularExpression) else { return nil }
        return Int(result.stdout[match].split(separator: " ")[1])
    }

    // MARK: - Page boxes

    func testPrintEditionHasTrimAndBleedBoxesAroundAnA4Page() throws {
        let pdf = try madeOK(sample, ["--for", "print"], to: "print.pdf")
        let box = try boxes(pdf)
        let trim = try XCTUnwrap(box["TrimBox"]), bleed = try XCTUnwrap(box["BleedBox"]), media = try XCTUnwrap(box["MediaBox"])
        XCTAssertEqual(trim[2] - trim[0], a4.width, accuracy: 0.011)
        XCTAssertEqual(trim[3] - trim[1], a4.height, accuracy: 0.011)
        for side in 0..<4 {
            let outward: Double = side < 2 ? -1 : 1
            XCTAssertEqual(bleed[side], trim[side] + outward * 3 * mm, accuracy: 0.011, "bleed side \(side)")
        }
        // The media holds the marks beyond the bleed.
        XCTAssertEqual(media[0], 0)
        XCTAssertGreaterThan(media[2], bleed[2] + 5 * mm)
        XCTAssertGreaterThan(media[3], bleed[3] + 5 * mm)
        // And every page has them, not just the first.
        let pages = try objects(pdf).filter { $0["/Type"] as? String == "/Page" }
        XCTAssertEqual(pages.count, 6)
        for page in pages {
            let pageTrim = try XCTUnwrap(page["/TrimBox"] as? [Double], "a page without a TrimBox")
            XCTAssertEqual(zip(pageTrim, trim).map { abs($0 - $1) }.max() ?? 1, 0, accuracy: 0.006)
            XCTAssertNotNil(page["/BleedBox"] as? [Double], "a page without a BleedBox")
        }
    }

    func testPrintEditionIsCleanForQpdfWithEveryFontEmbedded() throws {
        let pdf = try madeOK(sample, ["--for", "print"], to: "print.pdf")
        let check = try Tools.run("qpdf", ["--check", pdf])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertTrue(check.stdout.contains("No syntax or stream encoding errors found"), check.stdout)
        let fonts = try Tools.run("pdffonts", [pdf]).stdout.split(separator: "\n").dropFirst(2)
        XCTAssertFalse(fonts.isEmpty)
        for font in fonts {
            // name type encoding emb sub uni object ID: "emb" is the fourth column from the end but three.
            let columns = font.split(separator: " ")
            XCTAssertEqual(columns.count >= 7 ? columns[columns.count - 5] : "", "yes", "not embedded: \(font)")
        }
    }

    func testBothEditionsNameTheirLanguage() throws {
        XCTAssertEqual(try language(madeOK(sample, ["--for", "print"], to: "print.pdf")), "en")
        XCTAssertEqual(try language(madeOK(sample, [], to: "email.pdf")), "en")
        // issue.yaml's lang wins over the stories'.
        let issue = try copyOfSample()
        let yaml = try String(contentsOfFile: issue + "/issue.yaml", encoding: .utf8)
        try (yaml + "lang: en-GB\n").write(toFile: issue + "/issue.yaml", atomically: true, encoding: .utf8)
        XCTAssertEqual(try language(madeOK(issue, [], to: "en-gb.pdf")), "en-GB")
    }

    func testTheEmailEditionKeepsItsPagesWithoutPrintBoxes() throws {
        let pdf = try madeOK(sample, [], to: "email.pdf")
        let box = try boxes(pdf)
        XCTAssertEqual(box["MediaBox"], [0, 0, a4.width, a4.height])
        XCTAssertEqual(box["TrimBox"], box["MediaBox"], "the email edition has no trim of its own")
        let pages = try objects(pdf).filter { $0["/Type"] as? String == "/Page" }
        XCTAssertTrue(pages.allSatisfy { $0["/TrimBox"] == nil && $0["/BleedBox"] == nil })
        XCTAssertEqual(try Tools.run("qpdf", ["--check", pdf]).status, 0)
    }

    func testTheSameIssueGivesTheSameBytes() throws {
        let first = try madeOK(sample, ["--for", "print"], to: "print.pdf")
        let second = try madeOK(sample, ["--for", "print"], to: "print-again.pdf")
        XCTAssertEqual(FileManager.default.contents(atPath: first), FileManager.default.contents(atPath: second))
        // The file identifier qpdf writes is a digest of the content.
        let trailer = try Tools.run("qpdf", ["--show-object=trailer", first]).stdout
        XCTAssertTrue(trailer.contains("/ID ["), trailer)
    }

    // MARK: - Marks and bleed

    /// Grey level of the pixel at (x, y) points from the sheet's top-left corner.
    func grey(_ image: (width: Int, height: Int, pixels: [UInt8]), _ x: Double, _ y: Double, dpi: Double) -> UInt8 {
        let column = Int(x * dpi / 72), row = Int(y * dpi / 72)
        return image.pixels[row * image.width + column]
    }

    /// The darkest pixel in a rectangle of points.
    func darkest(_ image: (width: Int, height: Int, pixels: [UInt8]), x: ClosedRange<Double>, y: ClosedRange<Double>, dpi: Double) -> UInt8 {
        var darkest: UInt8 = 255
        for row in Int(y.lowerBound * dpi / 72)...Int(y.upperBound * dpi / 72) {
            for column in Int(x.lowerBound * dpi / 72)...Int(x.upperBound * dpi / 72) {
                darkest = min(darkest, image.pixels[row * image.width + column])
            }
        }
        return darkest
    }

    func testCropMarksStandAtTheCornersOutsideTheBleed() throws {
        let pdf = try madeOK(sample, ["--for", "print"], to: "print.pdf")
        let image = try greyPixels(pdf, page: 1, dpi: 144)
        let trim = try XCTUnwrap(boxes(pdf)["TrimBox"])
        let height = Double(image.height) * 72 / 144
        // Trim from the top-left corner, as the image is read.
        let left = trim[0], top = height - trim[3], right = trim[2], bottom = height - trim[1]
        let bleed = 3 * mm
        // Each corner: a mark in line with the trim edge, beyond the bleed.
        for (x, y, outward) in [(left, top, -1.0), (right, top, 1.0), (left, bottom, -1.0), (right, bottom, 1.0)] {
            let along = outward < 0 ? (x - 9 * mm)...(x - bleed - 1) : (x + bleed + 1)...(x + 9 * mm)
            XCTAssertLessThan(darkest(image, x: along, y: (y - 1)...(y + 1), dpi: 144), 200, "no crop mark at (\(x), \(y))")
        }
        // The bleed itself is empty: the sample has nothing at the trim edge and no paper colour.
        XCTAssertEqual(darkest(image, x: (left - bleed + 1)...(left - 1), y: (top + 20)...(bottom - 20), dpi: 144), 255, "ink in the left bleed")
        XCTAssertEqual(darkest(image, x: (left + 20)...(right - 20), y: (top - bleed + 1)...(top - 1), dpi: 144), 255, "ink in the top bleed")
        // Between a corner mark and the registration target in the middle of a side: nothing.
        XCTAssertEqual(darkest(image, x: (left - 9 * mm)...(left - bleed - 1), y: (top + 30)...(top + 200), dpi: 144), 255)
        // A registration target at the middle of the left side, outside the bleed.
        let middle = (top + bottom) / 2
        XCTAssertLessThan(darkest(image, x: (left - 9 * mm)...(left - bleed - 1), y: (middle - 2)...(middle + 2), dpi: 144), 200)
        // The slug line under the page names the issue and the page.
        let slug = try Tools.run("pdftotext", ["-f", "1", "-l", "1", "-y", "\(Int(bottom + bleed))", "-x", "0", "-W", "2000", "-H", "100",
                                               "-enc", "UTF-8", pdf, "-"]).stdout
        XCTAssertTrue(slug.contains("Global Campus · November 2026 · page 1"), slug)
    }

    func testWithoutMarksTheSheetIsTheBleedArea() throws {
        let issue = try copyOfSample()
        try FileManager.default.createDirectory(atPath: issue + "/layouts", withIntermediateDirectories: true)
        let classic = try String(contentsOfFile: Tools.root.appendingPathComponent("layouts/classic.yaml").path, encoding: .utf8)
        try (classic + "\nprint:\n  bleed: 5mm\n  marks: false\n").write(toFile: issue + "/layouts/classic.yaml", atomically: true, encoding: .utf8)
        let pdf = try madeOK(issue, ["--for", "print"], to: "no-marks.pdf")
        let box = try boxes(pdf)
        XCTAssertEqual(box["BleedBox"], box["MediaBox"])
        let trim = try XCTUnwrap(box["TrimBox"])
        XCTAssertEqual(trim[0], 5 * mm, accuracy: 0.011)
        XCTAssertEqual(trim[2] - trim[0], a4.width, accuracy: 0.011)
    }

    func testThePaperColourRunsIntoTheBleedButNotOntoTheMarks() throws {
        let issue = try copyOfSample()
        try FileManager.default.createDirectory(atPath: issue + "/layouts", withIntermediateDirectories: true)
        let classic = try String(contentsOfFile: Tools.root.appendingPathComponent("layouts/classic.yaml").path, encoding: .utf8)
        try classic.replacingOccurrences(of: "  muted: \"#555555\"", with: "  muted: \"#555555\"\n  paper: \"#808080\"")
            .write(toFile: issue + "/layouts/classic.yaml", atomically: true, encoding: .utf8)
        let pdf = try madeOK(issue, ["--for", "print"], to: "paper.pdf")
        let image = try greyPixels(pdf, page: 1, dpi: 72)
        let trim = try XCTUnwrap(boxes(pdf)["TrimBox"])
        let height = Double(image.height), left = trim[0], top = height - trim[3], middle = height / 2
        // Grey #808080 just inside the trim, in the bleed beyond it, and white past the bleed.
        XCTAssertEqual(Int(grey(image, left + 2, middle - 100, dpi: 72)), 128, accuracy: 3)
        XCTAssertEqual(Int(grey(image, left - 3 * mm + 2, middle - 100, dpi: 72)), 128, accuracy: 3, "the paper stops at the trim")
        XCTAssertEqual(Int(grey(image, left - 3 * mm - 3, middle - 100, dpi: 72)), 255, "the paper runs past the bleed")
        XCTAssertEqual(Int(grey(image, middle, top - 3 * mm + 2, dpi: 72)), 128, accuracy: 3, "no bleed at the top")
        // The email edition paints its page too.
        let email = try greyPixels(try madeOK(issue, [], to: "paper-email.pdf"), page: 1, dpi: 72)
        XCTAssertEqual(Int(grey(email, 2, 2, dpi: 72)), 128, accuracy: 3)
    }

    // MARK: - Booklets

    /// The page numbers on the left and right of each sheet of an imposed PDF.
    func sheetOrder(_ pdf: String) throws -> [[Int?]] {
        let trim = try XCTUnwrap(boxes(pdf)["TrimBox"])
        let fold = (trim[0] + trim[2]) / 2
        let sheets = Int(try Tools.run("pdfinfo", [pdf]).stdout.split(separator: "\n")
            .first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
        return try (1...max(1, sheets)).map { sheet in
            [try pageNumber(pdf, page: sheet, x: 0, width: fold), try pageNumber(pdf, page: sheet, x: fold, width: 2000)]
        }
    }

    func testABookletOfSixPagesIsPaddedToEightInSaddleStitchOrder() throws {
        let result = try make(sample, ["--for", "print", "--impose", "booklet"], to: "booklet.pdf")
        XCTAssertEqual(result.status, 0, result.stderr)
        let pdf = Self.folder + "/booklet.pdf"
        // Sheet 1 front: the last page (blank) and page 1; back: 2 and the last but one (blank).
        XCTAssertEqual(try sheetOrder(pdf), [[nil, 1], [2, nil], [6, 3], [4, 5]])
        XCTAssertTrue(result.stderr.contains("issue.yaml: warning: the issue has 6 pages: 2 blank pages were added at the end "
                                             + "to make a booklet of 8"), result.stderr)
        // The summary gives the issue's pages and the file's: two sheets, front and back.
        let summary = result.stderr.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(summary.hasPrefix(pdf + " · 6 pages on 4 sheet sides · "), result.stderr)
        // A4 pages two-up: the trimmed sheet is A3 landscape.
        let trim = try XCTUnwrap(boxes(pdf)["TrimBox"])
        XCTAssertEqual(trim[2] - trim[0], 2 * 595.276, accuracy: 0.011)
        XCTAssertEqual(trim[3] - trim[1], a4.height, accuracy: 0.011)
        XCTAssertEqual(try Tools.run("qpdf", ["--check", pdf]).status, 0)
    }

    func testABookletOfEightPagesNeedsNoBlanks() throws {
        let fitted = Tools.root.appendingPathComponent("examples/sample-fitted").path
        let result = try make(fitted, ["--for", "print", "--impose", "booklet"], to: "booklet-8.pdf")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try sheetOrder(Self.folder + "/booklet-8.pdf"), [[8, 1], [2, 7], [6, 3], [4, 5]])
        XCTAssertFalse(result.stderr.contains("blank page"), result.stderr)
        XCTAssertTrue(result.stderr.contains(" · 8 pages on 4 sheet sides · "), result.stderr)
        // One page a sheet: the pages are the sheets, and the summary says so once.
        let print = try make(fitted, ["--for", "print"], to: "print-8.pdf")
        XCTAssertEqual(print.status, 0, print.stderr)
        XCTAssertTrue(print.stderr.contains(" · 8 pages · "), print.stderr)
        XCTAssertFalse(print.stderr.contains("sheet side"), print.stderr)
    }

    func testImposingNeedsThePrintEdition() throws {
        let result = try make(sample, ["--impose", "booklet"], to: "not-imposed.pdf")
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("--impose needs --for print"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: Self.folder + "/not-imposed.pdf"))
    }

    // MARK: - Pictures

    func testAPictureBelow200DpiIsNamedWithItsStoryAndLine() throws {
        let issue = try copyOfSample()
        // A page of the sample drawn at 10 dpi: 83 pixels wide, set a column wide (57 mm).
        let made = try Tools.run("pdftoppm", ["-png", "-r", "10", "-f", "1", "-l", "1", "-singlefile",
                                              try madeOK(sample, [], to: "email.pdf"), issue + "/images/low"])
        XCTAssertEqual(made.status, 0, made.stderr)
        let story = issue + "/stories/01-record-year-for-exchange.md"
        let text = try String(contentsOfFile: story, encoding: .utf8)
        try text.replacingOccurrences(of: "images/students-by-region.svg", with: "images/low.png").write(toFile: story, atomically: true, encoding: .utf8)
        let line = try XCTUnwrap(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("students-by-region.svg") }) + 1

        // The masthead's logo too, which belongs to no story. (The same picture twice on page 1:
        // cairo names it twice in the page's resources, which the qpdf pass must let through.)
        let yaml = try String(contentsOfFile: issue + "/issue.yaml", encoding: .utf8)
        try yaml.replacingOccurrences(of: "logo: images/logo.svg", with: "logo: images/low.png").write(toFile: issue + "/issue.yaml", atomically: true, encoding: .utf8)
        let logoLine = try XCTUnwrap(yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("logo:") }) + 1

        let print = try make(issue, ["--for", "print"], to: "low.pdf")
        XCTAssertEqual(print.status, 0, print.stderr)
        XCTAssertEqual(try Tools.run("qpdf", ["--check", Self.folder + "/low.pdf"]).status, 0)
        let warnings = print.stderr.split(separator: "\n").filter { $0.contains("low.png") }
        XCTAssertEqual(warnings.count, 2, print.stderr)
        XCTAssertTrue(warnings.contains { $0.contains("issue/issue.yaml:\(logoLine): warning: image \"images/low.png\" prints at ") }, print.stderr)
        let warning = String(warnings.first { $0.contains("stories/") } ?? "")
        XCTAssertTrue(warning.hasPrefix("examples/") == false && warning.contains("stories/01-record-year-for-exchange.md:\(line): warning: image \"images/low.png\" prints at "), warning)
        XCTAssertTrue(warning.contains(" dpi (83 × 117 pixels over "), warning)
        XCTAssertTrue(warning.contains("below the 200 dpi print needs: use a picture at least "), warning)
        // The sample's PNG, at 251 dpi, is good enough.
        XCTAssertFalse(print.stderr.contains("scholarship-awards.png"), print.stderr)
        // The email edition is for screens, where a pixel a point (72 dpi) is enough: the same
        // picture a column wide, at 37 dpi, is blown up into blocks there too, and said so; as
        // the small logo it is not, nor are the sample's own pictures.
        let email = try make(issue, [], to: "low-email.pdf")
        XCTAssertEqual(email.status, 0, email.stderr)
        let screen = email.stderr.split(separator: "\n").filter { $0.contains("dpi") }
        XCTAssertEqual(screen.count, 1, email.stderr)
        XCTAssertTrue(screen.first?.contains("stories/01-record-year-for-exchange.md:\(line): warning:") == true, email.stderr)
        XCTAssertTrue(screen.allSatisfy { $0.contains("warning: image \"images/low.png\" is shown at ") && $0.contains("below the 72 dpi a screen needs") },
                      email.stderr)
        XCTAssertFalse(try make(sample, [], to: "sample-email.pdf").stderr.contains("dpi"))
    }

    // MARK: - Structure

    /// A picture without alt text: its caption stands for it as the Figure's /Alt; with no
    /// caption either it is decoration (an artifact), never a Figure a screen reader announces
    /// without a word.
    func testAPictureWithoutAltTextTakesItsCaptionOrIsDecoration() throws {
        let issue = try copyOfSample()
        let story = issue + "/stories/01-record-year-for-exchange.md"
        let text = try String(contentsOfFile: story, encoding: .utf8)
        let chart = "![Bar chart: Europe 187, North America 94, East Asia 68, Australia and New Zealand 41, Latin America 22.](images/students-by-region.svg"
        XCTAssertTrue(text.contains(chart))
        try text.replacingOccurrences(of: chart, with: "![](images/students-by-region.svg").write(toFile: story, atomically: true, encoding: .utf8)
        let captioned = try make(issue, [], to: "captioned.pdf")
        XCTAssertEqual(captioned.status, 0, captioned.stderr)
        let objects = try Tools.run("qpdf", ["--qdf", "--object-streams=disable", Self.folder + "/captioned.pdf", "-"]).stdout
        let figures = objects.components(separatedBy: "endobj").filter { $0.contains("/S /Figure") }
        XCTAssertFalse(figures.isEmpty)
        XCTAssertTrue(figures.allSatisfy { $0.contains("/Alt") }, "a Figure without /Alt")
        XCTAssertTrue(objects.contains("Where this year"), "the caption is not the /Alt")
        // Without its caption too: no Figure for it, and every Figure left has its /Alt.
        let bare = try String(contentsOfFile: story, encoding: .utf8)
        try bare.replacingOccurrences(of: " \"Where this year’s 412 exchange students are studying.\")", with: ")")
            .write(toFile: story, atomically: true, encoding: .utf8)
        let plain = try make(issue, [], to: "bare.pdf")
        XCTAssertEqual(plain.status, 0, plain.stderr)
        let left = try Tools.run("qpdf", ["--qdf", "--object-streams=disable", Self.folder + "/bare.pdf", "-"]).stdout
            .components(separatedBy: "endobj").filter { $0.contains("/S /Figure") }
        XCTAssertEqual(left.count, figures.count - 1)
        XCTAssertTrue(left.allSatisfy { $0.contains("/Alt") }, "a Figure without /Alt")
    }

    func testAPictureBelow10DpiIsGivenItsResolutionInTenths() throws {
        // A single pixel set where the sample's chart is: well under one dot an inch.
        let issue = try copyOfSample()
        try Data(SmallPNG.claiming(width: 1, height: 1)).write(to: URL(fileURLWithPath: issue + "/images/dot.png"))
        let story = issue + "/stories/01-record-year-for-exchange.md"
        try String(contentsOfFile: story, encoding: .utf8).replacingOccurrences(of: "images/students-by-region.svg", with: "images/dot.png")
            .write(toFile: story, atomically: true, encoding: .utf8)
        let print = try make(issue, ["--for", "print"], to: "dot.pdf")
        XCTAssertEqual(print.status, 0, print.stderr)
        let warning = String(try XCTUnwrap(print.stderr.split(separator: "\n").first { $0.contains("dot.png") }, print.stderr))
        // "prints at 0.4 dpi (1 × 1 pixels over 58 × 58 mm)": the tenths one pixel over that width gives.
        let words = warning.components(separatedBy: "prints at ").last?.split(separator: " ") ?? []
        XCTAssertEqual(words.count > 6 ? Array(words[1...5]) : [], ["dpi", "(1", "×", "1", "pixels"], warning)
        let millimetres = try XCTUnwrap(words.count > 7 ? Double(words[7]) : nil, warning)
        XCTAssertEqual(words.first.map(String.init), "0.\(Int(25.4 / millimetres * 10))", warning)
    }

    // MARK: - Failure

    func testAFailedFinishingPassLeavesTheEarlierPDFAndNoTemporary() throws {
        let folder = Tools.temporaryFolder()
        let target = folder + "/issue.pdf"
        let earlier = Data("%PDF earlier, good\n".utf8)
        XCTAssertTrue(FileManager.default.createFile(atPath: target, contents: earlier))
        let result = try Tools.run("/usr/bin/env", ["BULLETIN_TEST_DAMAGE_PDF=1", Tools.bulletin, "make", sample, "--for", "print", "-o", target])
        XCTAssertEqual(result.status, 1)
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
        XCTAssertEqual(errors.count, 1, result.stderr)
        XCTAssertTrue(errors.first?.contains("issue.pdf: cannot set the page boxes and language: qpdf") ?? false, result.stderr)
        XCTAssertTrue(errors.first?.hasSuffix("; no PDF was written") ?? false, result.stderr)
        XCTAssertEqual(FileManager.default.contents(atPath: target), earlier)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["issue.pdf"])
    }

    func testThePrintEditionGoesToStandardOutputToo() throws {
        let file = try madeOK(sample, ["--for", "print"], to: "print.pdf")
        let piped = Self.folder + "/piped.pdf"
        let result = try Tools.run("/bin/sh", ["-c", "\"$0\" make \"$1\" --for print -o - > \"$2\"", Tools.bulletin, sample, piped])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(FileManager.default.contents(atPath: piped), FileManager.default.contents(atPath: file))
    }
}
