import XCTest
import BulletinModel
@testable import BulletinLayout

/// The print edition's sheets: where the trim and bleed lie, the booklet's page order and its
/// blank pages, and what runs on into the bleed.
final class SheetPlanTests: XCTestCase {
    let a4 = (width: 595.276, height: 841.89)
    let mm = 72 / 25.4

    func testOnePageASheetHasTheTrimInsideBleedAndMarks() {
        let plan = SheetPlan.print(pages: 3, width: a4.width, height: a4.height, spec: PrintSpec(), imposition: nil)
        XCTAssertEqual(plan.sheets.map { $0.placements.map(\.page) }, [[0], [1], [2]])
        XCTAssertEqual(plan.trim.width, a4.width, accuracy: 1e-9)
        XCTAssertEqual(plan.trim.height, a4.height, accuracy: 1e-9)
        // The bleed is 3 mm; the marks start no nearer than 3 mm and run 6 mm, with 2 mm to spare.
        XCTAssertEqual(plan.bleed, 3 * mm, accuracy: 1e-9)
        XCTAssertEqual(plan.trim.x, 11 * mm, accuracy: 1e-9)
        XCTAssertEqual(plan.width, a4.width + 22 * mm, accuracy: 1e-9)
        XCTAssertEqual(plan.height, a4.height + 22 * mm, accuracy: 1e-9)
        XCTAssertEqual(plan.bleedArea, plan.trim.expanded(by: .all(3 * mm)))
        XCTAssertEqual(plan.sheets[2].slug, "page 3")
        XCTAssertEqual(plan.blankPages, 0)
    }

    func testAWideBleedPushesTheMarksOut() {
        let plan = SheetPlan.print(pages: 1, width: a4.width, height: a4.height, spec: PrintSpec(bleed: 5 * mm), imposition: nil)
        XCTAssertEqual(plan.markOffset, 5 * mm, accuracy: 1e-9)
        XCTAssertEqual(plan.trim.x, 13 * mm, accuracy: 1e-9)
    }

    func testWithoutMarksThePageIsTheBleedArea() {
        let plan = SheetPlan.print(pages: 1, width: a4.width, height: a4.height, spec: PrintSpec(marks: false), imposition: nil)
        XCTAssertEqual(plan.bleedArea, Area(x: 0, y: 0, width: plan.width, height: plan.height))
    }

    func testTheEmailEditionIsThePagesAsTheyAre() {
        let plan = SheetPlan.plain(pages: 2, width: a4.width, height: a4.height)
        XCTAssertFalse(plan.isPrint)
        XCTAssertEqual(plan.width, a4.width)
        XCTAssertEqual(plan.sheets.map { $0.placements.map(\.page) }, [[0], [1]])
        XCTAssertEqual(plan.sheets[0].placements[0].x, 0)
    }

    // MARK: - Booklets

    func testBookletOrderForSaddleStitching() {
        // Eight pages: sheet 1 front 8 | 1, back 2 | 7; sheet 2 front 6 | 3, back 4 | 5 (from 1).
        let order = SheetPlan.bookletOrder(pages: 8).map { [$0.left + 1, $0.right + 1] }
        XCTAssertEqual(order, [[8, 1], [2, 7], [6, 3], [4, 5]])
        let twelve = SheetPlan.bookletOrder(pages: 12).map { [$0.left + 1, $0.right + 1] }
        XCTAssertEqual(twelve, [[12, 1], [2, 11], [10, 3], [4, 9], [8, 5], [6, 7]])
        // Folded, every page faces its neighbours: each side's two pages add up to count + 1.
        for pair in SheetPlan.bookletOrder(pages: 16) { XCTAssertEqual(pair.left + pair.right + 2, 17) }
    }

    func testABookletIsPaddedWithBlankPagesAtTheEnd() {
        let plan = SheetPlan.print(pages: 6, width: a4.width, height: a4.height, spec: PrintSpec(), imposition: .booklet)
        XCTAssertEqual(plan.blankPages, 2)
        XCTAssertEqual(plan.sheets.map { $0.placements.map(\.page) }, [[nil, 0], [1, nil], [5, 2], [3, 4]])
        XCTAssertEqual(plan.sheets.map(\.label), ["sheet 1 front", "sheet 1 back", "sheet 2 front", "sheet 2 back"])
        XCTAssertEqual(plan.sheets[0].slug, "sheet 1 front: blank | page 1")
        XCTAssertEqual(SheetPlan.print(pages: 1, width: 100, height: 100, spec: PrintSpec(), imposition: .booklet).blankPages, 3)
        XCTAssertEqual(SheetPlan.print(pages: 8, width: 100, height: 100, spec: PrintSpec(), imposition: .booklet).blankPages, 0)
    }

    func testABookletSheetIsTwoPagesWideWithNoBleedAtTheFold() {
        let plan = SheetPlan.print(pages: 4, width: a4.width, height: a4.height, spec: PrintSpec(), imposition: .booklet)
        // A4 pages on an A3 sheet, landscape.
        XCTAssertEqual(plan.trim.width, 2 * a4.width, accuracy: 1e-9)
        XCTAssertEqual(plan.trim.height, a4.height, accuracy: 1e-9)
        let left = plan.sheets[0].placements[0], right = plan.sheets[0].placements[1]
        XCTAssertEqual(left.x, plan.trim.x, accuracy: 1e-9)
        XCTAssertEqual(right.x, plan.trim.x + a4.width, accuracy: 1e-9)
        XCTAssertEqual(left.bleed.right, 0)
        XCTAssertEqual(right.bleed.left, 0)
        XCTAssertEqual(left.bleed.left, 3 * mm, accuracy: 1e-9)
        XCTAssertEqual(right.bleed.right, 3 * mm, accuracy: 1e-9)
    }

    // MARK: - Bleed

    let bleed = Insets.all(8.5)

    func testARuleToTheTrimRunsIntoTheBleed() {
        let across = PageItem.rule(Rule(x0: 0, y0: 100, x1: 200, y1: 100, thickness: 2, colour: .black))
        guard case .rule(let rule) = across.bleeding(bleed, width: 200, height: 300) else { return XCTFail() }
        XCTAssertEqual([rule.x0, rule.x1], [-8.5, 208.5])
        let down = PageItem.rule(Rule(x0: 50, y0: 300, x1: 50, y1: 20, thickness: 2, colour: .black))
        guard case .rule(let vertical) = down.bleeding(bleed, width: 200, height: 300) else { return XCTFail() }
        XCTAssertEqual([vertical.y0, vertical.y1], [308.5, 20])
    }

    func testARuleInsideTheMarginsStaysAsItIs() {
        let inside = PageItem.rule(Rule(x0: 42, y0: 100, x1: 158, y1: 100, thickness: 1, colour: .black))
        XCTAssertEqual(inside.bleeding(bleed, width: 200, height: 300), inside)
    }

    func testAPictureAtTheTrimGrowsIntoTheBleedOnlyOnThatSide() {
        let top = PageItem.image(PlacedImage(path: "p", x: 0, y: 0, width: 200, height: 100, fit: .cover))
        guard case .image(let grown) = top.bleeding(bleed, width: 200, height: 300) else { return XCTFail() }
        XCTAssertEqual([grown.x, grown.y, grown.width, grown.height], [-8.5, -8.5, 217, 108.5])
        // A drawing drawn whole in its frame is never grown (it would move).
        let chart = PageItem.image(PlacedImage(path: "c", x: 0, y: 0, width: 200, height: 100, fit: .contain))
        XCTAssertEqual(chart.bleeding(bleed, width: 200, height: 300), chart)
        // No bleed at a booklet's fold: the facing page is there.
        guard case .image(let atFold) = top.bleeding(Insets(top: 8.5, bottom: 8.5, left: 8.5, right: 0), width: 200, height: 300) else { return XCTFail() }
        XCTAssertEqual(atFold.width, 208.5)
    }
}
