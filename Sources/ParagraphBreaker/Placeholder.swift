// Temporary first-fit breaker with the final API; replaced by the total-fit breaker.
public struct BreakItem: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case box, glue, penalty }
    public var kind: Kind
    public var width: Double
    public var stretch: Double
    public var shrink: Double
    public var penalty: Double
    public var flagged: Bool
    public static func box(_ width: Double, stretch: Double = 0, shrink: Double = 0) -> BreakItem {
        BreakItem(kind: .box, width: width, stretch: stretch, shrink: shrink, penalty: 0, flagged: false)
    }
    public static func glue(_ width: Double, stretch: Double, shrink: Double) -> BreakItem {
        BreakItem(kind: .glue, width: width, stretch: stretch, shrink: shrink, penalty: 0, flagged: false)
    }
    public static func penalty(_ width: Double, cost: Double, flagged: Bool = false) -> BreakItem {
        BreakItem(kind: .penalty, width: width, stretch: 0, shrink: 0, penalty: cost, flagged: flagged)
    }
}
public struct BreakParameters: Sendable, Equatable {
    public var tolerance: Double = 200
    public var pretolerance: Double = 100
    public var linePenalty: Double = 10
    public var hyphenPenalty: Double = 50
    public var doubleHyphenDemerits: Double = 3000
    public var finalHyphenDemerits: Double = 5000
    public var adjacentDemerits: Double = 3000
    public var emergencyStretch: Double = 0
    public var maxConsecutiveHyphens: Int = 2
    public var looseness: Int = 0
    public init() {}
}
public struct LineBreak: Sendable, Equatable {
    public var position: Int
    public var ratio: Double
    public var hyphenated: Bool
}
public enum BreakPass: Sendable, Equatable { case pretolerance, tolerance, emergency, overfull }
public struct BreakResult: Sendable, Equatable {
    public var breaks: [LineBreak]
    public var pass: BreakPass
}
public func breakParagraph(_ items: [BreakItem], lineWidth: (Int) -> Double, parameters: BreakParameters = .init()) -> BreakResult {
    breakGreedy(items, lineWidth: lineWidth)
}
public func breakGreedy(_ items: [BreakItem], lineWidth: (Int) -> Double) -> BreakResult {
    var breaks: [LineBreak] = []
    var start = 0
    var width = 0.0, shrink = 0.0
    var lastFit: Int? = nil
    var i = 0
    func canBreak(_ j: Int) -> Bool {
        switch items[j].kind {
        case .penalty: return items[j].penalty < 10_000
        case .glue: return j > 0 && items[j - 1].kind == .box
        case .box: return false
        }
    }
    while i < items.count {
        let item = items[i]
        if canBreak(i) {
            let w = width + (item.kind == .penalty ? item.width : 0)
            if w - shrink <= lineWidth(breaks.count) + 1e-9 || lastFit == nil {
                lastFit = i
                if item.kind == .penalty && item.penalty <= -10_000 {
                    breaks.append(LineBreak(position: i, ratio: 0, hyphenated: item.flagged))
                    start = i + 1; width = 0; shrink = 0; lastFit = nil; i = start
                    while i < items.count && items[i].kind != .box && !(items[i].kind == .penalty && items[i].penalty <= -10_000) { i += 1 }
                    continue
                }
            } else if let fit = lastFit {
                breaks.append(LineBreak(position: fit, ratio: 0, hyphenated: items[fit].kind == .penalty && items[fit].flagged))
                start = fit + 1; width = 0; shrink = 0; lastFit = nil; i = start
                while i < items.count && items[i].kind != .box && !(items[i].kind == .penalty && items[i].penalty <= -10_000) { i += 1 }
                continue
            }
        }
        if item.kind != .penalty { width += item.width; shrink += item.shrink }
        i += 1
    }
    _ = start
    return BreakResult(breaks: breaks, pass: .tolerance)
}
