import Foundation
import BulletinModel
import BulletinSource
import BulletinGraphics

/// A layout an issue may name, and where it comes from.
public struct LayoutEntry: Sendable, Equatable {
    /// What issue.yaml's `layout:` says to get it.
    public var name: String
    public var path: String
    /// "issue layouts/", "installed", "BULLETIN_HOME" or "source checkout".
    public var source: String
    /// True when a folder searched earlier has a layout of the same name, which wins.
    public var hidden: Bool
}

/// A font family a layout may name, and where its files come from.
public struct FontEntry: Sendable, Equatable {
    public var family: String
    public var styles: [String]
    /// "issue fonts/", "installed fonts/", "BULLETIN_HOME fonts/", "source checkout fonts/" or
    /// "system".
    public var source: String
    /// The folder of its first file.
    public var folder: String
}

extension Bulletin {
    /// The layouts `issue` (or, with nil, any issue) may name, in search order: its own
    /// layouts/ first, then bulletin's homes.
    public static func layouts(issue: String?) -> [LayoutEntry] {
        var folders: [(path: String, source: String)] = []
        if let issue { folders.append(((issue as NSString).appendingPathComponent("layouts"), "issue layouts/")) }
        folders += homes.map { ($0.layouts, $0.source) }
        var seen = Set<String>()
        var entries: [LayoutEntry] = []
        for folder in folders {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.sorted()
            for file in names {
                let name = String(file.dropLast(".yaml".count))
                let path = (folder.path as NSString).appendingPathComponent(file)
                entries.append(LayoutEntry(name: name, path: IssueLoader.display(path), source: folder.source, hidden: !seen.insert(name).inserted))
            }
        }
        return entries
    }

    /// The font families a layout may name for `issue` (nil: any issue), each once, with the
    /// source of its files: the issue's fonts/, bulletin's own fonts/ or the system's.
    public static func fonts(issue: String?) -> [FontEntry] {
        var folders: [(path: String, source: String)] = []
        if let issue { folders.append(((issue as NSString).appendingPathComponent("fonts"), "issue fonts/")) }
        folders += homes.map { ($0.fonts, "\($0.source) fonts/") }
        let library = FontLibrary(folders: folders.map(\.path))
        func absolute(_ path: String) -> String {
            let full = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
            return URL(fileURLWithPath: full).resolvingSymlinksInPath().path
        }
        let roots = folders.map { (absolute($0.path) + "/", $0.source) }
        var entries: [FontEntry] = []
        var index: [String: Int] = [:]
        for face in library.faces() {
            let file = absolute(face.file)
            let source = roots.first { file.hasPrefix($0.0) }?.1 ?? "system"
            let key = face.family.lowercased() + "\u{0}" + source
            if let at = index[key] {
                if !entries[at].styles.contains(face.style) { entries[at].styles.append(face.style) }
            } else {
                index[key] = entries.count
                entries.append(FontEntry(family: face.family, styles: [face.style], source: source,
                                         folder: IssueLoader.display((face.file as NSString).deletingLastPathComponent)))
            }
        }
        return entries
    }
}
