import Foundation
import BulletinModel

/// Reads a file that must be UTF-8 text, with messages an editor understands.
///
/// Every text file enters here, so this is where Windows (CRLF) and old Mac (CR) line endings
/// become plain newlines: the readers after it split lines on "\n" alone, and Swift would
/// otherwise take "\r\n" as one character that is not "\n".
enum TextFile {
    /// The text of the file at `path`, named `name` in messages; larger than `maxBytes` or with a
    /// line longer than `Limits.lineBytes` is an error.
    static func read(_ path: String, shownAs name: String, maxBytes: Int = Limits.yamlFileBytes) throws -> String {
        let bytes = try contents(path, shownAs: name, maxBytes: maxBytes)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (line, offset) = firstInvalidUTF8(bytes)
            // The line's number stands between the file's name and the message, so the
            // message says what is not UTF-8: the whole file, not the line, is refused.
            throw InputError(file: name, line: line, "the file is not UTF-8 text (invalid byte at offset \(offset)); save it as UTF-8")
        }
        // A byte-order mark is legal UTF-8 but not text.
        let unmarked = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let normal = normalisingLineEnds(unmarked)
        if let line = firstLongLine(normal, limit: Limits.lineBytes) {
            throw InputError(file: name, line: line.number,
                             "line is \(Limits.size(line.bytes)) long, over the limit of \(Limits.size(Limits.lineBytes)): break it into paragraphs")
        }
        return normal
    }

    /// The file's bytes, after checking that it is a regular file no larger than `maxBytes`: a
    /// FIFO would block the read for ever, and a huge file would be read whole before any check.
    static func contents(_ path: String, shownAs name: String, maxBytes: Int) throws -> [UInt8] {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw InputError(file: name, errno == EACCES ? "cannot be read" : "file not found")
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw InputError(file: name, "is a folder, not a file")
        default: throw InputError(file: name, "is not a regular file")
        }
        if Int(status.st_size) > maxBytes {
            throw InputError(file: name, "file is \(Limits.size(Int(status.st_size))), over the limit of \(Limits.size(maxBytes))")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw InputError(file: name, "cannot be read") }
        defer { try? handle.close() }
        // Read one byte past the limit, in case the file grew since `stat`.
        guard let data = try? handle.read(upToCount: maxBytes + 1) else { return [] }
        if data.count > maxBytes {
            throw InputError(file: name, "file is over the limit of \(Limits.size(maxBytes))")
        }
        return [UInt8](data)
    }

    /// The size in bytes of the file at `path` (through links), or nil when there is none.
    static func size(_ path: String) -> Int? {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : nil
    }

    /// `text` with every "\r\n" and lone "\r" made "\n", so that lines keep their numbers.
    static func normalisingLineEnds(_ text: String) -> String {
        guard text.utf8.contains(0x0d) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var afterCR = false
        for byte in text.utf8 {
            if byte == 0x0d {
                bytes.append(0x0a)
                afterCR = true
                continue
            }
            if !(byte == 0x0a && afterCR) { bytes.append(byte) }
            afterCR = false
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The first line (from 1) longer than `limit` bytes, with its length.
    static func firstLongLine(_ text: String, limit: Int) -> (number: Int, bytes: Int)? {
        guard text.utf8.count > limit else { return nil }
        var number = 1, length = 0
        for byte in text.utf8 {
            if byte == 0x0a {
                if length > limit { return (number, length) }
                number += 1
                length = 0
            } else {
                length += 1
            }
        }
        return length > limit ? (number, length) : nil
    }

    /// The line (from 1) and byte offset of the first byte sequence that is not UTF-8. Lines end
    /// at "\n", "\r\n" or a lone "\r", as they do once the file is read.
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
                // Validating the sequence itself also refuses overlong forms and the encoded
                // surrogates of CESU-8 (ED A0 80).
                guard i + length <= bytes.count,
                      bytes[(i + 1)..<(i + length)].allSatisfy({ $0 & 0xc0 == 0x80 }),
                      String(validating: bytes[i..<(i + length)], as: UTF8.self) != nil else { return (line, i) }
            }
            if b == 0x0a || (b == 0x0d && (i + 1 == bytes.count || bytes[i + 1] != 0x0a)) { line += 1 }
            i += length
        }
        return (line, bytes.count)
    }
}
