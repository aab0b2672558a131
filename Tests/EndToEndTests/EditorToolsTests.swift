import Foundation
import XCTest

/// The editor's verbs end to end: `new` then `make`, an installed copy finding its layouts,
/// `check` listing every problem, drafts, and `make --watch`. Each works on small issues that
/// `bulletin new` makes, so that they stay fast.
final class EditorToolsTests: XCTestCase {
    var folder = ""

    override func setUp() { folder = Tools.temporaryFolder() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    @discardableResult
    func bulletin(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
                  binary: String = Tools.bulletin, expect status: Int32 = 0) throws -> Tools.Result {
        let result = try Tools.run(binary, arguments, in: directory ?? folder, timeout: 120, environment: environment)
        XCTAssertEqual(result.status, status, "bulletin \(arguments.joined(separator: " ")): \(result.stderr)")
        return result
    }

    func write(_ text: String, to path: String) throws {
        try text.write(toFile: folder + "/" + path, atomically: true, encoding: .utf8)
    }

    // MARK: - Help

    func testEveryVerbsHelpHasExamples() throws {
        let top = try bulletin(["--help"]).stdout
        let verbs = ["make", "check", "new", "preview", "mail", "layouts", "fonts"]
        for verb in verbs {
            XCTAssertTrue(top.contains("\n  \(verb) "), "bulletin --help lists \(verb)")
            let help = try bulletin([verb, "--help"]).stdout
            XCTAssertTrue(help.contains("Examples:\n  bulletin \(verb)"), "\(verb) --help:\n\(help)")
            XCTAssertFalse(help.contains("\\\n"), "no stray line-continuation backslashes in \(verb) --help")
        }
        XCTAssertTrue(top.contains("Examples:") && top.contains("BULLETIN_HOME"), top)
    }

    func testCommandLineMistakesExit64WithWhatIsWrong() throws {
        try bulletin(["new", "issue", "--date", "2026-11"])
        for (arguments, message) in [
            (["make", "issue", "--max-pages", "0"], "--max-pages must be at least 1"),
            (["make", "issue", "--max-pages", "-1"], "--max-pages must be at least 1"),
            (["make", "issue", "--max-pages", "abc"], "The value 'abc' is invalid for '--max-pages <n>'"),
            (["make", "issue", "--pages", "-2"], "--pages must be a whole number of pages from 1 to 400 or none, not \"-2\""),
            (["new", "other", "--date", "2027-13"], "--date must be a month such as 2026-12, not \"2027-13\""),
            (["preview", "issue", "--pages", "3-2"], "--pages: the range \"3-2\" runs backwards: write 2-3"),
            (["preview", "issue", "--dpi", "-5"], "--dpi must be from 10 to 600"),
        ] {
            let result = try bulletin(arguments, expect: 64)
            XCTAssertTrue(result.stderr.hasPrefix("Error: " + message), "\(arguments): \(result.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/issue/out"), "nothing is made")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/other"), "nothing is made")
    }

    // MARK: - new, then make

    func testNewThenMakeFromTheLastIssue() throws {
        // This month's issue from the template, at a fixed date.
        let made = try bulletin(["new"], environment: ["SOURCE_DATE_EPOCH": "1794787200"])  // 2026-11-15
        XCTAssertEqual(made.stdout.split(separator: "\n"), ["2026-11/issue.yaml", "2026-11/stories/", "2026-11/images/", "2026-11/stories/01-first-story.md"])
        let story = try String(contentsOfFile: folder + "/2026-11/stories/01-first-story.md", encoding: .utf8)
        for key in ["kicker", "deck", "edited_by", "date", "lang", "image", "pull_quote", "columns", "short_title", "order", "filler", "draft"] {
            XCTAssertTrue(story.contains("# \(key): "), "the template shows \(key), commented")
        }
        let pdf = try bulletin(["make", "2026-11"])
        XCTAssertEqual(pdf.stdout, "2026-11/out/our-newsletter-2026-11.pdf\n", "beside the issue")
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/2026-11/out/our-newsletter-2026-11.pdf"))

        // The next one carries the last one's issue.yaml over, one number and one month on.
        try bulletin(["new", "december", "--from", "2026-11"])
        let yaml = try String(contentsOfFile: folder + "/december/issue.yaml", encoding: .utf8)
        XCTAssertTrue(yaml.contains("\nnumber: 2\n") && yaml.contains("\ndate: 2026-12  ") && yaml.contains("title: Our Newsletter"), yaml)
        XCTAssertTrue(yaml.contains("# the issue's month"), "comments are kept: \(yaml)")
        try bulletin(["make", "december", "-q"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/december/out/our-newsletter-2026-12.pdf"))
        // Nothing is replaced.
        let again = try bulletin(["new", "december"], expect: 1)
        XCTAssertTrue(again.stderr.contains("december: already exists and is not empty"), again.stderr)
    }

    /// An issue with its own layout (and the font it names) makes a next issue that can be made:
    /// its layouts/ and fonts/ go with issue.yaml, as the logo does.
    func testNewFromAnIssueWithItsOwnLayoutCarriesItsLayoutsAndFonts() throws {
        try bulletin(["new", "march", "--date", "2027-03"])
        try FileManager.default.createDirectory(atPath: folder + "/march/layouts", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/march/fonts", withIntermediateDirectories: true)
        let classic = try String(contentsOfFile: Tools.root.appendingPathComponent("layouts/classic.yaml").path, encoding: .utf8)
        try write(classic.replacingOccurrences(of: "name: classic", with: "name: house"), to: "march/layouts/house.yaml")
        try write("not a font", to: "march/fonts/readme.txt")
        let yaml = try String(contentsOfFile: folder + "/march/issue.yaml", encoding: .utf8)
        try write(yaml.replacingOccurrences(of: "layout: classic", with: "layout: house"), to: "march/issue.yaml")
        try bulletin(["make", "march", "-q"])
        let made = try bulletin(["new", "april", "--from", "march"]).stdout
        XCTAssertTrue(made.contains("april/layouts/\n") && made.contains("april/fonts/\n"), made)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/april/layouts/house.yaml"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/april/fonts/readme.txt"))
        try bulletin(["make", "april", "-q"])
    }

    // MARK: - Installed anywhere

    func testAnInstalledCopyFindsItsLayoutsFromAnywhere() throws {
        let prefix = folder + "/prefix"
        let install = try Tools.run("make", ["-C", Tools.root.path, "install", "PREFIX=" + prefix, "BULLETIN_BIN=" + Tools.bulletin])
        XCTAssertEqual(install.status, 0, install.stderr + install.stdout)
        let installed = prefix + "/bin/bulletin"
        let elsewhere = folder + "/work"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try bulletin(["new", "issue", "--date", "2026-11"], in: elsewhere, binary: installed)
        // A named layout, from the installed tree: before the source checkout it was built from.
        let made = try bulletin(["make", "issue", "--layout", "letter", "--verbose"], in: elsewhere, binary: installed)
        XCTAssertTrue(made.stderr.contains("layout: \(prefix)/share/bulletin/layouts/letter.yaml\n"), made.stderr)
        XCTAssertTrue(made.stderr.contains("font: \"Liberation Serif\" -> /"), made.stderr)
        XCTAssertEqual(made.stdout, "issue/out/our-newsletter-2026-11.pdf\n")
        let listed = try bulletin(["layouts"], in: elsewhere, binary: installed).stdout
        XCTAssertTrue(listed.hasPrefix("classic "), listed)
        XCTAssertTrue(listed.contains("letter       installed: \(prefix)/share/bulletin/layouts/letter.yaml\n"), listed)
        // BULLETIN_HOME adds layouts of its own.
        let home = folder + "/home"
        try FileManager.default.createDirectory(atPath: home + "/layouts", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: prefix + "/share/bulletin/layouts/letter.yaml", toPath: home + "/layouts/house.yaml")
        let housed = try bulletin(["make", "issue", "--layout", "house", "-v", "-o", "house.pdf"], in: elsewhere,
                                  environment: ["BULLETIN_HOME": home], binary: installed)
        XCTAssertTrue(housed.stderr.contains("layout: \(home)/layouts/house.yaml\n"), housed.stderr)
        // The sample is installed too; its PDF goes to out/ here, not into the installed tree.
        let sample = try bulletin(["make", "--sample", "-o", "sample.png"], in: elsewhere, binary: installed)
        XCTAssertTrue(sample.stderr.split(separator: "\n").last?.hasPrefix("sample.png · page 1 of 6 · ") ?? false, sample.stderr)
    }

    // MARK: - fonts

    func testFontsNamesTheSourceOfEachFamily() throws {
        try bulletin(["new", "issue", "--date", "2026-11"])
        let system = try bulletin(["fonts", "issue"]).stdout
        XCTAssertTrue(system.contains("\nLiberation Serif  (") && system.contains("system: /usr/share/fonts"), system)
        // A font file in the issue's fonts/ is the issue's.
        let file = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
        try XCTSkipUnless(FileManager.default.fileExists(atPath: file), "fonts-dejavu-core is not installed")
        try FileManager.default.createDirectory(atPath: folder + "/issue/fonts", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: file, toPath: folder + "/issue/fonts/DejaVuSerif.ttf")
        let listed = try bulletin(["fonts"], in: folder + "/issue").stdout
        XCTAssertTrue(listed.contains("DejaVu Serif  (Book)  issue fonts/: fonts\n"), listed)
    }

    // MARK: - check

    func testCheckListsEveryProblemAsTextAndJSON() throws {
        try bulletin(["new", "issue", "--date", "2026-11"])
        try FileManager.default.copyItem(atPath: Tools.root.appendingPathComponent("examples/sample/images/scholarship-awards.png").path,
                                         toPath: folder + "/issue/images/chart.png")
        try write("---\ntitle: A second story\nauthor: Ann Lee\nsummary: Two.\nimage: images/missing.jpg\n---\n\nText of the second story.\n",
                  to: "issue/stories/02-second.md")
        try write("---\nkicker: News\nwritten_by: Bo Chen\n---\n\nNo title here.\n", to: "issue/stories/03-third.md")
        try write("---\ntitle: A fourth story\nwritten_by: Cy Dee\nlang: qaa\nimage: {path: images/chart.png, span: all}\n---\n\n"
                  + "Text of the fourth story, with ![](images/also-missing.png) in it.\n", to: "issue/stories/04-fourth.markdown")
        let text = try bulletin(["check", "issue"], expect: 1)
        let lines = text.stdout.split(separator: "\n").map(String.init)
        for expected in [
            "issue/stories/02-second.md:2: warning: the story has no byline",
            "issue/stories/02-second.md:3: warning: unknown key \"author\" is ignored: did you mean \"written_by\"?",
            "issue/stories/02-second.md:5: error: image \"images/missing.jpg\" not found",
            "issue/stories/03-third.md:2: error: title is missing",
            "issue/stories/04-fourth.markdown:2: warning: the story has no summary",
            "issue/stories/04-fourth.markdown:5: warning: image \"images/chart.png\" has no alt text",
            "issue/stories/04-fourth.markdown:5: warning: image \"images/chart.png\" prints at 79 dpi",
            "issue/stories/04-fourth.markdown:8: error: image \"images/also-missing.png\" not found",
        ] {
            XCTAssertTrue(lines.contains { $0.hasPrefix(expected) }, "\(expected)\nin:\n\(text.stdout)")
        }
        XCTAssertTrue(lines.contains { $0.hasPrefix("issue/stories/04-fourth.markdown:") && $0.contains(": warning: ") && $0.contains("qaa")
                                       && $0.contains("hyphenation patterns") }, "a language without patterns: \(text.stdout)")
        XCTAssertTrue(text.stderr.hasSuffix("issue: 3 errors, \(lines.count - 3) warnings\n"), text.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/issue/out"), "check writes no PDF")

        let json = try bulletin(["check", "issue", "--json"], expect: 1)
        let items = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(items.count, lines.count)
        let author = try XCTUnwrap(items.first { ($0["message"] as? String) == "unknown key \"author\" is ignored" })
        XCTAssertEqual(author["file"] as? String, "issue/stories/02-second.md")
        XCTAssertEqual(author["line"] as? Int, 3)
        XCTAssertEqual(author["severity"] as? String, "warning")
        XCTAssertEqual(author["hint"] as? String, "did you mean \"written_by\"?")
        XCTAssertEqual(items.filter { ($0["severity"] as? String) == "error" }.count, 3)
        XCTAssertTrue(items.allSatisfy { $0.keys.contains("line") && $0["file"] is String && $0["message"] is String })

        // Overset: a story that cannot fit the pages asked for is an error of issue.yaml's pages line.
        let paragraph = "This paragraph repeats to make the story far longer than one page can hold, so that it is overset."
        try write("---\ntitle: A long story\nwritten_by: Di Eh\nsummary: Long.\n---\n\n" + Array(repeating: paragraph, count: 150).joined(separator: "\n\n"),
                  to: "issue/stories/05-long.md")
        let yaml = try String(contentsOfFile: folder + "/issue/issue.yaml", encoding: .utf8)
        try write(yaml.replacingOccurrences(of: "volume: 1\n", with: "volume: 1\npages: 1\n"), to: "issue/issue.yaml")

        let overset = try bulletin(["check", "issue"], expect: 1)
        XCTAssertTrue(overset.stdout.contains("issue/issue.yaml:5: error: the issue cannot be fitted to 1 page:"), overset.stdout)
        XCTAssertTrue(overset.stdout.contains("issue/stories/03-third.md:2: error: title is missing"), "still every error: \(overset.stdout)")

        // Fixed, it passes with warnings only.
        try FileManager.default.removeItem(atPath: folder + "/issue/stories/02-second.md")
        try FileManager.default.removeItem(atPath: folder + "/issue/stories/03-third.md")
        try FileManager.default.removeItem(atPath: folder + "/issue/stories/04-fourth.markdown")
        try FileManager.default.removeItem(atPath: folder + "/issue/stories/05-long.md")
        try write(yaml, to: "issue/issue.yaml")
        let clean = try bulletin(["check", "issue"])
        XCTAssertFalse(clean.stdout.contains(": error: "), clean.stdout)
    }

    /// A story that cannot be read is left out of what check composes: the rest falling short
    /// of the pages asked for is not an error telling the editor to add a story.
    func testCheckDoesNotCallAnIssueShortForTheStoriesItCouldNotRead() throws {
        try bulletin(["new", "issue", "--date", "2026-11"])
        let yaml = try String(contentsOfFile: folder + "/issue/issue.yaml", encoding: .utf8)
        try write(yaml.replacingOccurrences(of: "volume: 1\n", with: "volume: 1\npages: 2\n"), to: "issue/issue.yaml")
        let paragraph = "This paragraph repeats to make the story long enough to fill a second page of the issue on its own."
        try write("---\ntitle: A long story: with a colon\nwritten_by: Di Eh\nsummary: Long.\n---\n\n"
                  + Array(repeating: paragraph, count: 60).joined(separator: "\n\n"), to: "issue/stories/02-long.md")
        let checked = try bulletin(["check", "issue"], expect: 1)
        XCTAssertTrue(checked.stdout.contains("issue/stories/02-long.md:2: error: invalid YAML"), checked.stdout)
        XCTAssertFalse(checked.stdout.contains("cannot be fitted"), checked.stdout)
        XCTAssertEqual(checked.stdout.split(separator: "\n").filter { $0.contains(": error: ") }.count, 1, checked.stdout)
        // Read, the story fills the second page.
        try write("---\ntitle: \"A long story: with a colon\"\nwritten_by: Di Eh\nsummary: Long.\n---\n\n"
                  + Array(repeating: paragraph, count: 60).joined(separator: "\n\n"), to: "issue/stories/02-long.md")
        let fixed = try bulletin(["check", "issue"])
        XCTAssertFalse(fixed.stdout.contains(": error: "), fixed.stdout)
    }

    /// Every unknown key of the issue's layout is listed at its line, not the first alone: the
    /// editor fixes them in one go. `make` still stops at the first.
    func testCheckListsEveryUnknownKeyOfTheLayout() throws {
        try bulletin(["new", "issue", "--date", "2026-11"])
        var layout = try String(contentsOfFile: Tools.root.appendingPathComponent("layouts/classic.yaml").path, encoding: .utf8)
        let lines = layout.components(separatedBy: "\n")
        let gutter = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("  gutter:") }) + 1
        let hyphenation = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("hyphenation:") }) + 1
        layout = layout.replacingOccurrences(of: "\n  gutter:", with: "\n  guttter:").replacingOccurrences(of: "\nhyphenation:", with: "\nhyphenaton:")
        try FileManager.default.createDirectory(atPath: folder + "/issue/layouts", withIntermediateDirectories: true)
        try write(layout, to: "issue/layouts/classic.yaml")
        let checked = try bulletin(["check", "issue"], expect: 1)
        let errors = checked.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
        XCTAssertTrue(errors.contains { $0.hasPrefix("issue/layouts/classic.yaml:\(gutter): error: unknown key \"guttter\"") }, checked.stdout)
        XCTAssertTrue(errors.contains { $0.hasPrefix("issue/layouts/classic.yaml:\(hyphenation): error: unknown key \"hyphenaton\"") }, checked.stdout)
        XCTAssertEqual(errors.count, 2, checked.stdout)
        let made = try bulletin(["make", "issue"], expect: 1)
        XCTAssertTrue(made.stderr.contains("unknown key \"guttter\""), made.stderr)
        XCTAssertFalse(made.stderr.contains("hyphenaton"), made.stderr)
    }

    func testCheckListsTheProblemOfEveryPictureOfEveryStory() throws {
        try bulletin(["new", "issue", "--date", "2026-11"])
        let jpeg = try Data(contentsOf: Tools.root.appendingPathComponent("examples/sample/images/harbour-at-dusk.jpg"))
        try jpeg.prefix(2000).write(to: URL(fileURLWithPath: folder + "/issue/images/short.jpg"))
        try write("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect", to: "issue/images/broken.svg")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]).write(to: URL(fileURLWithPath: folder + "/issue/images/stub.png"))
        try write("---\ntitle: Cut short\nwritten_by: Ann Lee\nsummary: One.\nimage: {path: images/short.jpg, alt: a harbour}\n---\n\nText.\n",
                  to: "issue/stories/02-short.md")
        try write("---\ntitle: Two broken pictures\nwritten_by: Bo Chen\nsummary: Two.\n---\n\n![a chart](images/broken.svg)\n\n"
                  + "![a stub](images/stub.png)\n", to: "issue/stories/03-broken.md")
        let checked = try bulletin(["check", "issue"], expect: 1)
        let errors = checked.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
        XCTAssertEqual(errors.count, 3, checked.stdout)
        for expected in [
            "issue/stories/02-short.md:5: error: image \"images/short.jpg\" is cut short",
            "issue/stories/03-broken.md:7: error: image \"images/broken.svg\" is not a valid SVG picture",
            "issue/stories/03-broken.md:9: error: image \"images/stub.png\" is damaged",
        ] {
            XCTAssertTrue(errors.contains { $0.hasPrefix(expected) }, "\(expected)\nin:\n\(checked.stdout)")
        }
        // make stops at the first.
        let made = try bulletin(["make", "issue"], expect: 1)
        XCTAssertTrue(made.stderr.contains("issue/stories/02-short.md:5: image \"images/short.jpg\" is cut short"), made.stderr)
    }

    func testCheckNamesCharactersNoFontHasAsMakeDoes() throws {
        try bulletin(["new", "issue", "--date", "2026-11"])
        // Characters of a private use plane, which no font has (emoji may be in a font here or there).
        try write("---\ntitle: A party\nwritten_by: Ann Lee\nsummary: One.\n---\n\nFirst paragraph.\n\nWe celebrated \u{F0041}\u{F0042} together.\n",
                  to: "issue/stories/02-party.md")
        func boxes(_ output: String) -> Set<Substring> { Set(output.split(separator: "\n").filter { $0.contains("they print as boxes") }) }
        let made = boxes(try bulletin(["make", "issue"]).stderr)
        XCTAssertTrue(made.contains { $0.hasPrefix("issue/stories/02-party.md:9: warning: no installed font has U+F0041") }, "\(made)")
        XCTAssertTrue(made.joined().contains("U+F0042"), "\(made)")
        // check, which draws nothing, says the same.
        XCTAssertEqual(boxes(try bulletin(["check", "issue"]).stdout), made)
        // A title with such a character is set twice (its head, its contents entry): told once,
        // at its story's title line, not at issue.yaml.
        try write("---\ntitle: A party \u{F0043}\nwritten_by: Ann Lee\nsummary: One.\n---\n\nFirst paragraph.\n", to: "issue/stories/02-party.md")
        let lines = try bulletin(["make", "issue"]).stderr.split(separator: "\n").filter { $0.contains("U+F0043") }
        XCTAssertEqual(lines.count, 1, "\(lines)")
        XCTAssertTrue(lines.first?.hasPrefix("issue/stories/02-party.md:2: warning:") == true, "\(lines)")
    }

    // MARK: - Drafts

    func testDraftsAreLeftOutWithANoteUnlessAsked() throws {
        try bulletin(["new", "issue", "--date", "2026-11"])
        try write("---\ntitle: Not yet ready\nwritten_by: Ann Lee\ndraft: true\n---\n\nUnfinishedword text.\n", to: "issue/stories/02-draft.markdown")
        let without = try bulletin(["make", "issue", "-o", "without.pdf"])
        XCTAssertTrue(without.stderr.contains("issue/stories/02-draft.markdown:2: note: \"Not yet ready\" is a draft (draft: true) and is left out: pass --drafts to include it"),
                      without.stderr)
        XCTAssertFalse(try Tools.run("pdftotext", [folder + "/without.pdf", "-"]).stdout.contains("Unfinishedword"))
        let with = try bulletin(["make", "issue", "--drafts", "-o", "with.pdf"])
        XCTAssertFalse(with.stderr.contains("note:"), with.stderr)
        XCTAssertTrue(try Tools.run("pdftotext", [folder + "/with.pdf", "-"]).stdout.contains("Unfinishedword"), "a .markdown story, included")
        let quiet = try bulletin(["make", "issue", "-o", "quiet.pdf", "--quiet"])
        XCTAssertFalse(quiet.stderr.contains("note:") || quiet.stderr.contains(" · "), quiet.stderr)
    }

    // MARK: - watch

    func testWatchRebuildsAfterAnEditAndKeepsTheLastGoodPDF() throws {
        try bulletin(["new", "issue", "--date", "2026-11"])
        let pdf = folder + "/issue/out/our-newsletter-2026-11.pdf"
        let watch = try Watch(["make", "issue", "--watch"], in: folder)
        try watch.wait(for: "built in ", count: 1)
        let first = try Data(contentsOf: URL(fileURLWithPath: pdf))

        try rewriteFirstStory("Rewritten the story here")
        try watch.wait(for: "rebuilt in ", count: 1)
        let second = try Data(contentsOf: URL(fileURLWithPath: pdf))
        XCTAssertNotEqual(first, second, "the edit reached the PDF")
        XCTAssertTrue(try Tools.run("pdftotext", [pdf, "-"]).stdout.contains("Rewritten"))

        let yaml = folder + "/issue/issue.yaml"
        try (try String(contentsOfFile: yaml, encoding: .utf8) + "subtitle: [broken\n").write(toFile: yaml, atomically: true, encoding: .utf8)
        try watch.wait(for: "rebuild failed in ", count: 1)
        XCTAssertTrue(watch.stderr.contains("error: issue/issue.yaml:"), watch.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: pdf)), second, "the last good PDF is kept")
        XCTAssertTrue(watch.process.isRunning, "a broken file does not end the watch")

        // Mended, it builds again; the fonts and widths kept from build to build give the bytes
        // a fresh make gives.
        try (try String(contentsOfFile: yaml, encoding: .utf8).replacingOccurrences(of: "subtitle: [broken\n", with: ""))
            .write(toFile: yaml, atomically: true, encoding: .utf8)
        try watch.wait(for: "rebuilt in ", count: 2)
        try bulletin(["make", "issue", "-o", "fresh.pdf"])
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: pdf)), try Data(contentsOf: URL(fileURLWithPath: folder + "/fresh.pdf")))
    }
}

extension EditorToolsTests {
    /// A watch of `arguments` run from `folder`, its standard error in a file, stopped at the end.
    final class Watch {
        let process = Process()
        let errors: String

        init(_ arguments: [String], in folder: String, environment extra: [String: String] = [:]) throws {
            process.executableURL = URL(fileURLWithPath: Tools.bulletin)
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: folder)
            var environment = ProcessInfo.processInfo.environment
            environment["XDG_CACHE_HOME"] = Tools.cacheFolder
            process.environment = environment.merging(extra) { $1 }
            errors = folder + "/watch-\(UUID().uuidString).err"
            XCTAssertTrue(FileManager.default.createFile(atPath: errors, contents: nil))
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
            process.standardOutput = FileHandle.nullDevice
            try process.run()
        }

        deinit { if process.isRunning { process.terminate(); process.waitUntilExit() } }

        var stderr: String { (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "" }

        func count(_ text: String) -> Int { stderr.components(separatedBy: text).count - 1 }

        func wait(for text: String, count: Int, seconds: Double = 60) throws {
            let deadline = Date().addingTimeInterval(seconds)
            while self.count(text) < count {
                guard Date() < deadline else { throw WatchTimeout(description: "timed out waiting for \"\(text)\" × \(count): \(stderr)") }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    /// The first story of `bulletin new`'s issue with its words `old` changed to `words`:
    /// saved in place, or written beside it and renamed over it, as many editors save.
    func rewriteFirstStory(_ words: String, replacing old: String = "Write the story here", renamingOver: Bool = false) throws {
        let story = folder + "/issue/stories/01-first-story.md"
        let text = try String(contentsOfFile: story, encoding: .utf8).replacingOccurrences(of: old, with: words)
        guard renamingOver else { return try text.write(toFile: story, atomically: false, encoding: .utf8) }
        let copy = folder + "/issue/stories/.01-first-story.md.new"
        try text.write(toFile: copy, atomically: false, encoding: .utf8)
        XCTAssertEqual(rename(copy, story), 0)
    }

    /// A watch writing `output` (a path from the test's folder) rebuilds once for a story's
    /// edit, and never for the writing of its own PDF.
    func assertOneRebuildPerEdit(writing output: String) throws {
        let watch = try Watch(["make", "issue", "--watch", "-o", output], in: folder)
        try watch.wait(for: "built in ", count: 1)
        // Several looks at the files (four a second), and the time for a rebuild or two.
        Thread.sleep(forTimeInterval: 2)
        XCTAssertEqual(watch.count("rebuilt in "), 0, watch.stderr)
        try rewriteFirstStory("Rewritten the story here")
        try watch.wait(for: "rebuilt in ", count: 1)
        XCTAssertTrue(try Tools.run("pdftotext", [folder + "/" + output, "-"]).stdout.contains("Rewritten"))
        Thread.sleep(forTimeInterval: 1)
        XCTAssertEqual(watch.count("rebuilt in "), 1, watch.stderr)
    }

    /// The PDF the watch writes inside the issue folder (`-o issue/issue.pdf`) is no edit of
    /// the issue: it was, and the watch rebuilt the issue again and again, every few tenths of
    /// a second, with nothing changed.
    func testWatchWritingInsideTheIssueDoesNotRebuildForItsOwnPDF() throws {
        try bulletin(["new", "issue", "--date", "2026-11"])
        try assertOneRebuildPerEdit(writing: "issue/issue.pdf")
    }

    /// A PDF the watch writes in a folder of the issue (`-o issue/pdfs/issue.pdf`) is no edit
    /// either: the folder's own time, changed by the PDF's temporary and its renaming, rebuilt
    /// the issue again and again.
    func testWatchWritingInAFolderOfTheIssueDoesNotRebuildForItsOwnPDF() throws {
        try bulletin(["new", "issue", "--date", "2026-11"])
        XCTAssertNoThrow(try FileManager.default.createDirectory(atPath: folder + "/issue/pdfs", withIntermediateDirectories: false))
        try assertOneRebuildPerEdit(writing: "issue/pdfs/issue.pdf")
    }

    /// What an editor writes beside a story it has open (vim's swap file, a backup, Emacs's
    /// autosave, the Finder's .DS_Store) is no edit: vim writes its swap file every few
    /// seconds of typing, and each write rebuilt the issue, unchanged. The story's save is.
    func testWatchDoesNotRebuildForEditorsSwapAndBackupFiles() throws {
        try bulletin(["new", "issue", "--date", "2026-11"])
        let watch = try Watch(["make", "issue", "--watch"], in: folder)
        try watch.wait(for: "built in ", count: 1)
        let stories = folder + "/issue/stories/"
        let story = stories + "01-first-story.md"
        let text = try String(contentsOfFile: story, encoding: .utf8)
        for name in [".01-first-story.md.swp", "01-first-story.md~", "#01-first-story.md#", ".DS_Store"] {
            try text.write(toFile: stories + name, atomically: false, encoding: .utf8)
        }
        try "b0VIM 9.0".write(toFile: stories + ".01-first-story.md.swp", atomically: false, encoding: .utf8)
        Thread.sleep(forTimeInterval: 2)
        XCTAssertEqual(watch.count("rebuilt in "), 0, watch.stderr)
        try rewriteFirstStory("Rewritten the story here")
        try watch.wait(for: "rebuilt in ", count: 1)
        XCTAssertTrue(try Tools.run("pdftotext", [folder + "/issue/out/our-newsletter-2026-11.pdf", "-"]).stdout.contains("Rewritten"))
        XCTAssertEqual(unlink(stories + ".01-first-story.md.swp"), 0)
        Thread.sleep(forTimeInterval: 1)
        XCTAssertEqual(watch.count("rebuilt in "), 1, watch.stderr)
    }

    /// A save is told of by the kernel: the watch rebuilds without looking at the files (here
    /// it would look once in ten minutes), for a story saved in place and for one replaced by
    /// renaming a new file over it.
    func testWatchIsToldOfASaveWithoutLooking() throws {
        try bulletin(["new", "issue", "--date", "2026-11"])
        let watch = try Watch(["make", "issue", "--watch"], in: folder, environment: ["BULLETIN_WATCH_INTERVAL": "600000"])
        try watch.wait(for: "built in ", count: 1)
        try rewriteFirstStory("Rewritten the story here")
        try watch.wait(for: "rebuilt in ", count: 1, seconds: 30)
        try rewriteFirstStory("Renamed over the story here", replacing: "Rewritten the story here", renamingOver: true)
        try watch.wait(for: "rebuilt in ", count: 2, seconds: 30)
        let pdf = folder + "/issue/out/our-newsletter-2026-11.pdf"
        XCTAssertTrue(try Tools.run("pdftotext", [pdf, "-"]).stdout.contains("Renamed over"))
    }
}

struct WatchTimeout: Error, CustomStringConvertible {
    var description: String
}
