import XCTest
import BulletinModel
@testable import BulletinLayout

/// Fitting an issue to the pages issue.yaml asks for, within the layout's bounds.
final class FitTests: XCTestCase {
    /// Classic with two lines between stories, so that fitting may take one of them away
    /// (stories stay a line apart at least).
    func layout() throws -> LayoutSpec {
        var layout = try Fixtures.classic()
        layout.contents.place = .none
        layout.imprint.place = .none
        layout.story.gap = 2 * layout.grid.baseline
        return layout
    }

    /// The layout with nothing left to vary: what an issue looks like before any fitting.
    func fixed(_ layout: LayoutSpec) -> LayoutSpec {
        var fixed = layout
        fixed.fit = FitSpec(minGap: layout.story.gap, maxGap: layout.story.gap, pullQuotes: false, fillers: false, looseness: false)
        return fixed
    }

    func compose(_ issue: Issue, layout: LayoutSpec, clock: BreakClock = BreakClock()) throws -> Document {
        let document = try Composer(layout: layout, shaper: FakeShaper(), clock: clock).compose(issue)
        XCTAssertEqual(ContentCheck.missing(in: document, issue: issue), [])
        return document
    }

    /// Stories that fill a little more than `pages` pages with the layout's own gaps.
    func issue(stories count: Int, paragraphs: Int) -> Issue {
        var issue = Fixtures.issue((0..<count).map { Fixtures.story("Story \($0)", paragraphs: Array(repeating: 60, count: paragraphs), seed: $0 + 1) })
        issue.folder = "issue"
        return issue
    }

    func testTighterGapsBringAnIssueToItsPages() throws {
        let layout = try layout()
        // Find an issue whose natural length is one page more than it needs to be: many stories,
        // so the gaps between them add up.
        for (stories, paragraphs) in [(14, 2), (14, 3), (20, 1), (20, 2), (20, 3)] {
            var candidate = issue(stories: stories, paragraphs: paragraphs)
            let natural = try compose(candidate, layout: fixed(layout)).pages.count
            var tight = layout
            tight.story.gap = layout.fit.minGap
            let tightest = try compose(candidate, layout: fixed(tight)).pages.count
            guard tightest < natural else { continue }
            candidate.pages = tightest
            let clock = BreakClock()
            let fitted = try compose(candidate, layout: layout, clock: clock)
            XCTAssertEqual(fitted.pages.count, tightest)
            XCTAssertEqual(fitted.omittedStories, [])
            return
        }
        XCTFail("no issue of these sizes gains from tighter gaps")
    }

    /// An issue on the pages it asks for, but with its last page under three quarters full, is
    /// spread (wider gaps, looser paragraphs) to fill more of that page, on as many pages.
    func testAHalfEmptyLastPageIsFilledOnAsManyPages() throws {
        let layout = try layout()
        let geometry = PageGeometry(layout: layout)
        let full = geometry.columns * Int((geometry.bodyBottom - geometry.bodyTop(page: 1)) / geometry.grid)
        func lastPageLines(_ document: Document) -> Int {
            Set(document.pages.last?.texts.filter { $0.kind == .body }.map { "\($0.column ?? -1) \($0.baseline)" } ?? []).count
        }
        for count in 4...16 {
            var candidate = issue(stories: count, paragraphs: 3)
            let natural = try compose(candidate, layout: layout)
            guard natural.pages.count >= 2, lastPageLines(natural) * 2 < full, lastPageLines(natural) > 0 else { continue }
            candidate.pages = natural.pages.count
            let fitted = try compose(candidate, layout: layout)
            XCTAssertEqual(fitted.pages.count, natural.pages.count)
            XCTAssertGreaterThan(lastPageLines(fitted), lastPageLines(natural), "\(count) stories")
            return
        }
        XCTFail("no issue of these sizes has a half-empty last page")
    }

    func testPullQuotesGoBeforeAnyText() throws {
        var layout = try layout()
        layout.story.gap = layout.grid.baseline
        layout.fit.minGap = layout.story.gap   // gaps may not shrink: only the pull quotes can go
        for paragraphs in 3...12 {
            var candidate = issue(stories: 6, paragraphs: paragraphs)
            for i in candidate.stories.indices { candidate.stories[i].pullQuote = "A sentence worth setting large, long enough for three lines" }
            let natural = try compose(candidate, layout: layout).pages.count
            var plain = candidate
            for i in plain.stories.indices { plain.stories[i].pullQuote = nil }
            let without = try compose(plain, layout: layout).pages.count
            guard without < natural else { continue }
            candidate.pages = without
            let clock = BreakClock()
            let fitted = try compose(candidate, layout: layout, clock: clock)
            XCTAssertEqual(fitted.pages.count, without)
            XCTAssertEqual(fitted.omittedPullQuotes, Array(candidate.stories.indices))
            XCTAssertFalse(fitted.pages.flatMap(\.texts).contains { $0.kind == .pullQuote })
            XCTAssertEqual(clock.warnings.filter { $0.message.contains("pull quote is left out") }.count, candidate.stories.count)
            return
        }
        XCTFail("no issue of these sizes gains from leaving out pull quotes")
    }

    func testFillersMayGoWhenNothingElseIsLeft() throws {
        var layout = try layout()
        layout.fit.minGap = layout.story.gap
        layout.fit.looseness = false
        var candidate = issue(stories: 1, paragraphs: 20)
        let natural = try compose(candidate, layout: layout).pages.count
        var filler = Fixtures.story("Found", paragraphs: Array(repeating: 80, count: 12), seed: 99)
        filler.filler = true
        candidate.stories.append(filler)
        XCTAssertGreaterThan(try compose(candidate, layout: layout).pages.count, natural)
        candidate.pages = natural
        let clock = BreakClock()
        let fitted = try compose(candidate, layout: layout, clock: clock)
        XCTAssertEqual(fitted.pages.count, natural)
        XCTAssertEqual(fitted.omittedStories, [1])
        XCTAssertTrue(clock.warnings.contains { $0.message.contains("filler story is left out") })
        // The lines the filler leaves empty are not offered to another filler.
        let empty = try XCTUnwrap(clock.warnings.first { $0.message.contains("lines of the last page are empty") })
        XCTAssertTrue(empty.message.hasSuffix("the filler left out needs more room; a shorter one would fill them"), empty.message)
    }

    /// Pages of one distribution: the tightest gaps, no pull quotes, paragraphs `looseness`
    /// lines longer, and `leftOut` fillers left out.
    func pages(_ issue: Issue, layout: LayoutSpec, looseness: Int, leftOut: Set<Int>) throws -> Int {
        let composer = Composer(layout: layout, shaper: FakeShaper())
        let options = FitOptions(gap: layout.fit.minGap, pullQuotes: false, fillersLeftOut: leftOut)
        return try composer.distribute(issue, composer.prepare(issue, looseness: looseness), options: options).pages.count
    }

    func filler(_ title: String, paragraphs: Int, seed: Int) -> Story {
        var filler = Fixtures.story(title, paragraphs: Array(repeating: 60, count: paragraphs), seed: seed)
        filler.filler = true
        return filler
    }

    /// Fitting tries everything that keeps the text (tighter gaps, no pull quotes, paragraphs
    /// a line shorter) before it leaves out a filler, then leaves them out one more at a time,
    /// the longest first: an issue a page too long that paragraphs a line shorter bring to its
    /// pages keeps its fillers.
    func testFillersAreLeftOutOnlyAfterEverythingThatKeepsTheText() throws {
        let layout = try layout()
        var candidate = issue(stories: 2, paragraphs: 2)
        candidate.stories += [filler("Short filler", paragraphs: 1, seed: 98), filler("Long filler", paragraphs: 4, seed: 99)]
        let composer = Composer(layout: layout, shaper: FakeShaper())
        let materials = composer.prepare(candidate, looseness: 0)
        let steps = composer.shorterOptions(fillers: materials.filter(\.story.filler))
        let keeping = steps.prefix { $0.options.fillersLeftOut.isEmpty }
        XCTAssertTrue(keeping.contains { $0.looseness == -1 }, "paragraphs a line shorter are tried with the fillers")
        XCTAssertTrue(keeping.contains { !$0.options.pullQuotes })
        let leaving = steps.dropFirst(keeping.count)
        XCTAssertTrue(leaving.allSatisfy { !$0.options.fillersLeftOut.isEmpty })
        XCTAssertEqual(leaving.map(\.options.fillersLeftOut), [[3], [3], [2, 3], [2, 3]])
    }

    /// Of two fillers, only the one whose room the pages need is left out: the longer, where
    /// without it the shorter still fits. The empty lines left do not ask for a filler.
    func testOnlyTheFillersThatMustGoAreLeftOut() throws {
        let layout = try layout()
        for (stories, paragraphs) in [(4, 3), (5, 3), (6, 3), (7, 3), (8, 3), (9, 3), (5, 4), (6, 4), (7, 4), (8, 4)] {
            var candidate = issue(stories: stories, paragraphs: paragraphs)
            let long = stories, short = stories + 1
            candidate.stories += [filler("Long filler", paragraphs: 8, seed: 98), filler("Short filler", paragraphs: 2, seed: 99)]
            let natural = try compose(candidate, layout: fixed(layout)).pages.count
            let target = natural - 1
            guard target >= 1, try pages(candidate, layout: layout, looseness: -1, leftOut: []) > target,
                  try pages(candidate, layout: layout, looseness: 0, leftOut: [long]) == target else { continue }
            candidate.pages = target
            let clock = BreakClock()
            let fitted = try compose(candidate, layout: layout, clock: clock)
            XCTAssertEqual(fitted.pages.count, target)
            XCTAssertEqual(fitted.omittedStories, [long])
            XCTAssertTrue(fitted.pages.flatMap(\.texts).contains { $0.story == short && $0.kind == .body })
            XCTAssertFalse(clock.warnings.contains { $0.message.contains("marked \"filler: true\"") }, "\(clock.warnings)")
            return
        }
        XCTFail("no issue of these sizes needs only the long filler's room")
    }

    func testAnIssueTooLongSaysHowFarOverAndWhichStoryIsLongest() throws {
        var candidate = issue(stories: 3, paragraphs: 30)
        candidate.stories[1] = Fixtures.story("The longest", paragraphs: Array(repeating: 90, count: 40), seed: 7)
        candidate.pages = 1
        candidate.pagesLine = 9
        XCTAssertThrowsError(try compose(candidate, layout: layout())) { error in
            let message = (error as? InputError)?.description ?? "\(error)"
            XCTAssertTrue(message.hasPrefix("issue/issue.yaml:9: the issue cannot be fitted to 1 page:"), message)
            XCTAssertTrue(message.contains("lines over"), message)
            XCTAssertTrue(message.contains("\"The longest\""), message)
        }
    }

    func testAnIssueTooShortSaysHowFarUnder() throws {
        var candidate = issue(stories: 1, paragraphs: 3)
        candidate.pages = 4
        XCTAssertThrowsError(try compose(candidate, layout: layout())) { error in
            let message = (error as? InputError)?.description ?? "\(error)"
            XCTAssertTrue(message.contains("cannot be fitted to 4 pages: at its loosest it fills 1"), message)
            XCTAssertTrue(message.contains("lines under"), message)
        }
    }

    /// The distributions fitting tries are only measured: the body's lines take the same room
    /// as when they are placed, so every choice is the same, but none is placed as text.
    func testAMeasuredDistributionTakesTheRoomItsTextWould() throws {
        let layout = try layout()
        let candidate = issue(stories: 14, paragraphs: 3)
        let composer = Composer(layout: layout, shaper: FakeShaper())
        let prepared = composer.prepare(candidate, looseness: 0)
        var options = FitOptions(gap: layout.fit.minGap)
        let placed = try composer.distribute(candidate, prepared, options: options)
        options.measuring = true
        let measured = try composer.distribute(candidate, prepared, options: options)
        XCTAssertGreaterThan(placed.pages.count, 1)
        XCTAssertEqual(measured.pages.count, placed.pages.count)
        XCTAssertEqual(measured.freeLines, placed.freeLines)
        XCTAssertEqual(measured.lastPageUse, placed.lastPageUse)
        XCTAssertEqual(measured.linesPast, placed.linesPast)
        XCTAssertEqual(measured.placements, placed.placements)
        XCTAssertEqual(measured.slots.count, placed.slots.count)
        XCTAssertGreaterThan(placed.pages.flatMap(\.texts).filter { $0.kind == .body }.count, 1000)
        XCTAssertEqual(measured.pages.flatMap(\.texts).filter { $0.kind == .body }.count, 0)
    }

    /// However many distributions fitting tries, each story's head is set once per width.
    func testFittingSetsEachHeadOnce() throws {
        let layout = try layout()
        var candidate = issue(stories: 14, paragraphs: 3)
        let composer = Composer(layout: layout, shaper: FakeShaper())
        let natural = try composer.compose(candidate).pages.count
        let once = composer.heads.made
        XCTAssertEqual(once, composer.heads.count)
        // Fitted to a page fewer: each shorter way is tried (and it may still not fit).
        candidate.pages = natural - 1
        let fitter = Composer(layout: layout, shaper: FakeShaper())
        _ = try? fitter.compose(candidate)
        XCTAssertEqual(fitter.heads.made, fitter.heads.count)
        XCTAssertGreaterThanOrEqual(fitter.heads.made, candidate.stories.count)
    }

    /// A head across the columns its story asks for (all, here) is set where the stories are
    /// prepared, on two threads, and the distributor places that one: it sets again only heads
    /// that land narrower.
    func testHeadsAcrossTheirColumnsAreTheOnesSetWhenPrepared() throws {
        let layout = try layout()
        let candidate = issue(stories: 14, paragraphs: 3)
        let composer = Composer(layout: layout, shaper: FakeShaper())
        let document = try composer.compose(candidate)
        XCTAssertEqual(composer.heads.made, composer.heads.count)
        XCTAssertGreaterThan(composer.heads.taken, 0)
        XCTAssertGreaterThanOrEqual(composer.heads.taken, candidate.stories.count - 1)
        XCTAssertEqual(document.pages.flatMap(\.texts).filter { $0.kind == .headline }.count,
                       candidate.stories.map { $0.title.split(separator: " ").count }.reduce(0, +))
        // Each the head the distributor would set there itself: the same lines, the same height.
        for material in composer.prepare(candidate, looseness: 0) {
            let prepared = try XCTUnwrap(material.preparedHead)
            XCTAssertEqual(prepared.columns, composer.geometry.columns)
            let setHere = material.head(composer: composer, columns: prepared.columns)
            XCTAssertEqual(prepared.parts.map(\.lines), setHere.parts.map(\.lines))
            XCTAssertEqual(prepared.height, setHere.height)
        }
    }

    func testALastPageOfAlmostNothingIsSparedWithoutLosingText() throws {
        let layout = try layout()
        for stories in 16...22 {
            let candidate = issue(stories: stories, paragraphs: 2)
            let plain = try compose(candidate, layout: fixed(layout))
            let spared = try compose(candidate, layout: layout)
            guard spared.pages.count < plain.pages.count else { continue }
            // The spared page held little; nothing is left out, only space was taken in.
            XCTAssertEqual(spared.omittedStories, [])
            XCTAssertEqual(spared.omittedPullQuotes, [])
            return
        }
        XCTFail("no issue of these sizes had a last page to spare")
    }
}
