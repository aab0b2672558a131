import CCairo
import CGdkPixbuf
import CRsvgLoader
import Foundation
import BulletinModel
import BulletinLayout

/// The stories' pictures, read and checked before anything is composed, and drawn by the
/// renderer. Implements the layout's `ImageMeasuring`.
///
/// A picture is recognised by its first bytes, not its name: JPEG, PNG or SVG, nothing else.
///
/// - JPEG and PNG: the size is read from the file's header and a picture that claims more than
///   `maxPixels` is refused before it is decoded (a PNG of a few KB may claim 60,000 × 60,000
///   pixels, 14 GB decoded). Then gdk-pixbuf decodes it with the loader of that format only; a
///   JPEG that stops before its end marker is refused too, as libjpeg would fill the rest with
///   grey without a word. A JPEG goes into the PDF as its original bytes (cairo's JPEG MIME
///   data): not decoded and encoded again. A PNG goes in as its own compressed rows where a PDF
///   can hold them so (8-bit grey or RGB, or a palette's indices, not interlaced, no
///   transparent colour: `PictureData`),
///   otherwise decoded, losslessly. The email edition scales either down where it is finer than
///   the layout's `email.image_dpi` (`Downsampling`).
/// - SVG: librsvg parses it from memory with no base file, so it reads no other file and fetches
///   nothing from the network: external entities are an error, and `<image href>`s that are not
///   `data:` URLs are left out. It is drawn as vectors. Its size is its width and height, or
///   its viewBox when those are missing or relative.
///
/// Every problem is an `InputError` naming the story file and line that name the picture.
public final class ImageLibrary: ImageMeasuring {
    public let maxPixels: Int
    public let maxBytes: Int
    private var images: [String: LoadedImage] = [:]
    /// Each file's size and modification time as it was read: a library kept from one build to
    /// the next (`bulletin make --watch`) reads a picture again only when its file changed.
    private var stamps: [String: String] = [:]
    /// The files this build asked for (`beginBuild` starts the list afresh).
    private var used: Set<String> = []
    /// Pictures scaled down for the email edition, by file and pixel size.
    private var reduced: [String: ReducedImage] = [:]
    /// Pictures smaller in the PDF as they are than scaled down, by the same keys.
    private var keptWhole: Set<String> = []
    /// Pictures being scaled down on another thread (`reduceAhead`): what reads or changes
    /// `reduced` and `keptWhole` on the caller's thread waits for it first.
    private var reducing: BackgroundWork<Void>?

    /// Cairo's image surfaces are at most this many pixels wide and tall.
    static let largestSide = 32_767

    /// Whether the pictures read next are to be scaled down (the email edition's PDF): a JPEG is
    /// then decoded whole only when it is drawn whole (`LoadedImage(forScalingDown:)`). Either
    /// way every output is the same.
    public var readsForScalingDown = false

    public init(maxPixels: Int = 100_000_000, maxBytes: Int = 32 * 1024 * 1024) {
        self.maxPixels = maxPixels
        self.maxBytes = maxBytes
    }

    /// Starts loading librsvg on a thread of its own when a picture of `stories` or the `logo`
    /// is named as an SVG, so that it is loaded by the time the pictures are read (an SVG named
    /// otherwise loads it when it is read).
    public static func loadAhead(for stories: [Story], logo: ImageRef?) {
        if references(of: stories, logo: logo).contains(where: { [".svg", ".svgz"].contains(("." + ($0.resolved as NSString).pathExtension).lowercased()) }) {
            bulletin_rsvg_load_ahead()
        }
    }

    /// The pictures `stories` name, in story order, then the `logo`.
    static func references(of stories: [Story], logo: ImageRef?) -> [ImageRef] {
        stories.flatMap(\.imageReferences) + (logo.map { [$0] } ?? [])
    }

    /// Reads every picture of `stories`, and the issue's `logo`, each file once. The JPEGs and
    /// PNGs to read are decoded on the other cores (a photograph of 12 megapixels takes tens of
    /// milliseconds) while the SVGs are parsed and drawn once on this thread, whose fonts set
    /// their text; then each picture is taken in story order, the logo last, so the first
    /// problem is the one raised, as if they had been read one by one.
    public func load(_ stories: [Story], logo: ImageRef? = nil) throws {
        if let first = problems(loading: stories, logo: logo).first { throw first }
    }

    /// Reads every picture as `load` does, past a picture that fails: the problem of each
    /// picture that cannot be used, in story order, the logo last (`bulletin check` lists them
    /// all). A picture named twice is named once.
    public func problems(loading stories: [Story], logo: ImageRef? = nil) -> [InputError] {
        let references = Self.references(of: stories, logo: logo)
        var stamped: [(path: String, stamp: String)] = []
        for reference in references where !stamped.contains(where: { $0.path == reference.resolved }) {
            let stamp = Self.stamp(reference.resolved)
            if images[reference.resolved] == nil || stamps[reference.resolved] != stamp { stamped.append((reference.resolved, stamp)) }
        }
        let (maxPixels, maxBytes, forScalingDown) = (self.maxPixels, self.maxBytes, readsForScalingDown)
        let files = stamped.map { file in Result { try LoadedImage.readFile(file.path, maxBytes: maxBytes) } }
        let picture = { (file: Result<(bytes: [UInt8], format: LoadedImage.Format), Error>) -> Result<LoadedImage, Error> in
            Result {
                let (bytes, format) = try file.get()
                return try LoadedImage(bytes: bytes, format: format, maxPixels: maxPixels, forScalingDown: forScalingDown)
            }
        }
        // JPEGs and PNGs on other threads; SVGs, and files that could not be read, here meanwhile.
        let rasters = files.indices.filter { index in (try? files[index].get().format).map { $0 != .svg } ?? false }
        let decoding = BackgroundWork { concurrentMap(rasters.map { files[$0] }, picture) }
        var pictures = files.indices.map { rasters.contains($0) ? nil : picture(files[$0]) }
        for (index, decoded) in zip(rasters, decoding.wait()) { pictures[index] = decoded }
        var ready: [String: (stamp: String, picture: Result<LoadedImage, Error>)] = [:]
        for (file, picture) in zip(stamped, pictures) { ready[file.path] = (file.stamp, picture!) }
        var problems: [InputError] = []
        var failed: Set<String> = []
        for reference in references where !failed.contains(reference.resolved) {
            do {
                try load(reference, read: ready.removeValue(forKey: reference.resolved))
            } catch let problem as InputError {
                problems.append(problem)
                failed.insert(reference.resolved)
            } catch {
                problems.append(InputError(file: reference.file, line: reference.line, "image \"\(reference.path)\" \(error)"))
                failed.insert(reference.resolved)
            }
        }
        return problems
    }

    /// Reads and checks one picture, unless it has been read already and its file is as it was.
    public func load(_ image: ImageRef) throws { try load(image, read: nil) }

    /// `load(image)`, with its file read already where `read` holds it, and its stamp as it was
    /// read.
    private func load(_ image: ImageRef, read: (stamp: String, picture: Result<LoadedImage, Error>)?) throws {
        let path = image.resolved
        used.insert(path)
        let stamp = read?.stamp ?? Self.stamp(path)
        if images[path] != nil, stamps[path] == stamp { return }
        forget(path)
        let shown = "image \"\(image.path)\""
        do {
            images[path] = try read?.picture.get() ?? LoadedImage(path: path, maxPixels: maxPixels, maxBytes: maxBytes, forScalingDown: readsForScalingDown)
            stamps[path] = stamp
        } catch let problem as ImageProblem {
            throw InputError(file: image.file, line: image.line, "\(shown) \(problem.message)")
        }
    }

    /// Starts a build with this library: what it reads from now on are this build's pictures.
    public func beginBuild() { used = [] }

    /// Drops the picture read from `path` and what was made from it.
    private func forget(_ path: String) {
        waitForReducing()
        images[path] = nil
        stamps[path] = nil
        let suffix = " " + path
        reduced = reduced.filter { !$0.key.hasSuffix(suffix) }
        keptWhole = keptWhole.filter { !$0.hasSuffix(suffix) }
    }

    /// The file's size and modification time, or "" when it cannot be read.
    private static func stamp(_ path: String) -> String {
        var status = stat()
        guard stat(path, &status) == 0 else { return "" }
        return "\(status.st_size) \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
    }

    public func size(ofImageAt path: String) -> ImageSize? { images[path]?.size }

    /// The picture read from `path`, for tests.
    func image(at path: String) -> LoadedImage? { images[path] }

    /// The files this build read or found read already, in no particular order.
    public var paths: [String] { Array(used) }

    /// How the picture read from `path` was stored, for tests: "jpeg", "png" or "svg".
    public func format(ofImageAt path: String) -> String? { images[path]?.format.rawValue }

    /// Draws a placed picture in its frame, scaled down first when `downsampling` says so; false
    /// if it was never loaded or cannot be drawn. A raster picture drawn is noted in `embedded`.
    func draw(_ placed: PlacedImage, cr: OpaquePointer, downsampling: Downsampling? = nil, embedded: EmbeddedImages? = nil) -> Bool {
        waitForReducing()
        guard let image = images[placed.path], image.size.width > 0, image.size.height > 0 else { return false }
        let (width, height) = Self.drawnSize(placed, image.size)
        let x = placed.x + (placed.width - width) / 2, y = placed.y + (placed.height - height) / 2
        cairo_save(cr)
        defer { cairo_restore(cr) }
        cairo_rectangle(cr, placed.x, placed.y, placed.width, placed.height)
        cairo_clip(cr)
        if image.isRaster {
            let smaller = downsampling.flatMap { reducedSurface(placed.path, image, width: width, height: height, $0) }
            // The picture decoded whole only where it is drawn so.
            guard let surface = smaller?.surface ?? { if case .raster(let whole) = image.content { whole } else { nil } }() else { return false }
            let jpegBytes = smaller.map(\.jpegBytes) ?? image.jpegLength
            // Into a PDF, a picture with compressed data of its own goes as its stand-in, and a
            // turned JPEG whole as its file's bytes, as they are stored, turned there.
            let standIn = embedded == nil ? nil : smaller.map { $0.standIn() } ?? image.standIn()
            let stored = embedded == nil || smaller != nil ? nil : image.turnedJPEG.flatMap { turned in turned.stored(surface).map { (turned, $0) } }
            let pixelWidth = Int(cairo_image_surface_get_width(surface)), pixelHeight = Int(cairo_image_surface_get_height(surface))
            cairo_translate(cr, x, y)
            cairo_scale(cr, width / Double(pixelWidth), height / Double(pixelHeight))
            if var matrix = stored?.0.matrix { cairo_transform(cr, &matrix) }
            cairo_set_source_surface(cr, standIn?.surface ?? stored?.1 ?? surface, 0, 0)
            cairo_paint(cr)
            if let standIn { embedded?.record(standIn) }
            embedded?.record(EmbeddedImage(path: placed.path, story: placed.story, pixelWidth: pixelWidth, pixelHeight: pixelHeight,
                                           width: width, height: height, jpegBytes: jpegBytes, downsampled: smaller != nil))
            return cairo_status(cr) == CAIRO_STATUS_SUCCESS
        }
        switch image.content {
        case .raster: return false
        case .vector(let handle):
            var viewport = RsvgRectangle(x: x, y: y, width: width, height: height)
            var error: UnsafeMutablePointer<GError>?
            let drawn = rsvg_handle_render_document(handle, cr, &viewport, &error)
            if let error { g_error_free(error) }
            return drawn != 0
        }
    }
}

extension ImageLibrary {
    /// The size a picture of `size` is drawn at in `placed`'s frame, centred in it: filling it
    /// (cover, cut at the frame) or all of it inside (contain).
    static func drawnSize(_ placed: PlacedImage, _ size: ImageSize) -> (width: Double, height: Double) {
        let scaleX = placed.width / size.width, scaleY = placed.height / size.height
        let scale = placed.fit == .cover ? max(scaleX, scaleY) : min(scaleX, scaleY)
        return (size.width * scale, size.height * scale)
    }

    /// Scales down every raster picture of `placed` as `draw` will ask for it, on another
    /// thread, so that drawing finds them made. The composer asks for it at the issue's first
    /// distribution (a picture placed at the same size when drawn is then done), the renderer
    /// again before it draws. The library's own calls wait for that work; work asked for while
    /// earlier work goes on starts when that is done, on its thread, not the caller's.
    public func reduceAhead(_ placed: [PlacedImage], _ downsampling: Downsampling) {
        let earlier = reducing
        reducing = BackgroundWork { [self] in
            _ = earlier?.wait()
            reduceNow(placed, downsampling)
        }
    }

    /// How many placed sizes of pictures have been scaled down (or found smaller as they are):
    /// for tests.
    var reducedSizes: Int {
        waitForReducing()
        return reduced.count + keptWhole.count
    }

    /// Waits for the pictures being scaled down ahead, if they are.
    func waitForReducing() {
        reducing?.wait()
        reducing = nil
    }

    /// Scales down every picture `placed` asks for that is not made yet, on every core.
    private func reduceNow(_ placed: [PlacedImage], _ downsampling: Downsampling) {
        var jobs: [(key: String, image: LoadedImage, width: Int, height: Int)] = []
        for picture in placed {
            guard let image = images[picture.path], image.size.width > 0, image.size.height > 0, image.isRaster else { continue }
            let (width, height) = Self.drawnSize(picture, image.size)
            guard let target = Self.reduction(picture.path, image, width: width, height: height, downsampling),
                  reduced[target.key] == nil, !keptWhole.contains(target.key), !jobs.contains(where: { $0.key == target.key }) else { continue }
            jobs.append((target.key, image, target.width, target.height))
        }
        let made = concurrentMap(jobs) { job in
            Self.reduce(job.image, width: job.width, height: job.height, jpegQuality: downsampling.jpegQuality)
        }
        for (job, outcome) in zip(jobs, made) { record(outcome, job.key) }
    }

    /// The picture at `path` scaled to `downsampling.dpi` at `width` × `height` points, made
    /// once for each pixel size; nil when it is not finer than that already (or memory ran out).
    func reducedSurface(_ path: String, _ image: LoadedImage, width: Double, height: Double,
                        _ downsampling: Downsampling) -> ReducedImage? {
        guard image.isRaster, let target = Self.reduction(path, image, width: width, height: height, downsampling) else { return nil }
        if let done = reduced[target.key] { return done }
        if keptWhole.contains(target.key) { return nil }
        let outcome = Self.reduce(image, width: target.width, height: target.height, jpegQuality: downsampling.jpegQuality)
        record(outcome, target.key)
        if case .reduced(let made) = outcome { return made }
        return nil
    }

    /// What scaling a picture down came to.
    enum Reduction {
        case reduced(ReducedImage)
        /// Smaller in the PDF as it is.
        case keptWhole
        /// Memory ran out: tried again when next asked for.
        case failed
    }

    private func record(_ outcome: Reduction, _ key: String) {
        switch outcome {
        case .reduced(let made): reduced[key] = made
        case .keptWhole: keptWhole.insert(key)
        case .failed: break
        }
    }

    /// The pixel size a picture placed at `width` × `height` points is scaled to, and the key
    /// it is kept by; nil when the picture is not finer than `downsampling.dpi` there.
    static func reduction(_ path: String, _ image: LoadedImage, width: Double, height: Double,
                          _ downsampling: Downsampling) -> (key: String, width: Int, height: Int)? {
        let pixels = Double(image.pixelWidth)
        guard width > 0, height > 0, pixels / (width / 72) > downsampling.dpi else { return nil }
        // Rounded down: the result is never finer than asked.
        let targetWidth = max(1, Int((width / 72 * downsampling.dpi).rounded(.down)))
        let targetHeight = max(1, Int((height / 72 * downsampling.dpi).rounded(.down)))
        return ("\(targetWidth)x\(targetHeight)@\(downsampling.jpegQuality) \(path)", targetWidth, targetHeight)
    }

    /// `image` scaled down to `width` × `height` pixels, unless it is smaller in the PDF as
    /// it is. Reads only the picture: pictures are scaled down on several threads at once.
    static func reduce(_ image: LoadedImage, width: Int, height: Int, jpegQuality: Int) -> Reduction {
        guard let source = image.pixels(forShown: width, height) else { return .failed }
        defer { cairo_surface_destroy(source) }
        guard let made = ReducedImage.make(from: source, width: width, height: height, jpegQuality: jpegQuality,
                                           cameAsJPEG: image.format == .jpeg) else { return .failed }
        // Scaling is for size: a drawing of flat colours can compress worse once its edges are
        // blurred by scaling, and then the original goes in.
        // (Compressing the original stops early when it is certainly larger.)
        // Lossless data on both sides are compared with the same allowance for the PDF's part.
        if let smaller = made.jpegBytes ?? made.pictureData.map(\.pdfBytesAtMost) ?? ReducedImage.pdfCost(of: made.surface),
           image.jpegLength.map({ $0 <= smaller })
            ?? image.pictureData.map({ $0.pdfBytesAtMost <= smaller })
            ?? { if case .raster(let original) = image.content { ReducedImage.fitsLosslessly(original, within: smaller) } else { false } }() {
            return .keptWhole
        }
        return .reduced(made)
    }

    /// The length of the JPEG bytes a surface carries for the PDF, if it carries any.
    static func jpegLength(of surface: OpaquePointer) -> Int? {
        var data: UnsafePointer<UInt8>?
        var length: UInt = 0
        cairo_surface_get_mime_data(surface, CAIRO_MIME_TYPE_JPEG, &data, &length)
        return data == nil ? nil : Int(length)
    }

    /// Bytes a raster picture adds to a PDF as drawn, for pictures cairo compresses itself:
    /// the same surface drawn alone into a PDF in memory, less an empty one.
    public func measuredSize(of image: EmbeddedImage, downsampling: Downsampling?) -> Int? {
        waitForReducing()
        guard let loaded = images[image.path], loaded.isRaster else { return nil }
        if let downsampling, let smaller = reducedSurface(image.path, loaded, width: image.width, height: image.height, downsampling) {
            return smaller.pictureData.map { $0.data.count } ?? ReducedImage.pdfCost(of: smaller.surface)
        }
        guard case .raster(let original) = loaded.content else { return nil }
        return loaded.pictureData.map { $0.data.count } ?? ReducedImage.pdfCost(of: original)
    }
}

/// A JPEG whose EXIF orientation turns or flips it to be shown (a phone's photograph taken
/// upright, most often): in a PDF, the file's bytes as they are, drawn under the orientation's
/// transform, as a PDF has no orientation tag for a picture. They were encoded afresh turned, at
/// quality 95: a photograph's 654 KB came to 1,175 KB, and lost a little more of its detail.
final class TurnedJPEG {
    /// From the picture as stored to the picture as shown, in pixels of the decoded picture.
    let matrix: cairo_matrix_t
    let length: Int
    private let bytes: [UInt8]
    private var madeStored: OpaquePointer?

    /// For a JPEG of `bytes` shown `shownWidth` × `shownHeight` pixels decoded whole with EXIF
    /// `orientation`; nil for an orientation that is not 2–8.
    init?(bytes: [UInt8], orientation: Int, shownWidth: Int, shownHeight: Int) {
        let shownWidth = Double(shownWidth), shownHeight = Double(shownHeight)
        // The stored picture's width and height: the other way round for a quarter turn.
        let (width, height) = orientation >= 5 ? (shownHeight, shownWidth) : (shownWidth, shownHeight)
        var matrix = cairo_matrix_t()
        switch orientation {
        case 2: cairo_matrix_init(&matrix, -1, 0, 0, 1, width, 0)  // mirrored left to right
        case 3: cairo_matrix_init(&matrix, -1, 0, 0, -1, width, height)  // half a turn
        case 4: cairo_matrix_init(&matrix, 1, 0, 0, -1, 0, height)  // mirrored top to bottom
        case 5: cairo_matrix_init(&matrix, 0, 1, 1, 0, 0, 0)  // rows become columns
        case 6: cairo_matrix_init(&matrix, 0, 1, -1, 0, height, 0)  // a quarter turn clockwise
        case 7: cairo_matrix_init(&matrix, 0, -1, -1, 0, height, width)  // rows become columns, both ways reversed
        case 8: cairo_matrix_init(&matrix, 0, -1, 1, 0, 0, width)  // a quarter turn anticlockwise
        default: return nil
        }
        self.matrix = matrix
        self.bytes = bytes
        length = bytes.count
    }

    deinit { if let madeStored { cairo_surface_destroy(madeStored) } }

    /// The picture as stored, carrying the file's bytes for a PDF: `shown` turned back, made
    /// the first time it is asked for; nil if memory runs out (then the shown pixels go in).
    func stored(_ shown: OpaquePointer) -> OpaquePointer? {
        if let madeStored { return madeStored }
        let shownWidth = cairo_image_surface_get_width(shown), shownHeight = cairo_image_surface_get_height(shown)
        let quarter = matrix.xx == 0
        var back = matrix
        guard cairo_matrix_invert(&back) == CAIRO_STATUS_SUCCESS,
              let surface = ReducedImage.painted(shown, into: CAIRO_FORMAT_RGB24, width: quarter ? shownHeight : shownWidth,
                                                 height: quarter ? shownWidth : shownHeight, under: back, filter: CAIRO_FILTER_NEAREST) else { return nil }
        guard let copy = malloc(bytes.count) else {
            cairo_surface_destroy(surface)
            return nil
        }
        bytes.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        guard cairo_surface_set_mime_data(surface, CAIRO_MIME_TYPE_JPEG, copy.assumingMemoryBound(to: UInt8.self), UInt(bytes.count),
                                          { free($0) }, copy) == CAIRO_STATUS_SUCCESS else {
            free(copy)
            cairo_surface_destroy(surface)
            return nil
        }
        madeStored = surface
        return surface
    }
}

/// What is wrong with a picture, in words that follow its name.
struct ImageProblem: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// One picture read into memory: a cairo surface (JPEG, PNG) or an SVG document. Owns them.
final class LoadedImage {
    enum Format: String { case jpeg, png, svg }
    enum Content {
        case raster(OpaquePointer)
        case vector(OpaquePointer)
    }

    let format: Format
    let size: ImageSize
    /// The pixel size of the picture decoded whole, shown upright (a vector picture's: 0 × 0).
    let pixelWidth: Int
    let pixelHeight: Int
    /// A JPEG's file, its header and the fraction it is decoded whole at: decoded again smaller
    /// for a size it is scaled down to (`pixels(forShown:_:)`).
    private let file: (bytes: [UInt8], header: ImageHeader, divisor: Int, quarterTurned: Bool)?
    /// A JPEG decoded at an eighth of its size when it was read, to find what is wrong with it
    /// without decoding it whole; scaled down from where that is enough.
    private let eighth: OpaquePointer?
    private var made: Content?
    private let lock = NSLock()
    /// The scales this picture was decoded at to be scaled down (2, 4 or 8; 1 whole), for tests.
    private(set) var scalesDecoded: [Int] = []

    /// The picture: a JPEG read for scaling down is decoded whole the first time it is asked
    /// for (a print edition, a PNG page, a picture not scaled down).
    var content: Content {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        // Read for scaling down, so it was decoded at an eighth and checked: only memory can fail.
        let whole = file.flatMap { file in try? Self.decode(file.bytes, format: format, header: file.header, divisor: file.divisor).surface }
        let content = Content.raster(whole ?? cairo_surface_reference(eighth!))
        made = content
        return content
    }

    var isRaster: Bool { format != .svg }

    /// Whether the picture has been decoded whole, for tests.
    var isDecodedWhole: Bool {
        lock.lock()
        defer { lock.unlock() }
        return made != nil
    }
    /// The picture's data compressed for a PDF as it came in the file, where a PDF can take it
    /// so (most PNGs): drawn into a PDF as its stand-in.
    let pictureData: PictureData?
    private var madeStandIn: PictureStandIn?
    /// A JPEG shown turned as its EXIF orientation asks: the file's bytes, for a PDF.
    let turnedJPEG: TurnedJPEG?

    /// The length of the JPEG bytes a PDF gets for the picture drawn whole, if it gets a JPEG's:
    /// the file's, turned or not.
    var jpegLength: Int? {
        // A JPEG's surface carries the file's bytes, or it is turned and its `TurnedJPEG` does.
        if let file { return file.bytes.count }
        guard case .raster(let surface) = content else { return nil }
        return ImageLibrary.jpegLength(of: surface) ?? turnedJPEG?.length
    }

    /// The file's bytes and what they are.
    static func readFile(_ path: String, maxBytes: Int) throws -> (bytes: [UInt8], format: Format) {
        let bytes = try contents(of: path, maxBytes: maxBytes)
        guard let format = format(of: bytes, path: path) else { throw ImageProblem("is not a JPEG, PNG or SVG picture") }
        return (bytes, format)
    }

    convenience init(path: String, maxPixels: Int, maxBytes: Int, forScalingDown: Bool = false) throws {
        let (bytes, format) = try Self.readFile(path, maxBytes: maxBytes)
        try self.init(bytes: bytes, format: format, maxPixels: maxPixels, forScalingDown: forScalingDown)
    }

    /// Photographs of more pixels than this are decoded at a half, a quarter or an eighth of
    /// their size, as libjpeg decodes them smaller: no page shows more (a full A3 page at 300
    /// dpi is 17 megapixels), and a 96-megapixel photograph took 720 MB decoded whole. The PDF
    /// still gets the file's own bytes, which cairo draws over the smaller picture's frame.
    static let decodedPixels = 24_000_000

    /// `forScalingDown`: a JPEG is decoded at an eighth of its size now, which finds what is
    /// wrong with it as decoding it whole does (libjpeg reads all its data either way, and
    /// leaves out only the finer detail), and whole only when it is first drawn so; the email
    /// edition scales most photographs down from a smaller decoding (`pixels(forShown:_:)`).
    init(bytes: [UInt8], format: Format, maxPixels: Int, decodedPixels: Int = LoadedImage.decodedPixels, forScalingDown: Bool = false) throws {
        self.format = format
        switch format {
        case .jpeg, .png:
            let header = try format == .png ? ImageHeader.png(bytes) : ImageHeader.jpeg(bytes)
            try header.check(maxPixels: maxPixels, largestSide: ImageLibrary.largestSide)
            var divisor = 1
            while format == .jpeg, divisor < 8, (header.width / divisor) * (header.height / divisor) > decodedPixels { divisor *= 2 }
            let decodingLater = format == .jpeg && forScalingDown && divisor < 8
            let (surface, turned, orientation) = decodingLater
                ? try Self.decode(bytes, format: format, header: header, divisor: 8, dctSize: true)
                : try Self.decode(bytes, format: format, header: header, divisor: divisor)
            // The size decoded whole, upright: the other way round for a quarter turn.
            let quarterTurned = orientation >= 5
            let decoded = (width: max(1, header.width / divisor), height: max(1, header.height / divisor))
            pixelWidth = quarterTurned ? decoded.height : decoded.width
            pixelHeight = quarterTurned ? decoded.width : decoded.height
            // The header's size, or its other way round for a photograph turned upright; a
            // photograph decoded smaller keeps its own size, which its bytes in the PDF have.
            let scale = Double(header.width) / Double(decoded.width)
            size = ImageSize(width: Double(pixelWidth) * scale, height: Double(pixelHeight) * scale)
            made = decodingLater ? nil : .raster(surface)
            eighth = decodingLater ? surface : nil
            file = format == .jpeg ? (bytes, header, divisor, quarterTurned) : nil
            // A turned picture's rows are no longer the file's.
            pictureData = format == .png && !turned ? PictureData.png(bytes) : nil
            turnedJPEG = format == .jpeg && turned
                ? TurnedJPEG(bytes: bytes, orientation: orientation, shownWidth: pixelWidth, shownHeight: pixelHeight) : nil
        case .svg:
            let handle = try Self.parseSVG(bytes)
            guard let svgSize = Self.size(of: handle) else {
                g_object_unref(UnsafeMutableRawPointer(handle))
                throw ImageProblem("has no size: give its <svg> element a viewBox, or a width and height")
            }
            size = svgSize
            pixelWidth = 0
            pixelHeight = 0
            made = .vector(handle)
            file = nil
            eighth = nil
            pictureData = nil
            turnedJPEG = nil
            // Problems that only drawing finds are found now, where the story can be named.
            try Self.tryDrawing(handle, size: svgSize)
        }
    }

    /// The stand-in that carries `pictureData` into a PDF, made the first time it is asked for;
    /// nil for a picture without such data.
    func standIn() -> PictureStandIn? {
        guard pictureData != nil, case .raster(let surface) = content else { return nil }
        return PictureStandIn.made(&madeStandIn, for: surface, data: pictureData)
    }

    /// The fraction of its size (2, 4 or 8) a JPEG is decoded at to be scaled down to `width` ×
    /// `height` pixels shown: the smallest libjpeg decodes that still has as many pixels each
    /// way, so that what is left is scaled down still; 1 (the picture decoded whole) when
    /// none is smaller than that.
    func decodingScale(forShown width: Int, _ height: Int) -> Int {
        guard let file else { return 1 }
        let (wide, tall) = file.quarterTurned ? (height, width) : (width, height)
        // libjpeg rounds a scaled size up.
        for scale in [8, 4, 2] where scale > file.divisor
            && (file.header.width + scale - 1) / scale >= wide && (file.header.height + scale - 1) / scale >= tall {
            return scale
        }
        return 1
    }

    /// The picture's pixels to scale down to `width` × `height` pixels shown: a JPEG decoded at
    /// `decodingScale`, where a photograph for a column needs an eighth or a quarter of the
    /// pixels libjpeg would make (and gdk-pixbuf copy, and pixman average) decoding it whole;
    /// else the picture itself. The caller destroys it; nil if memory runs out.
    func pixels(forShown width: Int, _ height: Int) -> OpaquePointer? {
        let scale = decodingScale(forShown: width, height)
        lock.lock()
        scalesDecoded.append(scale)
        lock.unlock()
        guard scale > 1, let file else {
            guard case .raster(let surface) = content else { return nil }
            return cairo_surface_reference(surface)
        }
        if scale == 8, let eighth { return cairo_surface_reference(eighth) }
        return try? Self.decode(file.bytes, format: format, header: file.header, divisor: scale, dctSize: true).surface
    }

    deinit {
        switch made {
        case .raster(let surface): cairo_surface_destroy(surface)
        case .vector(let handle): g_object_unref(UnsafeMutableRawPointer(handle))
        case nil: break
        }
        if let eighth { cairo_surface_destroy(eighth) }
    }

    // MARK: - Reading

    /// The file's bytes: a regular file, opened without waiting (a FIFO put in its place since
    /// it was found would otherwise block for ever), no larger than `maxBytes`.
    static func contents(of path: String, maxBytes: Int) throws -> [UInt8] {
        let bytes: [UInt8]
        do {
            bytes = try RegularFile.bytes(at: path, maxBytes: maxBytes)
        } catch {
            switch error {
            case .notFound: throw ImageProblem("not found")
            case .unreadable(let reason): throw ImageProblem("cannot be read: " + reason)
            case .notRegular: throw ImageProblem("is not a regular file, so it is not read")
            case .tooLarge: throw ImageProblem("is over the limit of \(maxBytes / (1024 * 1024)) MB for a picture")
            }
        }
        guard !bytes.isEmpty else { throw ImageProblem("is empty") }
        return bytes
    }

    /// What the first bytes say the file is.
    static func format(of bytes: [UInt8], path: String) -> Format? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        // SVG is XML text: an <svg element near the start (after the XML declaration, comments
        // and a doctype), or a gzip-compressed .svgz.
        if bytes.starts(with: [0x1F, 0x8B]) && path.lowercased().hasSuffix(".svgz") { return .svg }
        let start = String(decoding: bytes.prefix(4096), as: UTF8.self)
        if start.contains("<svg") && start.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" }).hasPrefix("<") { return .svg }
        return nil
    }

    // MARK: - JPEG and PNG

    /// Decodes a JPEG or PNG with gdk-pixbuf's loader for that format into a cairo surface; a
    /// JPEG's surface carries the file's bytes for the PDF, unless it was turned. `turned`: the
    /// picture was turned or flipped as its EXIF `orientation` (2–8) asks.
    /// `divisor`: a JPEG is decoded at that fraction of its size (1, 2, 4 or 8). `dctSize`: at the
    /// size libjpeg decodes it to, rounded up (gdk-pixbuf scales what libjpeg made to any other
    /// size asked for), and without the file's bytes: pixels to be scaled down.
    static func decode(_ bytes: [UInt8], format: Format, header: ImageHeader, divisor: Int = 1,
                       dctSize: Bool = false) throws -> (surface: OpaquePointer, turned: Bool, orientation: Int) {
        var error: UnsafeMutablePointer<GError>?
        defer { if let error { g_error_free(error) } }
        func problem(_ what: String) -> ImageProblem {
            let detail = error.flatMap { $0.pointee.message.map { String(cString: $0) } }.map { ": " + $0 } ?? ""
            return ImageProblem("\(what) (\(format == .png ? "PNG" : "JPEG"))\(detail)")
        }
        guard let loader = gdk_pixbuf_loader_new_with_type(format == .png ? "png" : "jpeg", &error) else {
            throw problem("cannot be read: this system has no loader for it")
        }
        defer { g_object_unref(UnsafeMutableRawPointer(loader)) }
        let wanted = dctSize ? (width: (header.width + divisor - 1) / divisor, height: (header.height + divisor - 1) / divisor)
            : (width: max(1, header.width / divisor), height: max(1, header.height / divisor))
        if divisor > 1 { gdk_pixbuf_loader_set_size(loader, Int32(wanted.width), Int32(wanted.height)) }
        let wrote = bytes.withUnsafeBufferPointer { gdk_pixbuf_loader_write(loader, $0.baseAddress, gsize($0.count), &error) }
        // Close in any case: a loader left open complains on its way out.
        var closeError: UnsafeMutablePointer<GError>?
        let closed = gdk_pixbuf_loader_close(loader, &closeError)
        if error == nil { error = closeError } else if let closeError { g_error_free(closeError) }
        guard wrote != 0, closed != 0, let pixbuf = gdk_pixbuf_loader_get_pixbuf(loader) else {
            throw problem("is damaged and cannot be read")
        }
        let width = Int(gdk_pixbuf_get_width(pixbuf)), height = Int(gdk_pixbuf_get_height(pixbuf))
        guard width == wanted.width, height == wanted.height else {
            throw problem("is damaged: its header says \(header.width) × \(header.height) pixels, its data \(width) × \(height)")
        }
        // A photograph whose EXIF orientation says it was taken with the camera turned (a
        // phone's, held upright) is turned as it is to be shown: its size, its pixels and
        // what the PDF gets.
        guard let upright = gdk_pixbuf_apply_embedded_orientation(pixbuf) else { throw problem("cannot be held in memory") }
        defer { g_object_unref(UnsafeMutableRawPointer(upright)) }
        let turned = upright != pixbuf
        let orientation = turned ? gdk_pixbuf_get_option(pixbuf, "orientation").flatMap { Int(String(cString: $0)) } ?? 1 : 1
        let shownWidth = Int(gdk_pixbuf_get_width(upright)), shownHeight = Int(gdk_pixbuf_get_height(upright))
        // A PNG with an alpha channel that is opaque throughout (a screenshot, most often), and a
        // CMYK JPEG, which gdk-pixbuf gives an opaque alpha channel, are opaque pictures: the
        // email edition scales them down to JPEG like any photograph, where a picture with
        // transparency stays lossless (an opaque RGBA photograph of 1,500 × 1,000 pixels
        // for a column: 434 KB so, 26 KB as JPEG).
        let alpha = gdk_pixbuf_get_has_alpha(upright) != 0 && !isOpaque(upright)
        guard let surface = cairo_image_surface_create(alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, Int32(shownWidth), Int32(shownHeight)) else {
            throw problem("cannot be held in memory")
        }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let target = cairo_image_surface_get_data(surface) else {
            cairo_surface_destroy(surface)
            throw problem("cannot be held in memory")
        }
        copy(upright, into: target, stride: Int(cairo_image_surface_get_stride(surface)), width: shownWidth, height: shownHeight)
        cairo_surface_mark_dirty(surface)
        // A turned JPEG's bytes, shown as stored, would lie on their side: they go into the PDF
        // drawn turned (`TurnedJPEG`), not with these pixels.
        if format == .jpeg && !turned && !dctSize {
            // The PDF gets the original bytes: cairo writes them as the image's data.
            guard let copy = malloc(bytes.count) else {
                cairo_surface_destroy(surface)
                throw problem("cannot be held in memory")
            }
            bytes.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            let status = cairo_surface_set_mime_data(surface, CAIRO_MIME_TYPE_JPEG, copy.assumingMemoryBound(to: UInt8.self),
                                                     UInt(bytes.count), { free($0) }, copy)
            if status != CAIRO_STATUS_SUCCESS {
                free(copy)
                cairo_surface_destroy(surface)
                throw problem("cannot be held in memory")
            }
        }
        return (surface, turned, orientation)
    }

    /// Whether every pixel of an RGBA pixbuf is opaque; false at the first that is not.
    static func isOpaque(_ pixbuf: OpaquePointer) -> Bool {
        guard gdk_pixbuf_get_n_channels(pixbuf) == 4, let source = gdk_pixbuf_read_pixels(pixbuf) else { return false }
        let width = Int(gdk_pixbuf_get_width(pixbuf)), height = Int(gdk_pixbuf_get_height(pixbuf))
        let rowstride = Int(gdk_pixbuf_get_rowstride(pixbuf))
        for row in 0..<height {
            let from = source + row * rowstride
            for column in 0..<width where from[column &* 4 &+ 3] != 255 { return false }
        }
        return true
    }

    /// gdk-pixbuf's RGB or RGBA bytes into cairo's native-endian ARGB words, premultiplied.
    static func copy(_ pixbuf: OpaquePointer, into target: UnsafeMutablePointer<UInt8>, stride: Int, width: Int, height: Int) {
        guard let source = gdk_pixbuf_read_pixels(pixbuf) else { return }
        let channels = Int(gdk_pixbuf_get_n_channels(pixbuf))
        let rowstride = Int(gdk_pixbuf_get_rowstride(pixbuf))
        let alpha = gdk_pixbuf_get_has_alpha(pixbuf) != 0
        if !alpha && channels == 3 {
            // Most pictures (photographs): three bytes a pixel to four, in a loop of its own, two
            // pixels from each eight bytes read while eight remain in the row (gdk-pixbuf's last
            // row has no padding after it): a byte at a time cost ten instructions a pixel.
            for row in 0..<height {
                let from = UnsafeRawPointer(source + row * rowstride)
                let to = UnsafeMutableRawPointer(target + row * stride).assumingMemoryBound(to: UInt32.self)
                var column = 0
                while column &+ 3 <= width {
                    // R0 G0 B0 R1 G1 B1 ..., read as one big-endian number: each pixel's three
                    // bytes are in the order cairo's words hold them.
                    let bytes = from.loadUnaligned(fromByteOffset: column &* 3, as: UInt64.self).bigEndian
                    to[column] = 0xFF00_0000 | UInt32(truncatingIfNeeded: bytes >> 40)
                    to[column &+ 1] = 0xFF00_0000 | UInt32(truncatingIfNeeded: bytes >> 16)
                    column &+= 2
                }
                while column < width {
                    let p = from + column &* 3
                    to[column] = 0xFF00_0000 | UInt32(p.load(as: UInt8.self)) << 16 | UInt32(p.load(fromByteOffset: 1, as: UInt8.self)) << 8
                        | UInt32(p.load(fromByteOffset: 2, as: UInt8.self))
                    column &+= 1
                }
            }
            return
        }
        for row in 0..<height {
            let from = source + row * rowstride
            let to = UnsafeMutableRawPointer(target + row * stride).assumingMemoryBound(to: UInt32.self)
            for column in 0..<width {
                let p = from + column * channels
                var r = UInt32(p[0]), g = UInt32(p[1]), b = UInt32(p[2])
                var a: UInt32 = 255
                if alpha {
                    a = UInt32(p[3])
                    r = (r * a + 127) / 255
                    g = (g * a + 127) / 255
                    b = (b * a + 127) / 255
                }
                to[column] = a << 24 | r << 16 | g << 8 | b
            }
        }
    }

    // MARK: - SVG

    /// Parses an SVG from memory. No base file: librsvg then resolves no reference to another
    /// file (nor to the network), and refuses external XML entities.
    static func parseSVG(_ bytes: [UInt8]) throws -> OpaquePointer {
        if let problem = bulletin_rsvg_load() {
            throw ImageProblem("cannot be read: librsvg cannot be loaded (\(String(cString: problem))): `make setup` installs it")
        }
        guard let data = g_malloc(gsize(max(1, bytes.count))) else { throw ImageProblem("cannot be held in memory") }
        bytes.withUnsafeBytes { data.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        guard let stream = g_memory_input_stream_new_from_data(data, gssize(bytes.count), g_free) else {
            g_free(data)
            throw ImageProblem("cannot be held in memory")
        }
        defer { g_object_unref(UnsafeMutableRawPointer(stream)) }
        var error: UnsafeMutablePointer<GError>?
        defer { if let error { g_error_free(error) } }
        guard let handle = rsvg_handle_new_from_stream_sync(stream, nil, RSVG_HANDLE_FLAGS_NONE, nil, &error) else {
            let detail = error.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "unknown error"
            throw ImageProblem("is not a valid SVG picture: \(oneLine(detail))")
        }
        rsvg_handle_set_dpi(handle, 96)
        return handle
    }

    /// The SVG's width and height in pixels, or its viewBox's when they are missing or relative.
    static func size(of handle: OpaquePointer) -> ImageSize? {
        var width = 0.0, height = 0.0
        if rsvg_handle_get_intrinsic_size_in_pixels(handle, &width, &height) != 0, width > 0, height > 0, width.isFinite, height.isFinite {
            return ImageSize(width: width, height: height, isVector: true)
        }
        var hasWidth: gboolean = 0, hasHeight: gboolean = 0, hasViewBox: gboolean = 0
        var w = RsvgLength(), h = RsvgLength(), viewBox = RsvgRectangle()
        rsvg_handle_get_intrinsic_dimensions(handle, &hasWidth, &w, &hasHeight, &h, &hasViewBox, &viewBox)
        guard hasViewBox != 0, viewBox.width > 0, viewBox.height > 0, viewBox.width.isFinite, viewBox.height.isFinite else { return nil }
        return ImageSize(width: viewBox.width, height: viewBox.height, isVector: true)
    }

    /// Draws the SVG once where nothing is kept, to find what only drawing finds.
    static func tryDrawing(_ handle: OpaquePointer, size: ImageSize) throws {
        guard let scratch = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nil) else { return }
        defer { cairo_surface_destroy(scratch) }
        guard let cr = cairo_create(scratch) else { return }
        defer { cairo_destroy(cr) }
        var viewport = RsvgRectangle(x: 0, y: 0, width: min(size.width, 10_000), height: min(size.height, 10_000))
        var error: UnsafeMutablePointer<GError>?
        defer { if let error { g_error_free(error) } }
        guard rsvg_handle_render_document(handle, cr, &viewport, &error) != 0 else {
            let detail = error.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "unknown error"
            throw ImageProblem("cannot be drawn: \(oneLine(detail))")
        }
    }

    /// A library's message as one printable line.
    static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) }).trimmingCharacters(in: .whitespaces)
    }
}

/// The pixel size a JPEG or PNG claims, read from its header without decoding it.
struct ImageHeader: Equatable {
    var width: Int
    var height: Int

    /// A PNG's size, from its IHDR chunk, which must come first; and a check that its chunks
    /// run whole to the IEND chunk, as a truncated file's do not (gdk-pixbuf would show the
    /// part it has without a word).
    static func png(_ bytes: [UInt8]) throws -> ImageHeader {
        guard bytes.count >= 24, Array(bytes[12..<16]) == Array("IHDR".utf8) else { throw ImageProblem("is damaged: its PNG header is missing") }
        let width = bigEndian(bytes, 16, 4), height = bigEndian(bytes, 20, 4)
        guard width > 0, height > 0 else { throw ImageProblem("is damaged: its PNG header gives no size") }
        var i = 8
        while true {
            // Length, type, data, checksum.
            guard i + 12 <= bytes.count else { throw ImageProblem("is cut short: the PNG file ends before its picture does") }
            let length = bigEndian(bytes, i, 4)
            guard length <= bytes.count - i - 12 else { throw ImageProblem("is cut short: the PNG file ends before its picture does") }
            if Array(bytes[(i + 4)..<(i + 8)]) == Array("IEND".utf8) { break }
            i += 12 + length
        }
        return ImageHeader(width: width, height: height)
    }

    /// A JPEG's size, from its first start-of-frame segment; and a check that the file goes on
    /// to its end marker, as a truncated one does not.
    static func jpeg(_ bytes: [UInt8]) throws -> ImageHeader {
        var i = 2
        var size: ImageHeader?
        while i + 4 <= bytes.count {
            guard bytes[i] == 0xFF else { throw ImageProblem("is damaged: its JPEG segments are broken") }
            let marker = bytes[i + 1]
            if marker == 0xFF { i += 1; continue }
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
            let length = bigEndian(bytes, i + 2, 2)
            guard length >= 2, i + 2 + length <= bytes.count else { throw ImageProblem("is damaged: it ends inside its JPEG header") }
            // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC).
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker), size == nil {
                guard length >= 7 else { throw ImageProblem("is damaged: its JPEG frame header is short") }
                size = ImageHeader(width: bigEndian(bytes, i + 7, 2), height: bigEndian(bytes, i + 5, 2))
            }
            if marker == 0xDA {
                guard let size, size.width > 0, size.height > 0 else { throw ImageProblem("is damaged: its JPEG header gives no size") }
                // In the compressed data a 0xFF byte is always followed by 0x00 or a restart
                // marker, so FF D9 after the scan header can only be the end of the image.
                // Most files end with it, which settles it without reading the megabytes before.
                let data = bytes[(i + 2 + length)...]
                guard data.suffix(2).elementsEqual([0xFF, 0xD9]) || zip(data, data.dropFirst()).contains(where: { $0 == 0xFF && $1 == 0xD9 }) else {
                    throw ImageProblem("is cut short: the JPEG file ends before its picture does")
                }
                return size
            }
            i += 2 + length
        }
        throw ImageProblem("is cut short: the JPEG file ends inside its header")
    }

    /// Whether a JPEG's segments before its first scan hold Adobe's APP14 marker ("Adobe"),
    /// which says a four-component JPEG's samples are stored inverted.
    static func hasAdobeMarker(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return false }
        var i = 2
        while i + 4 <= bytes.count, bytes[i] == 0xFF {
            let marker = bytes[i + 1]
            if marker == 0xFF { i += 1; continue }
            if marker == 0xDA || marker == 0xD9 { return false }
            let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            guard length >= 2 else { return false }
            if marker == 0xEE, length >= 7, i + 9 <= bytes.count, bytes[(i + 4)..<(i + 9)].elementsEqual("Adobe".utf8) { return true }
            i += 2 + length
        }
        return false
    }

    /// Refuses a claimed size past the limits, before anything is decoded.
    func check(maxPixels: Int, largestSide: Int) throws {
        let pixels = width * height
        if pixels > maxPixels {
            throw ImageProblem("is \(Self.format(width)) × \(Self.format(height)) pixels, over the limit of \(maxPixels / 1_000_000) megapixels: scale it down")
        }
        if max(width, height) > largestSide {
            throw ImageProblem("is \(Self.format(width)) × \(Self.format(height)) pixels, over the limit of \(Self.format(largestSide)) pixels a side: scale it down")
        }
    }

    static func bigEndian(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int {
        bytes[start..<(start + count)].reduce(0) { $0 << 8 | Int($1) }
    }

    /// "60,000".
    static func format(_ number: Int) -> String {
        let digits = Array(String(number))
        var result = ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
