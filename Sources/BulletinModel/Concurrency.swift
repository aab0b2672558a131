import Foundation

/// `transform` of each of `inputs`, worked out on every core at once, in the inputs' order:
/// for independent pieces of work that each take long enough to share out (a story to read, a
/// picture to decode, a face to cut down, a page's content to rewrite). `transform` may read
/// what it shares with the caller, and change nothing but what it makes, and call into C
/// libraries only where they keep no state of their own between calls (cmark-gfm does: see
/// `MarkdownReader.parse`).
public func concurrentMap<Input, Output>(_ inputs: [Input], _ transform: (Input) -> Output) -> [Output] {
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
