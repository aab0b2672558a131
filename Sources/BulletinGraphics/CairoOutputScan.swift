import Foundation

/// Reading the PDF cairo wrote as bytes, before qpdf reads it: what the finishing passes find
/// there by the way cairo 1.16 writes its objects (`N 0 obj\n` at the start of a line, then the
/// object). `PDFFinishing.standIns` finds picture stand-ins by their marker, `ContentAhead`
/// page content as each page is written.
enum CairoOutputScan {
    /// The first place at or after `from` where `pattern` is in `bytes`.
    static func find(_ pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        guard let base = bytes.baseAddress, let first = pattern.first else { return nil }
        var from = max(0, from)
        while from + pattern.count <= bytes.count,
              let hit = memchr(base + from, Int32(first), bytes.count - pattern.count + 1 - from) {
            let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if matches(pattern, in: bytes, at: index) { return index }
            from = index + 1
        }
        return nil
    }

    /// Whether `pattern` is in `bytes` at `index`.
    static func matches(_ pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index >= 0 && index + pattern.count <= bytes.count && bytes[index..<(index + pattern.count)].elementsEqual(pattern)
    }

    /// The decimal number at `index`, which is moved past it; nil if there is none (or it is
    /// longer than 18 digits).
    static func number(in bytes: UnsafeBufferPointer<UInt8>, at index: inout Int) -> Int? {
        var value = 0, count = 0
        while index < bytes.count, (48...57).contains(bytes[index]), count < 18 {
            value = value * 10 + Int(bytes[index] - 48)
            index += 1
            count += 1
        }
        return count > 0 ? value : nil
    }

    /// The object whose `N 0 obj\n` line comes last before `index`, no more than `within`
    /// bytes before it: its number and where its line ends (the object's first byte).
    static func objectHeader(before index: Int, in bytes: UnsafeBufferPointer<UInt8>, within: Int = 1024) -> (object: Int, end: Int)? {
        let earliest = max(0, index - within)
        var start = index - objectKeyword.count
        while start >= earliest, !matches(objectKeyword, in: bytes, at: start) { start -= 1 }
        guard start >= earliest else { return nil }
        var first = start
        while first > 0, (48...57).contains(bytes[first - 1]), start - first < 18 { first -= 1 }
        var at = first
        guard first < start, first == 0 || bytes[first - 1] == 10,
              let object = number(in: bytes, at: &at), at == start else { return nil }
        return (object, start + objectKeyword.count)
    }

    private static let objectKeyword = Array(" 0 obj\n".utf8)
}
