import CQpdf
import CDeflate
import Foundation
import BulletinModel

/// Page furniture as artifacts. Cairo 1.16 cannot mark content as an artifact: every tag but a
/// link's becomes a structure element with its content marked by an MCID. So the renderer draws
/// running heads, footers, rules, the logo, the paper and the press marks inside elements
/// named `Private` (`StructureTags.furniture`), and this pass, over the file cairo wrote and
/// through qpdf's objects, makes them what a screen reader skips:
/// - each `/Private <</MCID n>> BDC` in a page's content becomes `/Artifact BMC` (the same
///   marked-content sequence, no longer tied to the structure);
/// - the Private elements leave the structure tree, and the parent tree's entries for their
///   content become null.
///
/// The content streams are read with a tokenizer that knows strings, names, comments and
/// inline images, so text that happens to read "/Private" is never touched.
struct ArtifactMarking {
    let qpdf: qpdf_data
    /// Content streams rewritten while the pages were drawn, by object number, and the file
    /// cairo wrote, which holds the data they were made from.
    var ahead: ContentAhead?
    var file: [UInt8] = []

    /// Applies the pass to the whole document, whose structure tree is `structure`.
    func apply(_ structure: StructureTree.Snapshot) {
        let tree = StructureTree(qpdf: qpdf)
        guard tree.root != nil else { return }
        // The furniture's elements out of their parents' /K; below them, nothing is looked at.
        var removed = Set<Int>()
        let furniture = StructureTags.furniture
        for index in structure.elements(outside: furniture) {
            let element = structure.elements[index]
            let taken = element.kids.filter { $0.type == furniture }
            guard !taken.isEmpty else { continue }
            removed.formUnion(taken.map(\.id))
            // The kids kept go into a new array at once: erasing them one by one from a long
            // /K (the document's, with every page's furniture in it) costs qpdf a pass over
            // the rest of the array each time.
            let kept = qpdf_oh_new_array(qpdf)
            if element.kidsInArray {
                for kid in element.kids where kid.type != furniture { qpdf_oh_append_item(qpdf, kept, kid.object) }
            }
            qpdf_oh_replace_key(qpdf, element.node, "/K", kept)
        }
        guard !removed.isEmpty else { return }
        tree.replaceInParentTree { removed.contains($0) ? qpdf_oh_new_null(qpdf) : nil }
        var seenStreams = Set<Int>()
        var streams: [qpdf_oh] = []
        for index in 0..<max(0, Int(qpdf_get_num_pages(qpdf))) {
            let page = qpdf_get_page_n(qpdf, index)
            collect(contents: qpdf_oh_get_key(qpdf, page, "/Contents"), seen: &seenStreams, into: &streams)
            collectForms(in: qpdf_oh_get_key(qpdf, page, "/Resources"), seen: &seenStreams, depth: 0, into: &streams)
        }
        // The streams are rewritten and compressed on every core (qpdf's objects stay on this
        // thread), at qpdf's level (`deflated`), and handed to qpdf compressed: it keeps a
        // Flate stream as it is. A batch at a time: every page's content decoded would be held
        // at once otherwise (at 200 pages some 10 MB, at the end, where memory peaks).
        for start in stride(from: 0, to: streams.count, by: Self.batch) {
            let batch = Array(streams[start..<min(start + Self.batch, streams.count)])
            let contents = batch.map(decoded)
            var rewritten = [[UInt8]?](repeating: nil, count: batch.count)
            // Those done while the pages were drawn, from the very bytes qpdf reads here; the
            // others now.
            var left: [Int] = []
            for (index, stream) in batch.enumerated() {
                if let content = contents[index], let done = ahead?.take(object: Int(qpdf_oh_get_object_id(qpdf, stream))), holds(done.data, content) {
                    rewritten[index] = done.rewritten
                } else {
                    left.append(index)
                }
            }
            for (index, data) in zip(left, Self.rewritten(left.map { contents[$0] ?? [] })) { rewritten[index] = data }
            for (index, data) in rewritten.enumerated() {
                guard contents[index] != nil, let data else { continue }
                data.withUnsafeBufferPointer { bytes in
                    qpdf_oh_replace_stream_data(qpdf, batch[index], bytes.baseAddress, bytes.count,
                                                qpdf_oh_new_name(qpdf, "/FlateDecode"), qpdf_oh_new_null(qpdf))
                }
            }
        }
    }

    /// How many content streams are decoded and rewritten together.
    static let batch = 16

    /// Each content with its artifacts unmarked, Flate-compressed; nil for one without any.
    static func rewritten(_ contents: [[UInt8]]) -> [[UInt8]?] {
        concurrentMap(contents, rewrittenContent)
    }

    /// A content with its artifacts unmarked, Flate-compressed; nil for one without any.
    static func rewrittenContent(_ content: [UInt8]) -> [UInt8]? {
        unmarkArtifacts(content).flatMap(deflated)
    }

    /// Whether `range` of the file cairo wrote holds exactly `content`.
    private func holds(_ range: Range<Int>, _ content: [UInt8]) -> Bool {
        guard range.lowerBound >= 0, range.upperBound <= file.count, range.count == content.count else { return false }
        guard !range.isEmpty else { return true }
        return file.withUnsafeBufferPointer { file in
            content.withUnsafeBufferPointer { memcmp(file.baseAddress! + range.lowerBound, $0.baseAddress!, range.count) == 0 }
        }
    }

    /// `bytes` in the zlib format (a PDF's FlateDecode) at zlib's default level, 6, by
    /// libdeflate: a page's content takes about a third of zlib's time, and is as small.
    static func deflated(_ bytes: [UInt8]) -> [UInt8]? {
        guard let compressor = libdeflate_alloc_compressor(6) else { return nil }
        defer { libdeflate_free_compressor(compressor) }
        var out = [UInt8](repeating: 0, count: libdeflate_zlib_compress_bound(compressor, bytes.count))
        let length = out.withUnsafeMutableBufferPointer { to in
            bytes.withUnsafeBufferPointer { from in
                libdeflate_zlib_compress(compressor, from.baseAddress, from.count, to.baseAddress, to.count)
            }
        }
        guard length > 0 else { return nil }
        // A copy of its own size: the buffer has room for the stream uncompressed, and every
        // page's is held until all are handed to qpdf.
        return Array(out[..<length])
    }

    /// A page's content: one stream or an array of them.
    private func collect(contents: qpdf_oh, seen: inout Set<Int>, into streams: inout [qpdf_oh]) {
        if qpdf_oh_is_array(qpdf, contents) != 0 {
            for index in 0..<qpdf_oh_get_array_n_items(qpdf, contents) {
                collect(stream: qpdf_oh_get_array_item(qpdf, contents, index), seen: &seen, into: &streams)
            }
        } else {
            collect(stream: contents, seen: &seen, into: &streams)
        }
    }

    /// The form XObjects a resource dictionary names, and theirs in turn.
    private func collectForms(in resources: qpdf_oh, seen: inout Set<Int>, depth: Int, into streams: inout [qpdf_oh]) {
        guard depth < 16, qpdf_oh_is_dictionary(qpdf, resources) != 0 else { return }
        let objects = qpdf_oh_get_key(qpdf, resources, "/XObject")
        guard qpdf_oh_is_dictionary(qpdf, objects) != 0 else { return }
        var forms: [qpdf_oh] = []
        qpdf_oh_begin_dict_key_iter(qpdf, objects)
        while qpdf_oh_dict_more_keys(qpdf) != 0 {
            guard let key = qpdf_oh_dict_next_key(qpdf) else { break }
            let object = qpdf_oh_get_key(qpdf, objects, key)
            guard qpdf_oh_is_stream(qpdf, object) != 0 else { continue }
            let dictionary = qpdf_oh_get_dict(qpdf, object)
            let subtype = qpdf_oh_get_key(qpdf, dictionary, "/Subtype")
            if qpdf_oh_is_name(qpdf, subtype) != 0, String(cString: qpdf_oh_get_name(qpdf, subtype)) == "/Form" { forms.append(object) }
        }
        for form in forms where !seen.contains(Int(qpdf_oh_get_object_id(qpdf, form))) {
            collect(stream: form, seen: &seen, into: &streams)
            collectForms(in: qpdf_oh_get_key(qpdf, qpdf_oh_get_dict(qpdf, form), "/Resources"), seen: &seen, depth: depth + 1, into: &streams)
        }
    }

    private func collect(stream: qpdf_oh, seen: inout Set<Int>, into streams: inout [qpdf_oh]) {
        guard qpdf_oh_is_stream(qpdf, stream) != 0 else { return }
        let id = Int(qpdf_oh_get_object_id(qpdf, stream))
        if id > 0 { guard seen.insert(id).inserted else { return } }
        streams.append(stream)
    }

    /// A stream's content as qpdf decodes it; nil where it cannot.
    private func decoded(_ stream: qpdf_oh) -> [UInt8]? {
        var filtered: QPDF_BOOL = 0
        var buffer: UnsafeMutablePointer<UInt8>?
        var length = 0
        guard qpdf_oh_get_stream_data(qpdf, stream, qpdf_dl_generalized, &filtered, &buffer, &length) == 0,
              filtered != 0, let buffer else { return nil }
        defer { free(buffer) }
        return Array(UnsafeBufferPointer(start: buffer, count: length))
    }

    // MARK: - Content streams

    private static func isWhite(_ byte: UInt8) -> Bool { byte == 0 || byte == 9 || byte == 10 || byte == 12 || byte == 13 || byte == 32 }
    private static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "/"), UInt8(ascii: "%"): return true
        default: return false
        }
    }
    /// The name of the element page furniture is drawn in, as it is written in a content stream.
    private static let furnitureName = Array(("/" + StructureTags.furniture).utf8)
    private static func isRegular(_ byte: UInt8) -> Bool { !isWhite(byte) && !isDelimiter(byte) }

    /// `content` with each `/Private <</MCID n>> BDC` written `/Artifact BMC`; nil when it has none.
    ///
    /// The tokens are only read; the bytes between two replacements are copied in one piece.
    static func unmarkArtifacts(_ content: [UInt8]) -> [UInt8]? {
        content.withUnsafeBufferPointer { content -> [UInt8]? in
            var out: [UInt8] = []
            var changed = false
            var copied = 0
            var i = 0
            let n = content.count
            while i < n {
                let byte = content[i]
                switch byte {
                case UInt8(ascii: "("):
                    // A literal string: balanced parentheses, backslash escapes.
                    var depth = 0
                    while i < n {
                        let c = content[i]
                        if c == UInt8(ascii: "\\") { i += 2; continue }
                        if c == UInt8(ascii: "(") { depth += 1 } else if c == UInt8(ascii: ")") { depth -= 1 }
                        i += 1
                        if depth == 0 { break }
                    }
                    i = min(i, n)
                case UInt8(ascii: "<") where i + 1 < n && content[i + 1] != UInt8(ascii: "<"):
                    // A hex string.
                    while i < n && content[i] != UInt8(ascii: ">") { i += 1 }
                    i = min(i + 1, n)
                case UInt8(ascii: "%"):
                    while i < n && content[i] != 10 && content[i] != 13 { i += 1 }
                case UInt8(ascii: "/"):
                    var end = i + 1
                    while end < n && isRegular(content[end]) { end += 1 }
                    if content[i..<end].elementsEqual(furnitureName), let after = artifactProperties(content, from: end) {
                        if out.isEmpty { out.reserveCapacity(n) }
                        out += content[copied..<i]
                        out += artifactMark
                        changed = true
                        copied = after
                        i = after
                    } else {
                        i = end
                    }
                default:
                    guard isRegular(byte) else {
                        i += 1
                        continue
                    }
                    var end = i
                    while end < n && isRegular(content[end]) { end += 1 }
                    let isImageData = end - i == 2 && byte == UInt8(ascii: "I") && content[i + 1] == UInt8(ascii: "D")
                    i = end
                    // An inline image: its data, after ID and one white-space byte, runs to EI.
                    if isImageData, i < n {
                        var stop = i + 1
                        while stop + 2 <= n {
                            if isWhite(content[stop - 1]) && content[stop] == UInt8(ascii: "E") && stop + 1 < n && content[stop + 1] == UInt8(ascii: "I")
                                && (stop + 2 == n || !isRegular(content[stop + 2])) { break }
                            stop += 1
                        }
                        i = min(stop, n)
                    }
                }
            }
            guard changed else { return nil }
            out += content[copied..<n]
            return out
        }
    }

    private static let artifactMark = Array("/Artifact BMC".utf8)

    /// The index after `<< /MCID n >> BDC` if that follows `start` (past white space), else nil.
    private static func artifactProperties(_ content: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        func skipWhite() { while i < content.count && isWhite(content[i]) { i += 1 } }
        func expect(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            guard i + bytes.count <= content.count, content[i..<(i + bytes.count)].elementsEqual(bytes) else { return false }
            i += bytes.count
            return true
        }
        skipWhite()
        guard expect("<<") else { return nil }
        skipWhite()
        guard expect("/MCID") else { return nil }
        skipWhite()
        let digits = i
        while i < content.count && content[i] >= UInt8(ascii: "0") && content[i] <= UInt8(ascii: "9") { i += 1 }
        guard i > digits else { return nil }
        skipWhite()
        guard expect(">>") else { return nil }
        skipWhite()
        guard expect("BDC"), i == content.count || !isRegular(content[i]) else { return nil }
        return i
    }
}
