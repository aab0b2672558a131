import CCairo
import Foundation
import Synchronization
import CFontconfig
import CPango
import BulletinModel
import BulletinLayout

/// Fonts as the layout names them, resolved through the system's fontconfig configuration with
/// the and bulletin's `fonts/` added as application fonts.
///
/// The system's configuration (`fonts.conf` and its `conf.d`, as every program on the machine
/// sees fonts) brings its folders, the user's `~/.local/share/fonts` and the generic families
/// (`serif`, `sans-serif`, `monospace`). A layout that names concrete families (`Liberation
/// Serif`, as the shipped ones do) gets the same files, so the same bytes, wherever those
/// fonts are installed; a generic name is resolved by the system's rules, so what it gives
/// depends on the machine.
public final class FontLibrary {
    let config: OpaquePointer
    let fontMap: UnsafeMutablePointer<PangoFontMap>
    let context: OpaquePointer
    private var descriptions: [FontSpec: OpaquePointer] = [:]
    /// Generic names and the families the configuration resolves them to.
    private var generics: [String: String] = [:]
    /// Families (lower-cased) and the languages their fonts have the letters of.
    private var familyLanguages: [String: Set<String>] = [:]
    /// Files of the font folders that were not given to fontconfig (FIFOs, sockets, devices,
    /// links to folders) or that it could not read as fonts, each with its path as given.
    public let warnings: [Warning]

    /// The names fontconfig's configuration resolves to installed fonts rather than naming one
    /// itself: a layout may use them although no font has them as its family.
    public static let genericFamilies: Set<String> = ["serif", "sans-serif", "sans", "monospace", "mono", "cursive", "fantasy",
                                                      "system-ui", "emoji", "math"]

    /// Loads the system's configuration and adds the font files found in `folders` (in order;
    /// see `FontFiles`) as application fonts. A face of those files wins over the system's face
    /// of the same family, weight, slant and width: an office that puts its own build of a
    /// family in `fonts/` is set in that build, not in whatever copy the machine has.
    public init(folders: [String]) {
        // FONTCONFIG_FILE and FONTCONFIG_PATH are honoured, as by any fontconfig program. A
        // machine without a configuration still gets its font folders. The system's fonts are
        // read last (FcConfigBuildFonts below), once the rules that set the folders' faces
        // before them are in place.
        let config: OpaquePointer
        if let system = Self.systemConfiguration() {
            config = system
        } else {
            config = FcConfigCreate()!
            Self.load("<dir>/usr/share/fonts</dir><dir>/usr/local/share/fonts</dir><dir prefix=\"xdg\">fonts</dir>"
                + "<cachedir>/var/cache/fontconfig</cachedir><cachedir prefix=\"xdg\">fontconfig</cachedir>", into: config)
        }
        // One rule after the system's: no synthetic faces. Its 90-synthetic.conf slants a face
        // without italics (Noto Serif CJK in an italic deck) and emboldens one without bold; a
        // face the fonts lack is set as the fonts have it, as bulletin always did, rather than
        // faked (slanted Chinese is no typography).
        Self.load("<match target=\"font\">"
            + "<edit name=\"matrix\" mode=\"assign\"><matrix><double>1</double><double>0</double><double>0</double><double>1</double></matrix></edit>"
            + "<edit name=\"embolden\" mode=\"assign\"><bool>false</bool></edit></match>", into: config)
        self.config = config
        // The folders' files one by one (FcConfigAppFontAddFile, not ...AddDir): given a
        // folder, fontconfig opens every file in it, and opening a FIFO waits for a writer that
        // never comes.
        let cwd = FileManager.default.currentDirectoryPath
        let files = FontFiles(folders: folders.map { folder in
            ((folder.hasPrefix("/") ? folder : (cwd as NSString).appendingPathComponent(folder)) as NSString).standardizingPath
        })
        var warnings = files.warnings
        for path in files.paths {
            let added = path.withCString { FcConfigAppFontAddFile(config, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) }
            // A README or a licence beside the fonts is no font; a file named as one that
            // fontconfig cannot read is damaged (or misnamed), and its family would be missing
            // without a word about why.
            if added == FcFalse && FontFiles.isNamedAsFont(path) {
                warnings.append(Warning(file: path, "not a font fontconfig can read (damaged, or not the format its name says): skipped"))
            }
        }
        self.warnings = warnings
        // Equal matches go to the system's copy (its fonts are searched first), so the system's
        // faces that the folders' files replace are left out of the system's set.
        if let rules = Self.rulesPreferring(FcConfigGetFonts(config, FcSetApplication)) { Self.load(rules, into: config) }
        FcConfigBuildFonts(config)
        // This configuration is the process's current one before Pango's first font map is
        // made: that starts a thread to load fontconfig's default configuration (FcInit),
        // which is then already there, rather than read again from the system's files for
        // nothing (Pango uses the configuration it is given).
        FcConfigSetCurrent(config)
        (fontMap, context) = Self.fontMap(for: config)
        makeDefault()
    }

    /// The system's configuration as read by `readSystemConfigurationAhead`, for the first
    /// library made after it started, or read here.
    private static func systemConfiguration() -> OpaquePointer? {
        let ahead = systemAhead.withLock { started in
            defer { started = nil }
            return started
        }
        return ahead?.wait() ?? FcInitLoadConfig()
    }

    static let systemAhead = Mutex<BackgroundWork<OpaquePointer?>?>(nil)

    /// Starts reading the system's configuration (`fonts.conf` and its `conf.d`: about 4 ms of
    /// XML) on another thread, for the first `FontLibrary` to take: a command calls it as it
    /// starts, before it reads its arguments, so that the configuration is read while they are
    /// and the issue is, not after them. (It depends on nothing a command is told.)
    public static func readSystemConfigurationAhead() {
        systemAhead.withLock { started in
            if started == nil { started = BackgroundWork { FcInitLoadConfig() } }
        }
    }

    /// Adds configuration `rules` (the elements inside `<fontconfig>`) to `config`.
    private static func load(_ rules: String, into config: OpaquePointer) {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig>" + rules + "</fontconfig>"
        _ = xml.withCString { FcConfigParseAndLoadFromMemory(config, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self), FcTrue) }
    }

    /// Rules that reject every system face with the family, weight, slant and width of one of
    /// `faces` (the folders' fonts), and accept the folders' own files whatever the rules; nil
    /// when there are none. A variable font stands for every weight of its family.
    private static func rulesPreferring(_ faces: UnsafeMutablePointer<FcFontSet>?) -> String? {
        guard let faces, faces.pointee.nfont > 0 else { return nil }
        var rejected = Set<String>(), files: [String] = []
        for index in 0..<Int(faces.pointee.nfont) {
            guard let face = faces.pointee.fonts[index] else { continue }
            let families = strings(face, FC_FAMILY)
            guard !families.isEmpty else { continue }
            var pattern = "<patelt name=\"family\">" + families.map { "<string>\(escaped($0))</string>" }.joined() + "</patelt>"
            for property in [FC_WEIGHT, FC_SLANT, FC_WIDTH] {
                var value: Int32 = 0
                // A range (a variable font's weights) is not an integer: every value is taken.
                if FcPatternGetInteger(face, property, 0, &value) == FcResultMatch {
                    pattern += "<patelt name=\"\(property)\"><int>\(value)</int></patelt>"
                }
            }
            rejected.insert("<pattern>" + pattern + "</pattern>")
            files += strings(face, FC_FILE)
        }
        let accepted = "<patelt name=\"file\">" + files.map { "<string>\(escaped($0))</string>" }.joined() + "</patelt>"
        return "<selectfont><acceptfont><pattern>" + accepted + "</pattern></acceptfont><rejectfont>"
            + rejected.sorted().joined() + "</rejectfont></selectfont>"
    }

    /// Every string value of `object` in `pattern`.
    private static func strings(_ pattern: OpaquePointer, _ object: String) -> [String] {
        var values: [String] = []
        var value: UnsafeMutablePointer<FcChar8>?
        while FcPatternGetString(pattern, object, Int32(values.count), &value) == FcResultMatch, let text = value {
            values.append(String(cString: UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self)))
        }
        return values
    }

    /// `text` as XML character data.
    private static func escaped(_ text: String) -> String {
        text.replacingAll("&", "&amp;").replacingAll("<", "&lt;").replacingAll(">", "&gt;")
    }

    /// Makes this library's font map Pango's default on the calling thread, so that other Pango
    /// users (librsvg) resolve fonts the same way. Pango keeps a default for each thread: a
    /// library made on another thread is made the default here before pictures are read.
    public func makeDefault() {
        pango_cairo_font_map_set_default(OpaquePointer(fontMap))
    }

    /// A library for another thread: the same fonts (this library's configuration), with a
    /// font map, context and caches of its own, as Pango's are not shared between threads.
    /// The same font files give the same cairo faces, so what it shapes draws as this one's.
    public func sibling() -> FontLibrary { FontLibrary(sharing: self) }

    private init(sharing other: FontLibrary) {
        config = FcConfigReference(other.config)
        warnings = []
        (fontMap, context) = Self.fontMap(for: config)
    }

    /// A font map of `config`'s fonts, and its context measuring as the PDF draws.
    private static func fontMap(for config: OpaquePointer) -> (UnsafeMutablePointer<PangoFontMap>, OpaquePointer) {
        let fontMap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT)!
        pango_fc_font_map_set_config(OpaquePointer(fontMap), config)
        let context = pango_font_map_create_context(fontMap)!
        let options = cairo_font_options_create()
        // Shaped widths must be the widths in the PDF: no hinting of metrics, no rounding.
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_context_set_round_glyph_positions(context, 0)
        // What is asked without a language is asked in English, whatever the process's locale:
        // the PDF must not depend on the machine's locale, and Pango keeps a fontset, for which
        // fontconfig sorts every installed font, for each font and language (Pango's own font
        // metrics, asked in the C locale's language, took about 20 of the sample's 100 sorts).
        pango_context_set_language(context, pango_language_from_string("en"))
        return (fontMap, context)
    }

    deinit {
        for description in descriptions.values { pango_font_description_free(description) }
        g_object_unref(UnsafeMutableRawPointer(context))
        g_object_unref(UnsafeMutableRawPointer(fontMap))
        FcConfigDestroy(config)
    }

    /// Whether fontconfig knows a font of this family (by its exact name, case aside), or the
    /// family is a generic one (`serif`) that the configuration resolves to an installed font.
    /// Other aliases (`Helvetica` to Liberation Sans) are not taken: a layout gets the face it
    /// names or an error, never a stand-in.
    public func hasFamily(_ family: String) -> Bool {
        if Self.genericFamilies.contains(family.lowercased()) { return resolves(family) }
        return fonts(ofFamily: family, with: [FC_FAMILY]) { $0.pointee.nfont > 0 } ?? false
    }

    /// The installed fonts of `family`, each with the properties `objects`, handed to `body`;
    /// nil when fontconfig cannot list them.
    private func fonts<T>(ofFamily family: String, with objects: [String], _ body: (UnsafeMutablePointer<FcFontSet>) -> T) -> T? {
        guard let pattern = FcPatternCreate() else { return nil }
        defer { FcPatternDestroy(pattern) }
        _ = family.withCString { FcPatternAddString(pattern, FC_FAMILY, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) }
        guard let set = FcObjectSetCreate() else { return nil }
        defer { FcObjectSetDestroy(set) }
        for object in objects { FcObjectSetAdd(set, object) }
        guard let list = FcFontList(config, pattern, set) else { return nil }
        defer { FcFontSetDestroy(list) }
        return body(list)
    }

    /// Whether the configuration's rules lead `family` to an installed font.
    private func resolves(_ family: String) -> Bool {
        guard let pattern = FcPatternCreate() else { return false }
        defer { FcPatternDestroy(pattern) }
        _ = family.withCString { FcPatternAddString(pattern, FC_FAMILY, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) }
        FcConfigSubstitute(config, pattern, FcMatchPattern)
        FcDefaultSubstitute(pattern)
        var result = FcResultNoMatch
        guard let match = FcFontMatch(config, pattern, &result) else { return false }
        FcPatternDestroy(match)
        return result == FcResultMatch
    }

    /// Whether `family` has an installed face as bold (semibold or heavier) and as italic (or
    /// oblique) as asked; a generic family (`serif`) is taken to have them.
    public func hasFace(_ family: String, bold: Bool, italic: Bool) -> Bool {
        if Self.genericFamilies.contains(family.lowercased()) { return true }
        return fonts(ofFamily: family, with: [FC_WEIGHT, FC_SLANT]) { list in
            (0..<Int(list.pointee.nfont)).contains { index in
                guard let font = list.pointee.fonts[index] else { return false }
                var slant: Int32 = Int32(FC_SLANT_ROMAN)
                _ = FcPatternGetInteger(font, FC_SLANT, 0, &slant)
                // A variable font's weights are a range: it has every face within it.
                var weight: Int32 = Int32(FC_WEIGHT_REGULAR)
                var low = 0.0, high = 0.0
                var range: OpaquePointer?
                if FcPatternGetRange(font, FC_WEIGHT, 0, &range) == FcResultMatch, let range, FcRangeGetDouble(range, &low, &high) != 0 {
                } else {
                    _ = FcPatternGetInteger(font, FC_WEIGHT, 0, &weight)
                    low = Double(weight)
                    high = Double(weight)
                }
                let demibold = Double(FC_WEIGHT_DEMIBOLD)
                return (bold ? high >= demibold : low < demibold) && (slant != Int32(FC_SLANT_ROMAN)) == italic
            }
        } ?? true
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

    /// The languages whose letters `family`'s fonts have, as fontconfig finds them (its
    /// `lang` property, from each font's characters), by base language: "zh" for a family
    /// with the letters of zh-cn. A family no installed font has has none.
    public func languages(ofFamily family: String) -> Set<String> {
        let concrete = concreteFamily(family)
        if let known = familyLanguages[concrete.lowercased()] { return known }
        var languages = Set<String>()
        _ = fonts(ofFamily: concrete, with: [FC_LANG]) { list in
            for index in 0..<Int(list.pointee.nfont) {
                var set: OpaquePointer?
                guard let font = list.pointee.fonts[index], FcPatternGetLangSet(font, FC_LANG, 0, &set) == FcResultMatch,
                      let set, let tags = FcLangSetGetLangs(set) else { continue }
                if let each = FcStrListCreate(tags) {
                    while let tag = FcStrListNext(each) {
                        languages.insert(FallbackFamilies.baseLanguage(String(cString: UnsafeRawPointer(tag).assumingMemoryBound(to: CChar.self))))
                    }
                    FcStrListDone(each)
                }
                FcStrSetDestroy(tags)
            }
        }
        familyLanguages[concrete.lowercased()] = languages
        return languages
    }

    /// `fallback` with each family's languages, so that text of a language takes the faces
    /// made for it in the right order (see `FallbackFamilies`).
    public func withLanguages(_ fallback: FallbackFamilies) -> FallbackFamilies {
        var described = fallback
        for family in fallback.names { described.languages[family] = languages(ofFamily: family) }
        return described
    }

    /// The family the configuration gives a generic name (`serif` -> `DejaVu Serif`), or the
    /// name as it is.
    public func concreteFamily(_ family: String) -> String {
        guard Self.genericFamilies.contains(family.lowercased()) else { return family }
        if let known = generics[family.lowercased()] { return known }
        var concrete = family
        if let pattern = FcPatternCreate() {
            _ = family.withCString { FcPatternAddString(pattern, FC_FAMILY, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) }
            FcConfigSubstitute(config, pattern, FcMatchPattern)
            FcDefaultSubstitute(pattern)
            var result = FcResultNoMatch
            if let match = FcFontMatch(config, pattern, &result) {
                var name: UnsafeMutablePointer<FcChar8>?
                if FcPatternGetString(match, FC_FAMILY, 0, &name) == FcResultMatch, let name {
                    concrete = String(cString: UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))
                }
                FcPatternDestroy(match)
            }
            FcPatternDestroy(pattern)
        }
        generics[family.lowercased()] = concrete
        return concrete
    }

    /// A Pango font description for `font`, owned and cached by the library.
    func description(_ font: FontSpec) -> OpaquePointer {
        if let cached = descriptions[font] { return cached }
        let description = pango_font_description_new()!
        // A generic name is bound weakly by fontconfig, below every family named beside it (the
        // layout's CJK fallback would win over `serif`): it is resolved to its family first.
        let families = font.family.split(separator: ",").map { concreteFamily($0.trimmed) }
        pango_font_description_set_family(description, families.joined(separator: ","))
        pango_font_description_set_absolute_size(description, font.size * Double(PANGO_SCALE))
        pango_font_description_set_weight(description, font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_style(description, font.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        descriptions[font] = description
        return description
    }
}

/// The regular files below the font folders, found without opening anything else.
///
/// Links to regular files count as files; links to anything else, and FIFOs, sockets and
/// devices, are passed over with a warning (opening one may block for ever); folders are entered
/// to a depth of 8, except through links, which could lead in a circle. Names starting with a dot
/// are skipped, as fontconfig skips them.
struct FontFiles {
    private(set) var paths: [String] = []
    private(set) var warnings: [Warning] = []

    static let deepest = 8

    init(folders: [String]) {
        for folder in folders {
            // The font folder itself may be a link to a folder: the program names it, not the issue.
            var info = stat()
            guard stat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { continue }
            enter(folder, depth: 0)
        }
    }

    private mutating func enter(_ folder: String, depth: Int) {
        guard depth < Self.deepest else {
            warnings.append(Warning(file: folder, "font folders nest deeper than \(Self.deepest): not read"))
            return
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        for name in names where !name.hasPrefix(".") {
            visit((folder as NSString).appendingPathComponent(name), depth: depth)
        }
    }

    private mutating func visit(_ path: String, depth: Int) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        switch info.st_mode & S_IFMT {
        case S_IFREG: paths.append(path)
        case S_IFDIR: enter(path, depth: depth + 1)
        case S_IFLNK:
            var target = stat()
            if stat(path, &target) == 0 && target.st_mode & S_IFMT == S_IFREG {
                paths.append(path)
            } else {
                skip(path, "is a link to \(stat(path, &target) == 0 ? Self.kind(target.st_mode) : "nothing"), not to a font file")
            }
        default: skip(path, "is \(Self.kind(info.st_mode)), not a font file")
        }
    }

    /// Whether `path` is named as a font file (by its suffix), so that fontconfig's not reading
    /// it is worth a warning.
    static func isNamedAsFont(_ path: String) -> Bool {
        ["ttf", "otf", "ttc", "otc", "woff", "woff2", "pfb", "pfa", "cff", "dfont"].contains((path as NSString).pathExtension.lowercased())
    }

    private mutating func skip(_ path: String, _ why: String) {
        warnings.append(Warning(file: path, "\(why): skipped"))
    }

    /// "a FIFO", "a socket", ... for messages.
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFDIR: return "a folder"
        case S_IFREG: return "a file"
        default: return "something other than a file"
        }
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
