import XCTest
import CCairo
import CJpegEncoder
import BulletinModel
import BulletinLayout
@testable import BulletinGraphics

/// Pictures whose compressed data goes into the PDF as it is (`PictureData`): a PNG's own rows,
/// the email edition's lossless scaled pictures. Read back with qpdf and poppler, and decoded
/// by cairo's own PNG reader for the pixels to compare with.
final class PictureDataTests: FolderTestCase {
    override class var folderPrefix: String { "picture-data" }

    override func setUp() {
        super.setUp()
        _ = ImageLibraryTests.fonts
    }

    /// A tool's standard output as bytes; it must succeed.
    func output(_ tool: String, _ arguments: [String]) throws -> Data {
        let result = try PDFImages.output(tool, arguments)
        XCTAssertEqual(result.status, 0, "\(tool) \(arguments)")
        return result.data
    }

    /// `pdfimages -list`: each image's width, height, colour and object number.
    func images(_ pdf: String) throws -> [(width: Int, height: Int, colour: String, encoding: String, object: Int)] {
        String(decoding: try output("pdfimages", ["-list", pdf]), as: UTF8.self).split(separator: "\n").dropFirst(2).compactMap { line in
            let cells = line.split(separator: " ").map(String.init)
            guard cells.count > 10, let width = Int(cells[3]), let height = Int(cells[4]), let object = Int(cells[10]) else { return nil }
            return (width, height, cells[5], cells[8], object)
        }
    }

    /// A PNG's IDAT chunks' data, joined.
    func idat(_ png: [UInt8]) -> [UInt8] {
        var data: [UInt8] = []
        var i = 8
        while i + 12 <= png.count {
            let length = png[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) }
            if String(decoding: png[(i + 4)..<(i + 8)], as: UTF8.self) == "IDAT" { data += png[(i + 8)..<(i + 8 + length)] }
            i += 12 + length
        }
        return data
    }

    /// The red, green and blue bytes of an opaque image surface, row after row.
    func rgb(_ surface: OpaquePointer) -> [UInt8] {
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { return [] }
        var bytes: [UInt8] = []
        for row in 0..<height {
            let line = UnsafeRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
            for column in 0..<width {
                let pixel = line[column]
                bytes += [UInt8(pixel >> 16 & 0xFF), UInt8(pixel >> 8 & 0xFF), UInt8(pixel & 0xFF)]
            }
        }
        return bytes
    }

    func document(_ items: [PageItem]) -> Document {
        Document(width: 300, height: 400, pages: [Page(items: items)],
                 metadata: DocumentMetadata(title: "t", author: "a", subject: "s", language: "en", created: "2026-11-01T00:00:00Z"))
    }

    func renderer(_ library: ImageLibrary, downsampling: Downsampling? = nil) -> CairoRenderer {
        CairoRenderer(shaper: PangoShaper(fonts: ImageLibraryTests.fonts), colours: Colours(named: [:]), creator: "test",
                      images: library, downsampling: downsampling)
    }

    // MARK: - Which PNGs

    func testAPNGsRowsAreTakenWhereAPDFCanHoldThemAsTheyAre() {
        let rgb = TestPNG.solid(width: 3, height: 2, rgb: (10, 20, 30))
        let data = PictureData.png(rgb)
        XCTAssertEqual(data?.data, idat(rgb))
        XCTAssertEqual(data.map { [$0.width, $0.height, $0.components] }, [3, 2, 3])
        XCTAssertEqual(data?.decodeParameters, "<< /Predictor 15 /Colors 3 /BitsPerComponent 8 /Columns 3 >>")
        XCTAssertEqual(PictureData.png(TestPNG.grey(width: 4, height: 2, level: 90))?.components, 1)
        // IHDR's bit depth at 24, colour type 25, interlace 28 (its checksum is not looked at).
        func changed(_ offset: Int, _ value: UInt8) -> [UInt8] {
            var bytes = rgb
            bytes[offset] = value
            return bytes
        }
        XCTAssertNil(PictureData.png(changed(24, 16)), "16 bits a sample")
        XCTAssertNil(PictureData.png(changed(25, 6)), "alpha")
        XCTAssertNil(PictureData.png(changed(25, 3)), "a palette picture without its palette")
        XCTAssertNil(PictureData.png(changed(28, 1)), "interlaced")
        let transparent = Array(rgb.prefix(33)) + TestPNG.chunk("tRNS", [0, 10, 0, 20, 0, 30]) + Array(rgb.dropFirst(33))
        XCTAssertNil(PictureData.png(transparent), "a transparent colour")
    }

    // MARK: - Into the PDF

    /// The chart's PNG rows are the image's data in the PDF, byte for byte, and decode to the
    /// pixels cairo's own PNG reader finds in the file; drawn twice, it is there once; a grey
    /// PNG stays grey; and no stand-in's bytes are left in the file.
    func testAPNGsOwnRowsAreThePicturesDataInThePDF() throws {
        let chart = ImageLibraryTests.sampleImages + "/scholarship-awards.png"
        let grey = folder + "/grey.png"
        let greyBytes = TestPNG.grey(width: 40, height: 30, level: 77)
        XCTAssertTrue(FileManager.default.createFile(atPath: grey, contents: Data(greyBytes)))
        let library = ImageLibrary()
        for path in [chart, grey] {
            try library.load(ImageRef(path: "x.png", resolved: path, alt: "x", file: "stories/s.md", line: 3))
        }
        let pdf = folder + "/chart.pdf"
        try renderer(library).writePDF(document([
            .image(PlacedImage(path: chart, x: 10, y: 10, width: 150, height: 104, fit: .contain, story: 0)),
            .image(PlacedImage(path: chart, x: 10, y: 150, width: 100, height: 70, fit: .contain, story: 0)),
            .image(PlacedImage(path: grey, x: 10, y: 250, width: 40, height: 30, fit: .contain, story: 0)),
        ]), to: pdf)

        let list = try images(pdf)
        XCTAssertEqual(list.map(\.width), [560, 560, 40], "\(list)")
        XCTAssertEqual(list.map(\.colour), ["rgb", "rgb", "gray"])
        XCTAssertEqual(list[0].object, list[1].object, "one image drawn twice")
        let file = try [UInt8](Data(contentsOf: URL(fileURLWithPath: chart)))
        let raw = try output("qpdf", ["--show-object=\(list[0].object)", "--raw-stream-data", pdf])
        XCTAssertEqual([UInt8](raw), idat(file), "the PNG's compressed rows as they are in its file")
        let decoded = try output("qpdf", ["--show-object=\(list[0].object)", "--filtered-stream-data", pdf])
        let reference = try XCTUnwrap(cairo_image_surface_create_from_png(chart))
        defer { cairo_surface_destroy(reference) }
        XCTAssertEqual(cairo_surface_status(reference), CAIRO_STATUS_SUCCESS)
        XCTAssertEqual([UInt8](decoded), rgb(reference), "the same pixels")
        let greyDecoded = try output("qpdf", ["--show-object=\(list[2].object)", "--filtered-stream-data", pdf])
        XCTAssertEqual([UInt8](greyDecoded), [UInt8](repeating: 77, count: 40 * 30))

        let written = try Data(contentsOf: URL(fileURLWithPath: pdf))
        XCTAssertNil(written.range(of: Data(PictureStandIn.marker)))
        XCTAssertNil(try output("qpdf", ["--qdf", "--object-streams=disable", pdf, "-"]).range(of: Data(PictureStandIn.marker)))
    }

    /// A palette PNG (a chart saved with few colours) goes in as its own rows of indices, with
    /// its palette as an Indexed colour space: not decoded into three bytes a pixel. Its
    /// transparent colours (tRNS) would need a mask: such a PNG goes to cairo decoded.
    func testAPalettePNGsRowsAreAnIndexedPicture() throws {
        // 40 × 30, the left half index 0 (red), the right half index 1 (blue); PLTE after IHDR.
        let rows = TestPNG.picture(width: 40, height: 30, colourType: 3) { _ in Array(repeating: 0, count: 20) + Array(repeating: 1, count: 20) }
        let png = Array(rows.prefix(33)) + TestPNG.chunk("PLTE", [200, 40, 40, 30, 60, 200]) + Array(rows.dropFirst(33))
        let data = try XCTUnwrap(PictureData.png(png))
        XCTAssertEqual(data.palette, [200, 40, 40, 30, 60, 200])
        XCTAssertEqual(data.colourSpace, "[/Indexed /DeviceRGB 1 <C828281E3CC8>]")
        XCTAssertEqual(data.decodeParameters, "<< /Predictor 15 /Colors 1 /BitsPerComponent 8 /Columns 40 >>")
        let transparent = Array(png.prefix(33 + 18)) + TestPNG.chunk("tRNS", [0]) + Array(png.dropFirst(33 + 18))
        XCTAssertNil(PictureData.png(transparent), "a transparent index")

        let path = folder + "/palette.png"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(png)))
        let library = ImageLibrary()
        try library.load(ImageRef(path: "palette.png", resolved: path, alt: "x", file: "stories/s.md", line: 3))
        let pdf = folder + "/palette.pdf"
        try renderer(library).writePDF(document([
            .image(PlacedImage(path: path, x: 0, y: 0, width: 80, height: 60, fit: .contain, story: 0)),
        ]), to: pdf)
        let list = try images(pdf)
        XCTAssertEqual(list.map(\.colour), ["index"], "\(list)")
        let object = try XCTUnwrap(list.first?.object)
        XCTAssertEqual([UInt8](try output("qpdf", ["--show-object=\(object)", "--raw-stream-data", pdf])), idat(png), "the PNG's own rows")
        XCTAssertEqual([UInt8](try output("qpdf", ["--show-object=\(object)", "--filtered-stream-data", pdf])),
                       Array(repeating: Array(repeating: 0, count: 20) + Array(repeating: 1, count: 20), count: 30).flatMap { $0 })
        // Drawn by poppler: the palette's red on the left, its blue on the right.
        for (x, colour) in [(20, [200, 40, 40]), (60, [30, 60, 200])] {
            let ppm = [UInt8](try output("pdftoppm", ["-r", "72", "-x", "\(x)", "-y", "30", "-W", "1", "-H", "1", "-singlefile", pdf]))
            XCTAssertEqual(ppm.suffix(3).map(Int.init), colour, "at \(x)")
        }
    }

    /// A picture that came as a JPEG is scaled down to a JPEG, even where its pixels are smaller
    /// compressed losslessly (flat colours), and keeps its own JPEG bytes; the same pixels that
    /// came losslessly stay so.
    func testAPictureThatCameAsAJPEGStaysAJPEGWhenScaledDown() throws {
        func bands() throws -> OpaquePointer {
            let surface = try XCTUnwrap(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1200, 800))
            let cr = try XCTUnwrap(cairo_create(surface))
            for band in 0..<20 {
                cairo_set_source_rgb(cr, band % 2 == 0 ? 0.2 : 1, 0.4, band % 3 == 0 ? 0.8 : 0)
                cairo_rectangle(cr, 0, Double(band * 40), 1200, 40)
                cairo_fill(cr)
            }
            cairo_destroy(cr)
            cairo_surface_flush(surface)
            return surface
        }
        let png = try bands()
        defer { cairo_surface_destroy(png) }
        let fromPNG = try XCTUnwrap(ReducedImage.make(from: png, width: 250, height: 166, jpegQuality: 80))
        XCTAssertNotNil(fromPNG.pictureData, "flat colours are smaller lossless")
        XCTAssertNil(fromPNG.jpegBytes)
        let jpeg = try bands()
        defer { cairo_surface_destroy(jpeg) }
        // As a JPEG read from a file carries them: its bytes, for the PDF.
        let bytes = try XCTUnwrap(malloc(4))
        XCTAssertEqual(cairo_surface_set_mime_data(jpeg, CAIRO_MIME_TYPE_JPEG, bytes.assumingMemoryBound(to: UInt8.self), 4, { free($0) }, bytes),
                       CAIRO_STATUS_SUCCESS)
        let fromJPEG = try XCTUnwrap(ReducedImage.make(from: jpeg, width: 250, height: 166, jpegQuality: 80))
        XCTAssertNil(fromJPEG.pictureData)
        XCTAssertNotNil(fromJPEG.jpegBytes)
        // Halved on the way (1200 × 800 to 250 × 166), the picture keeps its own bytes for
        // where it is drawn whole.
        XCTAssertEqual(ImageLibrary.jpegLength(of: jpeg), 4)
    }

    /// A grey photograph (a one-component JPEG, as a scanner or a camera's black-and-white mode
    /// writes it) scaled down for the email edition is a one-component JPEG too: DeviceGray in
    /// the PDF, one sample a pixel, not three; and it shows the scaled pixels.
    func testAGreyPhotographScaledDownIsAGreyJPEG() throws {
        let (width, height) = (1200, 800)
        let source = try XCTUnwrap(cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)))
        defer { cairo_surface_destroy(source) }
        let stride = Int(cairo_image_surface_get_stride(source)), data = try XCTUnwrap(cairo_image_surface_get_data(source))
        for row in 0..<height {
            let line = UnsafeMutableRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
            for column in 0..<width {
                let level = UInt32(128 + 90 * sin(Double(column + 2 * row) / 40) * cos(Double(row) / 70)) ^ UInt32((column &* 7 &+ row &* 13) % 8)
                line[column] = level << 16 | level << 8 | level
            }
        }
        cairo_surface_mark_dirty(source)
        var encoded: UnsafeMutablePointer<UInt8>?
        var length = 0
        XCTAssertEqual(bulletin_jpeg_encode(data, Int32(width), Int32(height), stride, 1, 90, &encoded, &length), 0)
        let jpeg = Array(UnsafeBufferPointer(start: try XCTUnwrap(encoded), count: length))
        free(encoded)
        // Its frame header (SOF0): precision, height, width, one component.
        let frame = try XCTUnwrap((0..<(jpeg.count - 1)).first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xC0 })
        XCTAssertEqual(jpeg[frame + 9], 1, "the file is a grey JPEG")
        let path = folder + "/grey.jpg"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(jpeg)))
        let library = ImageLibrary()
        try library.load(ImageRef(path: "grey.jpg", resolved: path, alt: "x", file: "stories/s.md", line: 3))
        let downsampling = Downsampling(dpi: 150, jpegQuality: 80)
        let pdf = folder + "/grey.pdf"
        try renderer(library, downsampling: downsampling).writePDF(document([
            .image(PlacedImage(path: path, x: 10, y: 10, width: 120, height: 80, fit: .contain, story: 0)),
        ]), to: pdf)

        let list = try images(pdf)
        XCTAssertEqual(list.map { [$0.width, $0.height] }, [[250, 166]], "scaled to 150 dpi")
        XCTAssertEqual(list.map(\.colour), ["gray"], "\(list)")
        XCTAssertEqual(list.map(\.encoding), ["jpeg"])
        let object = try XCTUnwrap(list.first?.object)
        let dictionary = String(decoding: try output("qpdf", ["--show-object=\(object)", pdf]), as: UTF8.self)
        XCTAssertTrue(dictionary.contains("/ColorSpace /DeviceGray"), dictionary)
        // Decoded, the JPEG in the PDF is the scaled picture, within what JPEG loses.
        let embedded = [UInt8](try output("qpdf", ["--show-object=\(object)", "--raw-stream-data", pdf]))
        let shown = try LoadedImage(bytes: embedded, format: .jpeg, maxPixels: 1_000_000)
        guard case .raster(let shownSurface) = shown.content else { return XCTFail("not a raster picture") }
        let reduced = try XCTUnwrap(library.image(at: path).flatMap { library.reducedSurface(path, $0, width: 120, height: 80, downsampling) })
        let (a, b) = (rgb(shownSurface), rgb(reduced.surface))
        XCTAssertEqual(a.count, b.count)
        let differences = zip(a, b).map { abs(Int($0) - Int($1)) }
        XCTAssertLessThan(Double(differences.reduce(0, +)) / Double(differences.count), 2.0, "mean")
    }

    /// A colour photograph of 2,400 × 1,600 pixels read for the email edition and placed for a
    /// column (250 × 166 pixels at 150 dpi) is decoded at an eighth of its size, 300 × 200, and
    /// placed across a page (1,000 × 666) at a half, never whole: each still at least the
    /// pixels it is scaled down to. The PDF gets those sizes, and they show what scaling the
    /// picture decoded whole shows.
    func testALargePhotographIsDecodedSmallerForTheSizeItIsScaledDownTo() throws {
        let (width, height) = (2400, 1600)
        let source = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))!
        defer { cairo_surface_destroy(source) }
        let stride = Int(cairo_image_surface_get_stride(source)), data = try XCTUnwrap(cairo_image_surface_get_data(source))
        for row in 0..<height {
            let line = UnsafeMutableRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
            for column in 0..<width {
                let red = UInt32(128 + 100 * sin(Double(column) / 90)), green = UInt32(row * 255 / height)
                let blue = UInt32(128 + 90 * cos(Double(column + row) / 60)) ^ UInt32((column &* 7 &+ row &* 13) % 16)
                line[column] = red << 16 | green << 8 | blue
            }
        }
        cairo_surface_mark_dirty(source)
        let jpeg = try XCTUnwrap(ReducedImage.jpegBytes(source, width: width, height: height, quality: 90))
        let path = folder + "/photo.jpg"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(jpeg)))
        let library = ImageLibrary()
        library.readsForScalingDown = true
        try library.load(ImageRef(path: "photo.jpg", resolved: path, alt: "x", file: "stories/s.md", line: 3))
        let downsampling = Downsampling(dpi: 150, jpegQuality: 80)
        let pdf = folder + "/photo.pdf"
        try renderer(library, downsampling: downsampling).writePDF(document([
            .image(PlacedImage(path: path, x: 10, y: 10, width: 120, height: 80, fit: .contain, story: 0)),
            .image(PlacedImage(path: path, x: 10, y: 100, width: 480, height: 320, fit: .contain, story: 0)),
        ]), to: pdf)

        let image = try XCTUnwrap(library.image(at: path))
        XCTAssertEqual(image.scalesDecoded.sorted(), [2, 8])
        XCTAssertFalse(image.isDecodedWhole)
        let list = try images(pdf)
        XCTAssertEqual(list.map { [$0.width, $0.height] }, [[250, 166], [1000, 666]], "scaled to 150 dpi")
        XCTAssertEqual(list.map(\.encoding), ["jpeg", "jpeg"])
        // Scaled from a smaller decoding, the pixels are those of the photograph decoded whole
        // and scaled down, within a level or so.
        guard case .raster(let whole) = image.content else { return XCTFail("not a raster picture") }
        XCTAssertEqual([cairo_image_surface_get_width(whole), cairo_image_surface_get_height(whole)], [2400, 1600])
        for (entry, placed) in zip(list, [(120.0, 80.0), (480.0, 320.0)]) {
            let reduced = try XCTUnwrap(library.reducedSurface(path, image, width: placed.0, height: placed.1, downsampling))
            let scaled = try XCTUnwrap(ReducedImage.make(from: whole, width: entry.width, height: entry.height, jpegQuality: 80))
            let (a, b) = (rgb(reduced.surface), rgb(scaled.surface))
            XCTAssertEqual(a.count, entry.width * entry.height * 3)
            XCTAssertEqual(a.count, b.count)
            let differences = zip(a, b).map { abs(Int($0) - Int($1)) }
            XCTAssertLessThan(Double(differences.reduce(0, +)) / Double(differences.count), 1.0, "mean, \(entry.width) pixels wide")
            XCTAssertLessThan(differences.max() ?? 0, 16, "\(entry.width) pixels wide")
            // And the PDF's JPEG is those pixels, within what JPEG loses.
            let embedded = [UInt8](try output("qpdf", ["--show-object=\(entry.object)", "--raw-stream-data", pdf]))
            let shown = try LoadedImage(bytes: embedded, format: .jpeg, maxPixels: 1_000_000)
            guard case .raster(let shownSurface) = shown.content else { return XCTFail("not a raster picture") }
            let jpegLoss = zip(rgb(shownSurface), a).map { abs(Int($0) - Int($1)) }
            XCTAssertLessThan(Double(jpegLoss.reduce(0, +)) / Double(jpegLoss.count), 3.0, "mean, \(entry.width) pixels wide")
        }
    }

    /// A flat-colour picture far finer than the email edition's resolution is scaled down and
    /// kept lossless (smaller so than as JPEG): the data compressed to choose that are the
    /// image's data in the PDF, and decode to the scaled pixels.
    func testAScaledPicturesLosslessDataAreItsDataInThePDF() throws {
        let big = folder + "/flat.png"
        XCTAssertTrue(FileManager.default.createFile(atPath: big, contents: Data(TestPNG.bands(width: 1200, height: 800))))
        let library = ImageLibrary()
        try library.load(ImageRef(path: "flat.png", resolved: big, alt: "x", file: "stories/s.md", line: 3))
        let placed = PlacedImage(path: big, x: 10, y: 10, width: 120, height: 80, fit: .contain, story: 0)
        let downsampling = Downsampling(dpi: 150, jpegQuality: 80)
        let pdf = folder + "/email.pdf"
        let renderer = renderer(library, downsampling: downsampling)
        try renderer.writePDF(document([.image(placed)]), to: pdf)
        // Cairo was given a stand-in, not pixels to compress again (it would make the same bytes).
        XCTAssertEqual(PDFFinishing.standIns(in: renderer.cairoOutput.bytes).count, 1)

        let reduced = try XCTUnwrap(library.image(at: big).flatMap { library.reducedSurface(big, $0, width: 120, height: 80, downsampling) })
        let data = try XCTUnwrap(reduced.pictureData, "compressed whole to choose lossless over JPEG")
        let list = try images(pdf)
        XCTAssertEqual(list.map { [$0.width, $0.height] }, [[250, 166]])
        XCTAssertEqual(list.first?.encoding, "image")
        let object = try XCTUnwrap(list.first?.object)
        XCTAssertEqual([UInt8](try output("qpdf", ["--show-object=\(object)", "--raw-stream-data", pdf])), data.data)
        XCTAssertEqual([UInt8](try output("qpdf", ["--show-object=\(object)", "--filtered-stream-data", pdf])), rgb(reduced.surface))
    }

    // MARK: - The finishing pass

    /// A CMYK JPEG as Photoshop writes one (Adobe's APP14 marker, samples inverted; this one
    /// 16 × 16 pixels of RGB 200, 40, 40 converted by Pillow) keeps its bytes and its colour
    /// space in the PDF, and gets the /Decode array that reads its samples the right way up: it
    /// showed as its negative, nearly black.
    func testAnAdobeCMYKJPEGIsNotShownAsItsNegative() throws {
        let base64 = "/9j/7gAOQWRvYmUAZAAAAAAA/9sAQwADAgIDAgIDAwMDBAMDBAUIBQUEBAUKBwcGCAwKDAwLCgsLDQ4SEA0OEQ4LCxAWEBETFBUVFQwPFxgWFBgSFBUU"
            + "/8AAFAgAEAAQBEMRAE0RAFkRAEsRAP/EAB8AAAEFAQEBAQEBAAAAAAAAAAABAgMEBQYHCAkKC//EALUQAAIBAwMCBAMFBQQEAAABfQECAwAEEQUSITFB"
            + "BhNRYQcicRQygZGhCCNCscEVUtHwJDNicoIJChYXGBkaJSYnKCkqNDU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6g4SFhoeIiYqS"
            + "k5SVlpeYmZqio6Slpqeoqaqys7S1tre4ubrCw8TFxsfIycrS09TV1tfY2drh4uPk5ebn6Onq8fLz9PX29/j5+v/aAA4EQwBNAFkASwAAPwD7Ar4Ur4Ur"
            + "9U6KKKKKKKKKKKK//9k="
        let jpeg = [UInt8](try XCTUnwrap(Data(base64Encoded: base64)))
        XCTAssertTrue(jpeg.withUnsafeBufferPointer { ImageHeader.hasAdobeMarker($0) })
        let harbour = [UInt8](try Data(contentsOf: URL(fileURLWithPath: ImageLibraryTests.sampleImages + "/harbour-at-dusk.jpg")))
        XCTAssertFalse(harbour.withUnsafeBufferPointer { ImageHeader.hasAdobeMarker($0) }, "a JFIF photograph")
        let path = folder + "/cmyk.jpg"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(jpeg)))
        let library = ImageLibrary()
        try library.load(ImageRef(path: "cmyk.jpg", resolved: path, alt: "x", file: "stories/s.md", line: 3))
        let pdf = folder + "/cmyk.pdf"
        try renderer(library).writePDF(document([
            .image(PlacedImage(path: path, x: 0, y: 0, width: 100, height: 100, fit: .contain, story: 0)),
        ]), to: pdf)

        let list = try images(pdf)
        XCTAssertEqual(list.map(\.colour), ["cmyk"], "\(list)")
        let object = try XCTUnwrap(list.first?.object)
        XCTAssertEqual([UInt8](try output("qpdf", ["--show-object=\(object)", "--raw-stream-data", pdf])), jpeg, "the file's bytes")
        let dictionary = String(decoding: try output("qpdf", ["--show-object=\(object)", pdf]), as: UTF8.self)
        XCTAssertTrue(dictionary.contains("/Decode [ 1 0 1 0 1 0 1 0 ]"), dictionary)
        // Drawn by poppler: a pixel of the picture's middle is red, not dark cyan.
        let ppm = [UInt8](try output("pdftoppm", ["-r", "72", "-x", "50", "-y", "50", "-W", "1", "-H", "1", "-singlefile", pdf]))
        XCTAssertTrue(ppm.starts(with: Array("P6\n1 1\n255\n".utf8)), "\(ppm.prefix(16))")
        let (red, green, blue) = (Int(ppm[ppm.count - 3]), Int(ppm[ppm.count - 2]), Int(ppm[ppm.count - 1]))
        XCTAssertGreaterThan(red, 150, "\([red, green, blue])")
        XCTAssertLessThan(green, 100, "\([red, green, blue])")
        XCTAssertLessThan(blue, 100, "\([red, green, blue])")
    }

    /// A PDF with a stand-in whose data the pass was not given is not written: no PDF leaves
    /// with a stand-in's few bytes for a picture.
    func testAStandInWithoutItsDataStopsTheFinishingPass() throws {
        let pixels = try XCTUnwrap(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 3, 2))
        defer { cairo_surface_destroy(pixels) }
        let data = try XCTUnwrap(PictureData.png(TestPNG.solid(width: 3, height: 2, rgb: (200, 10, 10))))
        let standIn = try XCTUnwrap(PictureStandIn(for: pixels, data: data))
        let sink = ByteSink()
        withExtendedLifetime(sink) {
            let surface = cairo_pdf_surface_create_for_stream(ByteSink.cairoWriter, sink.cairoClosure, 100, 100)
            let cr = cairo_create(surface)
            cairo_scale(cr, 30, 30)
            cairo_set_source_surface(cr, standIn.surface, 0, 0)
            cairo_paint(cr)
            cairo_destroy(cr)
            cairo_surface_finish(surface)
            cairo_surface_destroy(surface)
        }
        XCTAssertEqual(PDFFinishing.standIns(in: sink.bytes).map(\.number), [standIn.number])

        XCTAssertThrowsError(try PDFFinishing(language: "en", objectStreams: false).apply(to: sink.bytes)) { error in
            XCTAssertTrue("\(error)".contains("picture stand-in that was not drawn"), "\(error)")
        }
        var finishing = PDFFinishing(language: "en", objectStreams: false)
        finishing.pictureData = [standIn.number: data]
        let pdf = folder + "/finished.pdf"
        XCTAssertTrue(FileManager.default.createFile(atPath: pdf, contents: Data(try finishing.apply(to: sink.bytes))))
        let object = try XCTUnwrap(try images(pdf).first?.object)
        XCTAssertEqual([UInt8](try output("qpdf", ["--show-object=\(object)", "--filtered-stream-data", pdf])),
                       [UInt8](repeating: 0, count: 0) + Array(repeating: [200, 10, 10], count: 6).flatMap { $0 })
    }

    // MARK: - Scaling down

    /// A picture at least twice the size asked is halved first, each pixel the mean of the four
    /// it stands for (an odd size's last column and row counted twice), as often as it stays
    /// at least that size.
    func testAPictureIsHalvedWhileItStaysAtLeastTheSizeAsked() throws {
        let source = try XCTUnwrap(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 9, 5))
        defer { cairo_surface_destroy(source) }
        let stride = Int(cairo_image_surface_get_stride(source)), data = try XCTUnwrap(cairo_image_surface_get_data(source))
        func value(_ row: Int, _ column: Int) -> UInt32 { UInt32(row * 20 + column * 10) }
        for row in 0..<5 {
            let line = UnsafeMutableRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
            for column in 0..<9 { line[column] = value(row, column) << 16 | 7 << 8 | 255 }
        }
        cairo_surface_mark_dirty(source)
        let half = try XCTUnwrap(ReducedImage.halved(source, toward: 2, 2))
        defer { cairo_surface_destroy(half) }
        XCTAssertEqual([cairo_image_surface_get_width(half), cairo_image_surface_get_height(half)], [5, 3], "9 × 5 halved once: 5 × 3 is not twice 2 × 2")
        let out = try XCTUnwrap(cairo_image_surface_get_data(half)), outStride = Int(cairo_image_surface_get_stride(half))
        for row in 0..<3 {
            for column in 0..<5 {
                let rows = [2 * row, min(2 * row + 1, 4)], columns = [2 * column, min(2 * column + 1, 8)]
                let sum = rows.flatMap { r in columns.map { c in value(r, c) } }.reduce(0, +)
                let pixel = UnsafeRawPointer(out + row * outStride).assumingMemoryBound(to: UInt32.self)[column]
                XCTAssertEqual(pixel >> 16 & 0xFF, (sum + 2) / 4, "red at \(row), \(column)")
                XCTAssertEqual([pixel >> 8 & 0xFF, pixel & 0xFF], [7, 255])
            }
        }
        let same = try XCTUnwrap(ReducedImage.halved(source, toward: 5, 3))
        XCTAssertEqual(same, source, "not twice the size asked: the picture itself")
        cairo_surface_destroy(same)
    }

    /// Scaled down through halvings, a photograph-like picture comes out as cairo's own
    /// filter makes it from the whole picture, within a level or two.
    func testHalvingFirstScalesAsCairoDoes() throws {
        let (width, height) = (1200, 800)
        let source = try XCTUnwrap(cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)))
        defer { cairo_surface_destroy(source) }
        let stride = Int(cairo_image_surface_get_stride(source)), data = try XCTUnwrap(cairo_image_surface_get_data(source))
        for row in 0..<height {
            let line = UnsafeMutableRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
            for column in 0..<width {
                // Gradients, a wave and a little noise: a photograph's kind of detail.
                let red = UInt32((column * 255) / width), green = UInt32((row * 255) / height)
                let blue = UInt32(128 + 100 * sin(Double(column + 2 * row) / 40)) ^ UInt32((column &* 7 &+ row &* 13) % 8)
                line[column] = red << 16 | green << 8 | blue
            }
        }
        cairo_surface_mark_dirty(source)
        let made = try XCTUnwrap(ReducedImage.make(from: source, width: 250, height: 166, jpegQuality: 80))
        let direct = try XCTUnwrap(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 250, 166))
        defer { cairo_surface_destroy(direct) }
        let cr = try XCTUnwrap(cairo_create(direct))
        cairo_scale(cr, 250 / Double(width), 166 / Double(height))
        cairo_set_source_surface(cr, source, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD)
        cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD)
        cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE)
        cairo_paint(cr)
        cairo_destroy(cr)
        let (a, b) = (rgb(made.surface), rgb(direct))
        XCTAssertEqual(a.count, b.count)
        let differences = zip(a, b).map { abs(Int($0) - Int($1)) }
        XCTAssertLessThan(Double(differences.reduce(0, +)) / Double(differences.count), 1.0, "mean")
        XCTAssertLessThanOrEqual(differences.max() ?? 0, 4, "\(differences.filter { $0 > 2 }.count) over 2")
    }
}
