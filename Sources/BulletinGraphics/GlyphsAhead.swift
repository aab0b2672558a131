import CCairo
import BulletinLayout

/// The metrics of the glyphs a page draws, loaded into cairo's glyph caches on another thread
/// before the page is drawn.
///
/// Cairo loads each glyph of a scaled font from FreeType the first time the font draws it,
/// on the thread that draws. A line set with an expansion scale is drawn through a scaled font
/// of that scale, and each scale's font loads its glyphs again: in the sample, a thousand loads
/// of CJK glyphs (tens of thousands of instructions each, for a CFF outline) on the drawing
/// thread. Cairo keeps one scaled font for each face, matrix, transformation and options, and
/// guards its glyph cache with a lock, so the thread that makes the runs ahead (`RunsAhead`)
/// asks the same scaled font for the same glyphs first, and drawing finds them loaded.
///
/// It asks as drawing will: through a context on a PDF surface that writes nowhere, with the
/// line's horizontal scale, so that cairo gives it the scaled font drawing gets. The glyphs and
/// the PDF are the same whoever loads them first; where the two should differ, drawing just
/// loads its own.
final class GlyphsAhead {
    private let surface: OpaquePointer
    private let cr: OpaquePointer
    /// The scaled fonts asked, referenced until the pages are drawn (cairo would otherwise let
    /// go of all but its last 256 unused ones), each with the glyphs asked of it.
    private var asked: [OpaquePointer: Glyphs] = [:]

    /// Glyph numbers, held by reference: a run's glyphs are looked up in its font's with one
    /// look in `asked`.
    private final class Glyphs {
        var numbers = Set<UInt>()
    }
    /// The email edition's small faces (`CompactFonts`): the large scaled fonts being cut down,
    /// whose glyphs wait until the small faces are made, then drawn with those.
    private let compact: CompactFonts.Pending?
    private var replacements: [OpaquePointer: CompactFonts.Replacement]?
    /// Runs in a large font waiting for its small face, each with its scale.
    private var waiting: [(run: GlyphRun, scale: Double)] = []

    init?(compact: CompactFonts.Pending?) {
        guard let surface = cairo_pdf_surface_create_for_stream(nil, nil, 100, 100) else { return nil }
        guard let cr = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            return nil
        }
        self.surface = surface
        self.cr = cr
        self.compact = compact
        replacements = compact?.work == nil ? compact?.ready : nil
    }

    deinit {
        for font in asked.keys { cairo_scaled_font_destroy(font) }
        for font in unitFonts.values { cairo_scaled_font_destroy(font) }
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    /// Loads the glyphs of `runs` (a page's, by the index of each batch's first item), each at
    /// its batch's horizontal scale.
    func load(_ runs: [Int: GlyphRun?], of page: Page) {
        if replacements == nil, compact?.work?.isFinished ?? true { loadWaiting() }
        // In the order drawing shows them: a face's outlines are read where it first shows them.
        for index in runs.keys.sorted() {
            guard let run = runs[index] ?? nil, case .text(let text) = page.items[index] else { continue }
            load(run, scale: text.fragment.scale)
        }
    }

    /// Loads what waits for the small faces, waiting for them: once the pages' runs are made.
    func finish() {
        if !waiting.isEmpty { loadWaiting() }
    }

    /// Takes the small faces, waiting for them if they are not made, and loads the runs that
    /// waited for them.
    private func loadWaiting() {
        guard let compact else { return }
        replacements = compact.ready.merging(compact.work?.wait() ?? [:]) { _, new in new }
        let runs = waiting
        waiting = []
        for (run, scale) in runs { load(run, scale: scale) }
    }

    func load(_ run: GlyphRun, scale: Double) {
        guard var font = run.scaledFont, !run.glyphs.isEmpty else { return }
        var glyphs = run.glyphs
        if let compact, compact.fonts.contains(font) {
            guard let replacements else {
                waiting.append((run, scale))
                return
            }
            guard let replacement = replacements[font] else { return }
            for index in glyphs.indices {
                guard let number = replacement.numbers[UInt32(glyphs[index].index)] else { return }
                glyphs[index].index = UInt(number)
            }
            font = replacement.font
        }
        guard let drawn = drawnFont(font, scale: scale) else { return }
        guard let seen = asked[drawn] else { return }
        let fresh = glyphs.filter { seen.numbers.insert($0.index).inserted }
        guard !fresh.isEmpty else { return }
        var extents = cairo_text_extents_t()
        cairo_scaled_font_glyph_extents(drawn, fresh, Int32(fresh.count), &extents)
        // The first time the PDF shows a glyph of a face, cairo reads its outline through the
        // scaled font showing it (to choose a subset) and its advance through the face at
        // size 1 (the subset's widths): both asked here where the page first shows it.
        guard let face = cairo_scaled_font_get_font_face(drawn) else { return }
        let firstOfFace = fresh.filter { faces[face, default: []].insert($0.index).inserted }
        guard !firstOfFace.isEmpty, let unit = unitFont(of: face) else { return }
        // Through the context set for this font and scale (it may be set for another since).
        setContext(font, scale: scale)
        cairo_glyph_path(cr, firstOfFace, Int32(firstOfFace.count))
        cairo_new_path(cr)
        cairo_scaled_font_glyph_extents(unit, firstOfFace, Int32(firstOfFace.count), &extents)
    }

    /// The scaled font drawing gets for `font` at `scale`, as a context on a PDF surface gives
    /// it (asked of cairo once for each).
    private func drawnFont(_ font: OpaquePointer, scale: Double) -> OpaquePointer? {
        let key = FontAtScale(font: font, scale: scale)
        if let drawn = drawnFonts[key] { return drawn }
        setContext(font, scale: scale)
        guard let drawn = cairo_get_scaled_font(cr), cairo_scaled_font_status(drawn) == CAIRO_STATUS_SUCCESS else { return nil }
        // Referenced (in `asked`) until the pages are drawn.
        if asked[drawn] == nil {
            _ = cairo_scaled_font_reference(drawn)
            asked[drawn] = Glyphs()
        }
        drawnFonts[key] = drawn
        return drawn
    }

    /// Sets the context to draw `font` at `scale`, as drawing sets its own.
    private func setContext(_ font: OpaquePointer, scale: Double) {
        let key = FontAtScale(font: font, scale: scale)
        guard key != contextSet else { return }
        cairo_identity_matrix(cr)
        if scale != 1 { cairo_scale(cr, scale, 1) }
        cairo_set_scaled_font(cr, font)
        contextSet = key
    }

    /// What the context is set for.
    private var contextSet: FontAtScale?

    private struct FontAtScale: Hashable {
        let font: OpaquePointer
        let scale: Double
    }

    private var drawnFonts: [FontAtScale: OpaquePointer] = [:]

    /// The glyphs asked of each face, at any scale.
    private var faces: [OpaquePointer: Set<UInt>] = [:]
    /// Each face at size 1, as the PDF's font subsets measure it, referenced until the pages
    /// are drawn.
    private var unitFonts: [OpaquePointer: OpaquePointer] = [:]

    private func unitFont(of face: OpaquePointer) -> OpaquePointer? {
        if let font = unitFonts[face] { return font }
        var identity = cairo_matrix_t()
        cairo_matrix_init_identity(&identity)
        guard let options = cairo_font_options_create() else { return nil }
        defer { cairo_font_options_destroy(options) }
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        guard let font = cairo_scaled_font_create(face, &identity, &identity, options) else { return nil }
        guard cairo_scaled_font_status(font) == CAIRO_STATUS_SUCCESS else {
            cairo_scaled_font_destroy(font)
            return nil
        }
        unitFonts[face] = font
        return font
    }
}
