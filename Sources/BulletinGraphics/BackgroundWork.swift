import Foundation

/// Work done on a thread of its own while the caller goes on with something else, and its
/// result once `wait` is called: the machines bulletin runs on have two cores or more, and
/// reading hyphenation patterns or scaling pictures need not hold up shaping or font subsetting.
///
/// The work must touch nothing the caller uses until `wait` returns: what it captures is handed
/// over to its thread whole, and handed back with the result.
public final class BackgroundWork<Value>: @unchecked Sendable {
    private let done = NSCondition()
    private var finished = false
    private var result: Value?

    public init(_ work: @escaping () -> Value) {
        let handOver = HandOver(work)
        Thread.detachNewThread { [self] in
            let value = handOver.work()
            done.lock()
            result = value
            finished = true
            done.broadcast()
            done.unlock()
        }
    }

    /// The work's result, waiting for it if it is not done.
    public func wait() -> Value {
        done.lock()
        defer { done.unlock() }
        while !finished { done.wait() }
        return result!
    }

    /// The work, passed to the thread that does it and used there only.
    private struct HandOver: @unchecked Sendable {
        let work: () -> Value
        init(_ work: @escaping () -> Value) { self.work = work }
    }
}

/// A value handed to the thread that works on it, and used there only (or only read by both).
struct Handed<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
