import Foundation
import BulletinModel

/// Reads a file that must be UTF-8 text, with messages an editor understands.
enum TextFile {
    static func read(_ path: String, shownAs name: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                throw InputError(file: name, isDirectory.boolValue ? "is a folder, not a file" : "cannot be read")
            }
            throw InputError(file: name, "file not found")
        }
        let bytes = [UInt8](data)
        if let text = String(validating: bytes, as: UTF8.self) {
            // A byte-order mark is legal UTF-8 but not text.
            return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        }
        let (line, offset) = firstInvalidUTF8(bytes)
        throw InputError(file: name, line: line, "is not UTF-8 text (invalid byte at offset \(offset)); save it as UTF-8")
    }

    /// The line (from 1) and byte offset of the first byte sequence that is not UTF-8.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, offset: Int) {
        var line = 1
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7f: length = 1
            case 0xc2...0xdf: length = 2
            case 0xe0...0xef: length = 3
            case 0xf0...0xf4: length = 4
            default: return (line, i)
            }
            if length > 1 {
                guard i + length <= bytes.count,
                      bytes[(i + 1)..<(i + length)].allSatisfy({ $0 & 0xc0 == 0x80 }),
                      String(validating: bytes[i..<(i + length)], as: UTF8.self) != nil else { return (line, i) }
            }
            if b == 0x0a { line += 1 }
            i += length
        }
        return (line, bytes.count)
    }
}
