import XCTest
import BulletinModel
import BulletinSource
@testable import BulletinLayout

/// Distribution: jump lines, the contents box, narrow stories beside wide ones, pull quotes,
/// fillers and the imprint, on the classic layout with the fake shaper.
final class DistributionTests: XCTestCase {
    func compose(_ stories: [Story], contents: Bool = false, imprint: ImprintSpec.Place = .none,
                 clock: BreakClock = BreakClock()) throws -> (Document, PageGeometry) {
        var layout = try Fixtures.classic()
        layout.contents.place = contents ? .rail : .none
        layout.imprint.place = imprint
        let document = try Composer(layout: layout, shaper: FakeShaper(), clock: clock).compose(Fixtures.issue(stories))
        XCTAssertEqual(ContentCheck.missing(in: document, issue: Fixtures.issue(stories)), [])
        return (document, PageGeometry(layout: layout))
    }

    /// The words of the texts of `kind` on a page, in order, joined by spaces.
    func words(_ page: Page, _ kind: TextKind, story: Int? = nil) -> String {
        page.texts.filter { $0.kind == kind && (story == nil || $0.story == story) }.map(\.fragment.text).joined(separator: " ")
    }

    func testJumpLinesNameThePagesOfTheOtherPart() throws {
        // Three stories, the second long enough to run over two page breaks.
        let (document, geometry) = try compose([Fixtures.story("First", paragraphs: [60, 60]),
                                                Fixtures.story("Long", paragraphs: Array(repeating: 90, count: 40)),
                                                Fixtures.story("Last", paragraphs: [40])])
        let pagesOfLong = document.pages.indices.filter { p in document.pages[p].texts.contains { $0.story == 1 && $0.kind == .body } }
        XCTAssertGreaterThanOrEqual(pagesOfLong.count, 3, "the long story spans three pages or more")
        for (part, page) in pagesOfLong.enumerated() {
            let jumps = document.pages[page].texts.filter { $0.kind == .jump && $0.story == 1 }
            let text = jumps.map(\.fragment.text).joined(separator: " ")
            if part + 1 < pagesOfLong.count {
                XCTAssertTrue(text.contains("Continued on page \(pagesOfLong[part + 1] + 1)"), "page \(page + 1): \(text)")
                // In the last column, on the last line of the text area, flush right.
                let on = jumps.filter { $0.baseline > geometry.bodyBottom - geometry.grid }
                XCTAssertFalse(on.isEmpty, "the jump line sits on the last line")
                let right = on.map { $0.x + $0.fragment.width }.max() ?? 0
                XCTAssertEqual(right, geometry.right, accuracy: 0.5)
            }
            if part > 0 {
                XCTAssertTrue(text.contains("Continued from page \(pagesOfLong[part - 1] + 1)"), "page \(page + 1): \(text)")
                XCTAssertEqual(words(document.pages[page], .jumpHead, story: 1), "Long")
                // The jump head comes before the continued text on the page.
                let head = document.pages[page].texts.first { $0.kind == .jumpHead }?.baseline ?? .infinity
                let body = document.pages[page].texts.filter { $0.story == 1 && $0.kind == .body }.map(\.baseline).min() ?? 0
                XCTAssertLessThan(head, body)
            }
        }
        // A story that ends on its page has no jump line.
        XCTAssertFalse(document.pages.flatMap(\.texts).contains { $0.kind == .jump && $0.story != 1 })
    }

    func testContentsListsEveryStoryWithItsPage() throws {
        let stories = [Fixtures.story("Alpha", paragraphs: Array(repeating: 80, count: 12)),
                       Fixtures.story("Beta", paragraphs: [50, 50]),
                       Fixtures.story("Gamma", paragraphs: Array(repeating: 80, count: 10))]
        let (document, geometry) = try compose(stories, contents: true)
        let page1 = document.pages[0]
        let box = page1.texts.filter { $0.kind == .boxTitle || $0.kind == .boxText }
        XCTAssertTrue(words(page1, .boxTitle).hasPrefix("In this issue"))
        // The box is in the rightmost column.
        let lastColumn = geometry.columnX(geometry.columns - 1)
        XCTAssertTrue(box.allSatisfy { $0.x >= lastColumn - 0.01 }, "\(box.map(\.x))")
        // Each entry's page number is the page its story starts on.
        for (index, entry) in document.outline.enumerated() {
            let title = box.first { $0.fragment.text == stories[index].title }
            let number = box.first { $0.baseline == title?.baseline && $0.fragment.text == "\(entry.page + 1)" }
            XCTAssertNotNil(number, "\(stories[index].title) on page \(entry.page + 1)")
        }
        XCTAssertGreaterThan(document.outline.last?.page ?? 0, 0, "a story starts after page 1")
        // The first story's head spans the columns beside the box, its body continues below it.
        let headline = page1.texts.filter { $0.story == 0 && $0.kind == .headline }
        XCTAssertTrue(headline.allSatisfy { $0.x + $0.fragment.width <= lastColumn })
        let boxBottom = box.map(\.baseline).max() ?? 0
        let below = page1.texts.filter { $0.story == 0 && $0.kind == .body && $0.column == geometry.columns - 1 }
        XCTAssertFalse(below.isEmpty, "the story flows on below the box")
        XCTAssertTrue(below.allSatisfy { $0.baseline > boxBottom })
    }

    func testNarrowStoryStandsBesideTheNextOne() throws {
        var notice = Fixtures.story("Notice", paragraphs: [40])
        notice.columns = 1
        let (document, geometry) = try compose([Fixtures.story("Opening", paragraphs: [30]), notice,
                                                Fixtures.story("Feature", paragraphs: Array(repeating: 70, count: 6))])
        let page = document.pages[0]
        let noticeText = page.texts.filter { $0.story == 1 }
        let last = geometry.columns - 1
        XCTAssertTrue(noticeText.allSatisfy { $0.x >= geometry.columnX(last) - 0.01 }, "the notice is in the last column")
        // Both heads start level (their kickers on one line); the notice's headline is smaller.
        let noticeKicker = noticeText.filter { $0.kind == .kicker }.map(\.baseline).min() ?? 0
        let featureKicker = page.texts.filter { $0.story == 2 && $0.kind == .kicker }.map(\.baseline).min() ?? 0
        XCTAssertEqual(featureKicker, noticeKicker, accuracy: 0.01, "both heads start level")
        let featureHead = page.texts.filter { $0.story == 2 && $0.kind == .headline }
        let noticeHeadline = try XCTUnwrap(noticeText.first { $0.kind == .headline })
        XCTAssertLessThan(noticeHeadline.fragment.font.size, try XCTUnwrap(featureHead.first).fragment.font.size)
        XCTAssertTrue(featureHead.allSatisfy { $0.x + $0.fragment.width <= geometry.columnX(last) }, "the feature's head stays beside")
        // The feature reads on into the last column below the notice.
        let noticeBottom = noticeText.map(\.baseline).max() ?? 0
        let featureInLast = page.texts.filter { $0.story == 2 && $0.column == last }
        XCTAssertFalse(featureInLast.isEmpty)
        XCTAssertTrue(featureInLast.allSatisfy { $0.baseline > noticeBottom })
    }

    /// Two narrow stories first, the contents box over the right column: the second, too tall
    /// for what is left under the first, stands in the empty column beside it on page 1, and the
    /// story after them opens on page 1 too, not on page 2 behind two empty columns.
    func testTwoNarrowStoriesFirstLeaveNoColumnEmpty() throws {
        var notice = Fixtures.story("Notice", paragraphs: [60, 60, 60], seed: 2)
        notice.columns = 1
        var contest = Fixtures.story("Contest", paragraphs: [50, 50], seed: 3)
        contest.columns = 1
        let (document, geometry) = try compose([notice, contest, Fixtures.story("Feature", paragraphs: Array(repeating: 80, count: 14))],
                                               contents: true)
        XCTAssertEqual(document.outline.map(\.page), [0, 0, 0], "every story opens on page 1")
        let page = document.pages[0]
        let last = geometry.columns - 1
        XCTAssertTrue(page.texts.filter { $0.story == 0 }.allSatisfy { $0.column == nil || $0.column == last })
        // The second notice in the column left of the first, whole; the feature's text in every column.
        let contestColumns = Set(page.texts.filter { $0.story == 1 && $0.kind == .body }.compactMap(\.column))
        XCTAssertEqual(contestColumns, [last - 1])
        XCTAssertTrue(document.pages.dropFirst().allSatisfy { !$0.texts.contains { $0.story == 1 } }, "whole on page 1")
        let featureColumns = Set(page.texts.filter { $0.story == 2 && $0.kind == .body }.compactMap(\.column))
        XCTAssertEqual(featureColumns, Set(0..<geometry.columns))
    }

    func testPullQuoteSitsInsideTheBodyBetweenRules() throws {
        var story = Fixtures.story("Quoted", paragraphs: Array(repeating: 50, count: 10))
        story.pullQuote = "A sentence worth setting large"
        let (document, _) = try compose([story])
        let texts = document.pages.flatMap(\.texts).filter { $0.story == 0 }
        let quote = texts.filter { $0.kind == .pullQuote }
        XCTAssertEqual(quote.map(\.fragment.text).joined(separator: " ").filter { $0.isLetter },
                       "A sentence worth setting large".filter { $0.isLetter })
        // Away from the body's start and end: at least a quarter of the body's lines on either side.
        let body = texts.filter { $0.kind == .body }
        guard let at = texts.firstIndex(where: { $0.kind == .pullQuote }) else { return XCTFail("no pull quote") }
        let before = Set(texts[..<at].filter { $0.kind == .body }.map { "\($0.column ?? 0)-\($0.baseline)" }).count
        let lines = Set(body.map { "\($0.column ?? 0)-\($0.baseline)" }).count
        XCTAssertGreaterThanOrEqual(Double(before), Double(lines) * 0.2)
        XCTAssertLessThanOrEqual(Double(before), Double(lines) * 0.8)
        // A rule above and below it, in its column.
        let page = document.pages.first { $0.texts.contains { $0.kind == .pullQuote } }!
        let top = quote.map(\.baseline).min() ?? 0, bottom = quote.map(\.baseline).max() ?? 0
        let rules = page.items.compactMap { item -> Rule? in if case .rule(let r) = item { return r } else { return nil } }
        XCTAssertTrue(rules.contains { $0.y0 < top && $0.y0 > top - 30 && abs($0.x0 - (quote.first?.x ?? 0)) < 1 })
        XCTAssertTrue(rules.contains { $0.y0 > bottom && $0.y0 < bottom + 30 })
    }

    /// A pull quote that does not fit in the room left before a jump goes down a paragraph or
    /// more: the columns before the jump fill with the text after it, and no continuation opens
    /// with the quote. Stories of many lengths, so that the quote falls at a page's foot in some.
    func testAPullQuoteDoesNotOpenAContinuationNorLeaveAHoleBeforeTheJump() throws {
        var layout = try Fixtures.classic()
        layout.contents.place = .none
        layout.imprint.place = .none
        layout.fit.pullQuotes = false
        for length in 30...50 {
            var story = Fixtures.story("Quoted", paragraphs: Array(repeating: 45, count: length), seed: length)
            story.pullQuote = "A sentence worth setting large, long enough to take three or four lines of a column"
            let stories = [story, Fixtures.story("After", paragraphs: [40, 40])]
            let document = try Composer(layout: layout, shaper: FakeShaper()).compose(Fixtures.issue(stories))
            XCTAssertEqual(ContentCheck.missing(in: document, issue: Fixtures.issue(stories)), [], "\(length) paragraphs")
            let pages = document.pages.indices.filter { p in document.pages[p].texts.contains { $0.story == 0 && $0.kind == .body } }
            for page in pages.dropFirst() {
                let first = document.pages[page].texts.filter { $0.story == 0 && ($0.kind == .body || $0.kind == .pullQuote) }
                    .min { ($0.column ?? 0, $0.baseline) < ($1.column ?? 0, $1.baseline) }
                XCTAssertNotEqual(first?.kind, .pullQuote, "\(length) paragraphs: page \(page + 1) opens with the pull quote")
            }
            XCTAssertTrue(document.pages.contains { $0.texts.contains { $0.story == 0 && $0.kind == .pullQuote } })
        }
    }

    /// The pull quote and its spaces go after the next paragraph's end that more text follows;
    /// nowhere if none does.
    func testMovingAPullQuoteDownAParagraph() {
        func line(_ block: Int) -> ColumnElement {
            ColumnElement(content: .line(TypesetLine(fragments: [], width: 10, naturalWidth: 10, ratio: 0, hyphenated: false, isLast: false), kind: .body, block: block),
                          height: 10, baseline: 8, inset: 0,
                          breakAfter: .allowed)
        }
        let space = ColumnElement(content: .space, height: 10, baseline: 0, inset: 0, breakAfter: .allowed)
        let quote = ColumnElement(content: .framed([], kind: .pullQuote, leading: 12, offset: 0, rule: 0.5), height: 40, baseline: 0, inset: 0,
                                  breakAfter: .allowed)
        let elements = [line(0), line(0), space, quote, space, line(5), line(5), line(7), line(7)]
        let moved = ColumnElement.movingDown(at: 3, in: elements)?.elements
        XCTAssertEqual(moved?.map(\.isPullQuote), [false, false, false, false, false, true, false, false, false])
        XCTAssertEqual(moved?.map(\.isSpace), [false, false, false, false, true, false, true, false, false])
        // After the last paragraph, the quote would end the story alone: it stays.
        XCTAssertEqual(ColumnElement.movingDown(at: 3, in: elements)?.index, 5)
        XCTAssertNil(ColumnElement.movingDown(at: 5, in: moved ?? []))
    }

    func testPullQuoteNeverCutsIntoAList() throws {
        var story = Fixtures.story("Listed", paragraphs: [30])
        // Most of the body is one list, so two fifths of the way falls inside it.
        story.body.append(.list(ordered: false, start: 1, items: (0..<12).map { i in [.paragraph([.text(Fixtures.words(25, seed: 50 + i))])] }))
        story.body.append(.paragraph([.text(Fixtures.words(30, seed: 90))]))
        story.pullQuote = "A sentence worth setting large"
        var layout = try Fixtures.classic()
        layout.contents.place = .none
        layout.imprint.place = .none
        layout.fit.pullQuotes = false   // a short last page may not take the pull quote away here
        let document = try Composer(layout: layout, shaper: FakeShaper()).compose(Fixtures.issue([story]))
        let kinds = document.pages.flatMap(\.texts).filter { $0.story == 0 }.map(\.kind)
        guard let at = kinds.firstIndex(of: .pullQuote) else { return XCTFail("no pull quote") }
        let after = kinds[at...].first { $0 != .pullQuote }
        XCTAssertFalse(kinds[..<at].last == .listItem && after == .listItem, "the pull quote stands between two list items")
    }

    /// A pull quote taller than a column is an error about the pull quote, at its line, not
    /// about the layout's leading.
    func testAPullQuoteTallerThanAColumnIsToldAsSuch() throws {
        var story = Fixtures.story("Quoted", paragraphs: [60, 60, 60])
        story.pullQuote = Fixtures.words(400, seed: 3)
        story.pullQuoteLine = 6
        XCTAssertThrowsError(try compose([story])) { error in
            let input = error as? InputError
            XCTAssertEqual(input?.line, 6)
            XCTAssertEqual(input?.message, "the pull quote is taller than a column: shorten it to a sentence or two")
        }
    }

    func testFillersGoLastAndTheImprintNamesTheEditors() throws {
        var filler = Fixtures.story("Found", paragraphs: [20])
        filler.filler = true
        let clock = BreakClock()
        let (document, _) = try compose([filler, Fixtures.story("Main", paragraphs: Array(repeating: 60, count: 4))],
                                        imprint: .end, clock: clock)
        XCTAssertEqual(document.outline.map(\.title), ["Main", "Found"], "the outline follows the pages")
        let order = document.pages.flatMap(\.texts).compactMap { $0.kind == .headline ? $0.story : nil }
        XCTAssertEqual(order.first, 1, "the filler waits for the end")
        let last = document.pages[document.pages.count - 1]
        let imprint = words(last, .boxText)
        XCTAssertTrue(imprint.contains("Ann Editor"), imprint)
        XCTAssertTrue(imprint.contains("1 Test Road"), imprint)
        XCTAssertTrue(words(last, .boxTitle).contains("Imprint"))
        // The filler set beside the imprint is read before it (the page's items are its
        // structure's order): the imprint ends the issue.
        let texts = last.texts
        let lastOfFiller = try XCTUnwrap(texts.lastIndex { $0.story == 0 })
        let firstOfImprint = try XCTUnwrap(texts.firstIndex { $0.kind == .boxTitle })
        XCTAssertLessThan(lastOfFiller, firstOfImprint, "the imprint is read before the filler beside it")
    }

    /// A filler set beside the imprint is not carried on below it, to be read around the issue's
    /// last words (a German test issue set a filler's last two lines under the imprint, its
    /// first four in the column before): it stays in its own columns, or stands whole below.
    func testAFillerIsNotCarriedOnBelowTheImprint() throws {
        var carried = 0
        for main in stride(from: 2, through: 16, by: 1) {
            for length in [20, 40, 60, 90] {
                var filler = Fixtures.story("Found", paragraphs: [length, length / 2], seed: 3)
                filler.filler = true
                let (document, _) = try compose([Fixtures.story("Main", paragraphs: Array(repeating: 90, count: main)), filler], imprint: .end)
                for page in document.pages {
                    guard let title = page.texts.first(where: { $0.kind == .boxTitle }), let column = title.column else { continue }
                    let imprintBottom = page.texts.filter { $0.kind == .boxText || $0.kind == .boxTitle }.map(\.baseline).max() ?? 0
                    let fillerText = page.texts.filter { $0.story == 1 && $0.kind == .body }
                    let below = fillerText.filter { $0.column == column && $0.baseline > imprintBottom }
                    // Beside it: in a column before, no lower than its last line.
                    let before = fillerText.filter { ($0.column ?? column) < column && $0.baseline <= imprintBottom }
                    if !below.isEmpty { XCTAssertTrue(before.isEmpty, "\(main)/\(length): the filler goes on below the imprint from the column before") }
                    if !below.isEmpty || !before.isEmpty { carried += 1 }
                }
            }
        }
        XCTAssertGreaterThan(carried, 0, "fillers were set beside or below the imprint")
    }

    func testImprintGoesAfterTheLastStory() throws {
        // However much of the last page the stories leave free, the imprint is on the page where
        // the last story ends (whole or in short) or on a page after it, never in the free space
        // of a page before (here the foot of page 1, left when the pictured story opens on page 2).
        var pictured = Fixtures.story("Pictured", paragraphs: [], seed: 2)
        pictured.image = ImageRef(path: "images/square.jpg", resolved: "/issue/images/square.jpg", caption: "A caption.", span: nil)
        var layout = try Fixtures.classic()
        layout.contents.place = .none
        layout.imprint.place = .end
        for first in [5, 6] {
            for paragraphs in stride(from: 8, through: 30, by: 2) {
                pictured.body = Fixtures.story("Pictured", paragraphs: Array(repeating: 80, count: paragraphs), seed: 2).body
                let issue = Fixtures.issue([Fixtures.story("First", paragraphs: Array(repeating: 90, count: first)), pictured])
                let document = try Composer(layout: layout, shaper: FakeShaper(),
                                            images: FakeImages(sizes: ["/issue/images/square.jpg": ImageSize(width: 1000, height: 1000)])).compose(issue)
                XCTAssertEqual(ContentCheck.missing(in: document, issue: issue), [])
                let imprintPage = try XCTUnwrap(document.pages.indices.first { p in document.pages[p].texts.contains { $0.kind == .boxTitle } })
                let storiesEnd = try XCTUnwrap(document.pages.indices.last { p in document.pages[p].texts.contains { $0.story != nil && $0.kind == .body } })
                XCTAssertEqual(imprintPage, document.pages.count - 1, "\(first)/\(paragraphs) paragraphs: the imprint is on the last page")
                XCTAssertGreaterThanOrEqual(imprintPage, storiesEnd, "\(first)/\(paragraphs) paragraphs")
                let editors = words(document.pages[imprintPage], .boxText)
                XCTAssertTrue(editors.contains("Ann Editor"), editors)
            }
        }
    }

    func testWarningNamesTheImprintWhereItOpensTheLastPage() throws {
        // Stories that end at the foot of a page leave no room for the imprint: it opens the last
        // page, and the warning about that page says so rather than ask for a filler.
        var told = 0
        for paragraphs in stride(from: 10, through: 40, by: 1) {
            let clock = BreakClock()
            let (document, _) = try compose([Fixtures.story("Main", paragraphs: Array(repeating: 90, count: paragraphs))], imprint: .end, clock: clock)
            let empty = clock.warnings.filter { $0.message.contains("lines of the last page are empty") }.map(\.message)
            guard let last = document.pages.last, !last.texts.contains(where: { $0.story != nil }), let message = empty.first else { continue }
            told += 1
            XCTAssertTrue(last.texts.contains { $0.kind == .boxTitle }, "the imprint is on it")
            XCTAssertTrue(message.contains("the imprint fits in no free space of the page before"), message)
            XCTAssertFalse(message.contains("filler"), message)
        }
        XCTAssertGreaterThan(told, 0, "the imprint opened the last page")
    }

    func testNarrowStoryOnTheFrontPageKeepsItsColumns() throws {
        // A front page of three openings, the second a narrow story: it stands whole in the right
        // column of page 1, not in a band across the page.
        var layout = try Fixtures.classic()
        layout.contents.place = .none
        layout.imprint.place = .none
        layout.frontPage.stories = 3
        var narrow = Fixtures.story("Narrow notice", paragraphs: [40, 30], seed: 4)
        narrow.columns = 1
        let stories = [Fixtures.story("First", paragraphs: Array(repeating: 80, count: 12)), narrow,
                       Fixtures.story("Third", paragraphs: Array(repeating: 80, count: 12), seed: 3)]
        let issue = Fixtures.issue(stories)
        let document = try Composer(layout: layout, shaper: FakeShaper()).compose(issue)
        XCTAssertEqual(ContentCheck.missing(in: document, issue: issue), [])
        let geometry = PageGeometry(layout: layout)
        let right = geometry.columnX(geometry.columns - 1)
        XCTAssertEqual(document.outline.first { $0.title == "Narrow notice" }?.page, 0)
        let texts = document.pages.flatMap(\.texts).filter { $0.story == 1 }
        XCTAssertFalse(texts.isEmpty)
        XCTAssertTrue(document.pages.dropFirst().allSatisfy { !$0.texts.contains { $0.story == 1 } }, "whole on page 1")
        XCTAssertTrue(texts.allSatisfy { $0.x >= right - 0.01 && $0.x + $0.fragment.width <= geometry.right + 0.01 },
                      "in the right column: \(texts.filter { $0.x < right - 0.01 }.map(\.fragment.text))")
        XCTAssertTrue(texts.filter { $0.kind == .body }.allSatisfy { $0.column == geometry.columns - 1 })
        // The other two open on page 1 as well, beside it.
        XCTAssertEqual(document.outline.filter { $0.title != "Narrow notice" }.map(\.page), [0, 0])
    }

    /// A story with no body (its text not written yet) takes its head's height: the next story's
    /// head stands below it, a story gap and a rule apart, never over it. So on page 1's bands too.
    func testAStoryOfOnlyAHeadTakesItsHeadsHeight() throws {
        let stories = [Fixtures.story("Opening", paragraphs: [90, 90, 90], seed: 1),
                       Story(title: "Minutes of the board", deck: "The minutes follow in the next issue.",
                             byline: Byline(writtenBy: ["Board Secretary"]), file: "stories/02-empty.md"),
                       Story(title: "Car park closes", file: "stories/03-title.md"),
                       Fixtures.story("Closing", paragraphs: [90, 90, 90, 90], seed: 4)]
        for frontStories in [0, 3] {
            var layout = try Fixtures.classic()
            layout.contents.place = .none
            layout.imprint.place = .none
            layout.frontPage.stories = frontStories
            let clock = BreakClock()
            let issue = Fixtures.issue(stories)
            let document = try Composer(layout: layout, shaper: FakeShaper(), clock: clock).compose(issue)
            XCTAssertEqual(ContentCheck.missing(in: document, issue: issue), [])
            let page = document.pages[0]
            let headKinds: Set<TextKind> = [.kicker, .headline, .deck, .byline]
            // Each story's head as a box: its texts' left and right edges, the top of the first
            // line's letters and the foot of the last's.
            func head(_ story: Int) -> (x0: Double, x1: Double, y0: Double, y1: Double)? {
                let texts = page.texts.filter { $0.story == story && headKinds.contains($0.kind) }
                guard !texts.isEmpty else { return nil }
                return (texts.map(\.x).min()!, texts.map { $0.x + $0.fragment.width }.max()!,
                        texts.map { $0.baseline - 0.8 * $0.fragment.font.size }.min()!,
                        texts.map { $0.baseline + 0.2 * $0.fragment.font.size }.max()!)
            }
            let heads = stories.indices.map(head)
            XCTAssertTrue(heads.allSatisfy { $0 != nil }, "front \(frontStories): every head on page 1")
            for i in stories.indices {
                for j in stories.indices where j > i {
                    guard let a = heads[i], let b = heads[j] else { continue }
                    XCTAssertFalse(a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1,
                                   "front \(frontStories): the heads of stories \(i) and \(j) overlap")
                }
            }
            // Each story's head below everything of the story before it, a story gap with its rule between.
            let gap = PageGeometry(layout: layout).grid
            for i in 1..<stories.count {
                guard let below = heads[i] else { continue }
                let above = page.texts.filter { $0.story == i - 1 }.map { $0.baseline + 0.2 * $0.fragment.font.size }.max() ?? 0
                XCTAssertGreaterThanOrEqual(below.y0, above + gap - 1e-6, "front \(frontStories): story \(i) starts a gap below story \(i - 1)")
                let rules = page.items.compactMap { if case .rule(let r) = $0 { return r } else { return nil } }.filter { $0.y0 > above && $0.y0 < below.y0 && abs($0.y0 - $0.y1) < 1e-6 }
                XCTAssertFalse(rules.isEmpty, "front \(frontStories): a rule above story \(i)")
            }
            // Each story without text is named in a warning, once.
            XCTAssertEqual(clock.warnings.filter { $0.message == "the story has no text below its title" }.map(\.file),
                           ["stories/02-empty.md", "stories/03-title.md"])
        }
    }

    /// An issue of so many stories that its contents, titles only, are taller than page 1 sets
    /// them without the space between the entries rather than leave the box out.
    func testContentsTooTallForPage1SetTheirTitlesCloser() throws {
        let stories = (0..<34).map { Fixtures.story("Story \($0) of the issue", paragraphs: [30], seed: $0 + 1) }
        let issue = Fixtures.issue(stories)
        let layout = try Fixtures.classic()
        let geometry = PageGeometry(layout: layout)
        // Spaced, the titles alone are taller than the page's text area.
        let composer = Composer(layout: layout, shaper: FakeShaper())
        XCTAssertGreaterThan(composer.contentsBox(issue, summaries: false).height, geometry.bodyBottom - geometry.bodyTop(page: 0))
        let clock = BreakClock()
        let (document, _) = try compose(stories, contents: true, clock: clock)
        XCTAssertFalse(clock.warnings.contains { $0.message.contains("contents box") }, "\(clock.warnings)")
        // Every story's entry on page 1, with its page number; each entry's line right below the one before.
        let entries = document.pages[0].texts.filter { $0.kind == .boxText }
        let lines = stories.indices.map { index in entries.filter { $0.block == -1000 - index }.map(\.baseline) }
        XCTAssertTrue(lines.allSatisfy { !$0.isEmpty }, "every story has its entry")
        for index in stories.indices.dropFirst() {
            XCTAssertEqual((lines[index].min() ?? 0) - (lines[index - 1].max() ?? 0), geometry.grid, accuracy: 1e-6, "entry \(index)")
        }
        XCTAssertTrue(document.pages[0].texts.contains { $0.block == -1000 - 33 && $0.fragment.text == "\(document.outline.first { $0.title == stories[33].title }!.page + 1)" })
    }

    func testEmptyLastPageIsReported() throws {
        let clock = BreakClock()
        _ = try compose([Fixtures.story("Short", paragraphs: [30])], clock: clock)
        XCTAssertTrue(clock.warnings.contains { $0.message.contains("lines of the last page are empty") }, "\(clock.warnings)")
        let full = BreakClock()
        _ = try compose([Fixtures.story("Long", paragraphs: Array(repeating: 80, count: 9))], clock: full)
        XCTAssertFalse(full.warnings.contains { $0.message.contains("lines of the last page are empty") }, "\(full.warnings)")
    }

    func testFrontPageCarriesTheOpeningsOfTheFirstStories() throws {
        var layout = try Fixtures.classic()
        layout.contents.place = .none
        layout.imprint.place = .none
        layout.frontPage.stories = 2
        let stories = [Fixtures.story("Lead", paragraphs: Array(repeating: 90, count: 14), seed: 1),
                       Fixtures.story("Second", paragraphs: Array(repeating: 90, count: 10), seed: 2),
                       Fixtures.story("Third", paragraphs: [60, 60], seed: 3)]
        let issue = Fixtures.issue(stories)
        let document = try Composer(layout: layout, shaper: FakeShaper()).compose(issue)
        XCTAssertEqual(ContentCheck.missing(in: document, issue: issue), [])
        let geometry = PageGeometry(layout: layout)
        let page1 = document.pages[0]
        // Both heads on page 1, the lead's above the second's; the third story not there.
        let heads = page1.texts.filter { $0.kind == .headline }
        XCTAssertEqual(heads.map(\.fragment.text), ["Lead", "Second"])
        XCTAssertFalse(page1.texts.contains { $0.story == 2 })
        // Each opening ends with "Continued on page N" on the last line of its band, N being
        // the page where its jump head says "Continued from page 1".
        for story in 0..<2 {
            let on = page1.texts.filter { $0.kind == .jump && $0.story == story }.map(\.fragment.text).joined(separator: " ")
            let target = try XCTUnwrap(document.pages.indices.first { p in p > 0 && document.pages[p].texts.contains { $0.kind == .jumpHead && $0.story == story } })
            XCTAssertTrue(on.contains("Continued on page \(target + 1)"), on)
            let from = document.pages[target].texts.filter { $0.kind == .jump && $0.story == story }.map(\.fragment.text).joined(separator: " ")
            XCTAssertTrue(from.contains("Continued from page 1"), from)
        }
        // The second band starts below the first one's text, all of it on page 1.
        let leadBottom = page1.texts.filter { $0.story == 0 }.map(\.baseline).max() ?? 0
        XCTAssertGreaterThan(heads[1].baseline, leadBottom)
        XCTAssertLessThanOrEqual(page1.texts.filter { $0.story == 1 }.map(\.baseline).max() ?? .infinity, geometry.bodyBottom)
        // Inside, the lead goes on before the second story, and the third story comes after both.
        func firstPlace(_ story: Int) -> (Int, Double) {
            for (p, page) in document.pages.enumerated().dropFirst() {
                if let y = page.texts.filter({ $0.story == story }).map(\.baseline).min() { return (p, y) }
            }
            return (Int.max, 0)
        }
        XCTAssertTrue(firstPlace(0) < firstPlace(1), "the lead's continuation comes first")
        XCTAssertTrue(firstPlace(1) < firstPlace(2), "the third story follows the continuations")
        // The contents would list both openings on page 1.
        XCTAssertEqual(document.outline.prefix(2).map(\.page), [0, 0])
    }

    func testAShortStoryIsNotSetInStripsAcrossFiveColumns() throws {
        var layout = try LayoutLoader.load(path: Fixtures.root.appendingPathComponent("layouts/tabloid.yaml").path)
        layout.contents.place = .none
        layout.imprint.place = .none
        layout.frontPage.stories = 0
        let issue = Fixtures.issue([Fixtures.story("Short", paragraphs: [20, 14])])
        let document = try Composer(layout: layout, shaper: FakeShaper()).compose(issue)
        let body = document.pages[0].texts.filter { $0.kind == .body }
        let lines = Set(body.map(\.baseline)).count
        let perColumn = Dictionary(grouping: body, by: { $0.column ?? -1 }).mapValues { Set($0.map(\.baseline)).count }
        XCTAssertGreaterThanOrEqual(lines, 3, "the story is a few lines deep")
        // Three lines a column at least, in as many columns as that allows; the rest stay empty.
        XCTAssertTrue(perColumn.values.allSatisfy { $0 >= 3 }, "\(perColumn)")
        XCTAssertLessThan(perColumn.count, 5, "\(perColumn)")
    }

    func testEachContentsEntryIsAParagraphOfItsOwnWithItsPageNumber() throws {
        let stories = [Fixtures.story("Alpha", paragraphs: [60]), Fixtures.story("Beta", paragraphs: [50]), Fixtures.story("Gamma", paragraphs: [40])]
        let (document, _) = try compose(stories, contents: true)
        let entries = document.pages[0].texts.filter { $0.kind == .boxText }
        // Structure tags group lines by block: one block per entry, the number in its entry's.
        let blocks = Dictionary(grouping: entries, by: { $0.block ?? 0 }).mapValues { $0.map(\.fragment.text).joined(separator: " ") }
        XCTAssertEqual(blocks.count, 3, "\(blocks)")
        for (index, title) in ["Alpha", "Beta", "Gamma"].enumerated() {
            XCTAssertEqual(blocks[-1000 - index], "\(title) 1")
        }
    }
}
