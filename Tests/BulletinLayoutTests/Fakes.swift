import Foundation
import BulletinModel
import BulletinLayout
import BulletinSource

/// Every character is half an em wide, so line contents can be predicted exactly.
struct FakeShaper: TextShaper {
    func width(of text: String, font: FontSpec, language: String) -> Double {
        Double(text.unicodeScalars.count) * font.size * 0.5 + Double(text.unicodeScalars.count) * font.tracking
    }

    func metrics(of font: FontSpec, language: String) -> FontMetrics { FontMetrics(ascent: font.size * 0.8, descent: font.size * 0.2) }

    func breakOpportunities(in text: String, language: String) -> [Int] {
        let scalars = Array(text.unicodeScalars)
        return (1..<max(1, scalars.count)).filter { i in
            scalars[i - 1] == "-" || scalars[i - 1].value >= 0x2E80 || scalars[i].value >= 0x2E80
        }
    }
}

/// Hyphenates where the word has a "|" in a fixed table, for exact tests.
struct TableHyphenator: Hyphenating {
    var table: [String: [Int]]

    func hyphenationPoints(in word: String, language: String) -> [Int] { table[word.lowercased()] ?? [] }
}

enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func classic() throws -> LayoutSpec {
        try LayoutLoader.load(path: root.appendingPathComponent("layouts/classic.yaml").path)
    }

    static func words(_ count: Int, seed: Int = 1) -> String {
        let vocabulary = ["office", "students", "exchange", "the", "university", "partner", "programme", "of", "and",
                          "international", "a", "scholarship", "visit", "campus", "new", "year", "study", "abroad"]
        var state = UInt64(seed)
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return vocabulary[Int((state >> 33) % UInt64(vocabulary.count))]
        }.joined(separator: " ")
    }

    static func story(_ title: String, paragraphs: [Int], seed: Int = 1) -> Story {
        Story(title: title, kicker: "News", deck: "A deck for \(title).",
              byline: Byline(writtenBy: ["Ann Writer"], editedBy: ["Bo Editor", "Cy Editor"]),
              body: paragraphs.enumerated().map { i, n in .paragraph([.text(words(n, seed: seed * 100 + i).capitalizedFirst + ".")]) })
    }

    static func issue(_ stories: [Story]) -> Issue {
        Issue(title: "Test Bulletin", subtitle: "Tests", volume: "1", number: "2", date: IssueDate(year: 2026, month: 11),
              editors: ["Ann Editor"], contact: Contact(organisation: "Test Office", address: "1 Test Road", telephone: "01632 960000",
                                                        email: "t@example.edu", web: "www.example.edu"),
              copyright: "© 2026 Test", stories: stories)
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
