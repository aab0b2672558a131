import Foundation

/// Hostile cases: numbers and geometry in layout files (class 6, and 2's empty pages), and what
/// lies in an issue's fonts folder.
extension HostileCorpus {
    static var layoutNumbers: [HostileCase] {
        [
            // Numbers that are not numbers, or no sane one.
            layoutCase("layout NaN gutter", [("gutter: 5mm", "gutter: nan")], "grid.gutter must be from 0 to 5m, not \"nan\""),
            layoutCase("layout infinite tolerance", [("tolerance: 150", "tolerance: inf")], "breaking.tolerance must be from 0 to 10000, not \"inf\""),
            layoutCase("layout minus infinite margins", [("margins: 15mm", "margins: -inf")], "page.margins must be from 0 to 5m, not \"-inf\""),
            layoutCase("layout 1e9em indent", [("indent: 1em}", "indent: 1e9em}")], at: "  body: ",
                       "styles.body.indent must be from 0 to 10em (90pt), not \"1e9em\""),
            layoutCase("layout NaN em tracking", [("tracking: 0.08em", "tracking: nanem")],
                       "styles.kicker.tracking must be from -0.1em to 1em, not \"nanem\""),
            layoutCase("layout 1e400pt baseline", [("baseline: 11pt", "baseline: 1e400pt")], "grid.baseline must be from 4pt to 5m, not \"1e400pt\""),
            layoutCase("layout 9e6pt page", [("size: A4", "size: [9e6pt, 9e6pt]")], "page.size width must be from 50mm to 5m, not \"9e6pt\""),
            layoutCase("layout 1e400 footer height", [("height: 26pt", "height: 1e400")], "footer.height must be from 0 to 5m, not \"1e400\""),
            // Geometry that would empty or garble pages.
            layoutCase("layout negative margin", [("margins: 15mm", "margins: {top: 15mm, bottom: 15mm, left: -5mm, right: 15mm}")],
                       "page.margins.left must be from 0 to 5m, not \"-5mm\""),
            layoutCase("layout margins past the page", [("margins: 15mm", "margins: {top: 15mm, bottom: 15mm, left: 120mm, right: 100mm}")],
                       "page.margins.left is past the page: left and right margins are 220mm together on a page 210mm wide"),
            layoutCase("layout gutter wider than the text", [("gutter: 5mm", "gutter: 100mm")],
                       "grid.gutter is too wide: 2 gutters of 100mm leave no room for 3 columns in a text area 180mm wide"),
            layoutCase("layout too many columns for the page", [("size: A4", "size: A5"), ("columns: 3", "columns: 6")], at: "columns: 3",
                       "grid.columns and grid.gutter make 6 columns 15.5mm wide in a text area 118mm wide; a column must be at least 30mm"),
            layoutCase("layout zero leading", [("size: 9pt, leading: 11pt, align: justify", "size: 9pt, leading: 0pt, align: justify")],
                       "styles.body.leading must be from 4.5pt to 45pt (half to five times the size, 9pt), not \"0pt\""),
            layoutCase("layout negative leading", [("size: 20pt, leading: 22pt", "size: 20pt, leading: -22pt")],
                       "styles.headline.leading must be from 10pt to 100pt (half to five times the size, 20pt), not \"-22pt\""),
            layoutCase("layout zero baseline", [("baseline: 11pt", "baseline: 0pt")], "grid.baseline must be from 4pt to 5m, not \"0pt\""),
            layoutCase("layout negative rule width", [("  rule: 0.75pt", "  rule: -1pt")], "story.rule must be from 0pt to 36pt, not \"-1pt\""),
            layoutCase("layout NaN rule width", [("  rule: 2pt", "  rule: nan")], "masthead.rule must be from 0pt to 36pt, not \"nan\""),
            layoutCase("layout absurd hyphenation minimum", [("min_word: 5", "min_word: 100000")],
                       "hyphenation.min_word must be from 2 to 30 letters, not \"100000\""),
            layoutCase("layout absurd tolerance", [("tolerance: 150", "tolerance: 1e9")], "breaking.tolerance must be from 0 to 10000, not \"1e9\""),
            layoutCase("layout absurd expansion", [("expansion: 0.02", "expansion: 0.5")], "breaking.expansion must be from 0 to 0.1, not \"0.5\""),
            layoutCase("layout running head filling the page", [("height: 22pt", "height: 700pt")],
                       "running_head.height leaves no room for stories: pages after the first have 30.9pt between the running head "
                       + "and the footer, and a headline with two lines of text needs 55pt"),
            layoutCase("layout footer taller than its height", [("height: 26pt", "height: 10pt")],
                       "footer.height (10pt) is less than the footer needs (20.3pt: 2 lines of styles.footer.leading and its rule)"),
            layoutCase("layout masthead filling page 1", [("space_after: 11pt", "space_after: 650pt")],
                       "masthead.space_after leaves no room for stories on page 1"),
            // A head too tall for the page: the layout's type, or the story's words.
            layoutCase("layout huge headline size", [("size: 20pt, leading: 22pt", "size: 900pt")],
                       "styles.headline is too large for the page: story \"Record numbers head overseas as exchange programme widens "
                       + "its reach\" (", also: [story1 + ":2) has a head ", "in a text area 708.9pt tall"]),
            // A 400-word headline is refused by the headline limit (Limits.swift); the longest
            // headline and a deck just under the value limit still make a head taller than a page.
            HostileCase("story head of a 40-word headline and a 560-word deck", kind: "layout numbers",
                        expect: .fails(["99-long.md:2: the story's head (kicker, headline, deck and byline) is taller than a page"])) {
                let words = { (n: Int) in (0..<n).map { ["students", "abroad", "record", "year"][$0 % 4] }.joined(separator: " ") }
                try $0.story("99-long.md", title: words(40), front: "deck: \(words(560))\n", body: "Text.\n")
            },
            // What lies in fonts/.
            HostileCase("FIFO in fonts", kind: "fonts",
                        expect: .warns(["issue/fonts/pipe.ttf: warning: is a FIFO, not a font file: skipped"],
                                       contains: ["Record numbers head overseas"])) { scene in
                try FileManager.default.createDirectory(atPath: scene.issue + "/fonts", withIntermediateDirectories: true)
                guard mkfifo(scene.issue + "/fonts/pipe.ttf", 0o644) == 0 else { throw HostileError("mkfifo failed") }
            },
            HostileCase("FIFO and link to it beside the layout's own font", kind: "fonts",
                        expect: .warns(["fonts/pipe.otf: warning: is a FIFO", "fonts/via-link.ttf: warning: is a link to a FIFO"],
                                       contains: ["Record numbers head overseas"])) { scene in
                // The body's family exists only in the issue's fonts/: it must still be found.
                try scene.write("fonts/hostile.ttf", bytes: try renamedFont())
                guard mkfifo(scene.issue + "/fonts/pipe.otf", 0o644) == 0 else { throw HostileError("mkfifo failed") }
                try FileManager.default.createSymbolicLink(atPath: scene.issue + "/fonts/via-link.ttf", withDestinationPath: "pipe.otf")
                try scene.layout([("body:              {family: Liberation Serif", "body:              {family: Hostile Fnt")])
            },
        ]
    }

    /// A case that runs the sample with the classic layout edited (`HostileScene.layout`) and
    /// fails on the line of `at` (the first edit's old text when nil) with `message`.
    static func layoutCase(_ name: String, _ edits: [(String, String)], at needle: String? = nil, _ message: String,
                           also: [String] = []) -> HostileCase {
        let line = classicLine(needle ?? edits[0].0)
        return HostileCase(name, kind: "layout numbers", expect: .fails(["layouts/hostile.yaml:\(line): \(message)"] + also)) {
            try $0.layout(edits)
        }
    }

    /// The line of `needle` in the built-in classic layout, which the edits leave in place.
    static func classicLine(_ needle: String) -> Int {
        let text = (try? String(contentsOfFile: Tools.root.appendingPathComponent("layouts/classic.yaml").path, encoding: .utf8)) ?? ""
        return HostileScene.line(of: needle, in: text) ?? 0
    }

    /// DejaVu Sans with its family renamed "Hostile Fnt": a family only the issue has.
    static func renamedFont() throws -> [UInt8] {
        guard var bytes = FileManager.default.contents(atPath: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf") else {
            throw HostileError("DejaVu Sans is not installed")
        }
        for encoding in [String.Encoding.utf16BigEndian, .ascii] {
            guard let from = "DejaVu Sans".data(using: encoding), let to = "Hostile Fnt".data(using: encoding) else { continue }
            while let range = bytes.range(of: from) { bytes.replaceSubrange(range, with: to) }
        }
        return Array(bytes)
    }
}
