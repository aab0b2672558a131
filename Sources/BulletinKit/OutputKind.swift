import Foundation
import BulletinGraphics

/// What an output's name asks for: a PDF, or a PNG of page 1.
///
/// The suffix decides. A name with no suffix (`out/issue`) or standard output gets the PDF; a
/// suffix bulletin cannot write (`x.svg`, `x.jpg`) is an error rather than a PDF under a name
/// that says otherwise.
public enum OutputKind: Equatable, Sendable {
    case pdf
    case png

    /// The kind `path` names; throws for a suffix that is neither `.pdf` nor `.png`.
    public init(_ path: String) throws {
        if OutputFile.isStandardOutput(path) { self = .pdf; return }
        guard let suffix = Self.suffix(of: path) else { self = .pdf; return }
        switch suffix.lowercased() {
        case "pdf": self = .pdf
        case "png": self = .png
        default:
            throw OutputError(path: path, message: "bulletin writes .pdf (the issue) or .png (page 1), not .\(suffix): "
                              + "end the name with .pdf or .png")
        }
    }

    /// The letters after the last dot of the file's name, if they look like a file type: a few
    /// letters and digits with at least one letter ("v1.2" has none, and is a PDF's name).
    static func suffix(of path: String) -> String? {
        let name = (path as NSString).lastPathComponent
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let suffix = name[name.index(after: dot)...]
        guard (1...8).contains(suffix.count),
              suffix.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic || ("0"..."9").contains($0) }),
              suffix.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { return nil }
        return String(suffix)
    }
}
