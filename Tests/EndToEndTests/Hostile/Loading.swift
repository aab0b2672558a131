import Foundation

/// Hostile cases: reading issue.yaml, stories and their front matter (classes 14 and 15, and the
/// loader's older promises).
extension HostileCorpus {
    static let story1 = "stories/01-record-year-for-exchange.md"
    static let story3 = "stories/03-global-futures-scholarships.md"
    static let story5 = "stories/05-festival-of-cultures.md"

    /// The line of the sample's issue.yaml on which `needle` starts.
    static func sampleLine(_ needle: String) -> Int {
        let text = (try? String(contentsOfFile: Tools.root.appendingPathComponent("examples/sample/issue.yaml").path, encoding: .utf8)) ?? ""
        return HostileScene.line(of: needle, in: text) ?? 0
    }

    static var loading: [HostileCase] {
        [
            HostileCase("missing issue folder", kind: "loading", expect: .fails(["nothing: issue folder not found"]),
                        arguments: { ["make", $0.root + "/nothing", "-o", $0.output] }) { _ in },
            HostileCase("issue.yaml missing", kind: "loading", expect: .fails(["issue.yaml: file not found"])) {
                try FileManager.default.removeItem(atPath: $0.issue + "/issue.yaml")
            },
            HostileCase("issue.yaml broken flow list", kind: "loading", expect: .fails(["issue.yaml:4:", "invalid YAML"])) {
                try $0.replace("issue.yaml", "volume: 12", "volume: [12")
            },
            HostileCase("issue.yaml empty", kind: "loading", expect: .fails(["issue.yaml: is empty"])) {
                try $0.write("issue.yaml", "")
            },
            HostileCase("issue.yaml is a list", kind: "loading", expect: .fails(["issue.yaml:1:", "must be a mapping"])) {
                try $0.write("issue.yaml", "- title\n- date\n")
            },
            HostileCase("issue.yaml bad date", kind: "loading", expect: .fails(["issue.yaml:\(sampleLine("date:")): date must be YYYY-MM"])) {
                try $0.replace("issue.yaml", "date: 2026-11", "date: someday")
            },
            // The second title goes where "editors:" was.
            HostileCase("issue.yaml duplicate key", kind: "loading", expect: .fails(["issue.yaml:\(sampleLine("editors:")):", "\"title\" appears twice"])) {
                try $0.replace("issue.yaml", "editors:", "title: Again\neditors:")
            },
            HostileCase("issue.yaml not UTF-8", kind: "loading", expect: .fails(["issue.yaml:2: the file is not UTF-8"])) {
                var bytes = Array(try $0.read("issue.yaml").utf8)
                bytes.insert(0xC0, at: bytes.firstIndex(of: 0x0A)! + 3)
                try $0.write("issue.yaml", bytes: bytes)
            },
            HostileCase("no stories folder", kind: "loading", expect: .fails(["stories: folder not found"])) {
                try FileManager.default.removeItem(atPath: $0.issue + "/stories")
            },
            HostileCase("story without title", kind: "loading", expect: .fails([story5 + ":2: title is missing"])) {
                try $0.replace(story5, "title:", "headline:")
            },
            HostileCase("story without front matter", kind: "loading", expect: .fails(["99-bare.md:1: a story starts with front matter"])) {
                try $0.write("stories/99-bare.md", "Just text, no front matter.\n")
            },
            HostileCase("story front matter not closed", kind: "loading", expect: .fails(["99-open.md:1: front matter is not closed"])) {
                try $0.write("stories/99-open.md", "---\ntitle: Open\n\nText.\n")
            },
            HostileCase("story not UTF-8", kind: "loading", expect: .fails([story3 + ":2: the file is not UTF-8"])) {
                var bytes = Array(try $0.read(story3).utf8)
                bytes.insert(0xFF, at: 10)
                try $0.write(story3, bytes: bytes)
            },
            HostileCase("story bad lang", kind: "loading", expect: .fails(["99-lang.md:3: lang must be a language tag"])) {
                try $0.story("99-lang.md", front: "lang: english please\n", body: "Text.\n")
            },
            HostileCase("unknown layout", kind: "loading", expect: .fails(["issue.yaml:6: unknown layout \"fancy\""])) {
                try $0.replace("issue.yaml", "layout: classic", "layout: fancy")
            },
            HostileCase("unknown story key warns", kind: "loading",
                        expect: .warns([story5 + ":3: warning: unknown key \"colour\""], contains: ["Festival"])) {
                try $0.replace(story5, "kicker:", "colour: red\nkicker:")
            },
            // Class 14: messages with a file and a line, on one line, with a hint where the fix is known.
            HostileCase("title with a colon gets a hint", kind: "messages",
                        expect: .fails(["99-colon.md:2:", "put the title in quotes"])) {
                try $0.story("99-colon.md", title: "Budget: what changes", body: "Text.\n")
            },
            HostileCase("duplicate front matter key names its line", kind: "messages",
                        expect: .fails(["99-dup.md:4:", "\"kicker\" appears twice"])) {
                try $0.story("99-dup.md", front: "kicker: One\nkicker: Two\n", body: "Text.\n")
            },
            HostileCase("NUL in front matter", kind: "messages", expect: .fails(["99-nul.md:3:"])) {
                try $0.write("stories/99-nul.md", bytes: Array("---\ntitle: Nul\nkicker: a".utf8) + [0] + Array("b\n---\nText.\n".utf8))
            },
            HostileCase("control character in front matter", kind: "messages", expect: .fails(["99-ctl.md:4:"])) {
                try $0.write("stories/99-ctl.md", bytes: Array("---\ntitle: Ctl\ndeck: fine\nkicker: a".utf8) + [0x1B] + Array("[31mred\n---\nText.\n".utf8))
            },
            HostileCase("tab-indented front matter", kind: "messages", expect: .fails(["99-tab.md:"])) {
                try $0.write("stories/99-tab.md", "---\ntitle: Tabs\nwritten_by:\n\t- A\n---\nText.\n")
            },
            // Class 15: Windows and old Mac line endings are text like any other.
            HostileCase("CRLF story", kind: "line endings", expect: .succeeds(contains: ["Windows line endings", "Second paragraph after CRLF."])) {
                try $0.write("stories/99-crlf.md", "---\r\ntitle: Windows line endings\r\nkicker: Notices\r\n---\r\nFirst paragraph.\r\n\r\nSecond paragraph after CRLF.\r\n")
            },
            HostileCase("CR-only story", kind: "line endings", expect: .succeeds(contains: ["Old Mac line endings", "Second paragraph after CR."])) {
                try $0.write("stories/99-cr.md", "---\rtitle: Old Mac line endings\r---\rFirst paragraph.\r\rSecond paragraph after CR.\r")
            },
            HostileCase("CRLF issue.yaml", kind: "line endings", expect: .succeeds(contains: ["Global Campus"])) {
                try $0.write("issue.yaml", try $0.read("issue.yaml").replacingOccurrences(of: "\n", with: "\r\n"))
            },
            HostileCase("CRLF story error names the right line", kind: "line endings", expect: .fails(["99-crlf-bad.md:4: lang must be"])) {
                try $0.write("stories/99-crlf-bad.md", "---\r\ntitle: T\r\nkicker: K\r\nlang: not a tag\r\n---\r\nText.\r\n")
            },
        ]
    }
}
