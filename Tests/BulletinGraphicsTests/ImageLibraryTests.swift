import XCTest
import CCairo
import CGdkPixbuf
import BulletinModel
import BulletinLayout
@testable import BulletinGraphics

/// Reading pictures: sizes, limits checked from the header, damaged files, SVG without outside
/// access; and drawing them: JPEG bytes passed through, SVG as vectors, cover and contain.
final class ImageLibraryTests: FolderTestCase {
    override class var folderPrefix: String { "images" }

    nonisolated(unsafe) static let fonts = FontLibrary(folders: [])
    static let sampleImages = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/sample/images").path

    override func setUp() {
        super.setUp()
        _ = Self.fonts
    }

    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let path = folder + "/" + name
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        return path
    }

    func ref(_ path: String) -> ImageRef {
        ImageRef(path: (path as NSString).lastPathComponent, resolved: path, alt: "x", file: "stories/s.md", line: 9)
    }

    /// The message of the error loading `path`, or nil.
    func problem(_ path: String, library: ImageLibrary = ImageLibrary()) -> String? {
        do {
            try library.load(ref(path))
            return nil
        } catch {
            return "\(error)"
        }
    }

    // MARK: - Sizes

    func testSampleSizesAndFormats() throws {
        let library = ImageLibrary()
        for name in ["harbour-at-dusk.jpg", "scholarship-awards.png", "students-by-region.svg"] {
            XCTAssertNil(problem(Self.sampleImages + "/" + name, library: library), name)
        }
        XCTAssertEqual(library.size(ofImageAt: Self.sampleImages + "/harbour-at-dusk.jpg"), ImageSize(width: 900, height: 600))
        XCTAssertEqual(library.format(ofImageAt: Self.sampleImages + "/harbour-at-dusk.jpg"), "jpeg")
        XCTAssertEqual(library.size(ofImageAt: Self.sampleImages + "/scholarship-awards.png"), ImageSize(width: 560, height: 390))
        XCTAssertEqual(library.format(ofImageAt: Self.sampleImages + "/scholarship-awards.png"), "png")
        XCTAssertEqual(library.size(ofImageAt: Self.sampleImages + "/students-by-region.svg"), ImageSize(width: 320, height: 200, isVector: true))
        XCTAssertNil(library.size(ofImageAt: folder + "/never-loaded.png"))
    }

    func testSVGSizeFromItsViewBoxWhenWidthIsMissingOrRelative() throws {
        let library = ImageLibrary()
        let viewBox = write("a.svg", Array(#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 100"><rect width="10" height="10"/></svg>"#.utf8))
        let percent = write("b.svg", Array(#"<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 30 60"/>"#.utf8))
        let units = write("c.svg", Array(#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="2in" height="1in"/>"#.utf8))
        for path in [viewBox, percent, units] { XCTAssertNil(problem(path, library: library), path) }
        XCTAssertEqual(library.size(ofImageAt: viewBox), ImageSize(width: 400, height: 100, isVector: true))
        XCTAssertEqual(library.size(ofImageAt: percent), ImageSize(width: 30, height: 60, isVector: true))
        XCTAssertEqual(library.size(ofImageAt: units), ImageSize(width: 192, height: 96, isVector: true))
        let none = write("d.svg", Array(#"<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10"/></svg>"#.utf8))
        XCTAssertEqual(problem(none), "stories/s.md:9: image \"d.svg\" has no size: give its <svg> element a viewBox, or a width and height")
    }

    // MARK: - Limits and damage

    func testHugeClaimedSizeIsRefusedFromTheHeader() throws {
        // A PNG header claiming 60,000 × 60,000 pixels (14 GB decoded) and no picture data at
        // all: the limit must be met before decoding, which would call the file damaged.
        let huge = write("huge.png", TestPNG.header(width: 60_000, height: 60_000))
        XCTAssertLessThan((try FileManager.default.attributesOfItem(atPath: huge)[.size] as? Int) ?? 0, 100)
        XCTAssertEqual(problem(huge), "stories/s.md:9: image \"huge.png\" is 60,000 × 60,000 pixels, over the limit of 100 megapixels: scale it down")
        // Under the pixel limit but wider than cairo can hold.
        let wide = write("wide.png", TestPNG.header(width: 40_000, height: 10))
        XCTAssertEqual(problem(wide), "stories/s.md:9: image \"wide.png\" is 40,000 × 10 pixels, over the limit of 32,767 pixels a side: scale it down")
        // A JPEG's frame header says the same.
        var jpeg = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.sampleImages + "/harbour-at-dusk.jpg")))
        let sof = try XCTUnwrap((0..<(jpeg.count - 1)).first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xC0 })
        jpeg.replaceSubrange((sof + 5)..<(sof + 9), with: [0xEA, 0x60, 0xEA, 0x60])
        XCTAssertEqual(problem(write("huge.jpg", jpeg)), "stories/s.md:9: image \"huge.jpg\" is 60,000 × 60,000 pixels, over the limit of 100 megapixels: scale it down")
        // A lower limit applies as given.
        XCTAssertEqual(problem(Self.sampleImages + "/harbour-at-dusk.jpg", library: ImageLibrary(maxPixels: 500_000)),
                       "stories/s.md:9: image \"harbour-at-dusk.jpg\" is 900 × 600 pixels, over the limit of 0 megapixels: scale it down")
    }

    func testTruncatedJPEGIsRefused() throws {
        let jpeg = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.sampleImages + "/harbour-at-dusk.jpg")))
        let half = write("half.jpg", Array(jpeg.prefix(jpeg.count / 2)))
        XCTAssertEqual(problem(half), "stories/s.md:9: image \"half.jpg\" is cut short: the JPEG file ends before its picture does")
        let headerOnly = write("head.jpg", Array(jpeg.prefix(40)))
        XCTAssertEqual(problem(headerOnly)?.contains("is cut short") ?? false || problem(headerOnly)?.contains("ends inside its JPEG header") ?? false, true,
                       problem(headerOnly) ?? "")
    }

    /// A JPEG that goes on past its end marker (a camera's trailing data) is whole: the marker is
    /// looked for before the end when the file does not end with it.
    func testAJPEGWithBytesAfterItsEndIsWhole() throws {
        let jpeg = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.sampleImages + "/harbour-at-dusk.jpg")))
        XCTAssertEqual(jpeg.suffix(2), [0xFF, 0xD9])
        XCTAssertNil(problem(write("trailing.jpg", jpeg + Array("trailer".utf8))))
        XCTAssertEqual(try ImageHeader.jpeg(jpeg + [0, 0, 0]), ImageHeader(width: 900, height: 600))
    }

    /// gdk-pixbuf's three bytes a pixel become cairo's words, 0xFFrrggbb, at every width: the
    /// pixels read two at a time and those left at a row's end one by one.
    func testRGBPixelsBecomeCairoWordsAtEveryWidth() throws {
        for width in 1...9 {
            let height = 3
            let pixbuf = try XCTUnwrap(gdk_pixbuf_new(GDK_COLORSPACE_RGB, 0, 8, Int32(width), Int32(height)))
            defer { g_object_unref(UnsafeMutableRawPointer(pixbuf)) }
            let pixels = try XCTUnwrap(gdk_pixbuf_get_pixels(pixbuf))
            let rowstride = Int(gdk_pixbuf_get_rowstride(pixbuf))
            for row in 0..<height {
                for byte in 0..<(width * 3) { pixels[row * rowstride + byte] = UInt8(truncatingIfNeeded: 37 * (row * 31 + byte) + 11) }
            }
            var words = [UInt32](repeating: 0, count: width * height)
            words.withUnsafeMutableBytes { target in
                LoadedImage.copy(pixbuf, into: target.baseAddress!.assumingMemoryBound(to: UInt8.self), stride: width * 4, width: width, height: height)
            }
            for row in 0..<height {
                for column in 0..<width {
                    let p = pixels + row * rowstride + column * 3
                    XCTAssertEqual(words[row * width + column], 0xFF00_0000 | UInt32(p[0]) << 16 | UInt32(p[1]) << 8 | UInt32(p[2]),
                                   "width \(width), row \(row), column \(column)")
                }
            }
        }
    }

    func testDamagedPNGIsAnErrorNotACrash() throws {
        var png = TestPNG.solid(width: 40, height: 20, rgb: (200, 10, 10))
        XCTAssertNil(problem(write("good.png", png)))
        // Flip bytes inside the compressed data: the chunk's checksum no longer matches.
        let idat = try XCTUnwrap((0..<(png.count - 4)).first { Array(png[$0..<($0 + 4)]) == Array("IDAT".utf8) })
        for i in (idat + 10)..<(idat + 30) { png[i] ^= 0x5A }
        let message = problem(write("bad.png", png)) ?? ""
        XCTAssertTrue(message.hasPrefix("stories/s.md:9: image \"bad.png\" is damaged and cannot be read (PNG)"), message)
        // Cut short after the header.
        let cut = write("cut.png", Array(TestPNG.solid(width: 40, height: 20, rgb: (1, 2, 3)).prefix(60)))
        XCTAssertEqual(problem(cut), "stories/s.md:9: image \"cut.png\" is cut short: the PNG file ends before its picture does")
    }

    /// The stories' JPEGs and PNGs are decoded on every core before they are taken in order:
    /// each is read as alone, and the problem raised is the first in story order, a damaged
    /// picture's before a later one's over the size limit.
    func testPicturesReadTogetherAreReadAsOneByOneAndTheFirstProblemIsRaised() throws {
        let jpeg = Self.sampleImages + "/harbour-at-dusk.jpg", png = Self.sampleImages + "/scholarship-awards.png"
        let svg = Self.sampleImages + "/students-by-region.svg"
        func story(_ paths: [String], file: String) -> Story {
            var story = Story(title: "T")
            story.body = paths.enumerated().map { index, path in
                .image(ImageRef(path: (path as NSString).lastPathComponent, resolved: path, alt: "x", file: file, line: index + 3))
            }
            return story
        }
        let together = ImageLibrary()
        try together.load([story([jpeg, svg], file: "stories/a.md"), story([png, jpeg], file: "stories/b.md")])
        let alone = ImageLibrary()
        for path in [jpeg, svg, png] { XCTAssertNil(problem(path, library: alone)) }
        for path in [jpeg, svg, png] {
            XCTAssertEqual(together.format(ofImageAt: path), alone.format(ofImageAt: path))
            XCTAssertEqual(together.size(ofImageAt: path), alone.size(ofImageAt: path))
        }
        XCTAssertEqual(Set(together.paths), [jpeg, svg, png])

        var damaged = TestPNG.solid(width: 8, height: 8, rgb: (1, 2, 3))
        damaged[damaged.count - 20] ^= 0xFF
        let broken = write("broken.png", damaged), huge = write("huge.png", TestPNG.header(width: 60_000, height: 60_000))
        XCTAssertThrowsError(try ImageLibrary().load([story([jpeg], file: "stories/a.md"), story([png, broken], file: "stories/b.md"),
                                                     story([huge], file: "stories/c.md")])) { error in
            XCTAssertTrue("\(error)".hasPrefix("stories/b.md:4:"), "\(error)")
            XCTAssertTrue("\(error)".contains("broken.png"), "\(error)")
        }
        // An SVG that cannot be read, read on this thread while the others are decoded, is
        // still raised in story order: after a damaged PNG of an earlier story, before the
        // logo's problem, which comes last.
        let badSVG = write("bad.svg", Array("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect".utf8))
        let logo = ImageRef(path: "huge.png", resolved: huge, alt: "logo", file: "issue.yaml", line: 7)
        XCTAssertThrowsError(try ImageLibrary().load([story([jpeg, broken], file: "stories/a.md"), story([badSVG], file: "stories/b.md")],
                                                     logo: logo)) { error in
            XCTAssertTrue("\(error)".hasPrefix("stories/a.md:4:"), "\(error)")
        }
        XCTAssertThrowsError(try ImageLibrary().load([story([jpeg], file: "stories/a.md"), story([badSVG, broken], file: "stories/b.md")],
                                                     logo: logo)) { error in
            XCTAssertTrue("\(error)".hasPrefix("stories/b.md:3: image \"bad.svg\" is not a valid SVG picture"), "\(error)")
        }
        XCTAssertThrowsError(try ImageLibrary().load([story([jpeg, svg], file: "stories/a.md")], logo: logo)) { error in
            XCTAssertTrue("\(error)".hasPrefix("issue.yaml:7: image \"huge.png\""), "\(error)")
        }
        // The logo is read with the stories' pictures, as one read alone.
        let withLogo = ImageLibrary()
        try withLogo.load([story([jpeg], file: "stories/a.md")], logo: ImageRef(path: "l.svg", resolved: svg, alt: "logo", file: "issue.yaml", line: 7))
        XCTAssertEqual(withLogo.size(ofImageAt: svg), alone.size(ofImageAt: svg))
        XCTAssertEqual(Set(withLogo.paths), [jpeg, svg])
    }

    func testAKeptLibraryReadsAPictureAgainOnlyWhenItsFileChanges() throws {
        // A library kept from one build to the next (--watch).
        let library = ImageLibrary()
        let path = write("p.png", TestPNG.solid(width: 40, height: 20, rgb: (200, 10, 10)))
        try library.load(ref(path))
        XCTAssertEqual(library.size(ofImageAt: path), ImageSize(width: 40, height: 20))
        // The same size and time, other bytes: not read again (garbage would be refused).
        var status = stat()
        XCTAssertEqual(stat(path, &status), 0)
        let garbage = Array(repeating: UInt8(ascii: "x"), count: Int(status.st_size))
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(garbage)))
        var times = [status.st_atim, status.st_mtim]
        XCTAssertEqual(utimensat(AT_FDCWD, path, &times, 0), 0)
        library.beginBuild()
        XCTAssertNoThrow(try library.load(ref(path)))
        XCTAssertEqual(library.paths, [path])
        // Changed: read again.
        _ = write("p.png", TestPNG.solid(width: 30, height: 60, rgb: (1, 2, 3)))
        library.beginBuild()
        try library.load(ref(path))
        XCTAssertEqual(library.size(ofImageAt: path), ImageSize(width: 30, height: 60))
        // A build that uses no picture lists none.
        library.beginBuild()
        XCTAssertEqual(library.paths, [])
    }

    func testOtherFilesAreNotPictures() throws {
        XCTAssertEqual(problem(write("text.png", Array("just some text\n".utf8))), "stories/s.md:9: image \"text.png\" is not a JPEG, PNG or SVG picture")
        XCTAssertEqual(problem(write("empty.png", [])), "stories/s.md:9: image \"empty.png\" is empty")
        // A GIF named .png: recognised by its bytes, refused.
        XCTAssertEqual(problem(write("gif.png", Array("GIF89a".utf8) + [1, 0, 1, 0, 0, 0, 0])), "stories/s.md:9: image \"gif.png\" is not a JPEG, PNG or SVG picture")
    }

    func testFIFOIsRefusedWithoutWaiting() throws {
        let fifo = folder + "/pipe.png"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let start = Date()
        XCTAssertEqual(problem(fifo), "stories/s.md:9: image \"pipe.png\" is not a regular file, so it is not read")
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
    }

    // MARK: - SVG without outside access

    func testSVGExternalEntityIsRefused() throws {
        let secret = write("secret.txt", Array("TOP-SECRET-MARKER".utf8))
        let svg = write("xxe.svg", Array("""
        <?xml version="1.0"?>
        <!DOCTYPE svg [ <!ENTITY xxe SYSTEM "file://\(secret)"> ]>
        <svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><text x="1" y="20">&xxe;</text></svg>
        """.utf8))
        let message = problem(svg) ?? ""
        XCTAssertTrue(message.hasPrefix("stories/s.md:9: image \"xxe.svg\" is not a valid SVG picture: "), message)
        XCTAssertTrue(message.contains("Entity 'xxe' not defined"), message)
        XCTAssertFalse(message.contains("TOP-SECRET"))
    }

    func testSVGDrawsDataImagesButNoOtherFiles() throws {
        // The same red square, once as a file beside the SVG and once inside it as a data URL.
        let red = TestPNG.solid(width: 4, height: 4, rgb: (255, 0, 0))
        let file = write("red.png", red)
        let data = "data:image/png;base64," + Data(red).base64EncodedString()
        func svg(_ href: String) -> [UInt8] {
            Array(#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40"><image x="0" y="0" width="40" height="40" xlink:href="\#(href)"/></svg>"#.utf8)
        }
        for (name, href, expectRed) in [("inline.svg", data, true), ("relative.svg", "red.png", false), ("absolute.svg", "file://" + file, false)] {
            let library = ImageLibrary()
            let path = write(name, svg(href))
            XCTAssertNil(problem(path, library: library), name)
            let pixel = try draw(PlacedImage(path: path, x: 0, y: 0, width: 40, height: 40, fit: .contain), with: library, width: 40, height: 40)(20, 20)
            XCTAssertEqual(pixel.red > 200 && pixel.green < 50, expectRed, "\(name): \(pixel)")
        }
    }

    // MARK: - Drawing

    /// Draws `placed` on a white image `width` × `height` at 72 dpi; returns its pixels.
    func draw(_ placed: PlacedImage, with library: ImageLibrary, width: Int, height: Int) throws -> (Int, Int) -> (red: Int, green: Int, blue: Int) {
        let document = Document(width: Double(width), height: Double(height), pages: [Page(items: [.image(placed)])],
                                metadata: DocumentMetadata(title: "t", author: "a", subject: "s", language: "en", created: "2026-11-01T00:00:00Z"))
        let png = folder + "/drawn-\(UUID().uuidString).png"
        try CairoRenderer(shaper: PangoShaper(fonts: Self.fonts), colours: Colours(named: [:]), creator: "test", images: library)
            .writePNG(document, page: 0, dpi: 72, to: png)
        let surface = try XCTUnwrap(cairo_image_surface_create_from_png(png))
        defer { cairo_surface_destroy(surface) }
        let stride = Int(cairo_image_surface_get_stride(surface))
        let pixels = try XCTUnwrap(cairo_image_surface_get_data(surface))
        let copy = (0..<(stride * height)).map { pixels[$0] }
        return { x, y in
            let p = y * stride + x * 4
            return (Int(copy[p + 2]), Int(copy[p + 1]), Int(copy[p]))
        }
    }

    func testCoverFillsTheFrameAndContainLeavesItsEdges() throws {
        // A 2:1 blue picture in a square frame at (10, 10), 40 pt a side.
        let library = ImageLibrary()
        let path = write("blue.png", TestPNG.solid(width: 80, height: 40, rgb: (0, 0, 255)))
        XCTAssertNil(problem(path, library: library))
        let cover = try draw(PlacedImage(path: path, x: 10, y: 10, width: 40, height: 40, fit: .cover), with: library, width: 60, height: 60)
        // Cropped at the sides: the whole frame is blue, nothing outside it.
        for (x, y) in [(11, 11), (48, 11), (11, 48), (48, 48), (30, 30)] { XCTAssertEqual(cover(x, y).blue - cover(x, y).red, 255, "\(x),\(y)") }
        for (x, y) in [(8, 30), (52, 30), (30, 8), (30, 52)] { XCTAssertEqual(cover(x, y).red, 255, "outside at \(x),\(y)") }
        let contain = try draw(PlacedImage(path: path, x: 10, y: 10, width: 40, height: 40, fit: .contain), with: library, width: 60, height: 60)
        // Whole, 40 × 20, centred: white bands above and below it in the frame.
        for (x, y) in [(11, 21), (48, 38), (30, 30)] { XCTAssertEqual(contain(x, y).blue - contain(x, y).red, 255, "\(x),\(y)") }
        for (x, y) in [(30, 12), (30, 47)] { XCTAssertEqual(contain(x, y).red, 255, "band at \(x),\(y)") }
    }

    func testPDFKeepsTheJPEGBytesAndDrawsSVGAsVectors() throws {
        let library = ImageLibrary()
        let jpeg = Self.sampleImages + "/harbour-at-dusk.jpg", png = Self.sampleImages + "/scholarship-awards.png"
        let svg = Self.sampleImages + "/students-by-region.svg"
        for path in [jpeg, png, svg] { XCTAssertNil(problem(path, library: library)) }
        let items: [PageItem] = [
            .image(PlacedImage(path: jpeg, x: 10, y: 10, width: 150, height: 99, fit: .cover, alt: "The harbour at dusk", story: 0)),
            .image(PlacedImage(path: png, x: 10, y: 120, width: 150, height: 99, fit: .cover, story: 0)),
            .image(PlacedImage(path: svg, x: 10, y: 230, width: 150, height: 99, fit: .contain, alt: "Students by region", story: 1)),
            // A picture of no story (a masthead logo) is decoration, in no element.
            .image(PlacedImage(path: svg, x: 10, y: 340, width: 30, height: 20, fit: .contain)),
        ]
        let document = Document(width: 200, height: 400, pages: [Page(items: items)],
                                metadata: DocumentMetadata(title: "t", author: "a", subject: "s", language: "en", created: "2026-11-01T00:00:00Z"))
        let pdf = folder + "/pictures.pdf"
        let renderer = CairoRenderer(shaper: PangoShaper(fonts: Self.fonts), colours: Colours(named: [:]), creator: "test", images: library)
        try renderer.writePDF(document, to: pdf)
        // Each a story's picture with alt text a Figure (the logo none, nor the picture with
        // nothing to say what it shows, which is decoration); cairo 1.16 writes no /Alt, so their
        // alt texts wait for a later pass.
        XCTAssertEqual(renderer.structureNotes.figureAlts, ["The harbour at dusk", "Students by region"])
        XCTAssertEqual(try PDFImages.run(["pdfinfo", "-struct", pdf], tool: "pdfinfo").split(separator: "\n").filter { $0.contains("Figure") }.count, 2)
        let list = try PDFImages.list(pdf)
        // Two images: the JPEG as JPEG, byte for byte; the PNG decoded; none for the SVG.
        XCTAssertEqual(list.map(\.encoding), ["jpeg", "image"], "\(list)")
        XCTAssertEqual(list.first.map { [$0.width, $0.height] }, [900, 600])
        XCTAssertEqual(list.last.map { [$0.width, $0.height] }, [560, 390])
        let extracted = folder + "/extracted"
        _ = try PDFImages.run(["-j", "-f", "1", "-l", "1", pdf, extracted])
        let original = try Data(contentsOf: URL(fileURLWithPath: jpeg))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: extracted + "-000.jpg")), original, "the JPEG is passed through unchanged")
        // The chart's words are text in the PDF, drawn by librsvg with the layout's fonts.
        XCTAssertTrue(try PDFImages.run(["pdftotext", pdf, "-"], tool: "pdftotext").contains("Europe"))
    }

    /// A photograph of more pixels than `LoadedImage.decodedPixels` is decoded smaller (here
    /// the sample's 900 × 600 harbour with a limit of 100,000 pixels: at a quarter, 225 × 150),
    /// keeps its own size, and draws its own bytes into the PDF over its whole frame.
    func testALargePhotographIsDecodedSmallerAndKeepsItsBytes() throws {
        let jpeg = Self.sampleImages + "/harbour-at-dusk.jpg"
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: jpeg)))
        let image = try LoadedImage(bytes: bytes, format: .jpeg, maxPixels: 100_000_000, decodedPixels: 100_000)
        guard case .raster(let surface) = image.content else { return XCTFail("not a raster picture") }
        XCTAssertEqual([cairo_image_surface_get_width(surface), cairo_image_surface_get_height(surface)], [225, 150])
        XCTAssertEqual(image.size, ImageSize(width: 900, height: 600))
        let whole = try LoadedImage(bytes: bytes, format: .jpeg, maxPixels: 100_000_000)
        guard case .raster(let wholeSurface) = whole.content else { return XCTFail("not a raster picture") }
        XCTAssertEqual(cairo_image_surface_get_width(wholeSurface), 900, "below the limit, decoded whole")
        // Drawn into a PDF: the file's JPEG, as it came, on the frame's whole width.
        let pdf = folder + "/large.pdf"
        let surfacePDF = try XCTUnwrap(cairo_pdf_surface_create(pdf, 300, 200))
        let cr = try XCTUnwrap(cairo_create(surfacePDF))
        cairo_scale(cr, 300.0 / 225, 200.0 / 150)
        cairo_set_source_surface(cr, surface, 0, 0)
        cairo_paint(cr)
        cairo_destroy(cr)
        cairo_surface_finish(surfacePDF)
        cairo_surface_destroy(surfacePDF)
        let list = try PDFImages.list(pdf)
        XCTAssertEqual(list.map { [$0.width, $0.height] }, [[900, 600]])
        XCTAssertEqual(list.first?.encoding, "jpeg")
    }

    /// A 60 × 40 JPEG, blue with a red square at its stored top left, whose EXIF orientation
    /// (6) says it is shown turned a quarter clockwise: 40 × 60, the red square at the top right.
    func turnedJPEG(orientation: UInt8 = 6) throws -> [UInt8] {
        let surface = try XCTUnwrap(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 60, 40))
        defer { cairo_surface_destroy(surface) }
        let cr = try XCTUnwrap(cairo_create(surface))
        cairo_set_source_rgb(cr, 0, 0, 1)
        cairo_paint(cr)
        cairo_set_source_rgb(cr, 1, 0, 0)
        cairo_rectangle(cr, 0, 0, 20, 20)
        cairo_fill(cr)
        cairo_destroy(cr)
        cairo_surface_flush(surface)
        let jpeg = try XCTUnwrap(ReducedImage.jpegBytes(surface, width: 60, height: 40, quality: 95))
        // APP1: "Exif", a big-endian TIFF header, one IFD of one entry: Orientation (0x0112), SHORT, 6.
        let exif: [UInt8] = [0xFF, 0xE1, 0x00, 34] + Array("Exif".utf8) + [0, 0, 0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8,
                              0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0x00, orientation, 0x00, 0x00, 0, 0, 0, 0]
        return Array(jpeg.prefix(2)) + exif + Array(jpeg.dropFirst(2))
    }

    func testAPhotographIsTurnedAsItsEXIFOrientationSays() throws {
        let path = write("turned.jpg", try turnedJPEG())
        for downsampling in [nil, Downsampling(dpi: 36, jpegQuality: 85)] {
            let library = ImageLibrary()
            XCTAssertNil(problem(path, library: library))
            XCTAssertEqual(library.size(ofImageAt: path), ImageSize(width: 40, height: 60), "portrait, as shown")
            // Drawn: the red square at the top right.
            let placed = PlacedImage(path: path, x: 0, y: 0, width: 40, height: 60, fit: .contain, story: 0)
            let drawn = try draw(placed, with: library, width: 40, height: 60)
            func red(_ pixel: (red: Int, green: Int, blue: Int)) -> Bool { pixel.red > 200 && pixel.blue < 80 }
            func blue(_ pixel: (red: Int, green: Int, blue: Int)) -> Bool { pixel.blue > 200 && pixel.red < 80 }
            XCTAssertTrue(red(drawn(30, 8)), "top right: \(drawn(30, 8))")
            XCTAssertTrue(blue(drawn(8, 8)), "top left: \(drawn(8, 8))")
            XCTAssertTrue(blue(drawn(30, 50)), "bottom right: \(drawn(30, 50))")
            // Into a PDF, as the print edition (the file's JPEG bytes, as stored, drawn turned)
            // and the email edition (scaled down) embed it: upright there too.
            let document = Document(width: 40, height: 60, pages: [Page(items: [.image(placed)])],
                                    metadata: DocumentMetadata(title: "t", author: "a", subject: "s", language: "en", created: "2026-11-01T00:00:00Z"))
            let pdf = folder + "/turned-\(downsampling == nil ? "print" : "email").pdf"
            try CairoRenderer(shaper: PangoShaper(fonts: Self.fonts), colours: Colours(named: [:]), creator: "test", images: library,
                              downsampling: downsampling).writePDF(document, to: pdf)
            let list = try PDFImages.list(pdf)
            XCTAssertEqual(list.map(\.encoding), ["jpeg"], "\(list)")
            XCTAssertEqual(list.map { [$0.width, $0.height] }, [downsampling == nil ? [60, 40] : [20, 30]])
            if downsampling == nil {
                let extracted = folder + "/turned-extracted"
                _ = try PDFImages.run(["-j", pdf, extracted])
                XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: extracted + "-000.jpg")), try Data(contentsOf: URL(fileURLWithPath: path)),
                               "the file's bytes, not encoded again")
            }
            let page = folder + "/turned-page"
            XCTAssertEqual(try PDFImages.output("pdftoppm", ["-png", "-r", "72", "-singlefile", pdf, page]).status, 0)
            let surface = try XCTUnwrap(cairo_image_surface_create_from_png(page + ".png"))
            defer { cairo_surface_destroy(surface) }
            let stride = Int(cairo_image_surface_get_stride(surface))
            let pixels = try XCTUnwrap(cairo_image_surface_get_data(surface))
            func rgb(_ x: Int, _ y: Int) -> (red: Int, green: Int, blue: Int) {
                let p = y * stride + x * 4
                return (Int(pixels[p + 2]), Int(pixels[p + 1]), Int(pixels[p]))
            }
            XCTAssertTrue(red(rgb(30, 8)), "PDF, top right: \(rgb(30, 8))")
            XCTAssertTrue(blue(rgb(8, 8)), "PDF, top left: \(rgb(8, 8))")
        }
    }

    /// Each of the seven orientations that turn or flip a picture puts the file's bytes into the
    /// PDF drawn the way it is shown: the red square, at the stored picture's top left, where
    /// the orientation takes it.
    func testEveryOrientationDrawsTheFilesBytesTurned() throws {
        // Where the red square's middle is shown, in the shown picture (60 × 40 or 40 × 60).
        let red: [UInt8: (x: Int, y: Int)] = [2: (50, 10), 3: (50, 30), 4: (10, 30), 5: (10, 10), 6: (30, 10), 7: (30, 50), 8: (10, 50)]
        for (orientation, square) in red.sorted(by: { $0.key < $1.key }) {
            let bytes = try turnedJPEG(orientation: orientation)
            let path = write("turned-\(orientation).jpg", bytes)
            let library = ImageLibrary()
            XCTAssertNil(problem(path, library: library))
            let (width, height) = orientation >= 5 ? (40, 60) : (60, 40)
            XCTAssertEqual(library.size(ofImageAt: path), ImageSize(width: Double(width), height: Double(height)))
            let placed = PlacedImage(path: path, x: 0, y: 0, width: Double(width), height: Double(height), fit: .contain, story: 0)
            let document = Document(width: Double(width), height: Double(height), pages: [Page(items: [.image(placed)])],
                                    metadata: DocumentMetadata(title: "t", author: "a", subject: "s", language: "en", created: "2026-11-01T00:00:00Z"))
            let pdf = folder + "/turned-\(orientation).pdf"
            try CairoRenderer(shaper: PangoShaper(fonts: Self.fonts), colours: Colours(named: [:]), creator: "test", images: library)
                .writePDF(document, to: pdf)
            let extracted = folder + "/turned-\(orientation)-extracted"
            _ = try PDFImages.run(["-j", pdf, extracted])
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: extracted + "-000.jpg")), Data(bytes), "orientation \(orientation)")
            let page = folder + "/turned-\(orientation)-page"
            XCTAssertEqual(try PDFImages.output("pdftoppm", ["-png", "-r", "72", "-singlefile", pdf, page]).status, 0)
            let surface = try XCTUnwrap(cairo_image_surface_create_from_png(page + ".png"))
            defer { cairo_surface_destroy(surface) }
            let stride = Int(cairo_image_surface_get_stride(surface))
            let pixels = try XCTUnwrap(cairo_image_surface_get_data(surface))
            func isRed(_ x: Int, _ y: Int) -> Bool {
                let p = y * stride + x * 4
                return pixels[p + 2] > 200 && pixels[p] < 80
            }
            XCTAssertTrue(isRed(square.x, square.y), "orientation \(orientation): red at \(square)")
            XCTAssertFalse(isRed(width - square.x, height - square.y), "orientation \(orientation): blue across from it")
        }
    }

    /// The early answer is never wrong: what zlib makes of a picture's bytes is no more than
    /// cairo adds to a PDF for it, so a limit at cairo's own measure is not exceeded, and a
    /// photograph-like picture exceeds a JPEG-sized limit; grey and transparent pictures are
    /// left to the full measure.
    func testLosslessExceedsAgreesWithThePDFMeasure() throws {
        func surface(_ format: cairo_format_t, width: Int32 = 240, height: Int32 = 160, pixel: (Int, Int) -> UInt32) -> OpaquePointer {
            let surface = cairo_image_surface_create(format, width, height)!
            let stride = Int(cairo_image_surface_get_stride(surface)), data = cairo_image_surface_get_data(surface)!
            for row in 0..<Int(height) {
                let line = UnsafeMutableRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
                for column in 0..<Int(width) { line[column] = pixel(row, column) }
            }
            cairo_surface_mark_dirty(surface)
            return surface
        }
        var seed: UInt32 = 12345
        func noise() -> UInt32 {
            seed = seed &* 1_103_515_245 &+ 12345
            return seed >> 8
        }
        let noisy = surface(CAIRO_FORMAT_RGB24) { _, _ in noise() & 0xFFFFFF }
        let flat = surface(CAIRO_FORMAT_RGB24) { row, _ in row < 80 ? 0x3366CC : 0xFFCC00 }
        let grey = surface(CAIRO_FORMAT_RGB24) { _, _ in (noise() & 0xFF) * 0x010101 }
        let clear = surface(CAIRO_FORMAT_ARGB32) { _, _ in noise() }
        defer { [noisy, flat, grey, clear].forEach { cairo_surface_destroy($0) } }
        for picture in [noisy, flat] {
            let cost = try XCTUnwrap(ReducedImage.pdfCost(of: picture))
            XCTAssertNotEqual(ReducedImage.compressed(picture, above: cost), .above)
            XCTAssertEqual(ReducedImage.compressed(picture, above: 0), .above)
        }
        XCTAssertEqual(ReducedImage.compressed(noisy, above: try XCTUnwrap(ReducedImage.pdfCost(of: noisy)) / 2), .above)
        XCTAssertEqual(ReducedImage.compressed(grey, above: 0), .unknown)
        XCTAssertEqual(ReducedImage.compressed(clear, above: 0), .unknown)
    }

    /// The PDF adds less than `pictureOverhead` to a colour picture's compressed bytes, at
    /// any size: so the compressed bytes alone settle whether a picture fits losslessly
    /// wherever they leave that much room, exactly as the whole PDF's measure would.
    func testThePDFAddsLittleToAPicturesCompressedBytes() throws {
        var seed: UInt32 = 99
        for (width, height, noisy) in [(16, 16, false), (480, 320, false), (480, 320, true), (1200, 900, false), (64, 2000, true)] {
            let surface = try XCTUnwrap(cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)))
            defer { cairo_surface_destroy(surface) }
            let stride = Int(cairo_image_surface_get_stride(surface)), data = try XCTUnwrap(cairo_image_surface_get_data(surface))
            for row in 0..<height {
                let line = UnsafeMutableRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
                for column in 0..<width {
                    seed = seed &* 1_103_515_245 &+ 12345
                    line[column] = noisy ? (seed >> 8) & 0xFFFFFF : (column < width / 3 ? 0x3366CC : row % 50 < 25 ? 0xFFCC00 : 0x204020)
                }
            }
            cairo_surface_mark_dirty(surface)
            let cost = try XCTUnwrap(ReducedImage.pdfCost(of: surface))
            guard case .exactly(let bytes) = ReducedImage.compressed(surface, above: .max) else { return XCTFail("\(width)×\(height)") }
            let compressed = bytes.count
            XCTAssertGreaterThanOrEqual(cost, compressed, "\(width)×\(height)")
            XCTAssertLessThan(cost, compressed + ReducedImage.pictureOverhead, "\(width)×\(height)")
            // Decided without the PDF, and as the PDF's measure decides, on both sides of it.
            XCTAssertTrue(ReducedImage.fitsLosslessly(surface, within: cost))
            XCTAssertFalse(ReducedImage.fitsLosslessly(surface, within: cost - 1))
            XCTAssertTrue(ReducedImage.fitsLosslessly(surface, within: compressed + ReducedImage.pictureOverhead))
        }
    }
}

/// PNG files made in the test: stored (uncompressed) deflate, so no zlib is needed.
enum TestPNG {
    static func chunk(_ kind: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(kind.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func ihdr(width: Int, height: Int, colourType: UInt8 = 2) -> [UInt8] {
        chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, colourType, 0, 0, 0])
    }

    /// Signature and IHDR only: a size claimed, no picture.
    static func header(width: Int, height: Int) -> [UInt8] {
        signature + ihdr(width: width, height: height) + chunk("IEND", [])
    }

    /// An RGB picture of one colour.
    static func solid(width: Int, height: Int, rgb: (UInt8, UInt8, UInt8)) -> [UInt8] {
        picture(width: width, height: height) { _ in Array(repeating: [rgb.0, rgb.1, rgb.2], count: width).flatMap { $0 } }
    }

    /// A grey picture of one level.
    static func grey(width: Int, height: Int, level: UInt8) -> [UInt8] {
        picture(width: width, height: height, colourType: 0) { _ in Array(repeating: level, count: width) }
    }

    /// An RGB picture of flat colour bands, a few rows each.
    static func bands(width: Int, height: Int) -> [UInt8] {
        let colours: [[UInt8]] = [[0x33, 0x66, 0xCC], [0xFF, 0xCC, 0x00], [0x20, 0x40, 0x20]]
        return picture(width: width, height: height) { row in Array(repeating: colours[row / 40 % 3], count: width).flatMap { $0 } }
    }

    /// A picture of 8-bit samples, `row` giving each row's (unfiltered).
    static func picture(width: Int, height: Int, colourType: UInt8 = 2, row: (Int) -> [UInt8]) -> [UInt8] {
        var raw: [UInt8] = []
        for index in 0..<height { raw += [0] + row(index) }
        // zlib header, stored blocks of at most 65,535 bytes, Adler-32.
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65_535, raw.count - offset)
            let last: UInt8 = offset + count == raw.count ? 1 : 0
            zlib += [last, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            zlib += raw[offset..<(offset + count)]
            offset += count
        } while offset < raw.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        zlib += bigEndian(b << 16 | a)
        return signature + ihdr(width: width, height: height, colourType: colourType) + chunk("IDAT", zlib) + chunk("IEND", [])
    }
}

/// poppler-utils' `pdfimages -list`, read into rows.
enum PDFImages {
    struct Row: Equatable {
        var page: Int
        var width: Int
        var height: Int
        var encoding: String
    }

    static func run(_ arguments: [String], tool: String = "pdfimages") throws -> String {
        String(decoding: try output(tool, tool == "pdfimages" ? arguments : Array(arguments.dropFirst())).data, as: UTF8.self)
    }

    /// A tool of /usr/bin's standard output, as bytes, and its exit status.
    static func output(_ tool: String, _ arguments: [String]) throws -> (data: Data, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (data, process.terminationStatus)
    }

    static func list(_ pdf: String) throws -> [Row] {
        try run(["-list", pdf]).split(separator: "\n").dropFirst(2).compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count > 8, let page = Int(fields[0]), let width = Int(fields[3]), let height = Int(fields[4]) else { return nil }
            return Row(page: page, width: width, height: height, encoding: String(fields[8]))
        }
    }
}
