/// Distributes a story's body elements into columns: filling them, or balancing the last ones.
///
/// Columns end only where `ColumnElement.breakAfter` allows. A break after a hyphenated line is
/// taken only when the column would otherwise end more than a line higher; a break that would
/// leave a widow or an orphan only when no other break fits, and a break inside a subhead's keep
/// never unless nothing else fits at all (and, in a chain of columns, nothing before it either).
/// Spaces at the top of a column are dropped.
struct ColumnFlow {
    let elements: [ColumnElement]

    init(elements: [ColumnElement]) {
        self.elements = elements
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

    /// The height of the elements from `index` on, spaces at the top left out.
    func height(from index: Int) -> Double {
        elements[skipSpaces(index)...].reduce(0) { $0 + $1.height }
    }

    /// Fills one column of height `capacity` starting at element `start`. With `hyphens`, a
    /// weak break (after a hyphenated line, before a short one) counts as any other: for balancing, which weighs hyphens
    /// against evenness itself. With `beforeJump` (the story goes on on another page after this
    /// column), a break after a hyphenated line is taken only where no other fits: the reader
    /// would turn pages between a word's two halves.
    func fill(from start: Int, capacity: Double, hyphens: Bool = false, beforeJump: Bool = false) -> Column {
        let first = skipSpaces(start)
        guard first < elements.count else { return Column(start: first, end: first, height: 0) }
        var used = 0.0
        var bestAllowed: (end: Int, height: Double)?
        var bestHyphen: (end: Int, height: Double)?
        var bestAvoid: (end: Int, height: Double)?
        var bestAny: (end: Int, height: Double)?
        var i = first
        while i < elements.count, used + elements[i].height <= capacity + 1e-6 {
            used += elements[i].height
            i += 1
            let isEnd = i == elements.count
            let rule = isEnd ? .allowed : elements[i - 1].breakAfter
            // Trailing spaces do not count towards the column's height.
            let height = used - trailingSpace(first, i)
            switch rule {
            case .allowed: bestAllowed = (i, height)
            case .weak where beforeJump && elements[i - 1].endsInHyphen: bestAvoid = (i, height)
            case .weak: if hyphens { bestAllowed = (i, height) } else { bestHyphen = (i, height) }
            case .avoid: bestAvoid = (i, height)
            case .never: bestAny = (i, height)
            }
        }
        // A column ends at a weak break (on a hyphen) only when the clean break leaves more than a line empty.
        if let hyphen = bestHyphen, hyphen.end > bestAllowed?.end ?? 0,
           hyphen.height - (bestAllowed?.height ?? 0) > elements[hyphen.end - 1].height + 1e-6 {
            return Column(start: first, end: hyphen.end, height: hyphen.height)
        }
        if let best = bestAllowed ?? bestHyphen ?? bestAvoid ?? bestAny {
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
    func fillColumns(from start: Int, count: Int, capacity: Double, hyphens: Bool = false) -> [Column] {
        var columns: [Column] = []
        var next = start
        for _ in 0..<count {
            guard skipSpaces(next) < elements.count else { break }
            let column = fill(from: next, capacity: capacity, hyphens: hyphens)
            columns.append(column)
            next = column.end
        }
        return columns
    }

    /// Fills columns one after another, each to its own capacity, as far as the story goes;
    /// with `jumpAfter`, the story jumps to another page after the last of them.
    func fillChain(from start: Int, capacities: [Double], hyphens: Bool = false, jumpAfter: Bool = false) -> [Column] {
        var columns: [Column] = []
        var next = start
        for (index, capacity) in capacities.enumerated() {
            guard skipSpaces(next) < elements.count else { break }
            // A column too short for even one line stays empty rather than take one by force.
            if let first = elements[skipSpaces(next)...].first, first.height > capacity + 1e-6 {
                columns.append(Column(start: skipSpaces(next), end: skipSpaces(next), height: 0))
                continue
            }
            let column = fill(from: next, capacity: capacity, hyphens: hyphens, beforeJump: jumpAfter && index == capacities.count - 1)
            // A column ending where a column may never end holds nothing but a subhead: what it
            // heads (a table, a picture) did not fit under it. Once earlier columns hold some of
            // the story, the subhead goes on with it to a column or page with room for both
            // rather than stand alone at this column's foot (a front-page band's, most often).
            let placed = columns.contains { $0.end > $0.start }
            if placed, column.end > column.start, skipSpaces(column.end) < elements.count,
               elements[column.end - 1].breakAfter == .never {
                columns.append(Column(start: column.start, end: column.start, height: 0))
                continue
            }
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
        // Whether it fits at all, a hyphen at a column's end allowed: better than a jump.
        let full = fillColumns(from: start, count: count, capacity: capacity, hyphens: true)
        // `fill` forces in an element taller than the column rather than stall: that is no fit.
        guard isDone(full, from: start), full.allSatisfy({ $0.height <= capacity + 1e-6 }) else { return nil }
        let rest = elements[skipSpaces(start)...]
        let total = rest.reduce(0) { $0 + $1.height }
        // No column lower than the tallest element (a picture), which cannot be split.
        let tallest = rest.map(\.height).max() ?? 0
        var height = max(grid, tallest, ((total / Double(count)) / grid - 1e-6).rounded(.up) * grid)
        while height < capacity - 1e-6 {
            if isDone(fillColumns(from: start, count: count, capacity: height, hyphens: true), from: start) { break }
            height += grid
        }
        // Balancing never makes a widow or an orphan: columns a line or two uneven, or taller
        // ones, are better. Each line of height over the lowest costs as much as a line of
        // unevenness; past a few lines only a widow or an orphan still makes it worth going on.
        var best: (columns: [Column], cost: Double)?
        let lowest = height
        while true {
            if let columns = arrange(from: start, count: count, limit: min(height, capacity), grid: grid) {
                let cost = self.cost(columns, grid: grid) + (height - lowest)
                if best.map({ cost < $0.cost - 1e-6 }) ?? true { best = (columns, cost) }
            }
            if height >= capacity - 1e-6 { break }
            if let best, best.cost < Self.keepCost * grid, height - lowest >= 4 * grid { break }
            height += grid
        }
        return best?.columns ?? fillColumns(from: start, count: count, capacity: min(height, capacity))
    }

    /// What a column end that leaves a widow or an orphan costs, in lines; one inside a
    /// subhead's keep costs ten times more. Fewer columns than asked for cost `emptyCost`.
    static let keepCost = 1000.0
    static let emptyCost = 100.0

    /// The most even arrangement of the rest of the story in `count` columns no taller than
    /// `limit`: each column may stop a few lines short of the limit, where the break rules
    /// allow a better-balanced result (20/19/19 rather than 20/20/18).
    func arrange(from start: Int, count: Int, limit: Double, grid: Double) -> [Column]? {
        if skipSpaces(start) >= elements.count { return [] }
        if count == 1 {
            let column = fill(from: start, capacity: limit, hyphens: true)
            return isDone([column], from: start) ? [column] : nil
        }
        var best: (columns: [Column], cost: Double)?
        // Up to three lines short of the limit; and, where the limit is far above it (a tall
        // picture in an earlier column sets it), the rest shared evenly by the columns left.
        var capacities = (0..<4).map { limit - Double($0) * grid }.filter { $0 >= grid - 1e-6 }
        let even = ((height(from: start) / Double(count)) / grid - 1e-6).rounded(.up) * grid
        if even < limit - 4 * grid + 1e-6, even >= grid - 1e-6 { capacities.append(even) }
        for capacity in capacities {
            let first = fill(from: start, capacity: capacity, hyphens: true)
            guard first.end > first.start, let rest = arrange(from: first.end, count: count - 1, limit: limit, grid: grid) else { continue }
            let columns = [first] + rest
            let cost = self.cost(columns, grid: grid) + (columns.count < count ? grid * Self.emptyCost : 0)
            if best.map({ cost < $0.cost - 1e-6 }) ?? true { best = (columns, cost) }
        }
        return best?.columns
    }

    /// How poor columns are, in points: how far apart they end, three lines for each column
    /// that ends on a hyphen, and far more for one that leaves a widow or an orphan or parts a
    /// subhead from its text.
    func cost(_ columns: [Column], grid: Double) -> Double {
        var cost = spread(columns)
        for column in columns where column.end > column.start && skipSpaces(column.end) < elements.count {
            switch elements[column.end - 1].breakAfter {
            case .allowed: break
            case .weak:
                // A hyphen at a column's end costs three lines of unevenness; a short line
                // opening the next column (its spaces stopped at their widest) half a line.
                if case .line(let line, _, _) = elements[column.end - 1].content, !line.endsInHyphen {
                    cost += grid / 2
                } else {
                    cost += grid * 3
                }
            case .avoid: cost += grid * Self.keepCost
            case .never: cost += grid * Self.keepCost * 10
            }
        }
        return cost
    }

    /// How far apart the columns end.
    func spread(_ columns: [Column]) -> Double {
        let heights = columns.map(\.height)
        return (heights.max() ?? 0) - (heights.min() ?? 0)
    }
}
