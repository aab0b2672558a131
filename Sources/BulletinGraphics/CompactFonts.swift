import CCairo
import CHarfBuzz
import CPango
import Dispatch
import Foundation
import BulletinModel
import BulletinLayout

/// Compact CJK fonts for the email edition.
///
/// cairo 1.16 subsets a CFF font poorly: with Noto Serif CJK, the subroutines shared by all of
/// its 65,000 glyphs go into the PDF whole, and a story of a few hundred Chinese characters adds
/// half a megabyte. So before a large CFF face is drawn, HarfBuzz's subsetter cuts it down to
/// the glyphs the document draws with it, replacing subroutines by the outlines they hold; cairo
/// then draws, and subsets again, that small face. The small face numbers its glyphs afresh, in
/// the numbering HarfBuzz's subset plan gives, and drawing renumbers the glyphs Pango shaped
/// with the full face: keeping the full face's numbers
/// costs HarfBuzz about 40 % more time over tens of thousands of empty glyphs. Measured on the sample's Chinese story: 511 KB of font
/// before, about 50 KB after.
///
/// The small face has no character map: cairo draws by glyph number and takes the text from the
/// runs drawn. It is made on another thread while the pages are drawn; drawing waits for it at
/// the first glyph in the large face.
///
/// Only glyph runs the renderer draws itself use the small face; a fragment Pango draws in
/// several fonts keeps the full one.
final class CompactFonts {
    /// A face is worth cutting down when it is CFF with more glyphs than this (CJK faces have
    /// tens of thousands; Latin ones a few thousand at most).
    static let largeFace = 5000

    /// The small scaled font standing in for each large one, by the large one, with the small
    /// face's number for each glyph number of the large one.
    private var replacements: [OpaquePointer: Replacement] = [:]
    typealias Replacement = (font: OpaquePointer, numbers: Renumbering)
    /// The large scaled fonts being cut down on another thread, and that work: drawing goes on
    /// meanwhile, and waits for it only at the first glyph drawn with one of them.
    private var cutting: (fonts: Set<OpaquePointer>, work: BackgroundWork<[OpaquePointer: Replacement]>)?

    deinit {
        finishCutting()
        for replacement in replacements.values { cairo_scaled_font_destroy(replacement.font) }
    }

    /// The scaled font to draw `glyphs` with in place of `scaled`, and the glyphs numbered for
    /// it: `scaled` and `glyphs` themselves unless it was cut down (or, which cannot happen, the
    /// small face lacks one of the glyphs).
    func font(for scaled: OpaquePointer, glyphs: [cairo_glyph_t]) -> (font: OpaquePointer, glyphs: [cairo_glyph_t]) {
        if let cutting, cutting.fonts.contains(scaled) { finishCutting() }
        guard let replacement = replacements[scaled] else { return (scaled, glyphs) }
        var renumbered = glyphs
        for index in renumbered.indices {
            guard let number = replacement.numbers[UInt32(renumbered[index].index)] else { return (scaled, glyphs) }
            renumbered[index].index = UInt(number)
        }
        return (replacement.font, renumbered)
    }

    /// The large scaled fonts drawn with small ones, those made and those being made, for
    /// another thread to find the small fonts by (`GlyphsAhead`).
    struct Pending: @unchecked Sendable {
        let fonts: Set<OpaquePointer>
        let ready: [OpaquePointer: Replacement]
        let work: BackgroundWork<[OpaquePointer: Replacement]>?
    }

    var pending: Pending {
        Pending(fonts: Set(replacements.keys).union(cutting?.fonts ?? []), ready: replacements, work: cutting?.work)
    }

    /// Whether fonts are being cut down on the other thread and not yet taken: for tests.
    var isCutting: Bool { cutting != nil }

    /// Takes the fonts cut down on the other thread, waiting for them if they are not done.
    private func finishCutting() {
        guard let cutting else { return }
        self.cutting = nil
        replacements.merge(cutting.work.wait()) { _, new in new }
    }

    /// Starts cutting every large CFF face among `glyphs`' fonts down to the glyphs listed for
    /// it, on another thread (HarfBuzz's subsetter takes tens of milliseconds over a CJK face,
    /// time in which the pages before its first glyph are drawn).
    func prepare(_ glyphs: [OpaquePointer: Set<UInt32>]) {
        finishCutting()
        // Scaled fonts of one face (several sizes) share one subset.
        var byFace: [OpaquePointer: (scaled: [OpaquePointer], glyphs: Set<UInt32>)] = [:]
        for (scaled, used) in glyphs where replacements[scaled] == nil {
            guard Self.isCandidate(scaled), let face = cairo_scaled_font_get_font_face(scaled) else { continue }
            byFace[face, default: ([], [])].scaled.append(scaled)
            byFace[face]?.glyphs.formUnion(used)
        }
        guard !byFace.isEmpty else { return }
        let faces = Handed(byFace)
        cutting = (Set(byFace.values.flatMap(\.scaled)), BackgroundWork { Self.cutDownFaces(faces.value) })
    }

    /// Small scaled fonts for the scaled fonts of each large face in `byFace`.
    private static func cutDownFaces(_ byFace: [OpaquePointer: (scaled: [OpaquePointer], glyphs: Set<UInt32>)]) -> [OpaquePointer: Replacement] {
        // A face cut down to the same glyphs by an earlier build of this process (--watch) is
        // taken again as it was.
        var smallFaces: [OpaquePointer: (face: OpaquePointer, numbers: Renumbering)] = [:]
        madeLock.lock()
        for (face, entry) in byFace {
            if let made = made[face], made.glyphs == entry.glyphs { smallFaces[face] = (cairo_font_face_reference(made.small), made.numbers) }
        }
        madeLock.unlock()
        // Each face is cut down on a thread of its own; FreeType and cairo then take the
        // results in turn.
        let faces = byFace.keys.filter { smallFaces[$0] == nil }
        let entries = faces.compactMap { byFace[$0] }
        let blobs = concurrentMap(entries) { entry in entry.scaled.first.flatMap { subsetBlob(of: $0, glyphs: entry.glyphs) } }
        for (face, result) in zip(faces, blobs) {
            guard let result, let small = Self.face(from: result.blob), let glyphs = byFace[face]?.glyphs else { continue }
            smallFaces[face] = (small, result.numbers)
            madeLock.lock()
            if let old = made[face] {
                cairo_font_face_destroy(old.small)
            } else {
                _ = cairo_font_face_reference(face)   // kept as the key: its address is not reused
            }
            made[face] = (glyphs, cairo_font_face_reference(small), result.numbers)
            cuts += 1
            madeLock.unlock()
        }
        var replacements: [OpaquePointer: Replacement] = [:]
        for (face, (small, numbers)) in smallFaces {
            guard let entry = byFace[face] else { continue }
            defer { cairo_font_face_destroy(small) }
            for scaled in entry.scaled {
                var matrix = cairo_matrix_t(), ctm = cairo_matrix_t()
                cairo_scaled_font_get_font_matrix(scaled, &matrix)
                cairo_scaled_font_get_ctm(scaled, &ctm)
                guard let options = cairo_font_options_create() else { continue }
                defer { cairo_font_options_destroy(options) }
                cairo_scaled_font_get_font_options(scaled, options)
                guard let replacement = cairo_scaled_font_create(small, &matrix, &ctm, options) else { continue }
                if cairo_scaled_font_status(replacement) == CAIRO_STATUS_SUCCESS {
                    replacements[scaled] = (replacement, numbers)
                } else {
                    cairo_scaled_font_destroy(replacement)
                }
            }
        }
        return replacements
    }

    /// For each small scaled font, how many glyphs its face has and how many glyph numbers of
    /// the large face it renumbers: for tests.
    var smallFaces: [(glyphs: Int, renumbered: Int)] {
        finishCutting()
        return replacements.values.compactMap { replacement in
            guard let face = cairo_ft_scaled_font_lock_face(replacement.font) else { return nil }
            defer { cairo_ft_scaled_font_unlock_face(replacement.font) }
            return (Int(face.pointee.num_glyphs), replacement.numbers.count)
        }
    }

    /// Whether `scaled` is drawn from a face worth cutting down: a large CFF face read by
    /// FreeType.
    static func isCandidate(_ scaled: OpaquePointer) -> Bool {
        guard let face = cairo_scaled_font_get_font_face(scaled), cairo_font_face_get_type(face) == CAIRO_FONT_TYPE_FT else { return false }
        return isLargeCFF(scaled)
    }

    private static func isLargeCFF(_ scaled: OpaquePointer) -> Bool {
        guard let face = cairo_ft_scaled_font_lock_face(scaled) else { return false }
        defer { cairo_ft_scaled_font_unlock_face(scaled) }
        guard face.pointee.num_glyphs > largeFace, let format = FT_Get_Font_Format(face) else { return false }
        return String(cString: format) == "CFF"
    }

    /// The last face cut down from each large face, with the glyphs it holds, for the next
    /// build of the same process (the large faces come from fonts kept across builds).
    private nonisolated(unsafe) static var made: [OpaquePointer: (glyphs: Set<UInt32>, small: OpaquePointer, numbers: Renumbering)] = [:]
    private static let madeLock = NSLock()
    /// How many faces this process has cut down, for tests.
    static var cutDown: Int {
        madeLock.lock()
        defer { madeLock.unlock() }
        return cuts
    }
    private nonisolated(unsafe) static var cuts = 0

    /// One FreeType library for the small faces, which cairo may keep after we are done.
    private nonisolated(unsafe) static var library: FT_Library? = {
        var library: FT_Library?
        return FT_Init_FreeType(&library) == 0 ? library : nil
    }()

    /// The font file of `scaled`'s face holding only `glyphs`, as HarfBuzz makes it, with the
    /// number each glyph has in it, or nil. Safe on any thread: the face is locked while
    /// HarfBuzz reads it.
    private static func subsetBlob(of scaled: OpaquePointer, glyphs: Set<UInt32>) -> (blob: OpaquePointer, numbers: Renumbering)? {
        guard let ftFace = cairo_ft_scaled_font_lock_face(scaled) else { return nil }
        defer { cairo_ft_scaled_font_unlock_face(scaled) }
        guard let full = hb_ft_face_create_referenced(ftFace) else { return nil }
        defer { hb_face_destroy(full) }
        // The face without its character map: given glyphs, HarfBuzz would first read the
        // whole map (45,000 characters in a CJK face) for the characters of the glyphs kept,
        // most of its time on a few glyphs; cairo draws by glyph number and takes the text
        // from the runs drawn, not from the font.
        guard let source = hb_face_create_for_tables({ _, tag, face in
            tag == CompactFonts.cmap ? hb_blob_get_empty() : hb_face_reference_table(OpaquePointer(face), tag)
        }, UnsafeMutableRawPointer(hb_face_reference(full)), { hb_face_destroy(OpaquePointer($0)) }) else { return nil }
        defer { hb_face_destroy(source) }
        hb_face_set_upem(source, hb_face_get_upem(full))
        hb_face_set_glyph_count(source, hb_face_get_glyph_count(full))
        guard let input = hb_subset_input_create_or_fail() else { return nil }
        defer { hb_subset_input_destroy(input) }
        let set = hb_subset_input_glyph_set(input)
        for glyph in glyphs { hb_set_add(set, glyph) }
        hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_DESUBROUTINIZE.rawValue)
        // Cairo draws glyphs by number and embeds outlines only: the layout tables are of
        // no use to it, and with them HarfBuzz would first follow every substitution from
        // the glyphs drawn (a CJK face has thousands) and then cut the tables down.
        let dropped = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG)
        for table in ["GSUB", "GPOS", "GDEF"] { hb_set_add(dropped, table.utf8.reduce(0) { $0 << 8 | UInt32($1) }) }
        guard let plan = hb_subset_plan_create_or_fail(source, input) else { return nil }
        defer { hb_subset_plan_destroy(plan) }
        // The plan's numbering; every glyph drawn must have a number in it.
        guard let mapping = hb_subset_plan_old_to_new_glyph_mapping(plan) else { return nil }
        var numbers = Renumbering(minimumCapacity: glyphs.count)
        for glyph in glyphs {
            let new = hb_map_get(mapping, glyph)
            guard new != UInt32.max else { return nil }   // HB_MAP_VALUE_INVALID
            numbers[glyph] = new
        }
        guard let subset = hb_subset_plan_execute_or_fail(plan) else { return nil }
        defer { hb_face_destroy(subset) }
        return hb_face_reference_blob(subset).map { ($0, numbers) }
    }

    /// The FreeType library's lock: faces are made and done with on the threads that cut
    /// fonts down and on those that let go of cairo's fonts.
    static let libraryLock = NSLock()

    private static let cmap: hb_tag_t = "cmap".utf8.reduce(0) { $0 << 8 | UInt32($1) }

    /// A cairo face reading the font file `blob` (which it takes over), or nil.
    private static func face(from blob: OpaquePointer) -> OpaquePointer? {
        libraryLock.lock()
        defer { libraryLock.unlock() }
        guard let library else {
            hb_blob_destroy(blob)
            return nil
        }
        var length: UInt32 = 0
        guard let data = hb_blob_get_data(blob, &length), length > 0 else {
            hb_blob_destroy(blob)
            return nil
        }
        var ftFace: FT_Face?
        guard FT_New_Memory_Face(library, UnsafeRawPointer(data).assumingMemoryBound(to: FT_Byte.self), FT_Long(length), 0, &ftFace) == 0,
              let ftFace else {
            hb_blob_destroy(blob)
            return nil
        }
        guard let face = cairo_ft_font_face_create_for_ft_face(ftFace, 0) else {
            FT_Done_Face(ftFace)
            hb_blob_destroy(blob)
            return nil
        }
        // cairo may use the face after the renderer is gone: the FreeType face and the bytes
        // it reads go when cairo lets go of the font face.
        let owner = Unmanaged.passRetained(SubsetOwner(face: ftFace, blob: blob)).toOpaque()
        if cairo_font_face_set_user_data(face, &SubsetOwner.key, owner, { owner in
            owner.map { Unmanaged<SubsetOwner>.fromOpaque($0).release() }
        }) != CAIRO_STATUS_SUCCESS {
            Unmanaged<SubsetOwner>.fromOpaque(owner).release()
            cairo_font_face_destroy(face)
            return nil
        }
        return face
    }
}

/// Keeps a subset face's FreeType face and bytes alive as long as cairo's face of it.
private final class SubsetOwner {
    nonisolated(unsafe) static var key = cairo_user_data_key_t()
    let face: FT_Face
    let blob: OpaquePointer

    init(face: FT_Face, blob: OpaquePointer) {
        self.face = face
        self.blob = blob
    }

    deinit {
        CompactFonts.libraryLock.lock()
        FT_Done_Face(face)
        CompactFonts.libraryLock.unlock()
        hb_blob_destroy(blob)
    }
}

/// A small face's glyph number for each glyph number of the large face it was cut from.
typealias Renumbering = [UInt32: UInt32]
