import Dispatch
import Foundation

/// The pages' content rewritten for `ArtifactMarking` and compressed on another thread while
/// later pages are drawn, rather than all of it after the last page.
///
/// Cairo writes a page's content as it shows the page (uncompressed: `CAIRO_DEBUG_PDF`, see
/// `CairoRenderer`). After each page the renderer hands what cairo wrote since the page before
/// to `take`; this finds the streams complete in it, in the form cairo 1.16 writes them,
///
///     N 0 obj
///     << /Length M 0 R
///     …>>
///     stream
///     (data)
///     endstream
///     endobj
///     M 0 obj
///        (length of data)
///     endobj
///
/// and rewrites and compresses each unfiltered one as the finishing pass would
/// (`ArtifactMarking.rewrittenContent`). A stream found is used only if the stream qpdf reads
/// under its number holds exactly the bytes it was made from; any other is rewritten in the
/// pass as before. What is found here changes no byte of the PDF, only when the work is done.
final class ContentAhead: @unchecked Sendable {
    /// One stream done: where its data is in cairo's output, and its content rewritten and
    /// compressed (nil: it has no furniture to unmark, and stays as it is).
    struct Done {
        let data: Range<Int>
        let rewritten: [UInt8]?
    }

    private let queue = DispatchQueue(label: "bulletin.content-ahead")
    /// By object number; touched on `queue` only until `finish` returns.
    private var done: [Int: Done] = [:]

    init() {}

    /// Streams done already (for tests).
    init(done: [Int: Done]) { self.done = done }

    /// Takes `chunk`, the bytes cairo wrote from `offset` of its output on, and does the
    /// streams complete in it on the other thread.
    func take(_ chunk: [UInt8], at offset: Int) {
        queue.async { [self] in
            let found = chunk.withUnsafeBufferPointer { Self.streams(in: $0) }
            for stream in found {
                let data = Array(chunk[stream.data])
                let range = (stream.data.lowerBound + offset)..<(stream.data.upperBound + offset)
                done[stream.object] = Done(data: range, rewritten: ArtifactMarking.rewrittenContent(data))
            }
        }
    }

    /// Waits for the work handed over, and returns where the data of each stream done is in
    /// cairo's output, by object number.
    @discardableResult
    func finish() -> [Int: Range<Int>] {
        queue.sync { done.mapValues(\.data) }
    }

    /// The stream done under `object`, taken out (so that its bytes are not held after they
    /// are handed to qpdf); nil if there is none. After `finish`, on the thread that called it.
    func take(object: Int) -> Done? {
        done.removeValue(forKey: object)
    }

    /// The unfiltered streams complete in `bytes`, in the form above: each object's number and
    /// the range of its data. A stream whose dictionary names a filter, or that does not read
    /// exactly so, is left out.
    static func streams(in bytes: UnsafeBufferPointer<UInt8>) -> [(object: Int, data: Range<Int>)] {
        var found: [(object: Int, data: Range<Int>)] = []
        var from = 0
        while let at = CairoOutputScan.find(streamKeyword, in: bytes, from: from) {
            from = at + streamKeyword.count
            guard let stream = stream(at: at, in: bytes) else { continue }
            found.append(stream)
            from = stream.data.upperBound
        }
        return found
    }

    /// The stream whose `>>\nstream\n` is at `at`, if it reads as cairo writes one.
    private static func stream(at: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (object: Int, data: Range<Int>)? {
        // `N 0 obj\n<< /Length M 0 R\n`, then the rest of the dictionary, without a filter: the
        // data is the content as it is.
        guard let header = CairoOutputScan.objectHeader(before: at, in: bytes),
              CairoOutputScan.matches(lengthKey, in: bytes, at: header.end),
              CairoOutputScan.find(filterKey, in: UnsafeBufferPointer(rebasing: bytes[header.end..<at])) == nil else { return nil }
        var index = header.end + lengthKey.count
        guard let lengthObject = CairoOutputScan.number(in: bytes, at: &index),
              CairoOutputScan.matches(referenceEnd, in: bytes, at: index) else { return nil }
        let dataStart = at + streamKeyword.count
        // Forward to `\nendstream\nendobj\nM 0 obj\n   L\nendobj\n` with L the data's length.
        let close = Array("\nendstream\nendobj\n\(lengthObject) 0 obj\n".utf8)
        var search = dataStart
        while let end = CairoOutputScan.find(close, in: bytes, from: search) {
            var index = end + close.count
            while index < bytes.count, bytes[index] == 32 { index += 1 }
            if CairoOutputScan.number(in: bytes, at: &index) == end - dataStart, CairoOutputScan.matches(objectEnd, in: bytes, at: index) {
                return (header.object, dataStart..<end)
            }
            search = end + 1
        }
        return nil
    }

    private static let streamKeyword = Array(">>\nstream\n".utf8)
    private static let lengthKey = Array("<< /Length ".utf8)
    private static let filterKey = Array("/Filter".utf8)
    private static let referenceEnd = Array(" 0 R\n".utf8)
    private static let objectEnd = Array("\nendobj\n".utf8)
}
