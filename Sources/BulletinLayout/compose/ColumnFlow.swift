/// Distributes a story's body elements into columns: filling them, or balancing the last ones.
///
/// Columns end only where `ColumnElement.breakAfter` allows. A break that would leave a widow or
/// an orphan is taken only when no allowed break fits, and a break inside a subhead's keep never
/// unless nothing else fits at all. Spaces at the top of a column are dropped.
struct ColumnFlow {
    let elements: [ColumnElement]
    /// Treat widow and orphan breaks as allowed: the last resort of balancing.
    var relaxed = false

    init(elements: [ColumnElement], relaxed: Bool = false) {
        self.elements = elements
        self.relaxed = relaxed
    }

    /// A column's share: elements `start..<end`, and the height they take.
    struct Column: Equatable {
        var start: Int
        var end: Int
        var height: Double
    }

    /// First element at or after `index` that is not a space.
    func skipSpaces(_ index: Int) -> Int {
        var i = index
        while i < elements.count, elements[i].isSpace { i += 1 }
        return i
    }

    /// Fills one column of height `capacity` starting at element `start`.
    func fill(from start: Int, capacity: Double) -> Column {
        let first = skipSpaces(start)
        guard first < elements.count else { return Column(start: first, end: first, height: 0) }
        var used = 0.0
        var bestAllowed: (end: Int, height: Double)?
        var bestAvoid: (end: Int, height: Double)?
        var bestAny: (end: Int, height: Double)?
        var i = first
        while i < elements.count, used + elements[i].height <= capacity + 1e-6 {
            used += elements[i].height
            i += 1
            let isEnd = i == elements.count
            var rule = isEnd ? .allowed : elements[i - 1].breakAfter
            if relaxed && rule == .avoid { rule = .allowed }
            // Trailing spaces do not count towards the column's height.
            let height = used - trailingSpace(first, i)
            switch rule {
            case .allowed: bestAllowed = (i, height)
            case .avoid: bestAvoid = (i, height)
            case .never: bestAny = (i, height)
            }
        }
        if let best = bestAllowed ?? bestAvoid ?? bestAny {
            return Column(start: first, end: best.end, height: best.height)
        }
        // Nothing fits: one element goes in anyway rather than stall the flow.
        return Column(start: first, end: first + 1, height: elements[first].height)
    }

    private func trailingSpace(_ start: Int, _ end: Int) -> Double {
        var height = 0.0
        var i = end - 1
        while i >= start, elements[i].isSpace {
            height += elements[i].height
            i -= 1
        }
        return height
    }

    /// Fills up to `count` columns of height `capacity`; the last column's end tells how far it got.
    func fillColumns(from start: Int, count: Int, capacity: Double) -> [Column] {
        var columns: [Column] = []
        var next = start
        for _ in 0..<count {
            guard skipSpaces(next) < elements.count else { break }
            let column = fill(from: next, capacity: capacity)
            columns.append(column)
            next = column.end
        }
        return columns
    }

    /// Fills columns one after another, each to its own capacity, as far as the story goes.
    func fillChain(from start: Int, capacities: [Double]) -> [Column] {
        var columns: [Column] = []
        var next = start
        for capacity in capacities {
            guard skipSpaces(next) < elements.count else { break }
            // A column too short for even one line stays empty rather than take one by force.
            if let first = elements[skipSpaces(next)...].first, first.height > capacity + 1e-6 {
                columns.append(Column(start: skipSpaces(next), end: skipSpaces(next), height: 0))
                continue
            }
            let column = fill(from: next, capacity: capacity)
            columns.append(column)
            next = column.end
        }
        return columns
    }

    /// Whether columns filled from `start` hold everything that is left.
    func isDone(_ columns: [Column], from start: Int) -> Bool {
        skipSpaces(columns.last?.end ?? start) >= elements.count
    }

    /// The lowest column height, in grid steps, at which the rest of the story fits in `count`
    /// columns no taller than `capacity`; nil if it does not fit at all.
    func balance(from start: Int, count: Int, capacity: Double, grid: Double) -> [Column]? {
        let full = fillColumns(from: start, count: count, capacity: capacity)
        // `fill` forces in an element taller than the column rather than stall: that is no fit.
        guard isDone(full, from: start), full.allSatisfy({ $0.height <= capacity + 1e-6 }) else { return nil }
        let rest = elements[skipSpaces(start)...]
        let total = rest.reduce(0) { $0 + $1.height }
        // No column lower than the tallest element (a picture), which cannot be split.
        let tallest = rest.map(\.height).max() ?? 0
        var height = max(grid, tallest, ((total / Double(count)) / grid - 1e-6).rounded(.up) * grid)
        while height < capacity - 1e-6 {
            if isDone(fillColumns(from: start, count: count, capacity: height), from: start) { break }
            height += grid
        }
        let limit = min(height, capacity)
        guard let strict = arrange(from: start, count: count, limit: limit, grid: grid) else {
            return fillColumns(from: start, count: count, capacity: limit)
        }
        // Columns that end more than a line apart look unfinished; only then may a widow or an
        // orphan stand, if that brings them within a line of each other.
        if spread(strict) > grid + 1e-6, !relaxed,
           let even = ColumnFlow(elements: elements, relaxed: true).arrange(from: start, count: count, limit: limit, grid: grid),
           spread(even) <= grid + 1e-6 {
            return even
        }
        return strict
    }

    /// The most even arrangement of the rest of the story in `count` columns no taller than
    /// `limit`: each column may stop a few lines short of the limit, where the break rules
    /// allow a better-balanced result (20/19/19 rather than 20/20/18).
    func arrange(from start: Int, count: Int, limit: Double, grid: Double) -> [Column]? {
        if skipSpaces(start) >= elements.count { return [] }
        if count == 1 {
            let column = fill(from: start, capacity: limit)
            return isDone([column], from: start) ? [column] : nil
        }
        var best: (columns: [Column], spread: Double)?
        var capacity = limit
        for _ in 0..<4 where capacity >= grid - 1e-6 {
            let first = fill(from: start, capacity: capacity)
            capacity -= grid
            guard first.end > first.start, let rest = arrange(from: first.end, count: count - 1, limit: limit, grid: grid) else { continue }
            let columns = [first] + rest
            let spread = self.spread(columns) + (columns.count < count ? grid * 100 : 0)
            if best.map({ spread < $0.spread - 1e-6 }) ?? true { best = (columns, spread) }
        }
        return best?.columns
    }

    /// How far apart the columns end.
    func spread(_ columns: [Column]) -> Double {
        let heights = columns.map(\.height)
        return (heights.max() ?? 0) - (heights.min() ?? 0)
    }
}
