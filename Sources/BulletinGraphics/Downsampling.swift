import CCairo
import CGdkPixbuf
import CJpegEncoder
import CZlib
import Foundation
import BulletinLayout

/// The email edition's pictures: none finer than `dpi` at its placed size. An opaque picture
/// scaled down is re-encoded as JPEG at `jpegQuality` and embedded as those bytes; one with
/// transparency is scaled down but stays lossless, so that what lies behind it still shows
/// (flattening it on white would be wrong on a tinted box). A JPEG already at or below `dpi`
/// keeps its original bytes, and so does any picture whose scaled-down form would be larger in
/// the PDF than the original (a flat-colour chart blurred by scaling can compress worse). The
/// print edition passes no `Downsampling`: full resolution.
public struct Downsampling: Sendable, Equatable {
    public var dpi: Double
    public var jpegQuality: Int

    public init(dpi: Double, jpegQuality: Int) {
        self.dpi = dpi
        self.jpegQuality = jpegQuality
    }
}

/// A raster picture as it went into the PDF, for the size report.
public struct EmbeddedImage: Sendable, Equatable {
    /// The file it was read from.
    public var path: String
    /// The story it belongs to, if any.
    public var story: Int?
    /// Pixels embedded, and the size drawn in points.
    public var pixelWidth: Int
    public var pixelHeight: Int
    public var width: Double
    public var height: Double
    /// The JPEG bytes embedded; nil for a picture cairo compresses losslessly.
    public var jpegBytes: Int?
    /// Whether it was scaled down for the email edition.
    public var downsampled: Bool
}

/// The pictures a PDF drew, in the order drawn; the same picture at the same size is embedded
/// once, and listed once.
public final class EmbeddedImages {
    public private(set) var entries: [EmbeddedImage] = []
    /// The data of the stand-ins drawn, by number, for the finishing pass to put in their place.
    private(set) var pictureData: [Int: PictureData] = [:]

    /// Starts the list for a new PDF.
    func begin() {
        entries = []
        pictureData = [:]
    }

    func record(_ image: EmbeddedImage) {
        if !entries.contains(where: { $0.path == image.path && $0.pixelWidth == image.pixelWidth && $0.pixelHeight == image.pixelHeight }) {
            entries.append(image)
        }
    }

    func record(_ standIn: PictureStandIn) { pictureData[standIn.number] = standIn.data }
}

/// A picture scaled down for one placed size; owns its surface.
final class ReducedImage {
    let surface: OpaquePointer
    let jpegBytes: Int?
    /// Its pixels compressed for the PDF, where they were compressed whole to choose between
    /// JPEG and lossless (`PictureData`): drawn into a PDF as its stand-in.
    let pictureData: PictureData?
    private var madeStandIn: PictureStandIn?

    init(surface: OpaquePointer, jpegBytes: Int?, pictureData: PictureData? = nil) {
        self.surface = surface
        self.jpegBytes = jpegBytes
        self.pictureData = pictureData
    }

    /// The stand-in that carries `pictureData` into a PDF, made the first time it is asked for.
    func standIn() -> PictureStandIn? { PictureStandIn.made(&madeStandIn, for: surface, data: pictureData) }

    deinit { cairo_surface_destroy(surface) }

    /// `source` scaled to `width` × `height` pixels with cairo's box-filtered downscaling, and for
    /// an opaque picture its JPEG encoding attached for the PDF; nil if memory runs out.
    /// `cameAsJPEG`: whether the picture was read from a JPEG, when its surface does not carry
    /// the file's bytes to say so (a JPEG turned upright).
    static func make(from original: OpaquePointer, width: Int, height: Int, jpegQuality: Int, cameAsJPEG: Bool = false) -> ReducedImage? {
        let alpha = cairo_image_surface_get_format(original) == CAIRO_FORMAT_ARGB32
        // Halved first while it is at least twice as large as asked: pixman's filter costs some
        // 60 instructions a pixel of the source, a halving a few (a 6-megapixel photograph for
        // a column: 375 M instructions, then about 40 M).
        guard let source = halved(original, toward: width, height) else { return nil }
        defer { cairo_surface_destroy(source) }
        var scale = cairo_matrix_t()
        cairo_matrix_init_scale(&scale, Double(width) / Double(cairo_image_surface_get_width(source)),
                                Double(height) / Double(cairo_image_surface_get_height(source)))
        // GOOD averages every source pixel under a target pixel when shrinking; PAD keeps the
        // edges from fading into the transparent black outside the picture.
        guard let surface = painted(source, into: alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, width: Int32(width), height: Int32(height),
                                    under: scale, filter: CAIRO_FILTER_GOOD, extend: CAIRO_EXTEND_PAD) else { return nil }
        guard !alpha else { return ReducedImage(surface: surface, jpegBytes: nil) }
        guard let jpeg = encodeJPEG(surface, width: width, height: height, quality: jpegQuality) else {
            // Not encoded: cairo embeds the scaled pixels losslessly, which is still correct.
            return ReducedImage(surface: surface, jpegBytes: nil)
        }
        // A drawing of flat colours (a PNG chart, a screenshot) is often smaller compressed
        // losslessly than as JPEG, and sharper: then it stays lossless. A picture that came as
        // a JPEG (a photograph, almost always) goes on as one: losslessly it is larger, and
        // finding that out cost more than scaling it (the sample's photograph: zlib took 6.5
        // ms over 160 KB of its pixels before their compressed size passed its JPEG's).
        let lossless = cameAsJPEG || ImageLibrary.jpegLength(of: original) != nil ? (fits: false, data: nil) : lossless(surface, within: jpeg.count)
        if lossless.fits {
            g_free(jpeg.data)
            return ReducedImage(surface: surface, jpegBytes: nil, pictureData: lossless.data)
        }
        let status2 = cairo_surface_set_mime_data(surface, CAIRO_MIME_TYPE_JPEG, jpeg.data, UInt(jpeg.count), { g_free($0) }, jpeg.data)
        if status2 != CAIRO_STATUS_SUCCESS {
            g_free(jpeg.data)
            return ReducedImage(surface: surface, jpegBytes: nil)
        }
        return ReducedImage(surface: surface, jpegBytes: jpeg.count)
    }

    /// `surface` halved in each direction as often as it stays at least `width` × `height`,
    /// each pixel the mean of the four it stands for (the last row or column of an odd size
    /// counted twice); `surface` itself, referenced, when it is not twice that large. The
    /// caller destroys the result; nil if memory runs out.
    static func halved(_ surface: OpaquePointer, toward width: Int, _ height: Int) -> OpaquePointer? {
        var current = cairo_surface_reference(surface)!
        while Int(cairo_image_surface_get_width(current)) >= 2 * width, Int(cairo_image_surface_get_height(current)) >= 2 * height {
            let previous = current
            defer { cairo_surface_destroy(previous) }
            // No flush: nothing drew on these surfaces with cairo (the picture was decoded into
            // its pixels, each halving written here), and a flush lets go of the data attached
            // to a surface: the picture's own JPEG bytes for the PDF.
            let fromWidth = Int(cairo_image_surface_get_width(current)), fromHeight = Int(cairo_image_surface_get_height(current))
            let toWidth = (fromWidth + 1) / 2, toHeight = (fromHeight + 1) / 2
            guard let next = cairo_image_surface_create(cairo_image_surface_get_format(current), Int32(toWidth), Int32(toHeight)) else { return nil }
            guard cairo_surface_status(next) == CAIRO_STATUS_SUCCESS,
                  let from = cairo_image_surface_get_data(current), let to = cairo_image_surface_get_data(next) else {
                cairo_surface_destroy(next)
                return nil
            }
            let fromStride = Int(cairo_image_surface_get_stride(current)), toStride = Int(cairo_image_surface_get_stride(next))
            for row in 0..<toHeight {
                let upper = UnsafeRawPointer(from + 2 * row * fromStride).assumingMemoryBound(to: UInt32.self)
                let lower = UnsafeRawPointer(from + min(2 * row + 1, fromHeight - 1) * fromStride).assumingMemoryBound(to: UInt32.self)
                let out = UnsafeMutableRawPointer(to + row * toStride).assumingMemoryBound(to: UInt32.self)
                // Two channels at a time, in the even and odd bytes, with room to add four.
                @inline(__always) func mean(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32) -> UInt32 {
                    let evens = (a & 0x00FF_00FF) &+ (b & 0x00FF_00FF) &+ (c & 0x00FF_00FF) &+ (d & 0x00FF_00FF) &+ 0x0002_0002
                    let odds = ((a >> 8) & 0x00FF_00FF) &+ ((b >> 8) & 0x00FF_00FF) &+ ((c >> 8) & 0x00FF_00FF) &+ ((d >> 8) & 0x00FF_00FF) &+ 0x0002_0002
                    return ((evens >> 2) & 0x00FF_00FF) | (((odds >> 2) & 0x00FF_00FF) << 8)
                }
                let pairs = fromWidth / 2
                for column in 0..<pairs {
                    out[column] = mean(upper[2 &* column], upper[2 &* column &+ 1], lower[2 &* column], lower[2 &* column &+ 1])
                }
                if pairs < toWidth { out[pairs] = mean(upper[fromWidth - 1], upper[fromWidth - 1], lower[fromWidth - 1], lower[fromWidth - 1]) }
            }
            cairo_surface_mark_dirty(next)
            current = next
        }
        return current
    }

    /// `source` painted whole into a new surface of `format` and size, under `matrix` (from the
    /// source's pixels to the new surface's), with `filter` and `extend`; nil if memory runs
    /// out. The caller destroys it.
    static func painted(_ source: OpaquePointer, into format: cairo_format_t, width: Int32, height: Int32, under matrix: cairo_matrix_t,
                        filter: cairo_filter_t, extend: cairo_extend_t = CAIRO_EXTEND_NONE) -> OpaquePointer? {
        guard let surface = cairo_image_surface_create(format, width, height) else { return nil }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cr = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            return nil
        }
        var matrix = matrix
        cairo_transform(cr, &matrix)
        cairo_set_source_surface(cr, source, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), filter)
        cairo_pattern_set_extend(cairo_get_source(cr), extend)
        cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE)
        cairo_paint(cr)
        let status = cairo_status(cr)
        cairo_destroy(cr)
        cairo_surface_flush(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            return nil
        }
        return surface
    }

    /// The bytes `surface` adds to a PDF, as cairo embeds it: a PDF in memory with the picture
    /// drawn, less one without.
    ///
    /// It draws a copy: a surface drawn into a PDF keeps a snapshot that would make cairo ignore
    /// JPEG data attached to it afterwards.
    static func pdfCost(of original: OpaquePointer) -> Int? {
        let pixelWidth = cairo_image_surface_get_width(original), pixelHeight = cairo_image_surface_get_height(original)
        guard let surface = cairo_image_surface_create(cairo_image_surface_get_format(original), pixelWidth, pixelHeight) else { return nil }
        defer { cairo_surface_destroy(surface) }
        cairo_surface_flush(original)
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let to = cairo_image_surface_get_data(surface),
              let from = cairo_image_surface_get_data(original),
              cairo_image_surface_get_stride(surface) == cairo_image_surface_get_stride(original) else { return nil }
        to.update(from: from, count: Int(cairo_image_surface_get_stride(original)) * Int(pixelHeight))
        cairo_surface_mark_dirty(surface)
        let width = Double(pixelWidth), height = Double(pixelHeight)
        func pdf(drawing: Bool) -> Int? {
            let sink = ByteSink()
            return withExtendedLifetime(sink) { () -> Int? in
                guard let pdf = cairo_pdf_surface_create_for_stream(ByteSink.cairoWriter, sink.cairoClosure, width, height) else { return nil }
                defer { cairo_surface_destroy(pdf) }
                if drawing, let cr = cairo_create(pdf) {
                    cairo_set_source_surface(cr, surface, 0, 0)
                    cairo_paint(cr)
                    cairo_destroy(cr)
                }
                cairo_surface_finish(pdf)
                return cairo_surface_status(pdf) == CAIRO_STATUS_SUCCESS ? sink.bytes.count : nil
            }
        }
        guard let with = pdf(drawing: true), let without = pdf(drawing: false) else { return nil }
        return max(0, with - without)
    }

    /// Cairo stores an opaque colour picture as its red, green and blue bytes, compressed with
    /// zlib at its default level; the same bytes compressed here come to the same length, and
    /// the PDF adds the picture's dictionary to that. So once more than `limit` bytes have come
    /// out, the answer is known: a photograph's lossless form is many times its JPEG's, and
    /// compressing stops after a small part of it, where `pdfCost` compresses all of it inside
    /// a whole PDF. A grey picture, which cairo stores as one byte a pixel, or one with
    /// transparency, is left to `pdfCost`.
    ///
    /// Whether `surface` adds no more than `limit` bytes to a PDF stored losslessly: what
    /// `pdfCost` tells, which compresses the picture inside a whole PDF, found without it where
    /// the compressed bytes alone settle it. The PDF adds fewer than `pictureOverhead` bytes to
    /// them (the picture's dictionary, its name in the page's resources, the operators that
    /// draw it), so compressed bytes that leave that much room under `limit` fit.
    static func fitsLosslessly(_ surface: OpaquePointer, within limit: Int) -> Bool { lossless(surface, within: limit).fits }

    /// `fitsLosslessly`, and the compressed data for the PDF where they were made whole.
    static func lossless(_ surface: OpaquePointer, within limit: Int) -> (fits: Bool, data: PictureData?) {
        switch compressed(surface, above: limit) {
        case .above: return (false, nil)
        case .exactly(let bytes):
            let data = PictureData(data: bytes, width: Int(cairo_image_surface_get_width(surface)),
                                   height: Int(cairo_image_surface_get_height(surface)), components: 3, pngRows: false)
            return (bytes.count + pictureOverhead <= limit || (pdfCost(of: surface) ?? .max) <= limit, data)
        case .unknown: return ((pdfCost(of: surface) ?? .max) <= limit, nil)
        }
    }

    /// More than the bytes a PDF adds to a picture's compressed bytes (about 380 for a picture
    /// drawn once).
    static let pictureOverhead = 1024

    enum Compressed: Equatable {
        /// Compressed, the picture's bytes come to more than the limit.
        case above
        /// The compressed bytes, all of them.
        case exactly([UInt8])
        /// Not an opaque colour picture: cairo stores it otherwise.
        case unknown
    }

    /// `surface`'s red, green and blue bytes compressed as cairo compresses an opaque colour
    /// picture, or `.above` once they pass `limit`.
    static func compressed(_ surface: OpaquePointer, above limit: Int) -> Compressed {
        guard cairo_image_surface_get_format(surface) == CAIRO_FORMAT_RGB24 else { return .unknown }
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard width > 0, height > 0, let data = cairo_image_surface_get_data(surface) else { return .unknown }
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        var colour = false
        rgb.withUnsafeMutableBufferPointer { to in
            var at = 0
            for row in 0..<height {
                let from = UnsafeRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
                for column in 0..<width {
                    let pixel = from[column]
                    let red = UInt8(truncatingIfNeeded: pixel >> 16), green = UInt8(truncatingIfNeeded: pixel >> 8)
                    let blue = UInt8(truncatingIfNeeded: pixel)
                    if red != green || green != blue { colour = true }
                    to[at] = red
                    to[at + 1] = green
                    to[at + 2] = blue
                    at += 3
                }
            }
        }
        guard colour else { return .unknown }
        var stream = z_stream()
        guard deflateInit_(&stream, Z_DEFAULT_COMPRESSION, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return .unknown }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: 16_384)
        var result: [UInt8] = []
        return rgb.withUnsafeMutableBufferPointer { input -> Compressed in
            output.withUnsafeMutableBufferPointer { buffer -> Compressed in
                guard let inputStart = input.baseAddress, let outputStart = buffer.baseAddress else { return .unknown }
                let chunk = 65_536
                var offset = 0
                while true {
                    if stream.avail_in == 0 && offset < input.count {
                        let count = min(chunk, input.count - offset)
                        stream.next_in = inputStart + offset
                        stream.avail_in = uInt(count)
                        offset += count
                    }
                    stream.next_out = outputStart
                    stream.avail_out = uInt(buffer.count)
                    let status = deflate(&stream, offset == input.count ? Z_FINISH : Z_NO_FLUSH)
                    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else { return .unknown }
                    result += buffer[..<(buffer.count - Int(stream.avail_out))]
                    if result.count > limit { return .above }
                    if status == Z_STREAM_END { return .exactly(result) }
                }
            }
        }
    }

    /// Whether every pixel of an opaque surface has its red, green and blue alike; false at the
    /// first that has not, which in a colour picture comes at once.
    static func isGrey(_ surface: OpaquePointer) -> Bool {
        guard cairo_image_surface_get_format(surface) == CAIRO_FORMAT_RGB24, let data = cairo_image_surface_get_data(surface) else { return false }
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        for row in 0..<height {
            let pixels = UnsafeRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
            for column in 0..<width {
                let pixel = pixels[column], blue = pixel & 0xFF
                if (pixel >> 16) & 0xFF != blue || (pixel >> 8) & 0xFF != blue { return false }
            }
        }
        return true
    }

    /// An opaque cairo surface as JPEG bytes, copied out of gdk-pixbuf's buffer.
    static func jpegBytes(_ surface: OpaquePointer, width: Int, height: Int, quality: Int) -> [UInt8]? {
        guard let jpeg = encodeJPEG(surface, width: width, height: height, quality: quality) else { return nil }
        defer { g_free(jpeg.data) }
        return Array(UnsafeBufferPointer(start: jpeg.data, count: jpeg.count))
    }

    /// An opaque cairo surface as JPEG bytes (from g_malloc) through gdk-pixbuf's encoder; a
    /// grey one (every pixel's red, green and blue alike: a grey photograph, decoded or scaled)
    /// as a one-component JPEG through libjpeg, which the PDF holds as DeviceGray: a third of the
    /// samples, where gdk-pixbuf writes three components always.
    static func encodeJPEG(_ surface: OpaquePointer, width: Int, height: Int, quality: Int) -> (data: UnsafeMutablePointer<UInt8>, count: Int)? {
        if isGrey(surface) {
            guard let pixels = cairo_image_surface_get_data(surface) else { return nil }
            var bytes: UnsafeMutablePointer<UInt8>?
            var length = 0
            guard bulletin_jpeg_encode(pixels, Int32(width), Int32(height), Int(cairo_image_surface_get_stride(surface)), 1,
                                       Int32(min(100, max(1, quality))), &bytes, &length) == 0, let bytes else { return nil }
            // From malloc, which g_free frees: GLib's allocator is the system's (GLib 2.46 on).
            return (bytes, length)
        }
        guard let pixbuf = gdk_pixbuf_new(GDK_COLORSPACE_RGB, 0, 8, Int32(width), Int32(height)) else { return nil }
        defer { g_object_unref(UnsafeMutableRawPointer(pixbuf)) }
        guard let target = gdk_pixbuf_get_pixels(pixbuf), let source = cairo_image_surface_get_data(surface) else { return nil }
        let rowstride = Int(gdk_pixbuf_get_rowstride(pixbuf)), stride = Int(cairo_image_surface_get_stride(surface))
        for row in 0..<height {
            let from = UnsafeRawPointer(source + row * stride).assumingMemoryBound(to: UInt32.self)
            let to = target + row * rowstride
            for column in 0..<width {
                let pixel = from[column]
                to[column * 3] = UInt8((pixel >> 16) & 0xFF)
                to[column * 3 + 1] = UInt8((pixel >> 8) & 0xFF)
                to[column * 3 + 2] = UInt8(pixel & 0xFF)
            }
        }
        var buffer: UnsafeMutablePointer<gchar>?
        var size: gsize = 0
        var error: UnsafeMutablePointer<GError>?
        defer { if let error { g_error_free(error) } }
        let keys = [strdup("quality"), nil], values = [strdup(String(min(100, max(1, quality)))), nil]
        defer { keys.forEach { free($0) }; values.forEach { free($0) } }
        var keyPointers = keys, valuePointers = values
        let saved = gdk_pixbuf_save_to_bufferv(pixbuf, &buffer, &size, "jpeg", &keyPointers, &valuePointers, &error)
        guard saved != 0, let buffer, size > 0 else {
            if let buffer { g_free(buffer) }
            return nil
        }
        return (UnsafeMutableRawPointer(buffer).assumingMemoryBound(to: UInt8.self), Int(size))
    }
}
