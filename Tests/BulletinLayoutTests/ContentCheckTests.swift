import Foundation
import XCTest
import BulletinModel
@testable import BulletinLayout

/// The check that stands between a composed issue and its PDF: every story's text is there.
final class ContentCheckTests: XCTestCase {
    func issue() -> Issue {
        var story = Story(title: "Straße der Welt", kicker: "Exchange", byline: Byline(writtenBy: ["Ana Lima"]))
        story.body = [.paragraph([.text("First paragraph, with "), .emphasis([.text("marketplace")]), .text(" words.")]),
                      .blockQuote([.paragraph([.text("A quoted line.")])]),
                      .list(ordered: false, start: 1, items: [[.paragraph([.text("One item")])], [.paragraph([.text("Two item")])]])]
        return Issue(title: "T", date: IssueDate(year: 2026, month: 11), stories: [story])
    }

    func placed(_ texts: [(String, String?)], story: Int? = 0) -> Page {
        Page(items: texts.enumerated().map { i, t in
            var fragment = Fragment(x: 0, width: 10, text: t.0, font: FontSpec(family: "F", size: 9), colour: "text", language: "en")
            fragment.actualText = t.1
            return .text(PlacedText(x: 0, baseline: Double(i), fragment: fragment, kind: .body, story: story))
        })
    }

    func document(_ pages: [Page]) -> Document {
        Document(width: 100, height: 100, pages: pages,
                 metadata: DocumentMetadata(title: "", author: "", subject: "", language: "en", created: ""))
    }

    let complete: [(String, String?)] = [("EXCHANGE", nil), ("STRASSE DER WELT", nil), ("Written by Ana Lima", nil),
                                         ("First paragraph, with", nil),
                                         ("market-", "marketplace"), ("place", ""), ("words.", nil),
                                         ("“A quoted line.”", nil), ("•", nil), ("One item", nil), ("Two", nil), ("item", nil)]

    func testCompleteStoryPasses() {
        XCTAssertEqual(ContentCheck.missing(in: document([placed(complete)]), issue: issue()), [])
        // Split over two pages, in order, it is still whole.
        XCTAssertEqual(ContentCheck.missing(in: document([placed(Array(complete.prefix(5))), placed(Array(complete.dropFirst(5)))]),
                                            issue: issue()), [])
    }

    func testALostLineIsFound() {
        var lost = complete
        lost.remove(at: 10)   // "Two"
        XCTAssertEqual(ContentCheck.missing(in: document([placed(lost)]), issue: issue()),
                       [ContentCheck.Missing(story: 0, excerpt: "Two item")])
    }

    func testBlocksOutOfOrderAreFound() {
        var swapped = complete
        swapped.swapAt(7, 9)   // the quote after the first list item
        XCTAssertEqual(ContentCheck.missing(in: document([placed(swapped)]), issue: issue()).map(\.excerpt), ["One item"])
    }

    /// A table's cells may be read after the paragraph that follows it (the text passed a table
    /// too tall for a column's room): found there, in their own order; a lost cell, or cells out
    /// of their order, are still found missing.
    func testATablePassedByTheTextAfterItIsWhole() {
        var issue = issue()
        let table = Table(alignments: [.left, .right], header: [[.text("Fee")], [.text("Sum")]],
                          rows: [[[.text("Visa")], [.text("£490")]]])
        issue.stories[0].body.insert(.table(table), at: 1)
        var passed = complete
        passed.insert(contentsOf: [("Fee", nil), ("Sum", nil), ("Visa", nil), ("£490", nil)], at: 8)
        XCTAssertEqual(ContentCheck.missing(in: document([placed(passed)]), issue: issue), [], "after the quote that followed it")
        var lost = passed
        lost.remove(at: 10)
        XCTAssertEqual(ContentCheck.missing(in: document([placed(lost)]), issue: issue).map(\.excerpt), ["Visa"])
        var swapped = passed
        swapped.swapAt(8, 10)
        XCTAssertEqual(ContentCheck.missing(in: document([placed(swapped)]), issue: issue).count, 1, "cells out of their order")
    }

    func testALostHeadIsFound() {
        XCTAssertEqual(ContentCheck.missing(in: document([placed(Array(complete.dropFirst(1)))]), issue: issue()).map(\.excerpt), ["Exchange"])
    }

    /// Each story's first missing part is told, in the stories' order, and a story whose text
    /// went to another story's place counts as lost.
    func testManyStoriesEachGiveTheirFirstLossInOrder() {
        var issue = issue()
        issue.stories = Array(repeating: issue.stories[0], count: 40)
        var pages: [Page] = []
        var expected: [ContentCheck.Missing] = []
        for index in issue.stories.indices {
            var texts = complete
            switch index % 4 {
            case 1: texts.remove(at: 10); expected.append(.init(story: index, excerpt: "Two item"))
            case 2: texts.removeFirst(); expected.append(.init(story: index, excerpt: "Exchange"))
            default: break
            }
            // The last story's text is placed as story 36's, which then holds two copies.
            pages.append(placed(texts, story: index == 39 ? 36 : index))
        }
        expected.append(.init(story: 39, excerpt: "Exchange"))
        XCTAssertEqual(ContentCheck.missing(in: document(pages.reversed()), issue: issue), expected)
    }

    func testTextOfAnotherStoryDoesNotCount() {
        XCTAssertEqual(ContentCheck.missing(in: document([placed(complete, story: nil)]), issue: issue()).map(\.excerpt), ["Exchange"])
    }

    /// Letters are folded one character at a time, without making a folded string: the same
    /// letters as taking the whole text's capitals, then their small letters, without accents
    /// (marks, and the accents of Greek letters), for every character up to U+2FFFF and for
    /// words whose case could depend on their neighbours (a final sigma).
    func testLettersAreThoseOfTheFoldedText() {
        func reference(_ text: String) -> [Unicode.Scalar] {
            text.uppercased().lowercased().unicodeScalars.flatMap { scalar -> [Unicode.Scalar] in
                guard scalar.properties.canonicalCombiningClass == .notReordered,
                      scalar.properties.isAlphabetic || scalar.properties.numericType != nil else { return [] }
                // A Greek letter's accent or diaeresis comes off with its decomposition.
                if (0x370...0x3FF).contains(scalar.value), let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first,
                   (0x391...0x3C9).contains(base.value) {
                    return [base]
                }
                return [scalar]
            }
        }
        var differing: [UInt32] = []
        for value in UInt32(0)...0x2FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(Character(scalar)) + "x"
            if ContentCheck.letters(text) != reference(text) { differing.append(value) }
        }
        XCTAssertEqual(differing, [])
        for text in ["ΟΔΥΣΣΕΥΣ ΣΟΦΟΣ", "İSTANBUL Iğdır", "STRASSE Straße ẞ", "Ǆemal ǅ", "ﬁnal ﬂow", "ВЕЛИКИЙ", "٣٤ ১২ Ⅻ", "株式会社 ＡＢＣ"] {
            XCTAssertEqual(ContentCheck.letters(text), reference(text), text)
        }
    }

    func testRepetitiveTextIsSearchedInLinearTime() {
        let long = String(repeating: "a", count: 200_000)
        let haystack = ContentCheck.letters(long)
        let needle = ContentCheck.letters(String(repeating: "a", count: 100_000) + "b")
        XCTAssertNil(ContentCheck.find(needle, in: haystack, from: 0))
        XCTAssertEqual(ContentCheck.find(Array("ab".unicodeScalars), in: Array("aaab".unicodeScalars), from: 0), 2)
    }
}
