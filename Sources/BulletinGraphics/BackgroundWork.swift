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

/// `transform` of each of `inputs`, worked out on every core at once, in the inputs' order:
/// for independent pieces of work that each take long enough to share out (a face to cut down,
/// a page's content to rewrite). `transform` may read what it shares with the caller, and
/// change nothing but what it makes.
func concurrentMap<Input, Output>(_ inputs: [Input], _ transform: (Input) -> Output) -> [Output] {
    var results = [Output?](repeating: nil, count: inputs.count)
    withoutActuallyEscaping(transform) { transform in
        results.withUnsafeMutableBufferPointer { results in
            let jobs = ConcurrentJobs(inputs: inputs, transform: transform, results: results)
            DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
                // Each job writes its own slot.
                jobs.results[index] = jobs.transform(jobs.inputs[index])
            }
        }
    }
    return results.map { $0! }
}

/// The inputs, work and result slots of `concurrentMap`, handed to its threads.
private struct ConcurrentJobs<Input, Output>: @unchecked Sendable {
    let inputs: [Input]
    let transform: (Input) -> Output
    let results: UnsafeMutableBufferPointer<Output?>
}
