import Foundation
import BulletinModel

/// Finds the file a story's picture names, or says in the editor's words why it cannot.
///
/// A relative path is looked for beside the story file first, then in the issue folder, so that
/// `images/chart.svg` works from any story. The path must stay inside the issue folder: `..` that
/// climbs out of it is refused from the text of the path alone, before anything outside is
/// touched, and a path that a symbolic link takes outside is refused by `IssueFolder`; both pass
/// with `--allow-outside`. Only regular files are pictures: a folder, a FIFO (whose reading would
/// block for ever) or a device is an error. Every error names the story file and the line.
struct ImageLocator {
    let folder: IssueFolder
    /// The story file on disk, and as messages name it.
    let storyPath: String
    let storyName: String

    /// `image` with `resolved` set to the file to read.
    func locate(_ image: ImageRef) throws -> ImageRef {
        let written = image.path
        let shown = "image \"\(written.escapedForMessage)\""
        func failure(_ message: String) -> InputError { InputError(file: storyName, line: image.line, message) }

        guard !written.trimmingWhitespace.isEmpty else { throw failure("the image has no path: write the picture's file, e.g. images/photo.jpg") }
        // Later messages quote the path as it is.
        guard !written.unicodeScalars.contains(where: Unprintable.needsEscape) else {
            throw failure("\(shown) holds a control character or tab: rename the file")
        }
        if Self.isWebAddress(written) {
            throw failure("\(shown) is a web address: pictures are read from the issue folder only; save it there (e.g. in images/) and name its path")
        }
        let root = Self.absolute(folder.path)
        let candidates = written.hasPrefix("/")
            ? [IssueLoader.lexicallyStandard(written)]
            : [(Self.absolute(storyPath) as NSString).deletingLastPathComponent, root].map {
                IssueLoader.lexicallyStandard(($0 as NSString).appendingPathComponent(written))
            }
        // Where `..` leads out of the folder nothing is looked at, unless outside is allowed.
        let inside = folder.allowOutside ? candidates : candidates.filter { IssueFolder.isBelow($0, IssueLoader.lexicallyStandard(root)) }
        guard !inside.isEmpty else {
            throw failure("\(shown) lies outside the issue folder: copy the picture into the folder (e.g. into images/), or pass --allow-outside")
        }
        var status = stat()
        guard let found = inside.first(where: { stat($0, &status) == 0 }) else {
            let places = written.hasPrefix("/") ? "" : " (looked beside the story and in the issue folder)"
            throw failure("\(shown) not found\(places)")
        }
        do {
            try folder.checkInside(found)
        } catch is InputError {
            throw failure("\(shown) lies outside the issue folder (through a symbolic link): copy the picture into the folder, or pass --allow-outside")
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw failure("\(shown) is a folder, not a picture")
        default: throw failure("\(shown) is not a regular file, so it is not read")
        }
        if Int(status.st_size) > Limits.imageBytes {
            throw failure("\(shown) is \(Limits.size(Int(status.st_size))), over the limit of \(Limits.size(Limits.imageBytes)) for a picture")
        }
        var located = image
        located.resolved = found
        return located
    }

    /// `http://…`, `data:…`, `mailto:…`: a scheme of letters before a colon (not a Windows
    /// drive letter).
    static func isWebAddress(_ path: String) -> Bool {
        guard let colon = path.firstIndex(of: ":") else { return false }
        let scheme = path[..<colon]
        return scheme.count > 1 && scheme.first?.isLetter == true
            && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
    }
}
