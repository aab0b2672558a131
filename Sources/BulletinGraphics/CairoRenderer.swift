import CCairo
import CPango
import Foundation
import BulletinModel
import BulletinLayout

/// A problem writing the output, such as a folder that cannot be written to.
public struct OutputError: Error, CustomStringConvertible {
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

/// Draws a `Document` with cairo and Pango: a PDF of all pages, or a PNG of one.
///
/// Output is written to a temporary file beside the target and renamed into place only when
/// cairo reports success, so a failed run never leaves a half-written file nor replaces the last
/// good one.
public struct CairoRenderer {
    let shaper: PangoShaper
    /// The creator string written into the PDF.
    let creator: String
    /// Write hyphenated words' whole text as the PDF's actual text, so extracted text reads
    /// "marketplace" rather than "market-" and "place".
    let actualText: Bool

    /// The layout's named colours, which text refers to by name.
    let colours: Colours

    public init(shaper: PangoShaper, colours: Colours, creator: String, actualText: Bool = true) {
        self.shaper = shaper
        self.colours = colours
        self.creator = creator
        self.actualText = actualText
    }

    public func writePDF(_ document: Document, to path: String) throws {
        try AtomicFile.write(path) { temporary in
            guard let surface = cairo_pdf_surface_create(temporary, document.width, document.height) else {
                throw OutputError(path: path, message: "cannot create the PDF")
            }
            defer { cairo_surface_destroy(surface) }
            let metadata = document.metadata
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, metadata.title)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, metadata.author)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, metadata.subject)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, creator)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, metadata.created)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, metadata.created)
            guard let cr = cairo_create(surface) else { throw OutputError(path: path, message: "cannot draw") }
            defer { cairo_destroy(cr) }
            for entry in document.outline {
                let attributes = "page=\(entry.page + 1) pos=[0 \(format(entry.y))]"
                cairo_pdf_surface_add_outline(surface, CAIRO_PDF_OUTLINE_ROOT, entry.title, attributes, CAIRO_PDF_OUTLINE_FLAG_OPEN)
            }
            // One root structure element around everything: links (and any later tags) need a
            // structure tree to hang from, or cairo writes references to objects it never emits.
            cairo_tag_begin(cr, "Document", "")
            var structure = StructureTags()
            for (index, page) in document.pages.enumerated() {
                cairo_pdf_surface_set_page_label(surface, "\(index + 1)")
                draw(page, cr: cr, structure: &structure)
                structure.close(cr)
                cairo_show_page(cr)
            }
            cairo_tag_end(cr, "Document")
            cairo_surface_finish(surface)
            let status = cairo_surface_status(surface)
            guard status == CAIRO_STATUS_SUCCESS else {
                throw OutputError(path: path, message: "cannot write the PDF: " + String(cString: cairo_status_to_string(status)))
            }
        }
    }

    /// Writes page `index` (from 0) as a PNG at `dpi`.
    public func writePNG(_ document: Document, page index: Int, dpi: Double, to path: String) throws {
        guard document.pages.indices.contains(index) else { throw OutputError(path: path, message: "there is no page \(index + 1)") }
        let scale = dpi / 72
        let width = Int32((document.width * scale).rounded(.up)), height = Int32((document.height * scale).rounded(.up))
        try AtomicFile.write(path) { temporary in
            guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height) else {
                throw OutputError(path: path, message: "cannot create the image")
            }
            defer { cairo_surface_destroy(surface) }
            guard let cr = cairo_create(surface) else { throw OutputError(path: path, message: "cannot draw") }
            defer { cairo_destroy(cr) }
            cairo_set_source_rgb(cr, 1, 1, 1)
            cairo_paint(cr)
            cairo_scale(cr, scale, scale)
            draw(document.pages[index], cr: cr)
            cairo_surface_flush(surface)
            let status = cairo_surface_write_to_png(surface, temporary)
            guard status == CAIRO_STATUS_SUCCESS else {
                throw OutputError(path: path, message: "cannot write the PNG: " + String(cString: cairo_status_to_string(status)))
            }
        }
    }

    private func format(_ value: Double) -> String { String((value * 100).rounded() / 100) }

    private func draw(_ page: Page, cr: OpaquePointer) {
        var untagged: StructureTags?
        draw(page, cr: cr, structure: &untagged)
    }

    private func draw(_ page: Page, cr: OpaquePointer, structure: inout StructureTags) {
        var tags: StructureTags? = structure
        draw(page, cr: cr, structure: &tags)
        if let tags { structure = tags }
    }

    private func draw(_ page: Page, cr: OpaquePointer, structure: inout StructureTags?) {
        var index = page.items.startIndex
        while index < page.items.endIndex {
            switch page.items[index] {
            case .rule(let rule):
                cairo_set_source_rgb(cr, rule.colour.red, rule.colour.green, rule.colour.blue)
                cairo_set_line_width(cr, rule.thickness)
                cairo_move_to(cr, rule.x0, rule.y0)
                cairo_line_to(cr, rule.x1, rule.y1)
                cairo_stroke(cr)
                index += 1
            case .text(let text):
                structure?.enter(text, cr: cr)
                // Words of one line in one font go to cairo in one call: far fewer drawing
                // operations, and a PDF with one text string per line.
                var end = index + 1
                while end < page.items.endIndex, case .text(let next) = page.items[end], batches(text, with: next) { end += 1 }
                let batch = page.items[index..<end].compactMap { item -> PlacedText? in
                    if case .text(let t) = item { return t } else { return nil }
                }
                if batch.count < 2 || !drawLine(batch, cr: cr) {
                    for t in batch { draw(t, cr: cr) }
                }
                index = end
            }
        }
    }

    /// Whether `next` can be drawn in the same call as `text`.
    private func batches(_ text: PlacedText, with next: PlacedText) -> Bool {
        let a = text.fragment, b = next.fragment
        return next.baseline == text.baseline && b.font == a.font && b.scale == a.scale && b.colour == a.colour
            && b.language == a.language && a.link == nil && b.link == nil && b.actualText == nil && a.actualText == nil
            && next.story == text.story && next.block == text.block && next.kind == text.kind && next.x > text.x
    }

    /// Draws fragments of one line (same font, scale, colour) as one glyph run; false, drawing
    /// nothing, if any of them is not a single shaped run read left to right.
    private func drawLine(_ texts: [PlacedText], cr: OpaquePointer) -> Bool {
        guard let first = texts.first else { return true }
        let fragment = first.fragment
        var utf8: [CChar] = []
        var glyphs: [cairo_glyph_t] = []
        var clusters: [cairo_text_cluster_t] = []
        var scaledFont: OpaquePointer?
        let unit = Double(PANGO_SCALE)
        for text in texts {
            guard let shaped = shaper.shaped(text.fragment.text, font: fragment.font, language: fragment.language),
                  let string = shaped.item.pointee.glyphs, let item = shaped.item.pointee.item,
                  let font = item.pointee.analysis.font, let scaled = pango_cairo_font_get_scaled_font(OpaquePointer(font)) else { return false }
            if let scaledFont, scaledFont != scaled { return false }
            scaledFont = scaled
            let bytes = Array(text.fragment.text.utf8CString.dropLast())
            let count = Int(string.pointee.num_glyphs)
            var x = (text.x - first.x) / fragment.scale
            var i = 0
            while i < count {
                let start = Int(string.pointee.log_clusters[i])
                var j = i
                var drawn: Int32 = 0
                while j < count && Int(string.pointee.log_clusters[j]) == start {
                    let info = string.pointee.glyphs[j]
                    if info.glyph & PANGO_GLYPH_UNKNOWN_FLAG == 0 && info.glyph != PANGO_GLYPH_EMPTY {
                        glyphs.append(cairo_glyph_t(index: UInt(info.glyph), x: x + Double(info.geometry.x_offset) / unit,
                                                    y: Double(info.geometry.y_offset) / unit))
                        drawn += 1
                    }
                    x += Double(info.geometry.width) / unit
                    j += 1
                }
                let next = j < count ? Int(string.pointee.log_clusters[j]) : bytes.count
                // Left to right only: each cluster's bytes follow the previous cluster's.
                guard next > start, i > 0 || start == 0 else { return false }
                if j < count { x += fragment.font.tracking }
                clusters.append(cairo_text_cluster_t(num_bytes: Int32(next - start), num_glyphs: drawn))
                i = j
            }
            guard clusters.reduce(0, { $0 + Int($1.num_bytes) }) == utf8.count + bytes.count else { return false }
            utf8 += bytes
        }
        guard let scaledFont, !glyphs.isEmpty else { return false }
        let colour = colourOf(fragment.colour)
        cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue)
        cairo_save(cr)
        cairo_translate(cr, first.x, first.baseline)
        if fragment.scale != 1 { cairo_scale(cr, fragment.scale, 1) }
        cairo_set_scaled_font(cr, scaledFont)
        utf8.withUnsafeBufferPointer { text in
            cairo_show_text_glyphs(cr, text.baseAddress, Int32(text.count), glyphs, Int32(glyphs.count),
                                   clusters, Int32(clusters.count), cairo_text_cluster_flags_t(rawValue: 0))
        }
        cairo_restore(cr)
        return true
    }

    private func draw(_ text: PlacedText, cr: OpaquePointer) {
        let fragment = text.fragment
        let colour = colourOf(fragment.colour)
        cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue)
        if let link = fragment.link {
            let escaped = link.replacingAll("\\", "\\\\").replacingAll("'", "\\'")
            cairo_tag_begin(cr, CAIRO_TAG_LINK, "uri='\(escaped)'")
        }
        cairo_save(cr)
        cairo_translate(cr, text.x, text.baseline)
        if fragment.scale != 1 { cairo_scale(cr, fragment.scale, 1) }
        if self.actualText, let actualText = fragment.actualText,
           showGlyphs(of: shaper.prepare(fragment.text, font: fragment.font, language: fragment.language), as: actualText, cr: cr) {
            // Drawn glyph by glyph with the text a reader's tools should extract.
        } else if let shaped = shaper.shaped(fragment.text, font: fragment.font, language: fragment.language) {
            // Shaped once per word and font, however many lines it appears on.
            cairo_move_to(cr, 0, 0)
            shaped.show(cr, tracking: fragment.font.tracking)
        } else {
            let layout = shaper.prepare(fragment.text, font: fragment.font, language: fragment.language)
            cairo_move_to(cr, 0, -shaper.baseline(of: layout))
            pango_cairo_show_layout(cr, layout)
        }
        cairo_restore(cr)
        if fragment.link != nil { cairo_tag_end(cr, CAIRO_TAG_LINK) }
    }

    /// Draws the layout's glyphs at the origin (on the baseline) with `text` as the text they
    /// stand for: one cluster maps all of it to all the glyphs, so cairo writes it as the PDF's
    /// actual text ("marketplace" for "market-", nothing for "place" on the next line). Returns
    /// false, drawing nothing, when the layout is not a single run in one font.
    private func showGlyphs(of layout: OpaquePointer, as text: String, cr: OpaquePointer) -> Bool {
        guard let line = pango_layout_get_line_readonly(layout, 0), let runs = line.pointee.runs,
              runs.pointee.next == nil, let data = runs.pointee.data else { return false }
        let run = data.assumingMemoryBound(to: PangoGlyphItem.self).pointee
        guard let glyphString = run.glyphs, let item = run.item, let font = item.pointee.analysis.font,
              let scaledFont = pango_cairo_font_get_scaled_font(OpaquePointer(font)) else { return false }
        let count = Int(glyphString.pointee.num_glyphs)
        var glyphs: [cairo_glyph_t] = []
        glyphs.reserveCapacity(count)
        var x = 0.0
        for i in 0..<count {
            let info = glyphString.pointee.glyphs[i]
            let scale = Double(PANGO_SCALE)
            if info.glyph & PANGO_GLYPH_UNKNOWN_FLAG == 0 && info.glyph != PANGO_GLYPH_EMPTY {
                glyphs.append(cairo_glyph_t(index: UInt(info.glyph), x: x + Double(info.geometry.x_offset) / scale,
                                            y: Double(info.geometry.y_offset) / scale))
            }
            x += Double(info.geometry.width) / scale
        }
        guard !glyphs.isEmpty else { return false }
        cairo_set_scaled_font(cr, scaledFont)
        let bytes = Int32(text.utf8.count)
        var cluster = cairo_text_cluster_t(num_bytes: bytes, num_glyphs: Int32(glyphs.count))
        text.withCString { utf8 in
            cairo_show_text_glyphs(cr, utf8, bytes, glyphs, Int32(glyphs.count), &cluster, 1, cairo_text_cluster_flags_t(rawValue: 0))
        }
        return true
    }

    private func colourOf(_ name: String) -> Colour { colours[name] }
}

/// The PDF's logical structure, for screen readers and reflow: each story is an article (Art)
/// holding its headline (H2), subheads (H3) and paragraphs (P); the masthead title is the H1.
/// Lines of one block share one element. Tags are closed at each page's end, before the
/// running head and footer, which stay outside every story.
struct StructureTags {
    private var story: Int?
    private var block: (story: Int?, block: Int?, kind: TextKind)?
    private var element: String?

    static func element(for kind: TextKind) -> String? {
        switch kind {
        case .mastheadTitle: return "H1"
        case .headline: return "H2"
        case .subhead: return "H3"
        case .quote: return "BlockQuote"
        case .mastheadSubtitle, .mastheadLine, .kicker, .deck, .byline, .body, .listItem: return "P"
        case .runningHead, .footer: return nil
        }
    }

    mutating func enter(_ text: PlacedText, cr: OpaquePointer) {
        let key = (story: text.story, block: text.block, kind: text.kind)
        if let block, block.story == key.story, block.block == key.block, block.kind == key.kind { return }
        closeBlock(cr)
        if story != text.story {
            if story != nil { cairo_tag_end(cr, "Art") }
            story = text.story
            if story != nil { cairo_tag_begin(cr, "Art", "") }
        }
        guard let name = Self.element(for: text.kind) else {
            // Page furniture: no story, no element.
            if story != nil { cairo_tag_end(cr, "Art") }
            story = nil
            return
        }
        cairo_tag_begin(cr, name, "")
        element = name
        block = key
    }

    private mutating func closeBlock(_ cr: OpaquePointer) {
        if let element { cairo_tag_end(cr, element) }
        element = nil
        block = nil
    }

    mutating func close(_ cr: OpaquePointer) {
        closeBlock(cr)
        if story != nil { cairo_tag_end(cr, "Art") }
        story = nil
    }
}

/// Writes a file through a temporary beside it, renamed into place on success.
enum AtomicFile {
    static func write(_ path: String, _ body: (String) throws -> Void) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw OutputError(path: path, message: "cannot create the folder \(folder)")
            }
        }
        let name = (path as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).tmp-\(getpid())"
        do {
            try body(temporary)
            guard rename(temporary, path) == 0 else {
                throw OutputError(path: path, message: "cannot replace the file: " + String(cString: strerror(errno)))
            }
        } catch {
            unlink(temporary)
            throw error
        }
    }
}
