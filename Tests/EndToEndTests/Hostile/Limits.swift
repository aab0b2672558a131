import Foundation

/// Hostile cases: size limits, nesting depth, fonts folder and files outside the issue (classes 5, 7, 8, 11, 13).
extension HostileCorpus {
    static var limits: [HostileCase] {
        nesting + sizes + outside + characters
    }

    /// Nesting that once overflowed the stack (SIGSEGV) in the Markdown reader's recursion.
    static var nesting: [HostileCase] {
        [
            HostileCase("2,000 nested quotes", kind: "nesting", expect: .fails(["99-quotes.md:4:", "nested more than 32 deep"])) {
                try $0.story("99-quotes.md", body: String(repeating: ">", count: 2000) + " Deep.\n")
            },
            HostileCase("2,000 nested list levels", kind: "nesting", expect: .fails(["99-lists.md:4:", "nested more than 32 deep"])) {
                try $0.story("99-lists.md", body: String(repeating: "- ", count: 2000) + "Deep.\n")
            },
            HostileCase("60,000 nested quotes", kind: "nesting", expect: .fails(["99-quotes.md:6:", "block quotes and lists are nested"])) {
                try $0.story("99-quotes.md", body: "Fine.\n\n" + String(repeating: ">", count: 60_000) + "\n")
            },
            // Deeper nesting needs a line past the line limit, which stops it first (the unit tests
            // give the reader 100,000 levels directly).
            HostileCase("100,000 nested quotes", kind: "nesting", expect: .fails(["99-quotes.md:6: line is 100,000 bytes long"])) {
                try $0.story("99-quotes.md", body: "Fine.\n\n" + String(repeating: ">", count: 100_000) + "\n")
            },
            // 30,000 a side: 50,000 would make a line over the line limit (the unit tests take 50,000).
            HostileCase("30,000 nested emphases", kind: "nesting", expect: .fails(["99-em.md:4:", "emphasis, links and images are nested"])) {
                let stars = String(repeating: "*", count: 30_000)
                try $0.story("99-em.md", body: stars + "deep" + stars + "\n")
            },
            HostileCase("8 nested quotes are fine", kind: "nesting",
                        expect: .succeeds(contains: ["Eight levels", "The paragraph after."])) {
                try $0.story("99-quotes.md", body: String(repeating: ">", count: 8) + " Eight levels down.\n\nThe paragraph after.\n")
            },
        ]
    }

    /// Inputs so large they once took minutes or gigabytes; each limit is an error naming the file.
    static var sizes: [HostileCase] {
        [
            HostileCase("huge front-matter value", kind: "sizes", expect: .fails(["99-deck.md:3:", "deck is", "over the limit of 4 KB"])) {
                let lines = String(repeating: "  " + String(repeating: "word ", count: 200) + "\n", count: 100)
                try $0.story("99-deck.md", front: "deck: >\n" + lines, body: "Text.\n")
            },
            HostileCase("huge story file", kind: "sizes", expect: .fails(["99-huge.md: file is", "over the limit of 2 MB"])) {
                let paragraph = String(repeating: "word ", count: 2000) + "\n\n"
                try $0.story("99-huge.md", body: String(repeating: paragraph, count: 320))
            },
            HostileCase("stories together too large", kind: "sizes", expect: .fails(["94-big.md: brings the stories to over 8 MB"])) {
                let paragraph = String(repeating: "word ", count: 2000) + "\n\n"
                for i in 0..<5 { try $0.story("9\(i)-big.md", body: String(repeating: paragraph, count: 190)) }
            },
            HostileCase("a 1 MB single line", kind: "sizes", expect: .fails(["99-line.md:5: line is", "over the limit of 64 KB"])) {
                try $0.story("99-line.md", body: "Fine.\n" + String(repeating: "word ", count: 200_000) + "\n")
            },
            HostileCase("100-word headline", kind: "sizes", expect: .fails(["99-words.md:2:", "title has 100 words, over the limit of 40"])) {
                try $0.story("99-words.md", title: String(repeating: "word ", count: 100), body: "Text.\n")
            },
            HostileCase("too many stories", kind: "sizes", expect: .fails(["stories: holds \(sampleStoryCount + 501) stories, over the limit of 500"])) {
                for i in 0..<501 { try $0.story("99-\(i).md", body: "Text.\n") }
            },
            HostileCase("too many pages", kind: "sizes", expect: .fails(["past the limit of 2", "--max-pages"]),
                        arguments: { ["make", $0.issue, "-o", $0.output, "--max-pages", "2"] }) { _ in },
        ]
    }

    /// Files reached through a symbolic link that leaves the issue folder.
    static var outside: [HostileCase] {
        [
            HostileCase("symlinked story pointing outside", kind: "outside",
                        expect: .fails(["stories/99-link.md: lies outside the issue folder", "--allow-outside"])) {
                try $0.linkOutside("stories/99-link.md", text: "---\ntitle: Secret\n---\nFrom elsewhere.\n")
            },
            HostileCase("--allow-outside reads the symlinked story", kind: "outside",
                        expect: .succeeds(contains: ["Secret from elsewhere", "Read through a link."]),
                        arguments: { $0.defaultArguments + ["--allow-outside"] }) {
                try $0.linkOutside("stories/99-link.md", text: "---\ntitle: Secret from elsewhere\n---\nRead through a link.\n")
            },
            HostileCase("symlinked issue.yaml outside", kind: "outside", expect: .fails(["issue.yaml: lies outside the issue folder"])) {
                try $0.linkOutside("issue.yaml", text: try $0.read("issue.yaml"))
            },
            HostileCase("symlinked layouts folder outside", kind: "outside",
                        expect: .fails(["layouts/hostile.yaml: lies outside the issue folder"])) {
                try $0.layout([])
                try FileManager.default.moveItem(atPath: $0.issue + "/layouts", toPath: $0.root + "/elsewhere-layouts")
                try FileManager.default.createSymbolicLink(atPath: $0.issue + "/layouts", withDestinationPath: $0.root + "/elsewhere-layouts")
            },
            HostileCase("layout path in issue.yaml outside", kind: "outside", expect: .fails(["issue.yaml:6: layout ", "elsewhere.yaml lies outside the issue folder"])) {
                try $0.layout([])
                try FileManager.default.moveItem(atPath: $0.issue + "/layouts/hostile.yaml", toPath: $0.root + "/elsewhere.yaml")
                try $0.replace("issue.yaml", "layout: hostile", "layout: \($0.root)/elsewhere.yaml")
            },
            HostileCase("symlinked fonts folder outside", kind: "outside", expect: .fails(["fonts: lies outside the issue folder"])) {
                try FileManager.default.createDirectory(atPath: $0.root + "/elsewhere-fonts", withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(atPath: $0.issue + "/fonts", withDestinationPath: $0.root + "/elsewhere-fonts")
            },
            HostileCase("story is a FIFO", kind: "outside", expect: .fails(["stories/99-fifo.md: is not a regular file"])) {
                guard mkfifo($0.issue + "/stories/99-fifo.md", 0o644) == 0 else { throw HostileError("mkfifo failed") }
            },
        ]
    }

    /// Characters that cannot be set in type, and encodings that are not quite UTF-8.
    static var characters: [HostileCase] {
        [
            HostileCase("noncharacter U+FFFF in a paragraph", kind: "characters",
                        expect: .warns(["98-nonchar.md:6: warning: removed characters that cannot be set in type: U+FFFF"],
                                       contains: ["Before the mark after the mark, the rest of this paragraph.", "The story after it is whole."])) {
                try $0.story("98-nonchar.md", body: "First paragraph.\n\nBefore the mark \u{FFFF}after the mark, the rest of this paragraph.\n")
                try $0.story("99-after.md", title: "Later story", body: "The story after it is whole.\n")
            },
            HostileCase("separators in a deck", kind: "characters",
                        expect: .warns(["99-sep.md:3: warning: removed", "U+2028 (a line separator, now a space)"],
                                       contains: ["Two lines of deck", "Text after the deck."])) {
                try $0.story("99-sep.md", front: "deck: Two lines\u{2028}of deck\n", body: "Text after the deck.\n")
            },
            HostileCase("C1 control in a headline", kind: "characters", expect: .fails(["99-c1.md:2:", "U+009B (a control character) is not allowed"])) {
                try $0.story("99-c1.md", title: "Escape\u{9B}31m sequence", body: "Text.\n")
            },
            HostileCase("control characters in the text", kind: "characters",
                        expect: .warns(["99-ctl.md:4: warning: removed", "U+001B (a control character) from lines 4 and 6", "U+0007"],
                                       contains: ["Bell and escape are gone.", "So is this one."])) {
                try $0.story("99-ctl.md", body: "Bell\u{7} and escape\u{1B} are gone.\n\nSo is\u{1B} this one.\n")
            },
            HostileCase("CESU-8 surrogate", kind: "characters", expect: .fails(["99-cesu.md:5: the file is not UTF-8"])) {
                try $0.write("stories/99-cesu.md", bytes: Array("---\ntitle: CESU\n---\nFine.\nA surrogate ".utf8) + [0xED, 0xA0, 0x80] + Array(" here.\n".utf8))
            },
            HostileCase("BOM and CRLF", kind: "characters", expect: .succeeds(contains: ["Marked and Windows", "Paragraph two after a BOM."])) {
                try $0.write("stories/99-bom.md", bytes: [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: Marked and Windows\r\n---\r\nParagraph one.\r\n\r\nParagraph two after a BOM.\r\n".utf8))
            },
            HostileCase("control character in a file name", kind: "characters", expect: .fails(["99-<U+001B>[31mred.md:1:"])) {
                try $0.write("stories/99-\u{1B}[31mred.md", "No front matter here.\n")
            },
        ]
    }
}

extension HostileScene {
    /// Puts `text` in a file outside the issue folder and links `file` of the issue to it.
    func linkOutside(_ file: String, text: String) throws {
        let target = root + "/elsewhere/" + (file as NSString).lastPathComponent
        try FileManager.default.createDirectory(atPath: root + "/elsewhere", withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: target, contents: Data(text.utf8)) else { throw HostileError("cannot write \(target)") }
        try? FileManager.default.removeItem(atPath: issue + "/" + file)
        try FileManager.default.createSymbolicLink(atPath: issue + "/" + file, withDestinationPath: target)
    }
}
