import CCairo
import Foundation
import CFontconfig
import CPango
import BulletinModel
import BulletinLayout

/// Fonts as the layout names them, resolved through a private fontconfig configuration.
public final class FontLibrary {
    let config: OpaquePointer
    let fontMap: UnsafeMutablePointer<PangoFontMap>
    let context: OpaquePointer
    private var descriptions: [FontSpec: OpaquePointer] = [:]

    /// Builds a configuration that reads `folders` (in order) and then the system's font folders.
    public init(folders: [String]) {
        let config = FcConfigCreate()!
        self.config = config
        func escape(_ s: String) -> String {
            s.replacingAll("&", "&amp;").replacingAll("<", "&lt;").replacingAll(">", "&gt;")
        }
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig>"
        let cwd = FileManager.default.currentDirectoryPath
        for folder in folders {
            let absolute = folder.hasPrefix("/") ? folder : (cwd as NSString).appendingPathComponent(folder)
            xml += "<dir>\(escape((absolute as NSString).standardizingPath))</dir>"
        }
        xml += "<dir>/usr/share/fonts</dir><dir>/usr/local/share/fonts</dir>"
        xml += "<cachedir>/var/cache/fontconfig</cachedir><cachedir prefix=\"xdg\">fontconfig</cachedir></fontconfig>"
        _ = xml.withCString { FcConfigParseAndLoadFromMemory(config, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self), FcTrue) }
        FcConfigBuildFonts(config)

        let fontMap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT)!
        self.fontMap = fontMap
        pango_fc_font_map_set_config(OpaquePointer(fontMap), config)
        // Other Pango users in the process (librsvg) resolve fonts the same way.
        pango_cairo_font_map_set_default(OpaquePointer(fontMap))
        let context = pango_font_map_create_context(fontMap)!
        self.context = context
        let options = cairo_font_options_create()
        // Shaped widths must be the widths in the PDF: no hinting of metrics, no rounding.
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_context_set_round_glyph_positions(context, 0)
    }

    deinit {
        for description in descriptions.values { pango_font_description_free(description) }
        g_object_unref(UnsafeMutableRawPointer(context))
        g_object_unref(UnsafeMutableRawPointer(fontMap))
        FcConfigDestroy(config)
    }

    /// Whether fontconfig knows a font of this family (by its exact name, case aside).
    public func hasFamily(_ family: String) -> Bool {
        guard let pattern = FcPatternCreate() else { return false }
        defer { FcPatternDestroy(pattern) }
        _ = family.withCString { FcPatternAddString(pattern, FC_FAMILY, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) }
        guard let objects = FcObjectSetCreate() else { return false }
        defer { FcObjectSetDestroy(objects) }
        FcObjectSetAdd(objects, FC_FAMILY)
        guard let list = FcFontList(config, pattern, objects) else { return false }
        defer { FcFontSetDestroy(list) }
        return list.pointee.nfont > 0
    }

    /// The families a layout names that no installed font provides.
    public func missingFamilies(in layout: LayoutSpec) -> [String] {
        var names: [String] = []
        for role in TextRole.allCases {
            for family in layout.style(role).family.split(separator: ",") { names.append(family.trimmed) }
        }
        names += layout.fallbackFamilies
        var seen = Set<String>()
        return names.filter { seen.insert($0.lowercased()).inserted && !hasFamily($0) }
    }

    /// A Pango font description for `font`, owned and cached by the library.
    func description(_ font: FontSpec) -> OpaquePointer {
        if let cached = descriptions[font] { return cached }
        let description = pango_font_description_new()!
        pango_font_description_set_family(description, font.family)
        pango_font_description_set_absolute_size(description, font.size * Double(PANGO_SCALE))
        pango_font_description_set_weight(description, font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_style(description, font.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        descriptions[font] = description
        return description
    }
}

extension StringProtocol {
    func replacingAll(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }

    var trimmed: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
