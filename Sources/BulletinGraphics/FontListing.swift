import Foundation
import CFontconfig
import BulletinModel

/// What fonts a layout may name, and which file a name comes to: for `bulletin fonts` and
/// `bulletin make --verbose`.
extension FontLibrary {
    /// One font file as fontconfig knows it.
    public struct Face: Sendable, Equatable {
        public var family: String
        public var style: String
        public var file: String
    }

    /// Every face fontconfig's configuration holds, sorted by family and style.
    public func faces() -> [Face] {
        guard let pattern = FcPatternCreate() else { return [] }
        defer { FcPatternDestroy(pattern) }
        guard let objects = FcObjectSetCreate() else { return [] }
        defer { FcObjectSetDestroy(objects) }
        FcObjectSetAdd(objects, FC_FAMILY)
        FcObjectSetAdd(objects, FC_STYLE)
        FcObjectSetAdd(objects, FC_FILE)
        guard let list = FcFontList(config, pattern, objects) else { return [] }
        defer { FcFontSetDestroy(list) }
        var faces: [Face] = []
        for index in 0..<Int(list.pointee.nfont) {
            guard let font = list.pointee.fonts[index] else { continue }
            guard let family = Self.string(font, FC_FAMILY), let file = Self.string(font, FC_FILE) else { continue }
            faces.append(Face(family: family, style: Self.string(font, FC_STYLE) ?? "", file: file))
        }
        return faces.sorted { ($0.family.lowercased(), $0.style, $0.file) < ($1.family.lowercased(), $1.style, $1.file) }
    }

    /// The file fontconfig gives for `family` in its regular style, or nil when it has none of
    /// that family (it would substitute another).
    public func file(forFamily family: String) -> String? {
        guard hasFamily(family), let pattern = FcPatternCreate() else { return nil }
        defer { FcPatternDestroy(pattern) }
        _ = family.withCString { FcPatternAddString(pattern, FC_FAMILY, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) }
        FcConfigSubstitute(config, pattern, FcMatchPattern)
        FcDefaultSubstitute(pattern)
        var result = FcResultNoMatch
        guard let match = FcFontMatch(config, pattern, &result) else { return nil }
        defer { FcPatternDestroy(match) }
        return Self.string(match, FC_FILE)
    }

    private static func string(_ pattern: OpaquePointer, _ object: String) -> String? {
        var value: UnsafeMutablePointer<FcChar8>?
        guard FcPatternGetString(pattern, object, 0, &value) == FcResultMatch, let value else { return nil }
        return String(cString: UnsafeRawPointer(value).assumingMemoryBound(to: CChar.self))
    }
}
