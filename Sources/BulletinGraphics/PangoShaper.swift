import CCairo
import CPango
import BulletinLayout

/// Measures text with Pango, through the fonts of a `FontLibrary`. Widths are cached: a
/// newsletter repeats its words.
public final class PangoShaper: TextShaper {
    public let fonts: FontLibrary
    /// One layout reused for every measurement and drawing call.
    let layout: OpaquePointer

    fileprivate struct Key: Hashable {
        var text: String
        var font: FontSpec
        var language: String

        /// The text and the font's size and style only: hashing the family's and the
        /// language's strings too cost more than the few keys that share the rest (the same
        /// word at one size in two families or languages), which `==` tells apart.
        func hash(into hasher: inout Hasher) {
            hasher.combine(text)
            hasher.combine(font.size)
            hasher.combine(font.bold)
            hasher.combine(font.italic)
            hasher.combine(font.tracking)
        }
    }
    /// A cache of this shaper's, with what helpers' caches held when they were taken over
    /// (`adopt`): looked up in this shaper's own entries first, then in the adopted ones. The
    /// helpers' entries are kept as their tables are, not moved into this one's: inserting a
    /// helper's 39,000 shapes one by one took 50 ms at 200 pages, on the thread that draws.
    fileprivate struct Cache<Value> {
        private(set) var own: [Key: Value] = [:]
        private(set) var adopted: [Key: Value] = [:]

        subscript(key: Key) -> Value? {
            // (A helper's shaper adopts nothing: its misses hash the key once.)
            get { adopted.isEmpty ? own[key] : own[key] ?? adopted[key] }
            set { own[key] = newValue }
        }

        /// Entries of this shaper's own.
        var count: Int { own.count }

        mutating func merge(_ other: [Key: Value]) { own.merge(other) { mine, _ in mine } }

        /// Takes over `other`'s entries (its own and those it adopted) after this cache's own
        /// and those adopted before, and empties it. The first table taken over is kept as it
        /// is; a later one (a session's next build) is merged into it.
        mutating func adopt(_ other: inout Cache) {
            for table in [other.own, other.adopted] where !table.isEmpty {
                if adopted.isEmpty { adopted = table } else { adopted.merge(table) { earlier, _ in earlier } }
            }
            other = Cache()
        }
    }
    private var widths = Cache<Double>()
    /// Widths of words' beginnings (`prefixWidth`), apart from `widths`: a word measured
    /// whole is shaped and kept for drawing even where it was measured as a beginning before.
    private var prefixWidths = Cache<Double>()
    /// Widths kept apart from shapes (words with letter spacing, or in several runs), the
    /// widths of words' beginnings and the shapes kept, for tests.
    var widthsKeptApart: Int { widths.count }
    var prefixWidthsKept: Int { prefixWidths.count }
    var shapesKept: Int { shapes.count }
    /// Words kept drawn run by run, each run in one font (`shapedRuns`), for tests.
    var runShapesKept: Int { runShapes.count }
    /// Shapes taken over from helpers (`adopt`), for tests.
    var shapesAdopted: Int { shapes.adopted.count }
    private var shapes = Cache<ShapedText?>()
    private var runShapes = Cache<[ShapedText]?>()
    private var metricsCache = Cache<FontMetrics>()
    /// For `asciiFont`: each font and language's first font where it has printable ASCII.
    private var asciiFonts: [Key: UnsafeMutablePointer<PangoFont>?] = [:]
    /// An item Pango made when it itemised a word, for later words of the same font, language
    /// and script class (`ItemKey`): each such word whose every character the item's font has,
    /// and no font before it in the font list, is one item of that font, with the same
    /// analysis, so it is shaped without itemising it (Pango gives a character the first font
    /// of the list that has it). A Chinese or Japanese word in a Latin body face is set in a
    /// fallback font: its item is kept with the fonts before it.
    private var items: [ItemKey: KeptItem] = [:]
    private struct ItemKey: Hashable {
        var font: FontSpec
        var language: String
        var script: RunClass
    }
    private struct KeptItem {
        var item: UnsafeMutablePointer<PangoItem>
        /// The fonts of the font list before the item's (referenced): a word of the item's
        /// script takes the item only if they lack all its characters.
        var earlier: [UnsafeMutablePointer<PangoFont>]
    }
    /// Which characters each font of a kept item has, as Pango answered (its answer is slow
    /// to come).
    private var coverage: [UnsafeMutablePointer<PangoFont>: Coverage] = [:]
    /// Words shaped with an earlier word's item and with items of their own, for tests.
    private(set) var itemsTaken = 0, itemsMade = 0
    /// Time spent shaping and measuring (cache misses only), for `bulletin make --timings`.
    public private(set) var shaping: Duration = .zero

    public init(fonts: FontLibrary) {
        self.fonts = fonts
        layout = pango_layout_new(fonts.context)
    }

    /// Shapers made by `helper()` whose words this one has taken over (`adopt`), kept for the
    /// fonts their shapes hold.
    private var adopted: [PangoShaper] = []

    /// A shaper for another thread (`Composer.helper`): the same fonts, a Pango context and
    /// caches of its own. Its words measure as this shaper's do, exactly.
    public func helper() -> PangoShaper { PangoShaper(fonts: fonts.sibling()) }

    /// Takes over what `helper` measured and shaped, so that the renderer, which asks this
    /// shaper, finds it: the words are not shaped again. The helper keeps none of it, so that a
    /// session's next build takes over only what is new (and the words are held once). `helper`
    /// must be done with its thread.
    public func adopt(_ helper: PangoShaper) {
        guard helper !== self else { return }
        widths.adopt(&helper.widths)
        prefixWidths.adopt(&helper.prefixWidths)
        shapes.adopt(&helper.shapes)
        runShapes.adopt(&helper.runShapes)
        metricsCache.adopt(&helper.metricsCache)
        if !adopted.contains(where: { $0 === helper }) { adopted.append(helper) }
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(layout))
        for kept in items.values {
            pango_item_free(kept.item)
            for font in kept.earlier { g_object_unref(UnsafeMutableRawPointer(font)) }
        }
        for case let font? in asciiFonts.values { g_object_unref(UnsafeMutableRawPointer(font)) }
    }

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
        measured(text, font: font, language: language).width
    }

    /// `width`; a piece set in several fonts (a Latin name joined to Chinese, a Vietnamese name
    /// whose letters Liberation lacks) also has its runs shaped for drawing (`shapedRuns`) here,
    /// the first time it is measured, on the thread that sets its paragraph: the renderer, on
    /// the drawing thread, otherwise laid each out again, loading fonts there (the sample's four
    /// such words: 13 million instructions).
    public func pieceWidth(of text: String, font: FontSpec, language: String) -> Double {
        let (width, inSeveralFonts) = measured(text, font: font, language: language)
        if inSeveralFonts { _ = shapedRuns(text, font: font, language: language) }
        return width
    }

    /// The width of `text`, and whether it was measured just now as set in several fonts.
    private func measured(_ text: String, font: FontSpec, language: String) -> (width: Double, inSeveralFonts: Bool) {
        let key = Key(text: text, font: font, language: language)
        // A word in one font is shaped once, for measuring it here and drawing it later; its
        // width is kept with its glyphs. `widths` keeps the others'.
        if font.tracking == 0, case .some(.some(let shaped)) = shapes[key] { return (shaped.width, false) }
        if let cached = widths[key] { return (cached, false) }
        let start = ContinuousClock.now
        defer { shaping += ContinuousClock.now - start }
        let width: Double
        if font.tracking == 0 {
            if let shaped = shape(text, font: font, language: language) { return (shaped.width, false) }
            width = shapedWidth(of: text, font: font, language: language)
        } else {
            width = layoutWidth(of: text, font: font, language: language)
        }
        widths[key] = width
        return (width, font.tracking == 0)
    }

    /// The width as a one-line `PangoLayout` gives it; letter spacing is applied by layouts.
    func layoutWidth(of text: String, font: FontSpec, language: String) -> Double {
        let layout = prepare(text, font: font, language: language)
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        return Double(logical.width) / Double(PANGO_SCALE)
    }

    /// The width without letter spacing, as the sum of the advances Pango shapes for the text's
    /// items: what a one-line layout measures, without the layout's line breaking and
    /// attributes per character.
    func shapedWidth(of text: String, font: FontSpec, language: String) -> Double {
        let attributes = pango_attr_list_new()
        defer { pango_attr_list_unref(attributes) }
        pango_attr_list_insert(attributes, pango_attr_language_new(pango_language_from_string(language)))
        pango_attr_list_insert(attributes, pango_attr_font_desc_new(fonts.description(font)))
        let glyphs = pango_glyph_string_new()
        defer { pango_glyph_string_free(glyphs) }
        return text.withCString { pointer -> Double in
            let length = Int32(strlen(pointer))
            let items = pango_itemize(fonts.context, pointer, 0, length, attributes, nil)
            defer { g_list_free_full(items) { pango_item_free($0?.assumingMemoryBound(to: PangoItem.self)) } }
            var total: Int = 0
            var node = items
            while let current = node {
                if let item = current.pointee.data?.assumingMemoryBound(to: PangoItem.self) {
                    pango_shape_item(item, pointer, length, nil, glyphs, PANGO_SHAPE_NONE)
                    total += Int(pango_glyph_string_get_width(glyphs))
                }
                node = current.pointee.next
            }
            return Double(total) / Double(PANGO_SCALE)
        }
    }

    /// The ascent and descent of the font the text of `font` is set in first: the first font
    /// of its fontset, as HarfBuzz has them (as Pango's own font metrics take them, without
    /// Pango's sample text: that costs a layout, and a fontset and a fontconfig sort of its
    /// own, for each font). The fontset is the one text in `language` is shaped with: another
    /// language's would cost a fontconfig substitution and sort of its own, for the same first
    /// font (fontconfig matches the family before the language).
    public func metrics(of font: FontSpec, language: String) -> FontMetrics {
        let key = Key(text: "", font: font, language: language)
        if let cached = metricsCache[key] { return cached }
        let start = ContinuousClock.now
        defer { shaping += ContinuousClock.now - start }
        var extents = hb_font_extents_t()
        if let first = firstFont(of: font, language: pango_language_from_string(language)) {
            defer { g_object_unref(UnsafeMutableRawPointer(first)) }
            if let hb = pango_font_get_hb_font(first) { hb_font_get_extents_for_direction(hb, HB_DIRECTION_LTR, &extents) }
        }
        let result = FontMetrics(ascent: Double(extents.ascender) / Double(PANGO_SCALE),
                                 descent: Double(-extents.descender) / Double(PANGO_SCALE))
        metricsCache[key] = result
        return result
    }

    /// The scaled font of the first font of `font`'s fontset in `language`, where that font
    /// has every printable ASCII character: a word of them is drawn in that font alone (Pango
    /// takes each character from the first font that has it). Nil where it lacks one.
    func asciiFont(of font: FontSpec, language: String) -> OpaquePointer? {
        let key = Key(text: "", font: font, language: language)
        if let cached = asciiFonts[key] { return cached.flatMap { pango_cairo_font_get_scaled_font(OpaquePointer($0)) } }
        var kept: UnsafeMutablePointer<PangoFont>?
        if let first = firstFont(of: font, language: pango_language_from_string(language)) {
            // Kept (with its scaled font) as long as the shaper.
            if (0x20...0x7E).allSatisfy({ pango_font_has_char(first, gunichar($0)) != 0 }) { kept = first } else { g_object_unref(UnsafeMutableRawPointer(first)) }
        }
        asciiFonts[key] = .some(kept)
        return kept.flatMap { pango_cairo_font_get_scaled_font(OpaquePointer($0)) }
    }

    public func breakOpportunities(in text: String, language: String) -> [Int] {
        let count = text.unicodeScalars.count
        guard count > 1 else { return [] }
        let start = ContinuousClock.now
        defer { shaping += ContinuousClock.now - start }
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
        let plain = font.withoutTracking
        if let cached = shapes[Key(text: text, font: plain, language: language)] { return cached }
        let start = ContinuousClock.now
        defer { shaping += ContinuousClock.now - start }
        return shape(text, font: plain, language: language)
    }

    /// `shaped` without the clock (its callers keep it), from the cache or shaped now.
    private func shape(_ text: String, font: FontSpec, language: String) -> ShapedText? {
        let plain = font.withoutTracking
        let key = Key(text: text, font: plain, language: language)
        if let cached = shapes[key] ?? shapedDuringLookup?[key] { return cached }
        let result = oneItem(text, font: plain, language: language) { item, pointer, length in
            Self.shape(item, pointer, length: length, text: text)
        }
        if shapedDuringLookup != nil {
            shapedDuringLookup?[key] = .some(result)
        } else {
            shapes[key] = .some(result)
        }
        return result
    }

    public func prepareToDraw(_ text: String, font: FontSpec, language: String) {
        _ = shaped(text, font: font, language: language)
    }

    /// The shapes made so far, for another thread to look words up in while this shaper goes
    /// on: a copy, without the shapes made after it. Until `endShapeLookup`, shapes made are
    /// kept apart (`shapedDuringLookup`): one more word in `shapes` would copy it whole, some
    /// 10 MB at 200 pages, while the other thread holds the copy.
    func shapeLookup() -> ShapeLookup {
        if shapedDuringLookup == nil { shapedDuringLookup = [:] }
        return ShapeLookup(shapes: shapes)
    }

    /// Takes the shapes made since `shapeLookup` into the others, once the other thread is
    /// done with its copy.
    func endShapeLookup() {
        guard let made = shapedDuringLookup else { return }
        shapedDuringLookup = nil
        shapes.merge(made)
    }

    /// Shapes made while another thread reads a copy of `shapes`; nil when none does.
    private var shapedDuringLookup: [Key: ShapedText?]?

    public func prefixWidth(of text: String, font: FontSpec, language: String) -> Double {
        guard font.tracking == 0 else { return width(of: text, font: font, language: language) }
        let key = Key(text: text, font: font, language: language)
        if case .some(.some(let shaped)) = shapes[key] { return shaped.width }
        if let cached = widths[key] ?? prefixWidths[key] { return cached }
        let start = ContinuousClock.now
        defer { shaping += ContinuousClock.now - start }
        // Shaped as `width` shapes it, but only the width is kept: a word's beginnings are most
        // of the texts measured, and none is drawn as it is.
        let width = oneItem(text, font: font, language: language) { item, pointer, length in Self.width(item, pointer, length: length) }
            ?? shapedWidth(of: text, font: font, language: language)
        prefixWidths[key] = width
        return width
    }

    /// What `make` makes of `text` shaped as one item in `plain` (a font without letter
    /// spacing): with an earlier word's item where that can be, else itemised as a one-line
    /// layout would itemise it (the widths test checks they agree). Nil when Pango needs more
    /// than one run.
    private func oneItem<Result>(_ text: String, font plain: FontSpec, language: String,
                                 _ make: (UnsafeMutablePointer<PangoItem>, UnsafePointer<CChar>, Int32) -> Result?) -> Result? {
        let scriptClass = Self.oneRunClass(text)
        if let script = scriptClass, let kept = items[ItemKey(font: plain, language: language, script: script)],
           let result = shape(text, likeAnEarlierWord: kept, make) {
            itemsTaken += 1
            return result
        }
        itemsMade += 1
        let attributes = pango_attr_list_new()
        defer { pango_attr_list_unref(attributes) }
        pango_attr_list_insert(attributes, pango_attr_language_new(pango_language_from_string(language)))
        pango_attr_list_insert(attributes, pango_attr_font_desc_new(fonts.description(plain)))
        return text.withCString { pointer -> Result? in
            let length = Int32(strlen(pointer))
            let items = pango_itemize(fonts.context, pointer, 0, length, attributes, nil)
            defer { g_list_free_full(items) { pango_item_free($0?.assumingMemoryBound(to: PangoItem.self)) } }
            guard let only = items, only.pointee.next == nil,
                  let item = only.pointee.data?.assumingMemoryBound(to: PangoItem.self) else { return nil }
            if let script = scriptClass { keep(item, for: ItemKey(font: plain, language: language, script: script)) }
            return make(item, pointer, length)
        }
    }

    /// What `make` makes of `text` shaped as one item with `kept`'s analysis; nil if its font
    /// lacks a character, or a font before it has one.
    private func shape<Result>(_ text: String, likeAnEarlierWord kept: KeptItem,
                               _ make: (UnsafeMutablePointer<PangoItem>, UnsafePointer<CChar>, Int32) -> Result?) -> Result? {
        guard let font = kept.item.pointee.analysis.font else { return nil }
        let known = coverage(of: font)
        let before = kept.earlier.map { coverage(of: $0) }
        var characters: Int32 = 0
        for scalar in text.unicodeScalars {
            guard known.has(scalar.value), !before.contains(where: { $0.has(scalar.value) }) else { return nil }
            characters += 1
        }
        return text.withCString { pointer -> Result? in
            guard let item = pango_item_copy(kept.item) else { return nil }
            defer { pango_item_free(item) }
            item.pointee.offset = 0
            item.pointee.length = Int32(strlen(pointer))
            item.pointee.num_chars = characters
            return make(item, pointer, item.pointee.length)
        }
    }

    /// The advance of the glyphs Pango shapes for `item` of the text at `pointer`, in points,
    /// as `ShapedText.width` has it.
    private static func width(_ item: UnsafeMutablePointer<PangoItem>, _ pointer: UnsafePointer<CChar>, length: Int32) -> Double? {
        let glyphs = pango_glyph_string_new()
        defer { pango_glyph_string_free(glyphs) }
        pango_shape_item(item, pointer, length, nil, glyphs, PANGO_SHAPE_NONE)
        return Double(pango_glyph_string_get_width(glyphs)) / Double(PANGO_SCALE)
    }

    /// The glyphs Pango shapes for `item` of the text at `pointer`, as a run of their own (the
    /// item is copied into it).
    private static func shape(_ item: UnsafeMutablePointer<PangoItem>, _ pointer: UnsafePointer<CChar>, length: Int32, text: String) -> ShapedText? {
        let glyphs = pango_glyph_string_new()
        defer { pango_glyph_string_free(glyphs) }
        pango_shape_item(item, pointer, length, nil, glyphs, PANGO_SHAPE_NONE)
        var glyphItem = PangoGlyphItem()
        glyphItem.item = item
        glyphItem.glyphs = glyphs
        return pango_glyph_item_copy(&glyphItem).map { ShapedText(item: $0, text: text) }
    }

    /// Which characters `font` has, as Pango answers, asked once each.
    private func coverage(of font: UnsafeMutablePointer<PangoFont>) -> Coverage {
        if let known = coverage[font] { return known }
        let made = Coverage(font)
        coverage[font] = made
        return made
    }

    /// Keeps a copy of `item` for later words of `key`, if there is none yet, with the fonts
    /// before its own in the font list Pango chose it from: none for a Latin word, whose item
    /// is kept only in the first font (a word of its letters in a fallback font is itemised).
    private func keep(_ item: UnsafeMutablePointer<PangoItem>, for key: ItemKey) {
        guard items[key] == nil, let font = item.pointee.analysis.font,
              let earlier = fonts(of: key.font, language: item.pointee.analysis.language, before: font) else { return }
        guard earlier.isEmpty || key.script.isIdeographic, let copy = pango_item_copy(item) else {
            for font in earlier { g_object_unref(UnsafeMutableRawPointer(font)) }
            return
        }
        items[key] = KeptItem(item: copy, earlier: earlier)
    }

    /// The fonts before `font` in the fontset Pango makes for `spec` in `language`, referenced
    /// for the caller to unreference; nil when `font` is not in it.
    private func fonts(of spec: FontSpec, language: OpaquePointer?, before font: UnsafeMutablePointer<PangoFont>) -> [UnsafeMutablePointer<PangoFont>]? {
        guard let map = pango_context_get_font_map(fonts.context),
              let fontset = pango_font_map_load_fontset(map, fonts.context, fonts.description(spec), language) else { return nil }
        defer { g_object_unref(UnsafeMutableRawPointer(fontset)) }
        var walk = (sought: font, found: false, earlier: [UnsafeMutablePointer<PangoFont>]())
        pango_fontset_foreach(fontset, { _, font, data in
            guard let font, let walk = data?.assumingMemoryBound(to: (sought: UnsafeMutablePointer<PangoFont>, found: Bool,
                                                                      earlier: [UnsafeMutablePointer<PangoFont>]).self) else { return 1 }
            if font == walk.pointee.sought {
                walk.pointee.found = true
                return 1
            }
            walk.pointee.earlier.append(font)
            return 0
        }, &walk)
        guard walk.found else { return nil }
        for font in walk.earlier { g_object_ref(UnsafeMutableRawPointer(font)) }
        return walk.earlier
    }

    /// The first font of the fontset Pango makes for `font` in `language`: the one its text is
    /// set in wherever that font has the characters. Referenced for the caller to unreference.
    private func firstFont(of font: FontSpec, language: OpaquePointer?) -> UnsafeMutablePointer<PangoFont>? {
        guard let map = pango_context_get_font_map(fonts.context),
              let fontset = pango_font_map_load_fontset(map, fonts.context, fonts.description(font), language) else { return nil }
        defer { g_object_unref(UnsafeMutableRawPointer(fontset)) }
        var first: UnsafeMutablePointer<PangoFont>?
        pango_fontset_foreach(fontset, { _, font, found in
            found?.assumingMemoryBound(to: UnsafeMutablePointer<PangoFont>?.self).pointee = font
            return 1
        }, &first)
        if let first { g_object_ref(UnsafeMutableRawPointer(first)) }
        return first
    }

    /// Which kind of run Pango makes of a word, for `oneRunClass`.
    enum RunClass: Hashable {
        /// Latin letters, with or without digits and punctuation.
        case latin
        /// Digits and punctuation alone (the common script).
        case common
        /// Chinese characters, hiragana, katakana or hangul alone, one of them.
        case ideographic(Int32)

        var isIdeographic: Bool { if case .ideographic = self { true } else { false } }
    }

    /// Whether Pango makes `text` one run of one script in any font list that has its
    /// characters, and which (`RunClass`); nil for anything else (spaces, marks, other scripts,
    /// a Chinese character beside a kana or a digit, and characters that may be drawn as
    /// emoji), which is itemised.
    static func oneRunClass(_ text: String) -> RunClass? {
        var latin = false, common = false
        var ideographic: Int32?
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let script = g_unichar_get_script(value)
            switch script {
            case G_UNICODE_SCRIPT_HAN, G_UNICODE_SCRIPT_HIRAGANA, G_UNICODE_SCRIPT_KATAKANA, G_UNICODE_SCRIPT_HANGUL:
                guard g_unichar_isgraph(value) != 0, !latin, !common, ideographic == nil || ideographic == script.rawValue else { return nil }
                ideographic = script.rawValue
            case G_UNICODE_SCRIPT_LATIN:
                guard g_unichar_isgraph(value) != 0, ideographic == nil else { return nil }
                latin = true
            case G_UNICODE_SCRIPT_COMMON:
                // Printable ASCII (whose digits, # and * are emoji only before U+FE0F), Latin-1
                // punctuation but ©, ® and the soft hyphen, × and ÷, dashes, quotation marks,
                // bullets and ellipsis, per mille, primes and guillemets, and currency signs.
                switch value {
                case 0x21...0x7E, 0xA1...0xA8, 0xAA...0xAC, 0xAF...0xBF, 0xD7, 0xF7, 0x2010...0x2027, 0x2030...0x203B, 0x20A0...0x20BF:
                    guard ideographic == nil else { return nil }
                    common = true
                default: return nil
                }
            default:
                return nil
            }
        }
        if let ideographic { return .ideographic(ideographic) }
        return text.isEmpty ? nil : latin ? .latin : .common
    }

    /// Every run Pango shapes `text` into, each in one font, in reading order: for a word
    /// that needs several fonts (a Latin name joined to Chinese by 和), which the renderer then
    /// draws run by run. Nil when the text takes more than one line or reads right to left.
    func shapedRuns(_ text: String, font: FontSpec, language: String) -> [ShapedText]? {
        let plain = font.withoutTracking
        let key = Key(text: text, font: plain, language: language)
        if let cached = runShapes[key] { return cached }
        let start = ContinuousClock.now
        defer { shaping += ContinuousClock.now - start }
        let layout = prepare(text, font: plain, language: language)
        var result: [ShapedText]? = []
        let bytes = Array(text.utf8)
        if pango_layout_get_line_count(layout) == 1, let line = pango_layout_get_line_readonly(layout, 0) {
            var node = line.pointee.runs
            while let current = node, result != nil {
                guard let data = current.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self), let item = data.pointee.item,
                      item.pointee.analysis.level % 2 == 0,
                      case let range = Int(item.pointee.offset)..<Int(item.pointee.offset + item.pointee.length),
                      range.lowerBound >= 0, range.upperBound <= bytes.count,
                      let copy = pango_glyph_item_copy(data) else {
                    result = nil
                    break
                }
                result?.append(ShapedText(item: copy, text: String(decoding: bytes[range], as: UTF8.self)))
                node = current.pointee.next
            }
        } else {
            result = nil
        }
        runShapes[key] = .some(result)
        return result
    }

    /// The family of each font Pango sets `text` in, with the part of the text set in it, in
    /// reading order: which face of the family list a word's characters come from. Empty when
    /// the text takes more than one line or reads right to left.
    func faces(of text: String, font: FontSpec, language: String) -> [(text: String, family: String)] {
        (shapedRuns(text, font: font, language: language) ?? []).compactMap { run in
            guard let font = run.item.pointee.item?.pointee.analysis.font, let description = pango_font_describe(font) else { return nil }
            defer { pango_font_description_free(description) }
            guard let family = pango_font_description_get_family(description) else { return nil }
            return (run.text, String(cString: family))
        }
    }

    /// `shaped` as a one-line layout gives it, for the tests.
    func layoutShaped(_ text: String, font: FontSpec, language: String) -> ShapedText? {
        let layout = prepare(text, font: font, language: language)
        guard let line = pango_layout_get_line_readonly(layout, 0), let runs = line.pointee.runs, runs.pointee.next == nil,
              let data = runs.pointee.data, let copy = pango_glyph_item_copy(data.assumingMemoryBound(to: PangoGlyphItem.self)) else { return nil }
        return ShapedText(item: copy, text: text)
    }

    /// The distance from the top of the prepared layout to its first baseline.
    func baseline(of layout: OpaquePointer) -> Double {
        Double(pango_layout_get_baseline(layout)) / Double(PANGO_SCALE)
    }
}

/// Which characters a font has, as Pango answers: asked once for each character of the Basic
/// Multilingual Plane. Every character of every word shaped like an earlier one is looked up
/// here, so it is a table by character (a dictionary cost as much as the rest of the check).
private final class Coverage {
    private let font: UnsafeMutablePointer<PangoFont>
    /// For each character of the plane: 0 not asked yet, 1 the font has it, 2 it lacks it.
    private let table: UnsafeMutablePointer<UInt8>
    private static let tableSize = 0x10000

    init(_ font: UnsafeMutablePointer<PangoFont>) {
        self.font = font
        table = calloc(Self.tableSize, 1)!.assumingMemoryBound(to: UInt8.self)
    }

    deinit { free(table) }

    func has(_ character: UInt32) -> Bool {
        // Beyond the plane (the few Latin letters of the supplementary planes): asked each time.
        guard character < Self.tableSize else { return pango_font_has_char(font, character) != 0 }
        let known = table[Int(character)]
        if known != 0 { return known == 1 }
        let has = pango_font_has_char(font, character) != 0
        table[Int(character)] = has ? 1 : 2
        return has
    }
}

/// The shapes a `PangoShaper` had made when it was asked (`shapeLookup`), for another thread:
/// words are looked up in it, never shaped.
struct ShapeLookup: @unchecked Sendable {
    fileprivate let shapes: PangoShaper.Cache<ShapedText?>

    /// `text`'s shape in `font` (without its letter spacing) as `PangoShaper.shaped` gives it:
    /// nil inside if it is not one run; nil if it was not shaped.
    func shaped(_ text: String, font: FontSpec, language: String) -> ShapedText?? {
        let plain = font.withoutTracking
        return shapes[PangoShaper.Key(text: text, font: plain, language: language)]
    }
}

/// A run of glyphs Pango shaped for a text, owned and freed here.
final class ShapedText {
    let item: UnsafeMutablePointer<PangoGlyphItem>
    let text: String
    /// The text's UTF-8 bytes without a terminating NUL, as `cairo_show_text_glyphs` takes
    /// them: made once, for every time the word is drawn.
    let utf8: [CChar]
    /// The cairo font the glyphs are drawn in (the item's font holds it); nil if there is none.
    let scaledFont: OpaquePointer?
    /// The glyphs' advances, in points.
    let width: Double

    init(item: UnsafeMutablePointer<PangoGlyphItem>, text: String) {
        self.item = item
        self.text = text
        width = Double(pango_glyph_string_get_width(item.pointee.glyphs)) / Double(PANGO_SCALE)
        utf8 = text.utf8.map { CChar(bitPattern: $0) }
        scaledFont = item.pointee.item?.pointee.analysis.font.flatMap { pango_cairo_font_get_scaled_font(OpaquePointer($0)) }
    }

    deinit { pango_glyph_item_free(item) }
}

/// Glyphs, text and clusters for one `cairo_show_text_glyphs` call, gathered from shaped texts.
struct GlyphRun {
    var glyphs: [cairo_glyph_t] = []
    var clusters: [cairo_text_cluster_t] = []
    var utf8: [CChar] = []
    var scaledFont: OpaquePointer?
    /// Characters no font of the fallback list has (Pango's unknown glyphs), which are not drawn.
    var missing: [Unicode.Scalar] = []
    /// Where the last text appended ends (its origin plus its advance), if any was.
    var end: Double?

    /// Room for `count` glyphs, clusters and bytes of text (a line's), so that appending its
    /// words does not grow the arrays again and again.
    mutating func reserveCapacity(_ count: Int) {
        glyphs.reserveCapacity(count)
        clusters.reserveCapacity(count)
        utf8.reserveCapacity(count)
    }

    /// Adds `shaped` with its origin at `x`, `tracking` points between clusters (none after the
    /// last, as Pango's letter spacing does). False if it uses another font than the run so far
    /// or does not read left to right.
    mutating func append(_ shaped: ShapedText, x origin: Double, tracking: Double) -> Bool {
        guard let string = shaped.item.pointee.glyphs, let scaled = shaped.scaledFont else { return false }
        if let scaledFont, scaledFont != scaled { return false }
        scaledFont = scaled
        let bytes = shaped.utf8
        let count = Int(string.pointee.num_glyphs)
        guard count > 0, let infos = string.pointee.glyphs, let logClusters = string.pointee.log_clusters else {
            utf8 += bytes
            end = origin
            return true
        }
        let unit = Double(PANGO_SCALE)
        // The word's glyphs and clusters are gathered here, then added to the run at once: a
        // run is made for every line drawn, and adding them one by one was most of its cost.
        return withUnsafeTemporaryAllocation(of: cairo_glyph_t.self, capacity: count) { newGlyphs in
            withUnsafeTemporaryAllocation(of: cairo_text_cluster_t.self, capacity: count) { newClusters in
                var glyphCount = 0, clusterCount = 0
                var x = origin
                var i = 0
                while i < count {
                    let start = Int(logClusters[i])
                    var j = i
                    var drawn: Int32 = 0
                    repeat {
                        let info = infos[j]
                        if info.glyph & PANGO_GLYPH_UNKNOWN_FLAG != 0 {
                            if let scalar = Unicode.Scalar(info.glyph & ~PANGO_GLYPH_UNKNOWN_FLAG) { missing.append(scalar) }
                        } else if info.glyph != PANGO_GLYPH_EMPTY {
                            newGlyphs.initializeElement(at: glyphCount, to: cairo_glyph_t(index: UInt(info.glyph), x: x + Double(info.geometry.x_offset) / unit,
                                                                                         y: Double(info.geometry.y_offset) / unit))
                            glyphCount += 1
                            drawn += 1
                        }
                        x += Double(info.geometry.width) / unit
                        j += 1
                    } while j < count && Int(logClusters[j]) == start
                    let next = j < count ? Int(logClusters[j]) : bytes.count
                    // Left to right only: each cluster's bytes follow the previous cluster's.
                    guard next > start, i > 0 || start == 0 else { return false }
                    if j < count { x += tracking }
                    newClusters.initializeElement(at: clusterCount, to: cairo_text_cluster_t(num_bytes: Int32(next - start), num_glyphs: drawn))
                    clusterCount += 1
                    i = j
                }
                glyphs.append(contentsOf: UnsafeBufferPointer(rebasing: newGlyphs[..<glyphCount]))
                clusters.append(contentsOf: UnsafeBufferPointer(rebasing: newClusters[..<clusterCount]))
                utf8 += bytes
                end = x
                return true
            }
        }
    }

    /// Makes `text` the PDF's actual text for the glyphs: the clusters it shares with the text
    /// drawn keep their own glyphs, and the rest stands for the remaining glyphs at once
    /// ("stud" letter by letter, then U+00AD for the drawn hyphen of "stud-"). So text taken
    /// from the PDF has each letter where it is drawn, and the line reaches the column's edge.
    mutating func replaceText(with text: String) {
        let replacement = Array(text.utf8CString.dropLast())
        var keptBytes = 0, keptGlyphs = 0, kept = 0
        for cluster in clusters {
            let end = keptBytes + Int(cluster.num_bytes)
            // Something of both the text and the glyphs must be left for the last cluster.
            guard end < replacement.count, end <= utf8.count, keptGlyphs + Int(cluster.num_glyphs) < glyphs.count,
                  utf8[keptBytes..<end].elementsEqual(replacement[keptBytes..<end]) else { break }
            keptBytes = end
            keptGlyphs += Int(cluster.num_glyphs)
            kept += 1
        }
        clusters = Array(clusters.prefix(kept))
            + [cairo_text_cluster_t(num_bytes: Int32(replacement.count - keptBytes), num_glyphs: Int32(glyphs.count - keptGlyphs))]
        utf8 = replacement
    }
}

extension FontSpec {
    /// The font without letter spacing: words are shaped so, and spaced as they are drawn.
    var withoutTracking: FontSpec {
        var plain = self
        plain.tracking = 0
        return plain
    }
}
