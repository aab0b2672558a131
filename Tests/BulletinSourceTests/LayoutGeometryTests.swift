import XCTest
import BulletinModel
@testable import BulletinSource

/// A layout whose numbers are each in range may still leave no room for text: these are the
/// checks of the page as a whole, each blaming one key and its line.
extension LayoutLoaderTests {
    func testMarginsPastThePage() throws {
        try assertRejected("margins: 15mm", "margins: {top: 15mm, bottom: 15mm, left: 120mm, right: 100mm}",
                           "page.margins.left is past the page: left and right margins are 220mm together on a page 210mm wide")
        try assertRejected("margins: 15mm", "margins: {top: 150mm, bottom: 150mm, left: 15mm, right: 15mm}",
                           "page.margins.top is past the page: top and bottom margins are 300mm together on a page 297mm tall")
        try assertRejected("margins: 15mm", "margins: 100mm",
                           "page.margins leaves a text area 10mm wide on a page 210mm wide; it must be at least 30mm")
    }

    func testGutterWiderThanTheText() throws {
        try assertRejected("gutter: 5mm", "gutter: 100mm",
                           "grid.gutter is too wide: 2 gutters of 100mm leave no room for 3 columns in a text area 180mm wide")
    }

    func testColumnsTooNarrow() throws {
        try assertRejected("columns: 3", "columns: 8",
                           "grid.columns and grid.gutter make 8 columns 18.1mm wide in a text area 180mm wide; a column must be at least 30mm")
        // Gutters that take most of the text area are blamed instead.
        try assertRejected("gutter: 5mm", "gutter: 60mm",
                           "grid.columns and grid.gutter make 3 columns 20mm wide in a text area 180mm wide; a column must be at least 30mm")
    }

    func testColumnsTooNarrowForTheBodySize() throws {
        try assertRejected("size: 9pt, leading: 11pt, align: justify", "size: 30pt, leading: 33pt, align: justify",
                           "grid.columns makes 3 columns 160.6pt wide, narrower than 8 em of the body size (240pt, about 16 characters "
                           + "of styles.body.size 30pt)", at: "columns: 3")
        // With one column there is nothing else to blame.
        try assertRejected([("columns: 3", "columns: 1"), ("size: 9pt, leading: 11pt, align: justify", "size: 80pt, leading: 88pt, align: justify")],
                           "the column is 510.2pt wide, narrower than 8 em of the body size (640pt, about 16 characters of styles.body.size 80pt)",
                           at: "body: ")
    }

    func testBaselineTallerThanTheTextArea() throws {
        try assertRejected("baseline: 11pt", "baseline: 800pt", "grid.baseline (800pt) is taller than the text area (756.9pt)")
    }

    func testFurnitureTallerThanItsHeight() throws {
        try assertRejected("height: 22pt", "height: 5pt",
                           "running_head.height (5pt) is less than the running head needs (11.3pt: styles.running_head.leading, 2pt "
                           + "and half of running_head.rule); it would run into the columns")
        try assertRejected("height: 26pt", "height: 10pt",
                           "footer.height (10pt) is less than the footer needs (20.3pt: 2 lines of styles.footer.leading and its rule); "
                           + "it would run into the columns")
    }

    /// A footer of one line needs "1 line" of its leading.
    func testAFooterOfOneLineIsToldInTheSingular() throws {
        try assertRejected([("    - \"Tel. {telephone} · {email} · {web} · {copyright}\"\n", "    # one line\n"), ("height: 26pt", "height: 5pt")],
                           "footer.height (5pt) is less than the footer needs (12.3pt: 1 line of styles.footer.leading and its rule); "
                           + "it would run into the columns", at: "height: 26pt")
    }

    func testStoryRuleThickerThanTheGap() throws {
        try assertRejected("rule: 0.75pt", "rule: 20pt",
                           "story.rule (20pt) is thicker than the space between stories (story.gap on the grid, 11pt); it would cover their text")
    }

    func testFurnitureLeavingNoRoomForStories() throws {
        try assertRejected("height: 22pt", "height: 700pt",
                           "running_head.height leaves no room for stories: pages after the first have 30.9pt between the running head "
                           + "and the footer, and a headline with two lines of text needs 55pt")
        try assertRejected("space_after: 11pt", "space_after: 650pt",
                           "masthead.space_after leaves no room for stories on page 1: below the masthead (715pt) there are 15.9pt "
                           + "above the footer, and a headline with two lines of text needs 55pt")
    }

    /// A headline too large for any page is reported when a story hits it, naming the story.
    func testHugeHeadlineIsLeftToTheComposer() throws {
        let layout = try loadEdited("size: 20pt, leading: 22pt", "size: 900pt")
        XCTAssertEqual(layout.style(.headline).leading, 1080)
    }

    func testIndentsAndQuotesLeaveRoomInAColumn() throws {
        try assertRejected("indent: 1em}", "indent: 10em}", "styles.body.indent (90pt) is half a column (160.6pt) or more", at: "body: ")
        try assertRejected("size: 9pt, leading: 11pt, align: justify, indent: 0", "size: 30pt, leading: 33pt, align: justify, indent: 0",
                           "styles.quote.size (30pt) is too large for the column: block quotes, inset 1em on each side, would be 100.6pt "
                           + "wide in a column of 160.6pt; they need 4em")
    }
}
