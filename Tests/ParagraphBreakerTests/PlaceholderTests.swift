import XCTest
@testable import ParagraphBreaker

final class PlaceholderTests: XCTestCase {
    func testGreedyBreaksAtGlue() {
        let items: [BreakItem] = [.box(3), .glue(1, stretch: 1, shrink: 0), .box(3), .glue(1, stretch: 1, shrink: 0), .box(3),
                                  .glue(0, stretch: 1000, shrink: 0), .penalty(0, cost: -10_000)]
        let result = breakGreedy(items, lineWidth: { _ in 7 })
        XCTAssertEqual(result.breaks.map(\.position), [3, 6])
    }
}
