/// The measure of every line the paragraph could possibly have, read once from the caller.
struct LineWidths {
    /// `widths[i]` is the width of line `i`; the count is the most lines the paragraph can have.
    let widths: [Double]
    /// From this line on every width is the same, so nodes need not tell those lines apart.
    let mergeFrom: Int

    /// Reads `lineCount` widths; `merging: false` keeps exact line numbers (needed for looseness).
    init(lineCount: Int, merging: Bool, _ lineWidth: (Int) -> Double) {
        let count = max(lineCount, 1)
        var widths: [Double] = []
        widths.reserveCapacity(count)
        for line in 0..<count { widths.append(lineWidth(line)) }
        var mergeFrom = count - 1
        if merging {
            let tail = widths[count - 1]
            while mergeFrom > 0, widths[mergeFrom - 1] == tail { mergeFrom -= 1 }
        } else {
            mergeFrom = Int.max
        }
        self.widths = widths
        self.mergeFrom = mergeFrom
    }

    /// The width of line `line` (lines past the end share the last width).
    @inline(__always)
    func width(of line: Int) -> Double {
        widths[min(line, widths.count - 1)]
    }

    /// The node line index for the line after `line`.
    @inline(__always)
    func line(after line: Int) -> Int {
        min(line + 1, mergeFrom)
    }
}
