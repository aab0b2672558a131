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

    /// The distance from the top of the prepared layout to its first baseline.
    func baseline(of layout: OpaquePointer) -> Double {
        Double(pango_layout_get_baseline(layout)) / Double(PANGO_SCALE)
    }
}
