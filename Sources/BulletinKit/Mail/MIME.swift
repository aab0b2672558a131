import Foundation
import BulletinModel

/// The pieces of an Internet message (RFC 5322, MIME RFC 2045–2047), written with CRLF line
/// endings: header fields folded under 78 characters, encoded-words for text outside ASCII,
/// quoted-printable for text bodies and base64 for pictures and the PDF.
enum MIME {
    static let crlf = "\r\n"

    // MARK: - Header fields

    /// `Name: value`, folded at spaces so that no line passes 78 characters, with its CRLF.
    static func field(_ name: String, _ value: String) -> String {
        var lines: [String] = []
        var line = name + ":"
        for word in value.split(separator: " ", omittingEmptySubsequences: true) {
            if line.count + 1 + word.count > 78 && line.count > name.count + 1 {
                lines.append(line)
                line = " " + word
            } else {
                line += " " + word
            }
        }
        lines.append(line)
        return lines.joined(separator: crlf) + crlf
    }

    /// Unstructured text (a subject): as it is when printable ASCII, else as encoded-words.
    static func text(_ value: String) -> String {
        value.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) && !value.contains("=?")
            ? value : encodedWords(value)
    }

    /// `=?UTF-8?B?...?=` words, each holding whole characters (RFC 2047 forbids splitting one),
    /// separated by spaces, which a reader drops between them. Each is at most 52 characters (30
    /// bytes), so that one still fits on a line after the longest field name we write. A word
    /// ends after a space of the text where it has one, not inside a word of it: some readers
    /// (Python's address parser) put a space between encoded-words, "Международный о тдел".
    static func encodedWords(_ value: String) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in value {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 30 && !chunk.isEmpty {
                let cut = chunk.lastIndex(of: 0x20).map { $0 + 1 } ?? chunk.count
                words.append("=?UTF-8?B?" + Data(chunk[..<cut]).base64EncodedString() + "?=")
                chunk.removeSubrange(..<cut)
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: " ")
    }

    /// An address as a header writes it: the display name as a phrase (as it is, quoted, or as
    /// encoded-words) and the address in angle brackets.
    static func address(_ mailbox: MailAddress) -> String {
        guard let name = mailbox.name, !name.isEmpty else { return mailbox.address }
        return phrase(name) + " <" + mailbox.address + ">"
    }

    static func phrase(_ name: String) -> String {
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~ ")
        if name.allSatisfy(atext.contains) && !name.contains("=?") { return name }
        if name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            return "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return encodedWords(name)
    }

    /// RFC 5322's date: "Mon, 30 Nov 2026 09:00:00 +0000", always in UTC.
    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    // MARK: - Bodies

    /// Base64 in lines of 76 characters, each ended by CRLF.
    static func base64(_ bytes: [UInt8]) -> String {
        let text = Array(Data(bytes).base64EncodedString().utf8)
        var out = ""
        out.reserveCapacity(text.count + text.count / 38 + 2)
        var start = 0
        while start < text.count {
            let end = min(start + 76, text.count)
            out += String(decoding: text[start..<end], as: UTF8.self) + crlf
            start = end
        }
        return out
    }

    /// Quoted-printable (RFC 2045 6.7) of UTF-8 text whose lines end in "\n": lines of at most
    /// 76 characters, soft breaks where longer; "=", non-ASCII bytes and spaces at a line's end
    /// encoded; and a "." or "From " at a line's start encoded too, so that no mail program
    /// takes it for the end of the message or the start of the next.
    static func quotedPrintable(_ text: String) -> String {
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var current = ""
            for (i, byte) in bytes.enumerated() {
                let last = i == bytes.count - 1
                var piece: String
                switch byte {
                case 0x21...0x3C, 0x3E...0x7E: piece = String(UnicodeScalar(byte))
                case 0x20, 0x09: piece = last ? hex(byte) : String(UnicodeScalar(byte))
                default: piece = hex(byte)
                }
                if i == 0 && (byte == 0x2E || (byte == 0x46 && line.hasPrefix("From "))) { piece = hex(byte) }
                // A soft break ("=") must fit on the line too, unless this is the line's end.
                if current.count + piece.count > (last ? 76 : 75) {
                    out += current + "=" + crlf
                    current = ""
                }
                current += piece
            }
            out += current + crlf
        }
        return out
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
    }

    /// A 64-bit FNV-1a hash, as 16 hex digits: a message's id and boundaries are made from its
    /// content, so the same issue gives the same message.
    static func hash(_ parts: [[UInt8]]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in part {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            hash ^= 0xFF
            hash = hash &* 0x100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
