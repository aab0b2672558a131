import CPango
import BulletinLayout

/// Measures text with Pango, through the fonts of a `FontLibrary`. Widths are cached: a
/// newsletter repeats its words.
public final class PangoShaper: TextShaper {
    let fonts: FontLibrary
    /// One layout reused for every measurement and drawing call.
    let layout: OpaquePointer

    private struct Key: Hashable {
        var text: String
        var font: FontSpec
        var language: String
    }
    private var widths: [Key: Double] = [:]
    private var shapes: [Key: ShapedText?] = [:]
    private var metricsCache: [FontSpec: FontMetrics] = [:]

    public init(fonts: FontLibrary) {
        self.fonts = fonts
        layout = pango_layout_new(fonts.context)
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }

    /// Prepares the shared layout to set `text` in `font`; returns it for measuring or drawing.
    func prepare(_ text: String, font: FontSpec, language: String) -> OpaquePointer {
        pango_layout_set_font_description(layout, fonts.description(font))
        let attributes = pango_attr_list_new()
        pango_attr_list_insert(attributes, pango_attr_language_new(pango_language_from_string(language)))
        if font.tracking != 0 {
            pango_attr_list_insert(attributes, pango_attr_letter_spacing_new(Int32((font.tracking * Double(PANGO_SCALE)).rounded())))
        }
        pango_layout_set_attributes(layout, attributes)
        pango_attr_list_unref(attributes)
        pango_layout_set_text(layout, text, -1)
        return layout
    }

    public func width(of text: String, font: FontSpec, language: String) -> Double {
        let key = Key(text: text, font: font, language: language)
        if let cached = widths[key] { return cached }
        let layout = prepare(text, font: font, language: language)
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        let width = Double(logical.width) / Double(PANGO_SCALE)
        widths[key] = width
        return width
    }

    public func metrics(of font: FontSpec) -> FontMetrics {
        if let cached = metricsCache[font] { return cached }
        let metrics = pango_context_get_metrics(fonts.context, fonts.description(font), nil)
        defer { pango_font_metrics_unref(metrics) }
        let result = FontMetrics(ascent: Double(pango_font_metrics_get_ascent(metrics)) / Double(PANGO_SCALE),
                                 descent: Double(pango_font_metrics_get_descent(metrics)) / Double(PANGO_SCALE))
        metricsCache[font] = result
        return result
    }

    public func breakOpportunities(in text: String, language: String) -> [Int] {
        let count = text.unicodeScalars.count
        guard count > 1 else { return [] }
        var attributes = [PangoLogAttr](repeating: PangoLogAttr(), count: count + 1)
        text.withCString { pointer in
            pango_get_log_attrs(pointer, Int32(text.utf8.count), -1, pango_language_from_string(language), &attributes, Int32(count + 1))
        }
        return (1..<count).filter { attributes[$0].is_line_break != 0 }
    }

    /// `text` shaped once, without letter spacing, as one run of glyphs in one font; nil when
    /// Pango needs more than one run (a fallback font for some characters). Cached: drawing
    /// then needs no shaping at all.
    func shaped(_ text: String, font: FontSpec, language: String) -> ShapedText? {
        var plain = font
        plain.tracking = 0
        let key = Key(text: text, font: plain, language: language)
        if let cached = shapes[key] { return cached }
        let layout = prepare(text, font: plain, language: language)
        var result: ShapedText?
        if let line = pango_layout_get_line_readonly(layout, 0), let runs = line.pointee.runs, runs.pointee.next == nil,
           let data = runs.pointee.data, let copy = pango_glyph_item_copy(data.assumingMemoryBound(to: PangoGlyphItem.self)) {
            result = ShapedText(item: copy, text: text)
        }
        shapes[key] = .some(result)
        return result
    }

    /// The distance from the top of the prepared layout to its first baseline.
    func baseline(of layout: OpaquePointer) -> Double {
        Double(pango_layout_get_baseline(layout)) / Double(PANGO_SCALE)
    }
}

/// A run of glyphs Pango shaped for a text, owned and freed here.
final class ShapedText {
    let item: UnsafeMutablePointer<PangoGlyphItem>
    let text: String

    init(item: UnsafeMutablePointer<PangoGlyphItem>, text: String) {
        self.item = item
        self.text = text
    }

    deinit { pango_glyph_item_free(item) }

    /// Draws the glyphs with their baseline origin at the current point, `tracking` points
    /// between clusters (as Pango's letter spacing puts it: none after the last).
    func show(_ cr: OpaquePointer, tracking: Double) {
        guard tracking != 0, let glyphs = item.pointee.glyphs else {
            pango_cairo_show_glyph_item(cr, text, item)
            return
        }
        guard let spaced = pango_glyph_string_copy(glyphs) else { return }
        defer { pango_glyph_string_free(spaced) }
        let count = Int(spaced.pointee.num_glyphs)
        let extra = Int32((tracking * Double(PANGO_SCALE)).rounded())
        for i in 0..<(count - 1) where spaced.pointee.log_clusters[i + 1] != spaced.pointee.log_clusters[i] {
            spaced.pointee.glyphs[i].geometry.width += extra
        }
        var copy = item.pointee
        copy.glyphs = spaced
        pango_cairo_show_glyph_item(cr, text, &copy)
    }
}
