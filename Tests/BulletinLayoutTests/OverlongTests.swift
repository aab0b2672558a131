import XCTest
import BulletinModel
@testable import BulletinLayout

/// A word wider than its measure is broken between letters, without a hyphen, and reported; it
/// never sticks out of its column.
final class OverlongTests: XCTestCase {
    let font = FontSpec(family: "Test", size: 10)

    func run(_ text: String) -> [StyledRun] { [StyledRun(text: text, font: font, colour: "text", language: "en")] }

    let rules = ParagraphRules(justified: true, breaking: BreakingSpec(), hyphenation: HyphenationSpec(enabled: false))

    func testWordWiderThanTheMeasureBreaksBetweenLetters() {
        let clock = BreakClock()
        let typesetter = Typesetter(shaper: FakeShaper(), clock: clock)
        // Five letters a line of 25 pt: the 23-letter word takes five lines.
        let word = "abcdefghijklmnopqrstuvw"
        let lines = typesetter.lines(run("xy \(word) z"), width: 25, align: .justify, rules: rules)
        for line in lines {
            XCTAssertLessThanOrEqual(line.fragments.last.map { $0.x + $0.width } ?? 0, 25 + 1e-9, line.text)
            XCTAssertFalse(line.text.contains("-"), "no hyphen is drawn: \(line.text)")
        }
        XCTAssertEqual(lines.map(\.text).joined().filter { $0 != " " }, "xy\(word)z")
        XCTAssertEqual(clock.overlongWords, [word])
        XCTAssertTrue(lines.dropLast().contains { $0.brokenInsideWord })
        // The word reads whole when text is extracted: its first part carries it all.
        let parts = lines.flatMap(\.fragments).filter { word.contains($0.text) }
        XCTAssertEqual(parts.first?.actualText, word)
        XCTAssertTrue(parts.dropFirst().allSatisfy { $0.actualText == "" }, "\(parts.map(\.actualText))")
    }

    /// A word too wide for its measure hyphenates where it can, even in a style that does not
    /// hyphenate (a headline) and even capitalised: a break between letters only for a part
    /// still too wide.
    func testAWordTooWideHyphenatesBeforeItBreaksBetweenLetters() {
        let clock = BreakClock()
        let word = "Hochschulpartnerschaft"
        let hyphenator = TableHyphenator(table: [word.lowercased(): [4, 9, 13, 16]])
        let typesetter = Typesetter(shaper: FakeShaper(), hyphenator: hyphenator, clock: clock)
        // Twelve letters a line of 60 pt: the 22-letter word cannot fit whole.
        let headline = ParagraphRules(justified: false, breaking: BreakingSpec(), hyphenation: HyphenationSpec(enabled: false), measure: 60)
        let lines = typesetter.lines(run("Neue \(word)"), width: 60, align: .left, rules: headline)
        XCTAssertGreaterThan(lines.count, 2)
        for line in lines { XCTAssertLessThanOrEqual(FakeShaper().width(of: line.text, font: font, language: "en"), 60, line.text) }
        // Every line within the word ends in a hyphen, at one of its hyphenation points.
        let parts = lines.map(\.text).joined(separator: "|").replacingOccurrences(of: "Neue ", with: "").replacingOccurrences(of: "Neue|", with: "")
        let pieces = parts.split(separator: "|").map(String.init)
        XCTAssertTrue(pieces.dropLast().allSatisfy { $0.hasSuffix("-") }, parts)
        XCTAssertEqual(pieces.map { $0.hasSuffix("-") ? String($0.dropLast()) : $0 }.joined(), word)
        var offset = 0
        for piece in pieces.dropLast() {
            offset += piece.count - 1
            XCTAssertTrue([4, 9, 13, 16].contains(offset), "a break at \(offset): \(parts)")
        }
        XCTAssertEqual(clock.overlongWords, [])
        XCTAssertFalse(lines.contains { $0.brokenInsideWord })
        // A word that fits is left whole by a style that does not hyphenate.
        let fits = typesetter.lines(run("Neue Partnerschaft"), width: 70, align: .left,
                                    rules: ParagraphRules(justified: false, breaking: BreakingSpec(), hyphenation: HyphenationSpec(enabled: false), measure: 70))
        XCTAssertEqual(fits.map(\.text), ["Neue", "Partnerschaft"])
    }

    func testAccentedLettersStayWithTheirBase() {
        let typesetter = Typesetter(shaper: FakeShaper())
        // e + combining acute is one letter; it must never be split from its accent.
        let word = String(repeating: "e\u{301}", count: 12)
        let lines = typesetter.lines(run(word), width: 20, align: .left, rules: rules)
        XCTAssertGreaterThan(lines.count, 1)
        for line in lines { XCTAssertFalse(line.text.unicodeScalars.first == "\u{301}", "a line starts with a lone accent") }
    }

    func testWordsThatFitAreNotBrokenByForce() {
        let clock = BreakClock()
        let typesetter = Typesetter(shaper: FakeShaper(), clock: clock)
        let lines = typesetter.lines(run(Fixtures.words(80)), width: 120, align: .justify, rules: rules)
        XCTAssertEqual(clock.overlongWords, [])
        XCTAssertFalse(lines.contains { $0.brokenInsideWord })
    }

    func testComposerWarnsWithTheStoryFile() throws {
        let layout = try Fixtures.classic()
        let clock = BreakClock()
        var story = Fixtures.story("Long words", paragraphs: [30])
        story.file = "stories/09-long.md"
        story.titleLine = 2
        story.body.append(.paragraph([.text("See " + String(repeating: "abcdefghij", count: 12) + " here.")]))
        let document = try Composer(layout: layout, shaper: FakeShaper(), clock: clock).compose(Fixtures.issue([story]))
        let broken = clock.warnings.filter { $0.message.contains("broken between letters") }
        XCTAssertEqual(broken.count, 1, "\(clock.warnings)")
        XCTAssertEqual(broken.first?.file, "stories/09-long.md")
        let geometry = PageGeometry(layout: layout)
        for text in document.pages.flatMap(\.texts) where text.kind == .body {
            let right = geometry.columnX(text.column ?? 0) + geometry.columnWidth
            XCTAssertLessThanOrEqual(text.x + text.fragment.width, right + 0.01, text.fragment.text)
        }
        XCTAssertEqual(ContentCheck.missing(in: document, issue: Fixtures.issue([story])), [])
    }

    /// A paragraph taken as an earlier build of the session set it tells again what setting it
    /// told: its word too wide for the measure is reported on every build, not the first alone.
    func testAParagraphTakenAsItWasSetReportsItsOverlongWordAgain() {
        let set = SetParagraphs()
        let word = "abcdefghijklmnopqrstuvw"
        var lines: [[TypesetLine]] = []
        for _ in 0..<2 {
            set.beginBuild()
            let clock = BreakClock()
            var typesetter = Typesetter(shaper: FakeShaper(), clock: clock)
            typesetter.setBefore = set
            lines.append(typesetter.lines(run("xy \(word) z"), width: 25, align: .justify, rules: rules))
            XCTAssertEqual(clock.overlongWords, [word])
        }
        XCTAssertEqual(set.taken, 1)
        XCTAssertEqual(lines[0], lines[1])
    }

    /// Items built for one measure are set again at another only where every piece of every
    /// word fits it: at a measure a word is too wide for, the text is built afresh and the word
    /// is broken, as if nothing had been built before.
    func testItemsBuiltForOneMeasureServeAnotherOnlyWhereEveryWordFits() {
        let typesetter = Typesetter(shaper: FakeShaper(), clock: BreakClock())
        let words = run("Neue Hochschulpartnerschaft in Auenfeld")
        let headline = ParagraphRules(justified: false, breaking: BreakingSpec(), hyphenation: HyphenationSpec(enabled: false))
        var built: Typesetter.Built?
        for width in [200.0, 60, 150, 115, 110, 100] {
            let kept: [TypesetLine] = typesetter.lines(words, width: width, align: .left, rules: headline, built: &built)
            let fresh: [TypesetLine] = typesetter.lines(words, width: width, align: .left, rules: headline)
            XCTAssertEqual(kept.map(\.text), fresh.map(\.text), "at \(width) pt")
            XCTAssertEqual(kept.map { $0.brokenInsideWord }, fresh.map { $0.brokenInsideWord }, "at \(width) pt")
        }
        // The 22-letter word (110 pt) is broken at 60 pt, and whole at 110.
        XCTAssertTrue(typesetter.lines(words, width: 60, align: .left, rules: headline, built: &built).contains { $0.brokenInsideWord })
        XCTAssertTrue(typesetter.lines(words, width: 110, align: .left, rules: headline, built: &built).map(\.text).contains { $0.contains("Hochschulpartnerschaft") })
    }
}

/// Stories prepared on two threads (`Composer.helper`) give the issue one thread gives, and
/// what the composer tells comes in the stories' order.
final class HelperThreadTests: XCTestCase {
    func issue() throws -> Issue {
        var stories: [Story] = []
        for (index, paragraphs) in [[30, 40], [80], [20], [60, 10], [25], [45]].enumerated() {
            var story = Fixtures.story("Story \(index)", paragraphs: paragraphs)
            story.file = "stories/0\(index)-story.md"
            story.titleLine = 2
            // Words too wide for a column in every story, each told with its own file.
            story.body.append(.paragraph([.text("See " + String(repeating: "abcdefghij", count: 12 + index) + " here.")]))
            stories.append(story)
        }
        return Fixtures.issue(stories)
    }

    /// `issue` composed by one thread and by two, each with what its clock was told, and the
    /// two threads' composer.
    func composedByOneAndByTwo(_ issue: Issue, layout: LayoutSpec) throws -> (one: Document, oneClock: BreakClock, two: Document, twoClock: BreakClock, composer: Composer) {
        let oneClock = BreakClock()
        let one = try Composer(layout: layout, shaper: FakeShaper(), clock: oneClock).compose(issue)
        let twoClock = BreakClock()
        var composer = Composer(layout: layout, shaper: FakeShaper(), clock: twoClock)
        composer.helper = Typesetter(shaper: FakeShaper(), clock: BreakClock())
        let two = try composer.compose(issue)
        XCTAssertEqual(two.dump(), one.dump())
        XCTAssertEqual(twoClock.warnings, oneClock.warnings)
        XCTAssertEqual(twoClock.overlongWords, oneClock.overlongWords)
        return (one, oneClock, two, twoClock, composer)
    }

    func testTwoThreadsComposeWhatOneDoesAndTellItInTheStoriesOrder() throws {
        let issue = try issue()
        let (_, oneClock, _, _, _) = try composedByOneAndByTwo(issue, layout: try Fixtures.classic())
        XCTAssertEqual(oneClock.warnings.filter { $0.message.contains("broken between letters") }.map(\.file),
                       issue.stories.map(\.file))
        // The stories are prepared longest first, not in their order: the warnings are put
        // back in it.
        XCTAssertNotEqual(Composer.longestFirst(issue.stories), Array(issue.stories.indices))
    }

    /// The contents box (here with summaries holding words too wide for it) and the imprint are
    /// set by a thread preparing the stories, not by distributing after them: the same boxes,
    /// and the same words told, as one thread sets.
    func testTheBoxesAreSetWhileTheStoriesArePrepared() throws {
        var layout = try Fixtures.classic()
        layout.contents.place = .rail
        layout.contents.summaries = true
        var issue = try issue()
        for index in issue.stories.indices {
            issue.stories[index].summary = index == 0 ? "Brief " + String(repeating: "klmnopqrst", count: 6) : "Brief."
        }
        let (one, oneClock, _, _, composer) = try composedByOneAndByTwo(issue, layout: layout)
        XCTAssertTrue(composer.boxes.isSet)
        XCTAssertTrue(one.dump().contains("Brief"), "the summaries are in the contents box")
        XCTAssertTrue(oneClock.overlongWords.contains { $0.contains("klmnopqrst") })
        // What preparing the stories told comes first, in their order, then what distributing
        // told (the contents box's word too wide), although distributing began before the
        // stories were all prepared.
        let told = oneClock.warnings.map(\.file)
        XCTAssertEqual(Array(told.prefix(issue.stories.count)), issue.stories.map(\.file), "\(told)")
        XCTAssertGreaterThan(told.count, issue.stories.count, "the box told its word after them")
        XCTAssertEqual(Array(oneClock.overlongWords.prefix(issue.stories.count)).map { $0.hasPrefix("klmnopqrst") }, Array(repeating: false, count: issue.stories.count))
    }

    /// Distributing takes each story as soon as it is prepared, and prepares itself the ones no
    /// thread has begun: while the helper is held on the longest story, the composing thread
    /// still gets the others.
    func testDistributingTakesTheStoriesAsTheyArePrepared() throws {
        var stories = (0..<4).map { Fixtures.story("Story \($0)", paragraphs: [$0 == 1 ? 300 : 20]) }
        stories[1].body.append(.paragraph([.text("Held here.")]))
        let issue = Fixtures.issue(stories)
        let gate = Gate()
        var composer = Composer(layout: try Fixtures.classic(), shaper: FakeShaper(), clock: BreakClock())
        composer.helper = Typesetter(shaper: GatedShaper(gate: gate, word: "Held"), clock: BreakClock())
        let preparation = Preparation(composer, issue, looseness: 0)
        XCTAssertTrue(gate.reached(), "the helper takes the longest story first")
        // Taken while the helper waits inside story 1.
        let taken = [0, 2, 3].map { preparation.material($0) }
        gate.open()
        let all = preparation.finish()
        XCTAssertFalse(gate.timedOut, "the other stories were taken without waiting for story 1")
        XCTAssertEqual(taken.map(\.index), [0, 2, 3])
        XCTAssertEqual(all.map(\.index), [0, 1, 2, 3])
        // The same materials as one thread makes.
        let one = Composer(layout: try Fixtures.classic(), shaper: FakeShaper(), clock: BreakClock()).prepare(issue, looseness: 0)
        XCTAssertEqual(all.map { $0.body.map(\.height) }, one.map { $0.body.map(\.height) })
    }

    /// A distribution that fails while the helper still prepares (a head taller than the page,
    /// in the first story, distributed first) ends with that error, as with one thread.
    func testADistributionThatFailsWhileTheHelperPreparesEndsWithItsError() throws {
        var stories = (0..<5).map { Fixtures.story("Story \($0)", paragraphs: [$0 == 0 ? 20 : 200]) }
        stories[0].deck = String(repeating: "An endless deck sentence. ", count: 300)
        stories[0].file = "stories/01-huge.md"
        stories[0].titleLine = 3
        var composer = Composer(layout: try Fixtures.classic(), shaper: FakeShaper(), clock: BreakClock())
        composer.helper = Typesetter(shaper: FakeShaper(), clock: BreakClock())
        XCTAssertThrowsError(try composer.compose(Fixtures.issue(stories))) { error in
            XCTAssertTrue(((error as? InputError)?.description ?? "").hasPrefix("stories/01-huge.md:3: the story's head"), "\(error)")
        }
    }

    func testStoriesArePreparedLongestFirst() {
        var stories: [Story] = []
        for words in [100, 900, 100, 300, 100] {
            stories.append(Fixtures.story("S", paragraphs: [words]))
        }
        XCTAssertEqual(Composer.longestFirst(stories), [1, 3, 0, 2, 4])
    }

    /// A Chinese story of 500 characters (1,500 bytes) is more work than an English one of
    /// about 4,000 bytes: each character is a word to shape, measure and break after, and
    /// the two stories prepared on two threads should end together.
    func testAChineseStoryCountsAsMoreWorkThanItsBytes() {
        let english = Fixtures.story("English", paragraphs: [650])
        let chinese = Story(title: "中文", body: [.paragraph([.text(String(repeating: "国际办公室欢迎新同学。", count: 45))])])
        // By bytes alone the English story is longer.
        guard case .paragraph(let zh) = chinese.body[0], case .paragraph(let en) = english.body[0] else { return XCTFail() }
        XCTAssertLessThan(zh.plainText.utf8.count, en.plainText.utf8.count)
        XCTAssertEqual(Composer.longestFirst([english, chinese]), [1, 0])
    }
}

/// Struck words (`~~Friday~~`) are runs and fragments of their own, never joined with words
/// beside them that are not struck, so that the renderer draws the line through them alone.
final class StruckTextTests: XCTestCase {
    func testStruckWordsAreFragmentsOfTheirOwn() {
        let style = TextStyle(family: "Test", size: 10, leading: 12)
        let runs = InlineRuns(style: style, fallbackFamilies: [], language: "en")
            .runs([.text("Moved from "), .strikethrough([.text("Friday "), .strong([.text("14")]), .text(" 1")]), .text("5 to Saturday")])
        XCTAssertEqual(runs.map(\.text), ["Moved from ", "Friday ", "14", " 1", "5 to Saturday"])
        XCTAssertEqual(runs.map(\.struck), [false, true, true, true, false])
        let typesetter = Typesetter(shaper: FakeShaper(), clock: BreakClock())
        let rules = ParagraphRules(justified: false, breaking: BreakingSpec(), hyphenation: HyphenationSpec(enabled: false))
        let lines: [TypesetLine] = typesetter.lines(runs, width: 1000, align: .left, rules: rules)
        let fragments = lines.flatMap(\.fragments)
        // "15" is half struck: its "1" and "5" are fragments of their own.
        XCTAssertEqual(fragments.filter(\.struck).map(\.text), ["Friday", "14", "1"])
        XCTAssertEqual(fragments.filter { !$0.struck }.map(\.text), ["Moved", "from", "5", "to", "Saturday"])
    }
}

/// A task's box ("- [ ] Passport", or a box typed before an item's words) is the item's marker,
/// in place of the bullet, and not a word of its text.
final class TaskListTests: XCTestCase {
    func testATasksBoxIsItsMarker() {
        let task: [Block] = [.paragraph([.text("\u{2610} "), .text("Passport")]), .paragraph([.text("More.")])]
        let found = BodyBuilder.taskBox(task)
        XCTAssertEqual(found?.box, "\u{2610}")
        XCTAssertEqual(found?.rest, [.paragraph([.text("Passport")]), .paragraph([.text("More.")])])
        XCTAssertEqual(BodyBuilder.taskBox([.paragraph([.text("\u{2611} Visa letter")])])?.rest, [.paragraph([.text("Visa letter")])])
        // A box not set apart from the word after it, or an item that opens otherwise, is text.
        XCTAssertNil(BodyBuilder.taskBox([.paragraph([.text("\u{2610}Passport")])]))
        XCTAssertNil(BodyBuilder.taskBox([.paragraph([.text("Passport \u{2610}")])]))
        XCTAssertNil(BodyBuilder.taskBox([.image(ImageRef(path: "a.png", file: "s.md", line: 1))]))
    }
}


/// A gate a helper's shaper waits at (for at most five seconds) when it measures a given word.
final class Gate: @unchecked Sendable {
    private let condition = NSCondition()
    private var isOpen = false
    private var arrived = false
    private(set) var timedOut = false

    func open() {
        condition.withLock {
            isOpen = true
            condition.broadcast()
        }
    }

    /// Waits until the gate is opened, or five seconds have passed.
    func pass() {
        condition.withLock {
            arrived = true
            condition.broadcast()
            let deadline = Date(timeIntervalSinceNow: 5)
            while !isOpen {
                if !condition.wait(until: deadline) {
                    timedOut = true
                    return
                }
            }
        }
    }

    /// Whether a thread reached the gate within five seconds.
    func reached() -> Bool {
        condition.withLock {
            let deadline = Date(timeIntervalSinceNow: 5)
            while !arrived { if !condition.wait(until: deadline) { return false } }
            return true
        }
    }
}

/// `FakeShaper`, held at `gate` when it measures `word`.
struct GatedShaper: TextShaper {
    let gate: Gate
    let word: String

    func width(of text: String, font: FontSpec, language: String) -> Double {
        if text == word { gate.pass() }
        return FakeShaper().width(of: text, font: font, language: language)
    }

    func metrics(of font: FontSpec, language: String) -> FontMetrics { FakeShaper().metrics(of: font, language: language) }

    func breakOpportunities(in text: String, language: String) -> [Int] { FakeShaper().breakOpportunities(in: text, language: language) }
}
