import Foundation
import BulletinModel

/// An issue's folder, and the rule that what the issue reads lies inside it.
///
/// An issue folder may come from someone else (a shared drive, an archive). A story, layout or
/// font inside it that is a symbolic link to `/etc/passwd` or to another user's files would put
/// their contents into the PDF; so every file the issue names is resolved through its links and
/// must end up below the folder (itself resolved), unless the editor passes `--allow-outside`.
/// The installation's own layouts and fonts are not the issue's and are not checked.
public struct IssueFolder: Sendable {
    /// The folder as the user gave it.
    public let path: String
    /// Whether files outside the folder are allowed after all (`--allow-outside`).
    public let allowOutside: Bool
    /// The folder with every link resolved; nil when it cannot be resolved (then nothing inside
    /// it can be read either, and reading says so).
    let realPath: String?

    public init(_ path: String, allowOutside: Bool = false) {
        self.path = path
        self.allowOutside = allowOutside
        self.realPath = IssueFolder.resolve(path)
    }

    /// Throws when `path` (a file or folder the issue uses, as found inside the issue folder)
    /// resolves to somewhere outside the issue folder. The message names `path` as given, not
    /// where its links lead: that is the name the editor knows. A path that does not resolve
    /// (missing, a dangling link) passes, for the reader to report as missing. Files below one of
    /// `alsoAllowing` (the installation's layouts) pass too.
    public func checkInside(_ path: String, alsoAllowing others: [String] = []) throws {
        guard !allowOutside, let root = realPath, let real = IssueFolder.resolve(path) else { return }
        for folder in [root] + others.compactMap(IssueFolder.resolve) where IssueFolder.isBelow(real, folder) { return }
        throw InputError(file: IssueLoader.display(path),
                         "lies outside the issue folder (through a symbolic link): copy it into the folder, or pass --allow-outside")
    }

    /// `checkInside` for a folder and everything below it, for folders that a library reads
    /// whole (fonts). Links to folders are checked but not followed.
    public func checkTree(_ folder: String) throws {
        guard !allowOutside, FileManager.default.fileExists(atPath: folder) else { return }
        try checkInside(folder)
        guard let names = FileManager.default.enumerator(atPath: folder) else { return }
        while let name = names.nextObject() as? String {
            try checkInside((folder as NSString).appendingPathComponent(name))
        }
    }

    /// Whether `path` is `folder` or lies below it (both resolved).
    static func isBelow(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/")
    }

    /// `path` with every symbolic link, "." and ".." resolved; nil when it does not exist.
    static func resolve(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
