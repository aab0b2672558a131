import Foundation

/// Hostile cases found by fuzzing (`make fuzz`, scripts/fuzz.py), each cut down by hand to the
/// smallest issue that shows the failure. Every case states the behaviour wanted, not today's.
extension HostileCorpus {
    /// 300 letters without a break opportunity: far wider than a column and than the page.
    static let wideWord = String(repeating: "wide", count: 75)

    static var fuzzed: [HostileCase] {
        [
            // A word wider than the page was drawn past the page's edge: exit 0, text lost. (Words
            // in paragraphs and headlines are cases of Content.swift; a code block's lines are set apart.)
            HostileCase("fuzzed: word wider than the page in a code block", kind: "fuzzed",
                        expect: .succeeds(contains: ["Code follows."]), verify: pdfLetters(holds: ["code" + wideWord])) {
                try $0.story("99-wide-code.md", body: "Code follows.\n\n    code\(wideWord)\n")
            },
            // Each level of quote takes width from the column; at nine, more than the column has,
            // and the innermost text was dropped without a word.
            HostileCase("fuzzed: nine nested block quotes keep their text", kind: "fuzzed",
                        expect: .succeeds(contains: ["Outside the quotes.", "innermost quoted words"])) {
                try $0.story("99-quotes.md", body: "Outside the quotes.\n\n" + String(repeating: "> ", count: 9) + "innermost quoted words\n")
            },
            // A noncharacter in issue.yaml stopped all drawing after the masthead: one page, no
            // stories, exit 0.
            HostileCase("fuzzed: noncharacter in the issue number", kind: "fuzzed",
                        expect: .fails(["issue.yaml:4:", "number holds a noncharacter (U+FDEF)", "cannot be set in type"])) {
                try $0.replace("issue.yaml", "number: 11", "number: \"11\\uFDEF\"")
            },
            // A value holding a line break (a YAML escape, not a raw control character) was quoted
            // as it is, so the error took several lines.
            HostileCase("fuzzed: line break in a quoted date", kind: "fuzzed", expect: .fails(["issue.yaml:5:", "date must be"])) {
                try $0.replace("issue.yaml", "date: 2026-11", "date: \"2026\\n11\"")
            },
            HostileCase("fuzzed: line break in a quoted lang", kind: "fuzzed", expect: .fails(["99-lang.md:3:", "lang must be"])) {
                try $0.story("99-lang.md", front: "lang: \"en\\nde\"\n", body: "Text.\n")
            },
            HostileCase("fuzzed: line break in a quoted layout number", kind: "fuzzed",
                        expect: .fails(["hostile.yaml:", "breaking.line_penalty must be a number"])) {
                try $0.layout([("line_penalty: 10", "line_penalty: \"x\\n---\\ny\"")])
            },
            // A story that is a symbolic link to a folder: the error named the link's target resolved
            // against the working folder ("/tmp: is a folder, not a file"), not the story.
            HostileCase("fuzzed: story linked to its own folder", kind: "fuzzed", expect: .fails(["stories/zz-dir.md: "])) {
                try FileManager.default.createSymbolicLink(atPath: $0.issue + "/stories/zz-dir.md", withDestinationPath: ".")
            },
        ]
    }

    /// Checks that the PDF's text, as letters and digits only, holds each word: a word broken
    /// across lines, with or without a hyphen, still counts as there.
    static func pdfLetters(holds words: [String]) -> (HostileScene, Tools.Result) throws -> Void {
        { scene, _ in
            guard FileManager.default.fileExists(atPath: scene.output) else { throw HostileError("the PDF was not written") }
            let text = try Tools.run("pdftotext", ["-enc", "UTF-8", scene.output, "-"]).stdout
            let letters = String(text.lowercased().filter { $0.isLetter || $0.isNumber })
            for word in words where !letters.contains(word.lowercased()) {
                throw HostileError("the PDF's text lacks the \(word.count)-letter word \(word.prefix(20))…")
            }
        }
    }
}
