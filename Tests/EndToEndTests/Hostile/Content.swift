import Foundation

/// Hostile cases: content that must reach the PDF whole, or stop the run with a message: words
/// wider than any line, text in scripts and shapes the sample never has, furniture too long for
/// the page (classes 2 and 9).
extension HostileCorpus {
    static var content: [HostileCase] {
        let giant = String(repeating: "Donaudampfschifffahrtsgesellschaft", count: 6)
        return [
            HostileCase("word wider than a column", kind: "content",
                        expect: .warns(["99-long.md:6:", "is too wide for its line: it is broken between letters"],
                                       contains: ["Before the giant", giant, "after the giant."])) {
                try $0.story("99-long.md", title: "A long word", front: "kicker: Notices\n",
                             body: "Before the giant\n\(giant) after the giant.\n")
            },
            HostileCase("word of 3,000 letters", kind: "content",
                        expect: .warns(["99-huge.md:4:", "broken between letters"], contains: ["Start.", "End of the story."])) {
                try $0.story("99-huge.md", title: "A huge word", body: "Start. \(String(repeating: "abcdefghij", count: 300)) End of the story.\n")
            },
            HostileCase("headline word wider than the page", kind: "content",
                        expect: .warns(["99-head.md:2:", "broken between letters"], contains: [giant, "Body text."])) {
                try $0.story("99-head.md", title: giant, body: "Body text.\n")
            },
            HostileCase("masthead title wider than the page", kind: "content",
                        expect: .warns(["issue.yaml", "broken between letters"], contains: ["Record numbers head overseas"])) {
                try $0.replace("issue.yaml", "title: Global Campus", "title: \(giant)")
            },
            HostileCase("footer address wider than the page", kind: "content",
                        expect: .warns(["issue.yaml", "is wider than the page: it is set condensed"], contains: ["Kilometre 9 of the road"])) {
                let address = (1...12).map { "Kilometre \($0) of the road" }.joined(separator: ", ")
                try $0.replace("issue.yaml", "address: 14 Harbour Road, Northbridge NB3 7QT", "address: \(address)")
            },
            HostileCase("address without break points wider than a column", kind: "content",
                        expect: .warns(["broken between letters"], contains: ["Visit", "today."])) {
                try $0.story("99-url.md", title: "Long address", body: "Visit https://x.example/\(String(repeating: "q", count: 200)) today.\n")
            },
            HostileCase("unspaced Chinese paragraph of 4,000 characters", kind: "content",
                        expect: .succeeds(contains: ["最后一句话。"])) {
                let text = String(repeating: "国际学生交流项目今年迎来新的合作伙伴。", count: 210) + "最后一句话。"
                try $0.story("99-zh.md", title: "中文长段落", front: "lang: zh\n", body: text + "\n")
            },
            HostileCase("right-to-left text", kind: "content",
                        expect: .succeeds(contains: ["Before the Hebrew", "After the Arabic."])) {
                try $0.story("99-rtl.md", title: "Right to left", front: "lang: he\n",
                             body: "Before the Hebrew שלום עולם and the Arabic مرحبا بالعالم. After the Arabic.\n")
            },
            HostileCase("stacked combining marks", kind: "content",
                        expect: .succeeds(contains: ["Plain words before."])) {
                let zalgo = "Z" + String(repeating: "\u{0301}\u{0316}\u{0354}\u{0363}", count: 40) + "ap"
                try $0.story("99-marks.md", title: "Combining marks", body: "Plain words before. \(zalgo) Plain words after.\n")
            },
            HostileCase("zero-width and bidi controls", kind: "content",
                        expect: .succeeds(contains: ["Visible words", "at the end."])) {
                try $0.story("99-zw.md", title: "Invisible characters",
                             body: "Visible\u{200B} words\u{200D} with\u{2060} joiners\u{202E} and overrides\u{202C} at the end.\n")
            },
            HostileCase("script no installed font has", kind: "content",
                        expect: .warns(["99-khmer.md:6:", "no installed font has U+179F, U+17BD, U+17D2, U+178F, U+17B8", "print as boxes"],
                                       contains: ["The greeting", "is common."])) {
                // Khmer: none of the fonts `make setup` installs has it (FreeSerif has Thai).
                try $0.story("99-khmer.md", title: "A greeting", body: "Hello.\n\nThe greeting សួស្តី is common.\n")
            },
            HostileCase("emoji and symbols", kind: "content",
                        expect: .succeeds(contains: ["Celebrations", "all week."])) {
                try $0.story("99-emoji.md", title: "Celebrations 🎉", body: "Celebrations 🎉🎊 with ✓ ★ ♥ and 👩🏽‍🔬 all week.\n")
            },
            HostileCase("story of blank lines only", kind: "content", expect: .succeeds(contains: ["Blank body"])) {
                try $0.story("99-blank.md", title: "Blank body", body: String(repeating: "   \n\n", count: 200))
            },
            HostileCase("byline of sixty names", kind: "content",
                        expect: .succeeds(contains: ["Writer Number 1", "Writer Number 60", "The body."])) {
                let names = (1...60).map { "Writer Number \($0)" }.joined(separator: ", ")
                try $0.story("99-names.md", title: "Many writers", front: "written_by: [\(names)]\n", body: "The body.\n")
            },
            HostileCase("long deck and kicker", kind: "content",
                        expect: .succeeds(contains: ["deck word 120", "KICKER WORD 20", "The body of it."])) {
                let deck = (1...120).map { "deck word \($0)" }.joined(separator: " ")
                let kicker = (1...20).map { "kicker word \($0)" }.joined(separator: " ")
                try $0.story("99-deck.md", title: "Long deck", front: "deck: \(deck)\nkicker: \(kicker)\n", body: "The body of it.\n")
            },
            HostileCase("thirty levels of nested lists", kind: "content",
                        expect: .succeeds(contains: ["level 0", "level 29", "After the lists."])) {
                let list = (0..<30).map { String(repeating: "  ", count: $0) + "- level \($0)\n" }.joined()
                try $0.story("99-nested.md", title: "Nested lists", body: list + "\nAfter the lists.\n")
            },
            HostileCase("story longer than many pages", kind: "content",
                        expect: .succeeds(contains: ["Paragraph 1 begins", "Paragraph 400 begins"])) {
                let paragraphs = (1...400).map { "Paragraph \($0) begins here and goes on with ordinary words for a while, as paragraphs do." }
                try $0.story("99-pages.md", title: "A long report", body: paragraphs.joined(separator: "\n\n") + "\n")
            },
        ]
    }
}
