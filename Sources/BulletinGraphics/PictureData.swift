import CCairo
import Foundation

/// A picture's pixels already compressed the way a PDF image stores them (zlib, an image
/// XObject's FlateDecode data), made without cairo: a PNG's own compressed rows.
///
/// Cairo 1.16 takes a picture only as pixels, which it compresses again on the thread that
/// writes the PDF (a 560 × 390 chart: 43 M instructions for what its PNG file already holds),
/// or as a JPEG's bytes. So a picture with data of its own goes to cairo as a `PictureStandIn`,
/// whose JPEG bytes are a few dozen that only name it, and the finishing pass puts the data in
/// their place (`PDFFinishing.pictureData`).
struct PictureData: Sendable, Equatable {
    /// zlib data: rows of `components` bytes a pixel, each row led by its PNG filter type
    /// when `pngRows`.
    var data: [UInt8]
    var width: Int
    var height: Int
    /// 1 grey (or a palette's index), 3 red, green and blue.
    var components: Int
    var pngRows: Bool
    /// A palette picture's colours, red, green and blue for each index in turn; its samples are
    /// indices of `bitsPerComponent` bits. Nil for a grey or colour picture.
    var palette: [UInt8]? = nil
    var bitsPerComponent = 8

    /// No fewer bytes than it adds to a PDF: its data and the picture's dictionary, name and
    /// operators (`ReducedImage.pictureOverhead`).
    var pdfBytesAtMost: Int { data.count + ReducedImage.pictureOverhead }

    /// The stream's /DecodeParms: PNG rows need their predictors undone.
    var decodeParameters: String? {
        pngRows ? "<< /Predictor 15 /Colors \(components) /BitsPerComponent \(bitsPerComponent) /Columns \(width) >>" : nil
    }

    /// The /ColorSpace of a palette picture, which the stand-in's bytes cannot tell cairo (a
    /// JPEG's frame has no palette): its indexed colours, in hexadecimal.
    var colourSpace: String? {
        palette.map { colours in
            "[/Indexed /DeviceRGB \(colours.count / 3 - 1) <\(colours.map { String(format: "%02X", $0) }.joined())>]"
        }
    }

    /// A PNG's IDAT data, where a PDF can take it as it is: 8 bits a sample, grey or RGB, or a
    /// palette's indices of 1, 2, 4 or 8 bits (an Indexed colour space: a chart saved with 16
    /// colours, 135 KB decoded into RGB, its own rows 84 KB); not interlaced, no transparent
    /// colour (`tRNS`). Other PNGs (alpha, 16 bits) go to cairo decoded. `bytes` is a PNG whose
    /// chunks `ImageHeader.png` has checked.
    static func png(_ bytes: [UInt8]) -> PictureData? {
        guard bytes.count >= 33 else { return nil }
        let width = ImageHeader.bigEndian(bytes, 16, 4), height = ImageHeader.bigEndian(bytes, 20, 4)
        let depth = bytes[24], colourType = bytes[25], interlace = bytes[28]
        guard depth == 8 && (colourType == 0 || colourType == 2) || colourType == 3 && [1, 2, 4, 8].contains(depth),
              interlace == 0, bytes[26] == 0, bytes[27] == 0 else { return nil }
        var data: [UInt8] = []
        var palette: [UInt8]?
        var i = 8
        while i + 12 <= bytes.count {
            let length = ImageHeader.bigEndian(bytes, i, 4)
            guard length <= bytes.count - i - 12 else { return nil }
            let kind = bytes[(i + 4)..<(i + 8)]
            if kind.elementsEqual("IDAT".utf8) { data += bytes[(i + 8)..<(i + 8 + length)] }
            if kind.elementsEqual("tRNS".utf8) { return nil }
            if kind.elementsEqual("PLTE".utf8) { palette = Array(bytes[(i + 8)..<(i + 8 + length)]) }
            if kind.elementsEqual("IEND".utf8) { break }
            i += 12 + length
        }
        guard !data.isEmpty else { return nil }
        guard colourType == 3 else { return PictureData(data: data, width: width, height: height, components: colourType == 0 ? 1 : 3, pngRows: true) }
        // One to 256 colours of three bytes each, as many as the indices can name at most.
        guard let palette, palette.count % 3 == 0, (3...(3 << depth)).contains(palette.count) else { return nil }
        return PictureData(data: data, width: width, height: height, components: 1, pngRows: true, palette: palette, bitsPerComponent: Int(depth))
    }
}

/// A surface that draws as its picture anywhere but in a PDF, where cairo writes it as an image
/// whose data is `bytes`: a JPEG's start and frame header giving the picture's size and colour
/// components, and a comment naming the stand-in. Cairo writes those bytes as they are (a
/// JPEG's bytes are never compressed or decoded), so the finishing pass finds them in the file.
/// Owns its surface, which shares the picture's pixels and keeps their surface alive.
final class PictureStandIn {
    let number: Int
    let data: PictureData
    let surface: OpaquePointer

    /// The comment's opening: a token of this process's own before the number, which no file a
    /// user gives (a JPEG whose comment reads alike) can hold.
    static let marker: [UInt8] = Array("bulletin picture \(UInt64.random(in: 1...UInt64.max)) ".utf8)

    private static let counter = Counter()

    /// A stand-in for `pixels` (an image surface of `data`'s size); nil when cairo cannot make
    /// one (memory).
    init?(for pixels: OpaquePointer, data: PictureData) {
        guard let memory = cairo_image_surface_get_data(pixels),
              let surface = cairo_image_surface_create_for_data(memory, cairo_image_surface_get_format(pixels),
                                                                  cairo_image_surface_get_width(pixels),
                                                                  cairo_image_surface_get_height(pixels),
                                                                  cairo_image_surface_get_stride(pixels)) else { return nil }
        number = Self.counter.next()
        self.data = data
        self.surface = surface
        cairo_surface_reference(pixels)
        let kept = cairo_surface_set_user_data(surface, &Self.pixelsKey, UnsafeMutableRawPointer(pixels)) {
            cairo_surface_destroy(OpaquePointer($0))
        }
        let bytes = Self.bytes(number: number, data: data)
        let copy = malloc(bytes.count)!
        bytes.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        let named = cairo_surface_set_mime_data(surface, CAIRO_MIME_TYPE_JPEG, copy.assumingMemoryBound(to: UInt8.self),
                                                UInt(bytes.count), { free($0) }, copy)
        if kept != CAIRO_STATUS_SUCCESS { cairo_surface_destroy(pixels) }
        if named != CAIRO_STATUS_SUCCESS { free(copy) }
        guard kept == CAIRO_STATUS_SUCCESS, named == CAIRO_STATUS_SUCCESS, cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            return nil
        }
    }

    deinit { cairo_surface_destroy(surface) }

    /// The stand-in kept in `slot` for `pixels`, made there the first time; nil without data.
    static func made(_ slot: inout PictureStandIn?, for pixels: OpaquePointer, data: PictureData?) -> PictureStandIn? {
        guard let data else { return nil }
        if slot == nil { slot = PictureStandIn(for: pixels, data: data) }
        return slot
    }

    private nonisolated(unsafe) static var pixelsKey = cairo_user_data_key_t()

    /// What cairo writes as the stand-in's image data: SOI, a comment (COM) with `marker` and
    /// the number, a baseline frame header (SOF0) of the picture's size, EOI.
    static func bytes(number: Int, data: PictureData) -> [UInt8] {
        let comment = marker + Array(String(number).utf8)
        var bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xFE] + bigEndian(comment.count + 2) + comment
        let frame: [UInt8] = [8] + bigEndian(data.height) + bigEndian(data.width) + [UInt8(data.components)]
            + (1...data.components).flatMap { [UInt8($0), 0x11, 0] }
        bytes += [0xFF, 0xC0] + bigEndian(frame.count + 2) + frame
        return bytes + [0xFF, 0xD9]
    }

    private static func bigEndian(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }

    /// Numbers for stand-ins, one process-wide sequence (pictures are read on more than one
    /// thread).
    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var last = 0
        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            last += 1
            return last
        }
    }
}
