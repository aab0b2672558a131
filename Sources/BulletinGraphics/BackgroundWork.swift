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

    /// `yielding`: the work's thread gives way to the threads that compose and draw (nice 10):
    /// on two cores a third busy thread otherwise takes turns with them. For work that is
    /// waited for late if at all (the files an output must not replace, the content check,
    /// memory freed) or that runs ahead of drawing (the lines' glyph runs).
    public init(yielding: Bool = false, _ work: @escaping () -> Value) {
        let handOver = HandOver(work)
        Thread.detachNewThread { [self] in
            // (0: this thread, on Linux. Never raised: a process started at nice 15 stays there.)
            if yielding, getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) < 10 {
                setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
            }
            let value = handOver.work()
            done.lock()
            result = value
            finished = true
            done.broadcast()
            done.unlock()
        }
    }

    /// Whether the work is done (`wait` would not wait).
    public var isFinished: Bool {
        done.lock()
        defer { done.unlock() }
        return finished
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
