import CCairo
import CWholeStreams
import CFontsetMatching
import CMalloc
import CPango
import Foundation
import BulletinModel
import BulletinLayout

/// Cairo refused to draw something: its context is then dead, and all drawn after it would be
/// lost, so the run stops and names what it was.
public struct DrawError: Error, CustomStringConvertible {
    /// Page index from 0.
    public var page: Int
    /// The story the text belongs to, if any.
    public var story: Int?
    /// The text that could not be drawn (nil for a rule or a picture).
    public var text: String?
    public var reason: String
    /// The picture that could not be drawn, as the story names it.
    public var picture: String?

    public var description: String {
        let what = picture.map { "the picture \"\($0)\"" } ?? text.map { "\"\(Self.printable($0))\"" } ?? "a rule"
        return "cannot draw \(what) on page \(page + 1): \(reason)"
    }

    /// Text as a message may show it: characters that print nothing (controls, noncharacters,
    /// unassigned code points) as U+XXXX.
    static func printable(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .unassigned, .surrogate, .privateUse, .format, .lineSeparator, .paragraphSeparator:
                result += scalar.code
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// Characters the renderer found no font for, by the text they stand in: each prints as a box.
public final class MissingGlyphs {
    public struct Entry: Equatable {
        public var story: Int?
        public var text: String
        public var characters: [Unicode.Scalar]
    }

    public private(set) var entries: [Entry] = []

    func record(_ text: PlacedText, _ characters: [Unicode.Scalar]) {
        let entry = Entry(story: text.story, text: text.fragment.text, characters: characters)
        if !entries.contains(entry) { entries.append(entry) }
    }
}

/// Draws a `Document` with cairo and Pango: a PDF of all pages, or a PNG of one.
///
/// Output goes through an `OutputFile`: a temporary beside the target, every write checked,
/// renamed into place only when all of it reached the disk, so a failed run never leaves a
/// half-written file nor replaces the last good one.
/// Time a renderer spent drawing.
public final class RenderClock {
    public var drawing: Duration = .zero
}

public struct CairoRenderer {
    let shaper: PangoShaper
    /// The creator string written into the PDF.
    let creator: String
    /// Write the actual text of hyphens at line ends (a soft hyphen, U+00AD, which text
    /// extraction joins across the line end) and of words broken between letters (the whole word).
    let actualText: Bool

    /// The layout's named colours, which text refers to by name.
    let colours: Colours
    /// The pictures the document places, read before it was composed.
    let images: ImageLibrary?

    /// How the PDF's pictures are scaled down (the email edition); nil for full resolution
    /// (print). Pictures drawn as PNG are drawn at the picture's own resolution anyway.
    let downsampling: Downsampling?
    /// How links look: their colour and underline.
    let links: LinkStyleSpec

    /// What no font could draw, for the warnings.
    public let missingGlyphs = MissingGlyphs()
    /// The raster pictures the last PDF embedded, for the size report.
    public let embeddedImages = EmbeddedImages()
    /// What the last PDF's structure needs that cairo 1.16 cannot write.
    public let structureNotes = StructureNotes()
    /// The last PDF as cairo wrote it, before the finishing pass packed its objects into
    /// object streams: the size report reads the font programs out of it.
    public let cairoOutput = CairoOutput()
    /// Time spent drawing pages, before cairo writes the file, for `bulletin make --timings`.
    public let clock = RenderClock()

    /// Large CJK faces cut down to the glyphs drawn (the email edition); nil to embed them as
    /// cairo does.
    let compactFonts: CompactFonts?
    /// Whether the glyphs of the pages are loaded on another thread before they are drawn
    /// (`GlyphsAhead`); off for the tests that load them themselves.
    var loadsGlyphsAhead = true
    /// The process ends once the PDF is written: what finishing it made is left for the system
    /// to take back (`PDFFinishing.processEndsAfter`).
    public var processEndsAfter = false

    public init(shaper: PangoShaper, colours: Colours, creator: String, actualText: Bool = true, images: ImageLibrary? = nil,
                links: LinkStyleSpec = .init(), downsampling: Downsampling? = nil, compactFonts: Bool = false) {
        Self.leaveContentToTheFinishingPass()
        self.shaper = shaper
        self.colours = colours
        self.creator = creator
        self.actualText = actualText
        self.images = images
        self.links = links
        self.downsampling = downsampling
        self.compactFonts = compactFonts ? CompactFonts() : nil
    }

    /// A font's family, style and language: what chooses its first font.
    private struct PlainKey: Hashable {
        var family: String
        var bold: Bool
        var italic: Bool
        var language: String
    }

    /// The glyphs each scaled font that `CompactFonts` may cut down draws in `document`, as
    /// `show` draws them.
    func glyphsByFont(_ document: Document) -> [OpaquePointer: Set<UInt32>] {
        var result: [OpaquePointer: Set<UInt32>] = [:]
        var candidates: [OpaquePointer: Bool] = [:]
        // A word of printable ASCII is drawn in its font's first font where that font has all
        // of them: if that font is not one to cut down, the word's shape need not be looked up.
        // Which font comes first depends on the family, style and language, not the size.
        var plainFaces: [PlainKey: Bool] = [:]
        var last: (key: PlainKey, plain: Bool)?
        for page in document.pages {
            for case .text(let text) in page.items {
                let font = text.fragment.font
                let key = PlainKey(family: font.family, bold: font.bold, italic: font.italic, language: text.fragment.language)
                // Mostly the same as the word before's (the same strings, compared at once).
                let plain = last.flatMap { $0.key == key ? $0.plain : nil } ?? plainFaces[key] ?? {
                    let skips = shaper.asciiFont(of: font, language: key.language).map { scaled in
                        let candidate = candidates[scaled] ?? CompactFonts.isCandidate(scaled)
                        candidates[scaled] = candidate
                        return !candidate
                    } ?? false
                    plainFaces[key] = skips
                    return skips
                }()
                last = (key, plain)
                if plain, text.fragment.text.utf8.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E }) { continue }
                // A word in one font that is not cut down (most words, in most issues) need not
                // be gathered: a lookup of its shape says so.
                if let shaped = shaper.shaped(text.fragment.text, font: text.fragment.font, language: text.fragment.language),
                   let scaled = shaped.scaledFont {
                    let candidate = candidates[scaled] ?? CompactFonts.isCandidate(scaled)
                    candidates[scaled] = candidate
                    if !candidate { continue }
                }
                // The runs as drawn, with the word space's glyph that may follow (in a run of
                // its own where the word's last run is in another font: `emitSpace`).
                for var run in glyphRuns(of: text.fragment) ?? [] {
                    Self.appendSpace(wordSpace(text.fragment), to: &run)
                    guard let scaled = run.scaledFont else { continue }
                    result[scaled, default: []].formUnion(run.glyphs.map { UInt32($0.index) })
                }
                var space = GlyphRun()
                if let shaped = wordSpace(text.fragment), space.append(shaped, x: 0, tracking: 0), let scaled = space.scaledFont {
                    result[scaled, default: []].formUnion(space.glyphs.map { UInt32($0.index) })
                }
            }
        }
        return result
    }

    /// Has cairo write pages' content uncompressed, for the finishing pass to compress.
    ///
    /// Cairo 1.16 compresses each page's content as the page is finished, on the thread that
    /// draws; the finishing pass then decompresses it to mark the page furniture as artifacts
    /// and compresses it again, on every core (`ArtifactMarking`). Cairo leaves content (and
    /// groups) uncompressed when `CAIRO_DEBUG_PDF` is set as a PDF surface is made (pictures
    /// and fonts are compressed either way), and qpdf compresses any stream the pass does not
    /// rewrite: the same PDF, decompressed, and a 50-page issue about a sixth faster.
    ///
    /// The variable is set once in the process, before the first renderer is made; `bulletin`
    /// calls this as it starts, before any other thread runs (another thread reading the
    /// environment while it is changed could read freed memory).
    public static func leaveContentToTheFinishingPass() { _ = contentLeftUncompressed }

    private static let contentLeftUncompressed: Bool = setenv("CAIRO_DEBUG_PDF", "1", 1) == 0

    /// Writes the PDF to `path`, replacing it only on success.
    public func writePDF(_ document: Document, sheets: SheetPlan? = nil, slug: Slug? = nil, to path: String) throws {
        try OutputFile.write(path) { try writePDF(document, sheets: sheets, slug: slug, to: $0) }
    }

    /// Writes the PDF into `file`, which the caller commits: the document's pages on `sheets`
    /// (each page as it is when nil), with marks and `slug` on the print edition's sheets.
    public func writePDF(_ document: Document, sheets: SheetPlan? = nil, slug: Slug? = nil, to file: OutputFile) throws {
        let finished = try finishedPDF(document, sheets: sheets, slug: slug, path: file.path)
        finished.withUnsafeBytes { _ = file.write($0) }
        try file.check()
    }

    /// The PDF's bytes, made in memory (for a mail message's attachment).
    public func pdfBytes(_ document: Document) throws -> [UInt8] {
        try finishedPDF(document, sheets: nil, slug: nil, path: "the PDF")
    }

    /// Page `index` (from 0) as PNG bytes exactly `pixelWidth` pixels wide, made in memory.
    public func pngBytes(_ document: Document, page index: Int, pixelWidth: Int) throws -> [UInt8] {
        let sink = ByteSink()
        let scale = Double(pixelWidth) / document.width
        try withExtendedLifetime(sink) {
            try drawPNG(document, page: index, scale: scale, width: pixelWidth, height: max(1, Int((document.height * scale).rounded())),
                        writer: ByteSink.cairoWriter, closure: sink.cairoClosure, path: "the picture", check: { try sink.check($0, making: "PNG") })
        }
        return sink.bytes
    }

    /// Page `index` (from 0) as JPEG bytes at `quality` (1-100), exactly `pixelWidth` pixels
    /// wide, made in memory: a mail message's cover, a third of the PNG's size.
    public func jpegBytes(_ document: Document, page index: Int, pixelWidth: Int, quality: Int) throws -> [UInt8] {
        let scale = Double(pixelWidth) / document.width
        let height = max(1, Int((document.height * scale).rounded()))
        var bytes: [UInt8] = []
        try drawPage(document, page: index, scale: scale, width: pixelWidth, height: height, path: "the picture") { surface in
            guard let jpeg = ReducedImage.jpegBytes(surface, width: pixelWidth, height: height, quality: quality) else {
                throw OutputError(path: "the picture", message: "cannot make the JPEG")
            }
            bytes = jpeg
        }
        return bytes
    }

    /// The finished PDF: cairo writes into memory; the finishing pass (`PDFFinishing`) sets the
    /// language, the structure's entries and the page boxes. So a failure at any step writes
    /// nothing anywhere.
    private func finishedPDF(_ document: Document, sheets: SheetPlan?, slug: Slug?, path: String) throws -> [UInt8] {
        let plan = sheets ?? SheetPlan.plain(pages: document.pages.count, width: document.width, height: document.height)
        embeddedImages.begin()
        let memory = ByteSink()
        let contentAhead = ContentAhead()
        try withExtendedLifetime(memory) {
            guard let surface = cairo_pdf_surface_create_for_stream(ByteSink.cairoWriter, memory.cairoClosure, plan.width, plan.height) else {
                throw OutputError(path: path, message: "cannot create the PDF")
            }
            defer { cairo_surface_destroy(surface) }
            let metadata = document.metadata
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, metadata.title)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, metadata.author)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, metadata.subject)
            if !metadata.keywords.isEmpty {
                cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, metadata.keywords)
            }
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, creator)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, metadata.created)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, metadata.created)
            guard let cr = cairo_create(surface) else { throw OutputError(path: path, message: "cannot draw") }
            defer { cairo_destroy(cr) }
            for entry in document.outline {
                guard let (sheet, placement) = plan.location(ofPage: entry.page) else { continue }
                let attributes = "page=\(sheet + 1) pos=[\(format(placement.x)) \(format(placement.y + entry.y))]"
                cairo_pdf_surface_add_outline(surface, CAIRO_PDF_OUTLINE_ROOT, entry.title, attributes, CAIRO_PDF_OUTLINE_FLAG_OPEN)
            }
            let drawingStarts = ContinuousClock.now
            // The email edition's pictures are scaled down on another thread while the fonts
            // are cut down (most were already, while the issue was fitted); drawing a picture
            // waits for that work.
            if let downsampling { images?.reduceAhead(document.pages.flatMap(\.images), downsampling) }
            // The blocks to tag are found on another thread while the fonts' glyphs are
            // gathered here (each a walk over every word: at 200 pages 9 and 17 ms).
            let handed = Handed(document)
            let blocksFound = BackgroundWork { StructureTags.blocks(in: handed.value) }
            compactFonts?.prepare(glyphsByFont(document))
            // One root structure element around everything: links (and any later tags) need a
            // structure tree to hang from, or cairo writes references to objects it never emits.
            cairo_tag_begin(cr, "Document", "")
            let blocks = blocksFound.wait()
            var structure: StructureTags? = StructureTags(linkedBlocks: blocks.linked, mixedBlocks: blocks.mixed)
            // The lines' glyph runs are made on another thread a few pages ahead.
            let drawn = plan.sheets.flatMap { $0.placements.compactMap(\.page) }.filter { document.pages.indices.contains($0) }
            let ahead = RunsAhead(pages: document.pages, order: drawn, shapes: shaper.shapeLookup(), actualText: actualText,
                                  glyphs: loadsGlyphsAhead ? GlyphsAhead(compact: compactFonts?.pending) : nil)
            defer {
                ahead.finish()
                shaper.endShapeLookup()
            }
            // Each page's content, which cairo writes as it shows the page, is rewritten for
            // the finishing pass and compressed on another thread while the next is drawn.
            var shown = 0
            for sheet in plan.sheets {
                cairo_pdf_surface_set_page_label(surface, sheet.label)
                try draw(sheet, of: plan, document: document, slug: slug, cr: cr, structure: &structure, ahead: ahead)
                cairo_show_page(cr)
                contentAhead.take(memory.bytes(from: shown), at: shown)
                shown = memory.count
            }
            cairo_tag_end(cr, "Document")
            clock.drawing += ContinuousClock.now - drawingStarts
            structureNotes.record(structure, documentLanguage: document.metadata.language)
            // Cairo embeds the fonts as it finishes: each is compressed whole by libdeflate,
            // in a third of zlib's time (Sources/CWholeStreams).
            bulletin_streams_whole(1)
            cairo_surface_finish(surface)
            bulletin_streams_whole(0)
            try memory.check(cairo_surface_status(surface), making: "PDF")
        }
        // What drawing freed (cairo's pages, fonts and structure) goes back to the system
        // before qpdf reads the file: the heap keeps freed memory otherwise, and the finishing
        // pass would come on top of it (at 200 pages, about 20 MB).
        // The FreeType faces cairo closed while pages were drawn on two threads (`GlyphsAhead`),
        // set aside until now, when neither draws (Sources/CFontsetMatching/face_closing.c).
        bulletin_ft_faces_let_go()
        bulletin_return_free_memory()
        // A story in another language than the document's gets /Lang on its Art, a paragraph
        // (a subhead, a quote, a table's cell, a caption) in another language than its
        // story's /Lang on its P (H3, BlockQuote, TD); a picture its alt text as the Figure's /Alt.
        let language = document.metadata.language
        let entries = [
            PDFFinishing.ElementEntries(element: "Art", key: "/Lang",
                                        values: structureNotes.articleLanguages.map { $0.isEmpty || $0 == language ? nil : $0 }),
            PDFFinishing.ElementEntries(element: "Figure", key: "/Alt", values: structureNotes.figureAlts),
        ] + StructureTags.textElements.map {
            PDFFinishing.ElementEntries(element: $0, key: "/Lang", values: structureNotes.blockLanguages[$0] ?? [])
        } + [
            PDFFinishing.ElementEntries(element: "Span", key: "/Lang", values: structureNotes.spanLanguages),
        ]
        var finishing = PDFFinishing(language: language,
                                     trimBox: plan.isPrint ? plan.pdfBox(plan.trim) : nil,
                                     bleedBox: plan.isPrint ? plan.pdfBox(plan.bleedArea) : nil,
                                     elementEntries: entries,
                                     objectStreams: !plan.isPrint)
        finishing.processEndsAfter = processEndsAfter
        finishing.articleStories = structureNotes.articleStories
        finishing.articleContinues = structureNotes.articleContinues
        finishing.pictureData = embeddedImages.pictureData
        cairoOutput.doneAhead = contentAhead.finish()
        finishing.contentAhead = contentAhead
        let metadata = document.metadata
        finishing.xmp = XMPPacket(title: metadata.title, authors: metadata.author.isEmpty ? [] : [metadata.author], subject: metadata.subject,
                                  keywords: metadata.keywords.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                                  language: metadata.language, created: metadata.created, creatorTool: creator)
        let written = memory.bytes
        cairoOutput.bytes = written
        do {
            return try finishing.apply(to: written)
        } catch {
            throw OutputError(path: path, message: error.description + "; no PDF was written")
        }
    }

    /// Writes page `index` (from 0) as a PNG at `dpi` to `path`, replacing it only on success.
    public func writePNG(_ document: Document, page index: Int, dpi: Double, to path: String) throws {
        try OutputFile.write(path) { try writePNG(document, page: index, dpi: dpi, to: $0) }
    }

    /// Writes page `index` (from 0) as a PNG at `dpi` into `file`, which the caller commits.
    public func writePNG(_ document: Document, page index: Int, dpi: Double, to file: OutputFile) throws {
        let scale = dpi / 72
        try writePNG(document, page: index, scale: scale, width: Int((document.width * scale).rounded(.up)),
                     height: Int((document.height * scale).rounded(.up)), to: file)
    }

    /// Writes page `index` (from 0) as a PNG exactly `pixelWidth` pixels wide (a thumbnail),
    /// its height in proportion, into `file`, which the caller commits.
    public func writePNG(_ document: Document, page index: Int, pixelWidth: Int, to file: OutputFile) throws {
        let scale = Double(pixelWidth) / document.width
        try writePNG(document, page: index, scale: scale, width: pixelWidth, height: max(1, Int((document.height * scale).rounded())), to: file)
    }

    /// The pixel size of page images at `dpi`, as `writePNG` makes them.
    public static func pixelSize(of document: Document, dpi: Double) -> (width: Int, height: Int) {
        (Int((document.width * dpi / 72).rounded(.up)), Int((document.height * dpi / 72).rounded(.up)))
    }

    private func writePNG(_ document: Document, page index: Int, scale: Double, width: Int, height: Int, to file: OutputFile) throws {
        try withExtendedLifetime(file) {
            try drawPNG(document, page: index, scale: scale, width: width, height: height, writer: OutputFile.cairoWriter,
                        closure: file.cairoClosure, path: file.path, check: { try file.check($0, making: "PNG") })
        }
    }

    private func drawPNG(_ document: Document, page index: Int, scale: Double, width: Int, height: Int, writer: cairo_write_func_t,
                         closure: UnsafeMutableRawPointer, path: String, check: (cairo_status_t) throws -> Void) throws {
        try drawPage(document, page: index, scale: scale, width: width, height: height, path: path) { surface in
            try check(cairo_surface_write_to_png_stream(surface, writer, closure))
        }
    }

    /// Draws page `index` on white, at `scale`, into an opaque image of `width` × `height`
    /// pixels, and hands the image to `body`.
    private func drawPage(_ document: Document, page index: Int, scale: Double, width: Int, height: Int, path: String,
                          body: (OpaquePointer) throws -> Void) throws {
        guard document.pages.indices.contains(index) else { throw OutputError(path: path, message: "there is no page \(index + 1)") }
        guard (1...Int(Int16.max)).contains(width), (1...Int(Int16.max)).contains(height) else {
            throw OutputError(path: path, message: "an image of \(width) × \(height) pixels is more than cairo can make: use a lower resolution")
        }
        let width = Int32(width), height = Int32(height)
        do {
            guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height) else {
                throw OutputError(path: path, message: "cannot create the image")
            }
            defer { cairo_surface_destroy(surface) }
            guard let cr = cairo_create(surface) else { throw OutputError(path: path, message: "cannot draw") }
            defer { cairo_destroy(cr) }
            cairo_set_source_rgb(cr, 1, 1, 1)
            cairo_paint(cr)
            cairo_scale(cr, scale, scale)
            paintPaper(Area(x: 0, y: 0, width: document.width, height: document.height), cr: cr)
            var untagged: StructureTags?
            try draw(document.pages[index], index: index, cr: cr, structure: &untagged)
            cairo_surface_flush(surface)
            try body(surface)
        }
    }

    func format(_ value: Double) -> String { String((value * 100).rounded() / 100) }

    /// Throws when cairo's context has failed: everything drawn after that would silently vanish.
    private func check(_ cr: OpaquePointer, page: Int, _ text: PlacedText?) throws {
        let status = cairo_status(cr)
        guard status != CAIRO_STATUS_SUCCESS else { return }
        throw DrawError(page: page, story: text?.story, text: text?.fragment.text, reason: String(cString: cairo_status_to_string(status)))
    }

    func draw(_ page: Page, index pageIndex: Int, cr: OpaquePointer, structure: inout StructureTags?,
              downsampling: Downsampling? = nil, embedded: EmbeddedImages? = nil, ahead: RunsAhead? = nil) throws {
        // The lines' runs made on another thread, where they were.
        var prepared = ahead?.take(page: pageIndex)
        var index = page.items.startIndex
        while index < page.items.endIndex {
            switch page.items[index] {
            case .rule(let rule):
                structure?.enterFurniture(cr: cr)
                StructureTags.artifact(cr, tagged: structure != nil) {
                    Self.line(cr, from: (rule.x0, rule.y0), to: (rule.x1, rule.y1), thickness: rule.thickness, colour: rule.colour)
                }
                try check(cr, page: pageIndex, nil)
                index += 1
            case .image(let image):
                structure?.enterFigure(image, cr: cr)
                let drawn = StructureTags.artifact(cr, tagged: structure != nil && (image.story == nil || image.alt == nil)) {
                    images?.draw(image, cr: cr, downsampling: downsampling, embedded: embedded) ?? false
                }
                if !drawn || cairo_status(cr) != CAIRO_STATUS_SUCCESS {
                    let status = cairo_status(cr)
                    throw DrawError(page: pageIndex, story: image.story, text: nil,
                                    reason: status == CAIRO_STATUS_SUCCESS ? "it was not read" : String(cString: cairo_status_to_string(status)),
                                    picture: image.path.split(separator: "/").last.map(String.init) ?? image.path)
                }
                index += 1
            case .text(let text):
                structure?.enter(text, cr: cr)
                let batch = Self.textBatch(in: page.items, at: index, actualText: actualText)
                index = batch.items.upperBound
                let texts = batch.texts(in: page.items)
                guard !batch.link else {
                    // A link's words on the lines after, up to the next text that is not
                    // its: one link, whose parts are on several lines.
                    var lines = [batch]
                    while let last = lines.last, last.items.upperBound < page.items.endIndex,
                          case .text(let before) = page.items[last.items.upperBound - 1], case .text(let next) = page.items[last.items.upperBound],
                          Self.linkGoesOn(before, with: next) {
                        lines.append(Self.textBatch(in: page.items, at: last.items.upperBound, actualText: actualText))
                    }
                    index = lines.last?.items.upperBound ?? index
                    try drawLink(lines, items: page.items, page: pageIndex, cr: cr, structure: &structure)
                    continue
                }
                // Struck words get their line once drawn, in their element as a link's underline is.
                defer { strike(texts, before: page.items[batch.items.upperBound...].first, cr: cr) }
                // Words of one line in one font go to cairo in one call: far fewer drawing
                // operations, and a PDF with one text string per line. The run may have been
                // made ahead (nil inside where the words are not one run).
                let made = prepared?[batch.items.lowerBound]
                StructureTags.artifact(cr, tagged: structure != nil && StructureTags.element(for: text.kind) == nil) {
                    if texts.count > 1 {
                        if !show(texts, actualText: nil, spaceAfter: batch.spaceAfter, cr: cr, prepared: made) {
                            for (offset, text) in texts.enumerated() {
                                draw(text, spaceAfter: Self.spaceFollows(page.items, after: batch.items.lowerBound + offset), cr: cr)
                            }
                        }
                    } else {
                        draw(text, spaceAfter: batch.spaceAfter, cr: cr, prepared: made)
                    }
                }
                if cairo_status(cr) != CAIRO_STATUS_SUCCESS {
                    try check(cr, page: pageIndex, culprit(texts))
                }
            }
        }
        if let runs = prepared.take() { ahead?.giveBack(runs) }
    }

    /// Draws a line through each struck word of `texts` at the height of a lower-case letter's
    /// middle, on through the space after it where the word after (in `texts`, or `next`, the
    /// item drawn next) is struck too on the same line.
    private func strike(_ texts: [PlacedText], before next: PageItem?, cr: OpaquePointer) {
        guard texts.contains(where: \.fragment.struck) else { return }
        var following: [PlacedText?] = texts.dropFirst().map { $0 }
        if case .text(let after)? = next { following.append(after) } else { following.append(nil) }
        for (text, after) in zip(texts, following) where text.fragment.struck {
            let size = text.fragment.font.size
            var end = text.x + text.fragment.width
            if let after, after.fragment.struck, after.baseline == text.baseline, after.x > end { end = after.x }
            let y = text.baseline - size * 0.27
            Self.line(cr, from: (text.x, y), to: (end, y), thickness: size * 0.055, colour: colourOf(text.fragment.colour))
        }
    }

    /// Draws a link's words, a batch of `items` for each line they are on (`textBatch`), as
    /// one link: one annotation, one Link element for readers' tools, rather than one per word
    /// or line. On one line its rectangle spans the words; on several, a rectangle for each
    /// line's. In the layout's link colour, underlined if it says so.
    private func drawLink(_ lines: [TextBatch], items: [PageItem], page pageIndex: Int, cr: OpaquePointer,
                          structure: inout StructureTags?) throws {
        let groups = lines.map { $0.texts(in: items) }
        guard let first = groups.first?.first, let link = first.fragment.link else { return }
        // Percent-encoded, the URL holds no quote, backslash or parenthesis that could end
        // cairo's attribute or the PDF string cairo writes it into.
        var attributes = "uri='\(LinkPolicy.encode(link))'"
        if groups.count > 1 {
            // Each line's words, from their capitals' height to below their descenders and the
            // underline, within the line's own leading: cairo would take one rectangle around
            // all the lines, text not linked beside them included.
            let rects = groups.map { group -> String in
                let size = group.map(\.fragment.font.size).max() ?? first.fragment.font.size
                let left = group.map(\.x).min() ?? 0, right = group.map { $0.x + $0.fragment.width }.max() ?? 0
                let top = (group.map(\.baseline).min() ?? 0) - size * 0.75
                return [left, top, right - left, size].map(format).joined(separator: " ")
            }
            attributes += " rect=[\(rects.joined(separator: " "))]"
        }
        cairo_tag_begin(cr, CAIRO_TAG_LINK, attributes)
        for (line, group) in zip(lines, groups) {
            // (The words after the first line's are of the same element: nothing opens or closes.)
            if line.items.lowerBound != lines[0].items.lowerBound, let text = group.first { structure?.enter(text, cr: cr) }
            for (offset, var text) in group.enumerated() {
                if let colour = links.colour { text.fragment.colour = colour }
                draw(text, spaceAfter: Self.spaceFollows(items, after: line.items.lowerBound + offset), cr: cr)
            }
            if links.underline > 0, let start = group.first {
                let y = start.baseline + start.fragment.font.size * 0.12 + links.underline / 2
                // From the leftmost word to the rightmost (a line from the right has them the other way).
                Self.line(cr, from: (group.map(\.x).min() ?? start.x, y), to: (group.map { $0.x + $0.fragment.width }.max() ?? start.x, y),
                          thickness: links.underline, colour: colourOf(links.colour ?? start.fragment.colour))
            }
            strike(group, before: items[line.items.upperBound...].first, cr: cr)
        }
        cairo_tag_end(cr, CAIRO_TAG_LINK)
        if cairo_status(cr) != CAIRO_STATUS_SUCCESS {
            try check(cr, page: pageIndex, culprit(groups.flatMap { $0 }))
        }
    }

    /// A straight line: a rule, a link's underline, the line through struck words.
    static func line(_ cr: OpaquePointer, from start: (x: Double, y: Double), to end: (x: Double, y: Double), thickness: Double, colour: Colour) {
        cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue)
        cairo_set_line_width(cr, thickness)
        cairo_move_to(cr, start.x, start.y)
        cairo_line_to(cr, end.x, end.y)
        cairo_stroke(cr)
    }

    /// Whether `next`, the text item after `text`, is more of `text`'s link on a line after
    /// its, in the same structure element.
    static func linkGoesOn(_ text: PlacedText, with next: PlacedText) -> Bool {
        text.fragment.link != nil && next.baseline != text.baseline && sameLink(text, next)
    }

    /// Whether two text items are of one link in one structure element.
    private static func sameLink(_ text: PlacedText, _ next: PlacedText) -> Bool {
        next.fragment.link == text.fragment.link && next.story == text.story && next.block == text.block && next.kind == text.kind
            && next.fragment.list == text.fragment.list && next.fragment.table == text.fragment.table
    }

    /// The text items drawn together from `index` (a text item) on: a link's words on its line,
    /// drawn word by word inside one link (`link`); or a line's words in one font, drawn as one
    /// glyph run, with the word space after the last (`spaceAfter`) and the text it stands for
    /// where it is one word that reads otherwise than drawn (`actualText`, written when the
    /// renderer writes actual text at all).
    struct TextBatch {
        let items: Range<Int>
        let link: Bool
        let spaceAfter: Bool
        let actualText: String?

        /// The batch's words (a batch holds only text items).
        func texts(in items: [PageItem]) -> [PlacedText] {
            items[self.items].compactMap { item -> PlacedText? in
                if case .text(let t) = item { return t } else { return nil }
            }
        }
    }

    static func textBatch(in items: [PageItem], at index: Int, actualText: Bool) -> TextBatch {
        guard case .text(let text) = items[index] else { return TextBatch(items: index..<index + 1, link: false, spaceAfter: false, actualText: nil) }
        var end = index + 1
        if text.fragment.link != nil {
            var last = text
            while end < items.endIndex, case .text(let next) = items[end], continuesLink(last, with: next) {
                last = next
                end += 1
            }
            return TextBatch(items: index..<end, link: true, spaceAfter: false, actualText: nil)
        }
        while end < items.endIndex, case .text(let next) = items[end], batches(text, with: next) { end += 1 }
        return TextBatch(items: index..<end, link: false, spaceAfter: spaceFollows(items, after: end - 1),
                         actualText: end - index > 1 || !actualText ? nil : text.fragment.actualText)
    }

    /// Whether a word space follows the text item at `index`: at its line's end, or before the
    /// next fragment on its line.
    private static func spaceFollows(_ items: [PageItem], after index: Int) -> Bool {
        guard case .text(let text) = items[index] else { return false }
        if text.fragment.spaceAfter { return true }
        guard index + 1 < items.endIndex, case .text(let next) = items[index + 1] else { return false }
        // On the same line; or anywhere in the same block for a word set apart from the text
        // before it (a contents entry's page number, on the title's first line).
        // (The next word on a line that runs from the right stands left of this one.)
        return next.fragment.followsSpace
            && ((next.baseline == text.baseline && next.column == text.column && next.x != text.x)
                || (next.block != nil && next.block == text.block && next.kind == text.kind))
    }

    /// Whether `next` is more of the link `text` is in, on the same line and in the same
    /// structure element.
    private static func continuesLink(_ text: PlacedText, with next: PlacedText) -> Bool {
        next.baseline == text.baseline && next.column == text.column && next.x != text.x && sameLink(text, next)
    }

    /// The first fragment of a batch that cairo cannot draw, found by drawing each alone on a
    /// scratch surface; the batch's first when none fails alone.
    private func culprit(_ batch: [PlacedText]) -> PlacedText? {
        guard let scratch = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nil) else { return batch.first }
        defer { cairo_surface_destroy(scratch) }
        for text in batch {
            guard let cr = cairo_create(scratch) else { break }
            draw(text, cr: cr)
            let failed = cairo_status(cr) != CAIRO_STATUS_SUCCESS
            cairo_destroy(cr)
            if failed { return text }
        }
        return batch.first
    }

    /// The characters of a fragment that no font of its list has, found one by one (only for a
    /// fragment Pango said has some).
    private func unknownCharacters(of fragment: Fragment) -> [Unicode.Scalar] {
        var found: [Unicode.Scalar] = []
        for scalar in fragment.text.unicodeScalars where !scalar.properties.isWhitespace && !found.contains(scalar) {
            var run = GlyphRun()
            guard let shaped = shaper.shaped(String(scalar), font: fragment.font, language: fragment.language),
                  run.append(shaped, x: 0, tracking: 0) else { continue }
            found += run.missing
        }
        return found
    }

    /// Whether `next` can be drawn in the same call as `text`.
    private static func batches(_ text: PlacedText, with next: PlacedText) -> Bool {
        let a = text.fragment, b = next.fragment
        return next.baseline == text.baseline && b.font == a.font && b.scale == a.scale && b.colour == a.colour
            && b.language == a.language && a.link == nil && b.link == nil && b.actualText == nil && a.actualText == nil
            && next.story == text.story && next.block == text.block && next.kind == text.kind && next.x > text.x
            && b.list == a.list && b.table == a.table
    }

    /// Draws fragments on one baseline in one font and scale as one glyph run, each word shaped
    /// once however often it appears. Their own text maps to their glyphs cluster by cluster;
    /// `actualText`, when given, stands for all the glyphs instead ("marketplace" for
    /// "market-", nothing for "place" on the next line). False, drawing nothing, if a fragment
    /// is not a single run read left to right in one font (Pango then draws it).
    /// A word space after the last fragment (`spaceAfter`) and between fragments goes in as a
    /// character: its glyph draws nothing, but text taken from the PDF, and a screen reader
    /// following its structure, read "two words", not "twowords".
    private func show(_ texts: [PlacedText], actualText: String?, spaceAfter: Bool = false, cr: OpaquePointer,
                      prepared: GlyphRun?? = nil) -> Bool {
        guard let first = texts.first else { return true }
        let made = prepared ?? Self.run(for: texts, actualText: actualText, spaceAfter: spaceAfter) { text, font, language in
            shaper.shaped(text, font: font, language: language)
        }
        guard let run = made else { return false }
        if !run.missing.isEmpty {
            // No font has some of these characters: Pango draws them as boxes, visibly, and the
            // editor is told.
            if texts.count == 1 { missingGlyphs.record(first, run.missing) }
            return false
        }
        guard run.scaledFont != nil, !run.glyphs.isEmpty else { return false }
        emit([run], x: first.x, baseline: first.baseline, fragment: first.fragment, cr: cr)
        return true
    }

    /// The glyph run `show` draws for `texts`, their words' shapes found by `shaped`: nil if a
    /// word is not a single run read left to right in one font (Pango then draws it); a run
    /// with `missing` characters, and nothing after them, if a font lacks some. Made on the
    /// drawing thread, or ahead of it on another (`RunsAhead`), where `shaped` throws for a word
    /// not shaped yet.
    static func run<Failure: Error>(for texts: [PlacedText], actualText: String?, spaceAfter: Bool,
                                    shaped: (String, FontSpec, String) throws(Failure) -> ShapedText?) throws(Failure) -> GlyphRun? {
        guard let first = texts.first else { return nil }
        let fragment = first.fragment
        var run = GlyphRun()
        run.reserveCapacity(texts.reduce(texts.count) { $0 + $1.fragment.text.utf8.count })
        // The word space, looked up once for the line (the words share its font).
        var space: ShapedText?? = nil
        func wordSpace() throws(Failure) -> ShapedText? {
            if let space { return space }
            let found = try shaped(" ", fragment.font, fragment.language)
            space = .some(found)
            return found
        }
        for text in texts {
            // The space's glyph just after the word before; left out if it is not in the
            // words' font.
            if text.fragment.followsSpace, actualText == nil { appendSpace(try wordSpace(), to: &run) }
            guard let shape = try shaped(text.fragment.text, fragment.font, fragment.language),
                  run.append(shape, x: (text.x - first.x) / fragment.scale, tracking: fragment.font.tracking) else { return nil }
        }
        guard run.missing.isEmpty else { return run }
        if spaceAfter, actualText == nil { appendSpace(try wordSpace(), to: &run) }
        if let actualText { run.replaceText(with: actualText) }
        return run
    }

    /// The word space in `fragment`'s font and language.
    private func wordSpace(_ fragment: Fragment) -> ShapedText? {
        shaper.shaped(" ", font: fragment.font, language: fragment.language)
    }

    /// `space`'s glyph at the end of `run`, where there is one in the run's font.
    @discardableResult
    private static func appendSpace(_ space: ShapedText?, to run: inout GlyphRun) -> Bool {
        guard let previous = run.end, let space else { return false }
        return run.append(space, x: previous, tracking: 0)
    }

    /// The word space after `text` as a glyph run of its own (where it could not join the
    /// word's last run: another font), in the gap that follows the word in reading order: left
    /// of a word read from the right.
    private func emitSpace(after text: PlacedText, fromRight: Bool, cr: OpaquePointer) {
        let fragment = text.fragment
        guard let space = wordSpace(fragment) else { return }
        var run = GlyphRun()
        guard run.append(space, x: 0, tracking: 0), let width = run.end else { return }
        let x = fromRight ? text.x - width * fragment.scale : text.x + fragment.width
        emit([run], x: x, baseline: text.baseline, fragment: fragment, cr: cr)
    }

    /// A fragment's glyphs as runs of one font each, side by side from 0: one for a word in one
    /// font, several for a word that needs several. Nil if Pango must draw it (right to left,
    /// more than one line).
    private func glyphRuns(of fragment: Fragment) -> [GlyphRun]? {
        let tracking = fragment.font.tracking
        if let shaped = shaper.shaped(fragment.text, font: fragment.font, language: fragment.language) {
            var run = GlyphRun()
            return run.append(shaped, x: 0, tracking: tracking) ? [run] : nil
        }
        guard let parts = shaper.shapedRuns(fragment.text, font: fragment.font, language: fragment.language) else { return nil }
        var runs: [GlyphRun] = []
        var x = 0.0
        for part in parts {
            var run = GlyphRun()
            guard run.append(part, x: x, tracking: tracking), let end = run.end else { return nil }
            runs.append(run)
            x = end + tracking
        }
        return runs
    }

    /// Draws glyph runs at a fragment's place, in its colour and scale, each in its font (the
    /// email edition's compact face where there is one).
    private func emit(_ runs: [GlyphRun], x: Double, baseline: Double, fragment: Fragment, cr: OpaquePointer) {
        let colour = colourOf(fragment.colour)
        cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue)
        cairo_save(cr)
        cairo_translate(cr, x, baseline)
        if fragment.scale != 1 { cairo_scale(cr, fragment.scale, 1) }
        for run in runs {
            guard let scaledFont = run.scaledFont, !run.glyphs.isEmpty else { continue }
            let (font, glyphs) = compactFonts?.font(for: scaledFont, glyphs: run.glyphs) ?? (scaledFont, run.glyphs)
            cairo_set_scaled_font(cr, font)
            run.utf8.withUnsafeBufferPointer { bytes in
                cairo_show_text_glyphs(cr, bytes.baseAddress, Int32(bytes.count), glyphs, Int32(glyphs.count),
                                       run.clusters, Int32(run.clusters.count), cairo_text_cluster_flags_t(rawValue: 0))
            }
        }
        cairo_restore(cr)
    }

    /// Draws a fragment that needs several fonts (a Latin name joined to Chinese) run by run,
    /// each as `show` draws a word in one font, so that a large CJK face is the email edition's
    /// compact one here too (Pango would draw with the full face). False, drawing nothing, if
    /// some character has no font, the fragment reads right to left or stands for other text
    /// (a hyphenated word's first part): Pango draws it then.
    private func showRuns(_ text: PlacedText, actualText: String?, spaceAfter: Bool, cr: OpaquePointer) -> Bool {
        guard actualText == nil, var runs = glyphRuns(of: text.fragment), runs.count > 1, runs.allSatisfy({ $0.missing.isEmpty }) else { return false }
        let spaced = spaceAfter && Self.appendSpace(wordSpace(text.fragment), to: &runs[runs.count - 1])
        emit(runs, x: text.x, baseline: text.baseline, fragment: text.fragment, cr: cr)
        if spaceAfter && !spaced { emitSpace(after: text, fromRight: false, cr: cr) }
        return true
    }

    /// Draws one fragment: as a glyph run, or through a Pango layout when it needs several fonts.
    /// (A link's tag is the caller's: one for all its words on a line.)
    private func draw(_ text: PlacedText, spaceAfter: Bool = false, cr: OpaquePointer, prepared: GlyphRun?? = nil) {
        let fragment = text.fragment
        if !show([text], actualText: actualText ? fragment.actualText : nil, spaceAfter: spaceAfter, cr: cr, prepared: prepared)
            && !showRuns(text, actualText: actualText ? fragment.actualText : nil, spaceAfter: spaceAfter, cr: cr) {
            let colour = colourOf(fragment.colour)
            cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue)
            let layout = shaper.prepare(fragment.text, font: fragment.font, language: fragment.language)
            if pango_layout_get_unknown_glyphs_count(layout) > 0 { missingGlyphs.record(text, unknownCharacters(of: fragment)) }
            cairo_save(cr)
            cairo_translate(cr, text.x, text.baseline)
            if fragment.scale != 1 { cairo_scale(cr, fragment.scale, 1) }
            Self.showInReadingOrder(layout, top: -shaper.baseline(of: layout), cr: cr)
            cairo_restore(cr)
            // The word space after it, as a character that draws nothing (as `show` writes it).
            if spaceAfter { emitSpace(after: text, fromRight: pango_layout_get_direction(layout, 0) == PANGO_DIRECTION_RTL, cr: cr) }
        }
    }

    private func colourOf(_ name: String) -> Colour { colours[name] }

    /// Draws a one-line layout with its top at `top`, its runs in the order they are read.
    /// Pango draws them from the left: a word read from the right whose full stop is in another
    /// font than its letters ("السبت.") had the stop before the letters in the PDF's text, and
    /// a screen reader read ".السبت".
    static func showInReadingOrder(_ layout: OpaquePointer, top: Double, cr: OpaquePointer) {
        var runs: [(run: UnsafeMutablePointer<PangoGlyphItem>, x: Int32, baseline: Int32)] = []
        if pango_layout_get_line_count(layout) == 1, let iter = pango_layout_get_iter(layout) {
            defer { pango_layout_iter_free(iter) }
            repeat {
                guard let run = pango_layout_iter_get_run_readonly(iter), run.pointee.item != nil else { continue }
                var logical = PangoRectangle()
                pango_layout_iter_get_run_extents(iter, nil, &logical)
                runs.append((run, logical.x, pango_layout_iter_get_baseline(iter)))
            } while pango_layout_iter_next_run(iter) != 0
        }
        let reading = runs.sorted { $0.run.pointee.item.pointee.offset < $1.run.pointee.item.pointee.offset }
        guard reading.map(\.x) != runs.map(\.x), let text = pango_layout_get_text(layout) else {
            cairo_move_to(cr, 0, top)
            pango_cairo_show_layout(cr, layout)
            return
        }
        for run in reading {
            cairo_move_to(cr, Double(run.x) / Double(PANGO_SCALE), top + Double(run.baseline) / Double(PANGO_SCALE))
            pango_cairo_show_glyph_item(cr, text, run.run)
        }
    }

    /// Records in `missingGlyphs` the characters no font has in `document`'s texts, as drawing
    /// them would (`draw`), but without drawing: for `bulletin check`. Each word is shaped once
    /// (the shaper keeps its shapes); only a text that is not one run is laid out by Pango.
    public func findMissingGlyphs(in document: Document) {
        for page in document.pages {
            for text in page.texts {
                let fragment = text.fragment
                let made = Self.run(for: [text], actualText: nil, spaceAfter: false) { text, font, language in
                    shaper.shaped(text, font: font, language: language)
                }
                if let made, !made.missing.isEmpty { missingGlyphs.record(text, made.missing) }
                if let made, made.missing.isEmpty, made.scaledFont != nil, !made.glyphs.isEmpty { continue }
                if let runs = glyphRuns(of: fragment), runs.count > 1, runs.allSatisfy({ $0.missing.isEmpty }) { continue }
                let layout = shaper.prepare(fragment.text, font: fragment.font, language: fragment.language)
                if pango_layout_get_unknown_glyphs_count(layout) > 0 { missingGlyphs.record(text, unknownCharacters(of: fragment)) }
            }
        }
    }
}

/// What a PDF's structure needs that cairo 1.16 cannot write, for a pass over the finished file
/// (qpdf): the language of each article, the story it is part of, and the alternate text of each
/// figure. Elements are counted in the order of the structure tree, depth first, which is the
/// order cairo began them.
public final class StructureNotes {
    /// The language (BCP 47) of each `Art` element, in tree order.
    public private(set) var articleLanguages: [String] = []
    /// The story (index in the issue) of each `Art` element, in tree order: a story continued
    /// on a later page has an Art on each, which a later pass may join into one.
    public private(set) var articleStories: [Int] = []
    /// How many elements each `Art` element, in tree order, begins inside of that its story's
    /// Art before it ends inside of: 1 for the rest of a paragraph (or block quote) broken at a
    /// page's foot; for a list broken there, its L, and the LI, LBody and P of an item broken
    /// with it; 0 for none.
    public private(set) var articleContinues: [Int] = []
    /// The alternate text of each `Figure` element, in tree order; nil where the story gives none.
    public private(set) var figureAlts: [String?] = []
    /// The language of each element that holds a block's text (`StructureTags.textElements`),
    /// by its name, in tree order, where all its text is in one language other than its
    /// article's (a paragraph marked `{lang=en}` in a German story, a subhead's H3, a quote's
    /// BlockQuote, a table cell's TD, a caption); nil for the others.
    public private(set) var blockLanguages: [String: [String?]] = [:]
    /// The language of each `Span` element, in tree order, where it differs from its
    /// article's (`[International Office]{lang=en}` in a German paragraph); nil for the others.
    public private(set) var spanLanguages: [String?] = []

    func record(_ tags: StructureTags?, documentLanguage: String) {
        articleLanguages = tags?.articleLanguages ?? []
        articleStories = tags?.articleStories ?? []
        articleContinues = tags?.articleContinues ?? []
        figureAlts = tags?.figureAlts ?? []
        let languages = articleLanguages
        // Against its article's language; outside any article (the contents box's entries, the
        // imprint), against the document's.
        func differing(_ element: (language: String?, article: Int?)) -> String? {
            guard let language = element.language else { return nil }
            guard let article = element.article else { return language != documentLanguage ? language : nil }
            guard languages.indices.contains(article), languages[article] != language else { return nil }
            return language
        }
        blockLanguages = (tags?.blockLanguages ?? [:]).mapValues { $0.map(differing) }
        spanLanguages = (tags?.spanLanguages ?? []).map(differing)
    }
}

/// The PDF's logical structure, for screen readers and reflow: each story is an article (Art)
/// holding its headline (H2), subheads (H3), paragraphs (P), lists (L, each item an LI of its
/// marker, Lbl, and its text, LBody), tables (Table, each row a TR of cells, TH in the header
/// row and TD below it) and figures; the masthead title is the H1. Lines of one block share one
/// element.
///
/// Running heads, footers, jump lines, rules, the masthead's logo, the paper and the press marks are page
/// furniture: drawn inside a `Private` element (`furniture`) that `ArtifactMarking` turns into
/// artifact content outside the structure, so that screen readers pass over them. (Cairo 1.16
/// cannot mark artifacts itself, and crashes on an element named Artifact; a Private element
/// is one assistive technology skips, should the pass ever not run.) A link in the footer stays a Link element. Tags are
/// closed at each page's end, before the running head and footer: a story continued on a later
/// page is a second Art.
struct StructureTags {
    /// The element page furniture is drawn in, for `ArtifactMarking`.
    static let furniture = "Private"

    /// Runs `draw` inside a `furniture` element when the output is `tagged` (a PDF with structure).
    static func artifact<Result>(_ cr: OpaquePointer, tagged: Bool, _ draw: () throws -> Result) rethrows -> Result {
        guard tagged else { return try draw() }
        cairo_tag_begin(cr, furniture, "")
        defer { cairo_tag_end(cr, furniture) }
        return try draw()
    }

    /// An open element: its name and what it stands for, so that text of the same block, item
    /// or story goes on in it.
    struct Tag: Equatable {
        var name: String
        var key: [Int]
        var kind: TextKind?
    }

    /// The elements open now, outermost first (the Document root is not among them).
    private var open: [Tag] = []
    /// The blocks (story, block) that hold a link. Cairo marks the content of leaf elements
    /// only: a paragraph with a Link inside is no leaf, so its other text goes in Span
    /// elements, or it would be in no element at all.
    let linkedBlocks: Set<BlockKey>
    /// The blocks (story, block) whose text is in more than one language: each language's run
    /// is a Span with its own /Lang, and so (the block being no leaf then) is the rest.
    let mixedBlocks: Set<BlockKey>

    init(linkedBlocks: Set<BlockKey> = [], mixedBlocks: Set<BlockKey> = []) {
        self.linkedBlocks = linkedBlocks
        self.mixedBlocks = mixedBlocks
    }

    /// The blocks of `document` that hold a link (`linkedBlocks`) and those whose text is in
    /// more than one language (`mixedBlocks`), in one walk over its text. A fragment of the
    /// block and language of the one before it changes neither, and is not looked up: at 200
    /// pages two lookups a fragment were 19 ms of the drawing thread's start.
    static func blocks(in document: Document) -> (linked: Set<BlockKey>, mixed: Set<BlockKey>) {
        var languages: [BlockKey: String] = [:]
        var linked = Set<BlockKey>(), mixed = Set<BlockKey>()
        var previous: (key: BlockKey, language: String)?
        for page in document.pages {
            for case .text(let text) in page.items where element(for: text.kind) != nil {
                let key = blockKey(text)
                if text.fragment.link != nil { linked.insert(key) }
                guard text.story != nil else { continue }
                let language = text.fragment.language
                if let previous, previous.key == key, previous.language == language { continue }
                previous = (key, language)
                if let seen = languages[key] {
                    if seen != language { mixed.insert(key) }
                } else {
                    languages[key] = language
                }
            }
        }
        return (linked, mixed)
    }

    /// One block of a story's text of one kind.
    struct BlockKey: Hashable {
        var story: Int?
        var block: Int?
        var kind: TextKind
    }

    static func blockKey(_ text: PlacedText) -> BlockKey { BlockKey(story: text.story, block: text.block, kind: text.kind) }

    /// The elements that hold elements rather than content: page furniture drawn while one of
    /// them is open stays inside it; the others are closed first, or the element holding
    /// furniture would no longer be a leaf and cairo would leave its own content unmarked.
    static let containers: Set<String> = ["Art", "L", "LI", "LBody", "Table", "TR"]

    /// Closes the open elements that hold content, before page furniture is drawn.
    mutating func enterFurniture(cr: OpaquePointer) {
        let keep = open.prefix { Self.containers.contains($0.name) }
        move(to: Array(keep), language: nil, cr: cr)
    }
    private(set) var articleLanguages: [String] = []
    private(set) var articleStories: [Int] = []
    /// How many elements each Art begins inside of that its story's Art before it ended inside of.
    private(set) var articleContinues: [Int] = []
    /// The elements inside its Art each story's text was last in, outermost first; empty after
    /// a picture.
    private var lastPath: [Int: ArraySlice<Tag>] = [:]
    /// The elements a story's part on a later page goes on inside of when it begins inside them:
    /// a paragraph or quote, and a list, its item and the item's body. (Not a table: its
    /// header row, drawn again, would be read twice.)
    static let continuing: Set<String> = ["P", "BlockQuote", "L", "LI", "LBody"]
    /// Whether the Art open now has had no content yet.
    private var articleIsNew = false
    private(set) var figureAlts: [String?] = []
    /// Whether the open paragraph has had a word of letters yet (its language is that word's).
    private var paragraphHasLetters = false
    /// The elements that hold a block's own text, each of which takes a /Lang of its own when
    /// all its text is in another language than its article's.
    static let textElements = ["P", "H2", "H3", "BlockQuote", "TH", "TD", "Caption"]
    /// Each of those elements' language (nil once it holds text of two) and its article's index
    /// in `articleLanguages`, by the element's name, in tree order.
    private(set) var blockLanguages: [String: [(language: String?, article: Int?)]] = [:]
    /// Each `Span` element's language and its article's index in `articleLanguages`.
    private(set) var spanLanguages: [(language: String?, article: Int?)] = []
    /// The languages met in mixed blocks, numbered for the keys of their Spans.
    private var languageNumbers: [String: Int] = [:]

    static func element(for kind: TextKind) -> String? {
        switch kind {
        case .mastheadTitle: return "H1"
        case .headline: return "H2"
        case .subhead: return "H3"
        case .quote: return "BlockQuote"
        case .tableCell: return "TD"
        case .caption: return "Caption"
        case .mastheadSubtitle, .mastheadLine, .kicker, .deck, .byline, .body, .listItem, .boxTitle, .boxText, .pullQuote: return "P"
        // A story's jump lines and the title over its continuation are pagination, as running
        // heads are: its parts are one article, read on from the words before the page break.
        case .runningHead, .footer, .jump, .jumpHead: return nil
        }
    }

    /// The elements `text` belongs in, outermost first: its article, its lists and its block (or its table, row and cell).
    /// None for page furniture.
    static func path(for text: PlacedText, inLinkedBlock: Bool = false, language: Int? = nil) -> [Tag] {
        guard let element = element(for: text.kind) else { return [] }
        var path: [Tag] = []
        if let story = text.story { path.append(Tag(name: "Art", key: [story])) }
        if let list = text.fragment.list, !list.items.isEmpty {
            for (depth, item) in list.items.enumerated() {
                path.append(Tag(name: "L", key: [item.list]))
                path.append(Tag(name: "LI", key: [item.item]))
                let label = list.isLabel && depth == list.items.count - 1
                path.append(Tag(name: label ? "Lbl" : "LBody", key: [item.item]))
            }
            // The marker is the Lbl's own content.
            if list.isLabel { return path }
        }
        if let cell = text.fragment.table {
            path.append(Tag(name: "Table", key: [cell.table]))
            path.append(Tag(name: "TR", key: [cell.table, cell.row]))
            path.append(Tag(name: cell.isHeader ? "TH" : "TD", key: [cell.table, cell.row, cell.cell], kind: text.kind))
        } else {
            path.append(Tag(name: element, key: [text.block ?? Int.min], kind: text.kind))
        }
        // Text beside a link in its block: a Span, each run between links one.
        // Text of a block in several languages: a Span for each run of one language.
        if (inLinkedBlock || language != nil) && text.fragment.link == nil {
            path.append(Tag(name: "Span", key: [text.block ?? Int.min] + (language.map { [$0] } ?? []), kind: text.kind))
        }
        return path
    }

    mutating func enter(_ text: PlacedText, cr: OpaquePointer) {
        // A story's own furniture (its jump lines) stays inside its article, as its rules do;
        // the page's (running head, footer) closes every element.
        guard Self.element(for: text.kind) != nil else {
            return text.story != nil ? enterFurniture(cr: cr) : move(to: [], language: nil, cr: cr)
        }
        let linked = !linkedBlocks.isEmpty && linkedBlocks.contains(Self.blockKey(text))
        var language: Int?
        if !mixedBlocks.isEmpty, mixedBlocks.contains(Self.blockKey(text)) {
            language = languageNumbers[text.fragment.language] ?? languageNumbers.count
            languageNumbers[text.fragment.language] = language
        }
        move(to: Self.path(for: text, inLinkedBlock: linked, language: language), language: text.fragment.language, cr: cr)
        if let story = text.story {
            let path = open.dropFirst()
            if articleIsNew, let last = articleContinues.indices.last, let before = lastPath[story] {
                articleContinues[last] = zip(path, before).prefix { $0 == $1 && Self.continuing.contains($0.name) }.count
            }
            lastPath[story] = path
            articleIsNew = false
        }
        // An article that began with its picture takes the language of its first text.
        if open.first?.name == "Art", let last = articleLanguages.indices.last, articleLanguages[last].isEmpty {
            articleLanguages[last] = text.fragment.language
        }
        // A paragraph of two languages keeps its article's; its Spans say more. Words without
        // letters (a contents entry's page number, a year) are in no language.
        if let name = open.last?.name, let last = blockLanguages[name]?.indices.last,
           text.fragment.text.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) {
            if !paragraphHasLetters {
                blockLanguages[name]?[last].language = text.fragment.language
                paragraphHasLetters = true
            } else if blockLanguages[name]?[last].language != text.fragment.language {
                blockLanguages[name]?[last].language = nil
            }
        }
    }

    /// A picture of story `story`: a Figure of its own in the story's article. Cairo 1.16
    /// writes no /Alt: its text is kept in `figureAlts` for a later pass; the caption after it
    /// is tagged as its Caption.
    /// A picture of no story (the masthead's logo, beside the title it repeats) is decoration:
    /// drawn outside every element, like the running heads; so is a picture with nothing to
    /// say what it shows (no alt text, no caption, which the composer gives as its alt), rather
    /// than a Figure a screen reader announces without a word.
    mutating func enterFigure(_ image: PlacedImage, cr: OpaquePointer) {
        guard let story = image.story, image.alt != nil else { return move(to: [], language: nil, cr: cr) }
        let path = [Tag(name: "Art", key: [story]), Tag(name: "Figure", key: [figureAlts.count])]
        figureAlts.append(image.alt)
        move(to: path, language: nil, cr: cr)
        lastPath[story] = []
        articleIsNew = false
    }

    /// Closes the open elements `path` does not share and opens the rest of it.
    private mutating func move(to path: [Tag], language: String?, cr: OpaquePointer) {
        var common = 0
        while common < open.count, common < path.count, open[common] == path[common] { common += 1 }
        while open.count > common { cairo_tag_end(cr, open.removeLast().name) }
        for tag in path[common...] {
            cairo_tag_begin(cr, tag.name, "")
            if tag.name == "Art" {
                articleLanguages.append(language ?? "")
                articleStories.append(tag.key.first ?? -1)
                articleContinues.append(0)
                articleIsNew = true
            }
            if Self.textElements.contains(tag.name) {
                blockLanguages[tag.name, default: []].append((language, open.first?.name == "Art" ? articleLanguages.indices.last : nil))
                paragraphHasLetters = false
            }
            if tag.name == "Span" {
                spanLanguages.append((language, open.first?.name == "Art" ? articleLanguages.indices.last : nil))
            }
            open.append(tag)
        }
    }

    /// Closes every open element: at the end of a page.
    mutating func close(_ cr: OpaquePointer) {
        while let tag = open.popLast() { cairo_tag_end(cr, tag.name) }
    }
}

/// A PDF's bytes as cairo wrote them.
public final class CairoOutput: @unchecked Sendable {
    public internal(set) var bytes: [UInt8] = []
    /// Where the data of each stream rewritten and compressed while its pages were drawn
    /// (`ContentAhead`) is, by object number.
    var doneAhead: [Int: Range<Int>] = [:]
}
