import XCTest
import ParagraphBreaker

/// TeX's looseness: asking for one line more or fewer than the optimum.
final class LoosenessTests: XCTestCase {
    let paragraph = TextParagraph(randomText(wordCount: 80, maxLength: 7, seed: 7))

    func testLoosenessAddsALineWhenFeasible() {
        let width = 24.0
        var parameters = BreakParameters(tolerance: 2000)
        let tight = breakParagraph(paragraph.items, lineWidth: { _ in width }, parameters: parameters)
        parameters.looseness = 1
        let loose = breakParagraph(paragraph.items, lineWidth: { _ in width }, parameters: parameters)
        XCTAssertEqual(loose.breaks.count, tight.breaks.count + 1)
        parameters.looseness = -1
        let shorter = breakParagraph(paragraph.items, lineWidth: { _ in width }, parameters: parameters)
        XCTAssertLessThanOrEqual(shorter.breaks.count, tight.breaks.count)
    }

    func testZeroLoosenessMatchesTheOptimum() {
        let parameters = BreakParameters(looseness: 0)
        XCTAssertEqual(breakParagraph(paragraph.items, lineWidth: { _ in 24 }, parameters: parameters),
                       breakParagraph(paragraph.items, lineWidth: { _ in 24 }))
    }

    /// A line fewer that no setting within tolerance gives is not sought in the least-loose
    /// pass (which weighs every chain of the paragraph): the tolerance pass's setting stands.
    func testAnUnreachableLoosenessKeepsTheSettingWithinTolerance() {
        var parameters = BreakParameters(tolerance: 2000)
        parameters.emergencyPass = .leastLoose
        let plain = breakParagraph(paragraph.items, lineWidth: { _ in 40 }, parameters: parameters)
        parameters.looseness = -5
        let asked = breakParagraph(paragraph.items, lineWidth: { _ in 40 }, parameters: parameters)
        XCTAssertNotEqual(plain.pass, .emergency)
        XCTAssertNotEqual(asked.pass, .emergency)
        XCTAssertEqual(asked.breaks.count, plain.breaks.count)
    }

    /// A paragraph of `words` words with one word wider than the line in its middle, so that
    /// only the least-loose and last-resort passes (which take any line) can set it.
    func paragraphNeedingTheLastPasses(words: Int) -> [BreakItem] {
        var state: UInt64 = 7
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 40) / Double(1 << 24)
        }
        var items: [BreakItem] = []
        for index in 0..<words {
            items.append(.box(index == words / 2 ? 170 : 15 + 40 * next()))
            if next() < 0.4 { items += [.penalty(3, cost: 50, flagged: true), .box(10 + 20 * next())] }
            if index < words - 1 { items.append(.glue(3.3, stretch: 1.65, shrink: 1.1)) }
        }
        return items + BreakItem.paragraphEnd()
    }

    /// A short paragraph still gets the line fewer asked for from the passes that take any
    /// line; a long one is set there as it would be without looseness: with exact line counts
    /// that search grows with the cube of the paragraph (a 3,000-word paragraph in a narrow
    /// column took nine minutes).
    func testTheLastPassesSeekALineCountOnlyInShortParagraphs() {
        var parameters = BreakParameters()
        parameters.emergencyPass = .leastLoose
        let short = paragraphNeedingTheLastPasses(words: 60)
        let shortPlain = breakParagraph(short, lineWidth: { _ in 160 }, parameters: parameters)
        XCTAssertEqual(shortPlain.pass, .overfull)
        parameters.looseness = -1
        XCTAssertEqual(breakParagraph(short, lineWidth: { _ in 160 }, parameters: parameters).breaks.count, shortPlain.breaks.count - 1)

        parameters.looseness = 0
        let long = paragraphNeedingTheLastPasses(words: 400)
        let longPlain = breakParagraph(long, lineWidth: { _ in 160 }, parameters: parameters)
        parameters.looseness = -1
        XCTAssertEqual(breakParagraph(long, lineWidth: { _ in 160 }, parameters: parameters), longPlain)
    }

    /// A paragraph of more than `loosenessLimit` breakpoints is set as it best is, however
    /// asked; a shorter one a line looser.
    func testOnlyParagraphsOfUpToAThousandBreakpointsAreSetLooser() {
        var parameters = BreakParameters(tolerance: 2000)
        for (words, looser) in [(80, true), (1200, false)] {
            parameters.looseness = 0
            let items = TextParagraph(randomText(wordCount: words, maxLength: 7, seed: 7)).items
            let plain = breakParagraph(items, lineWidth: { _ in 60 }, parameters: parameters)
            XCTAssertNotEqual(plain.pass, .overfull)
            parameters.looseness = 1
            let loose = breakParagraph(items, lineWidth: { _ in 60 }, parameters: parameters)
            XCTAssertEqual(loose.breaks.count, plain.breaks.count + (looser ? 1 : 0), "\(words) words")
        }
    }
}
