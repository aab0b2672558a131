import Foundation
import BulletinModel
import BulletinSource
import BulletinLayout
import BulletinGraphics
import CMalloc
import Synchronization

/// What `bulletin make` is asked to do.
public struct MakeOptions: Sendable {
    /// The issue folder.
    public var issue: String
    /// Where to write; nil for `out/<name>-<yyyy-mm>.pdf` in the issue folder.
    public var output: String?
    /// A layout name or path that overrides `issue.yaml`'s.
    public var layout: String?
    /// Give hyphenated words their whole text for extraction (see `CairoRenderer`).
    public var actualText: Bool
    /// Where to write `Document.dump()`, if anywhere.
    public var dump: String?
    /// Let the issue's files be links to files outside its folder (`--allow-outside`).
    public var allowOutside = false
    /// Find the file each font family of the layout resolves to, for the report (`--verbose`):
    /// a fontconfig match for each, which no other build needs.
    public var reportFontChoices = false
    /// The most pages the issue may run to (`--max-pages`).
    public var maxPages = MakeOptions.defaultMaxPages
    /// The folder default-named outputs go to; nil for `out/` inside the issue folder. The
    /// bundled sample (`--sample`), which may be installed read-only, writes to `out/` here.
    public var outputFolder: String?
    /// Told the step a build is at ("composing", "rendering 6 pages"), for a progress line on
    /// a terminal; nil tells nothing.
    public var progress: (@Sendable (String) -> Void)?
    /// What one build keeps for the next (`make --watch`): the fonts, and the shaper with the
    /// widths it has measured. Nil: everything afresh.
    public var session: BuildSession?
    /// Keep the stories marked `draft: true` (`--drafts`); else they are left out with a note.
    public var drafts = false
    /// Which product to make (`--for`): the email edition unless told.
    public var edition = Edition.email
    /// How the print edition puts pages on sheets (`--impose`); nil for one page a sheet.
    public var imposition: Imposition?
    public static let defaultMaxPages = Limits.pages
    /// Scale the PDF's pictures down to the layout's `email.image_dpi` and re-encode them as
    /// JPEG: the email edition. False keeps them at full resolution, for print.
    public var downsampleImages = true
    /// Cut large CJK fonts down to the glyphs drawn before cairo embeds them (the email
    /// edition; see `CompactFonts`).
    public var compactFonts = true
    /// Bytes above which the PDF is reported as over budget; nil for the layout's
    /// `email.size_budget`.
    public var sizeBudget: Int?
    /// How many pages the issue fills (`--pages`), over issue.yaml's `pages:`; nil keeps issue.yaml's.
    public var pages: PageCount?
    /// Prepare the stories on a second thread as well, where the machine has a second core.
    /// The output is the same either way.
    public var helperThread = true
    /// The process ends after this build (`bulletin make` without `--watch`): what the build
    /// made is left for the system to take back at exit rather than freed piece by piece
    /// (thousands of shaped words, the fonts, the document: 20–40 ms on the sample).
    public var processEndsAfter = false

    public init(issue: String, output: String? = nil, layout: String? = nil, actualText: Bool = true) {
        self.issue = issue
        self.output = output
        self.layout = layout
        self.actualText = actualText
    }
}

/// How many pages an issue fills, as `--pages` asks.
public enum PageCount: Sendable, Equatable {
    /// Exactly this many: the issue is fitted to them.
    case exactly(Int)
    /// As many as the stories take (`--pages none`), whatever issue.yaml asks.
    case natural

    /// `none` or a whole number of pages the issue may have; nil for anything else.
    public init?(parsing text: String) {
        if text == "none" { self = .natural; return }
        guard let count = Int(text), (1...Limits.pages).contains(count) else { return nil }
        self = .exactly(count)
    }
}

/// An issue composed and ready to render.
public struct Composition {
    public var issue: Issue
    public var layout: LayoutSpec
    public var document: Document
    /// The shaper that measured the document, whose fonts the renderer must use.
    public var shaper: PangoShaper
    /// The stories' pictures, measured for the document and drawn by the renderer.
    public var images: ImageLibrary
    public var warnings: [Warning]
    /// The layout file in use, and where it was found: for `--verbose`.
    public var layoutPath: String = ""
    /// The families the layout names, in order (its styles', then its fallbacks).
    public var fontFamilies: [String] = []
    /// The files an output must not replace (`Bulletin.protectedInputs`), gathered on another
    /// thread while the issue was composed.
    let inputs: BackgroundWork<ProtectedInputs>
    var protectedInputs: ProtectedInputs { inputs.wait() }
    /// What only composing needed (the hyphenation patterns and the words hyphenated, the
    /// second thread's hyphenator and the tables its shaper emptied): held here so that it is
    /// not freed on the drawing thread when composing ends, but where `letGoOfLeftovers` frees
    /// it, or with the composition.
    var leftovers: [Any] = []
    /// The promise of exit 0, that every story's words are in the document about to be drawn:
    /// checked on another thread from the moment composing ends (`ContentCheck`), and settled
    /// by `checkContent` before anything is drawn, or, for `make`, while the pages are drawn and
    /// before the output replaces anything.
    var contentCheck: BackgroundWork<ContentCheck.Missing?>

    /// Waits for the content check; throws, naming the story and its line, if any text of a
    /// story is not in the document.
    func checkContent() throws {
        guard let lost = contentCheck.wait() else { return }
        let story = issue.stories[lost.story]
        throw InputError(file: story.file, line: story.titleLine,
                         "the text \"\(lost.excerpt)\" could not be set, so no PDF was written; this is a fault in bulletin, please report it with this story")
    }

    /// Frees `leftovers` on another thread, while this one draws: at 200 pages the patterns and
    /// words took the drawing thread some 30 ms to free.
    mutating func letGoOfLeftovers() {
        let box = Leftovers(leftovers)
        leftovers = []
        // The box holds the only references: emptied on the other thread, they are freed there.
        _ = BackgroundWork(yielding: true) { box.empty() }
    }

    private final class Leftovers: @unchecked Sendable {
        private var held: [Any]
        init(_ held: [Any]) { self.held = held }
        func empty() { held = [] }
    }

    /// Each family the layout names with the file fontconfig gives for it (nil: none), in the
    /// shaper's fonts.
    public var fontChoices: [(family: String, file: String?)] {
        fontFamilies.map { ($0, shaper.fonts.file(forFamily: $0)) }
    }
}

/// What `bulletin make` did.
public struct MakeReport: Sendable {
    public var output: String
    public var pages: Int
    /// The size of the file written, in bytes.
    public var bytes: Int
    public var warnings: [Warning]
    /// Seconds spent in each step, in order.
    public var timings: [(step: String, seconds: Double)]
    /// The layout file used, as messages name it (`--verbose`).
    public var layoutPath = ""
    /// Each font family the layout names, with the file it resolved to (`--verbose`): found
    /// only when `MakeOptions.reportFontChoices` asks for it.
    public var fontChoices: [(family: String, file: String?)] = []
    /// The PDF's pages when they are sheet sides rather than the issue's pages: a booklet's
    /// sheets, each side holding two pages (or blanks that fill it out).
    public var sheetSides: Int?

    /// "out/global-campus-2026-11.pdf · 6 pages · 812 KB", and " · 2 warnings" when there
    /// were any; a booklet's "6 pages on 4 sheet sides".
    public var summary: String {
        var pageWords = (try? OutputKind(output)) == .png ? "page 1 of \(pages)" : "\(pages) page\(pages == 1 ? "" : "s")"
        if let sheetSides { pageWords += " on \(sheetSides) sheet side\(sheetSides == 1 ? "" : "s")" }
        let count = warnings.filter { !$0.isNote }.count
        let warningWords = count == 0 ? "" : " · \(count) warning\(count == 1 ? "" : "s")"
        return "\(output == "-" ? "standard output" : output) · \(pageWords) · \(Size.words(bytes))\(warningWords)"
    }
}

/// Adds up the time of a run's steps.
struct Stopwatch {
    private var last = ContinuousClock.now
    var laps: [(step: String, seconds: Double)] = []

    mutating func lap(_ step: String) {
        laps.append((step, split()))
    }

    /// The seconds since the last lap or split, for the caller to divide among steps.
    mutating func split() -> Double {
        let now = ContinuousClock.now
        defer { last = now }
        return (now - last).seconds
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

public enum Bulletin {
    /// Compositions of builds after which the process ends (`MakeOptions.processEndsAfter`).
    nonisolated(unsafe) static var leftForExit: [Composition] = []

    public static let version = "0.1.0"

    /// What the process sets up before any thread starts (`main` calls it first): cairo is
    /// told to leave pages' content for the finishing pass to compress
    /// (`CairoRenderer.leaveContentToTheFinishingPass`). Then the system's font configuration
    /// starts being read on another thread, while the arguments and the issue are
    /// (`FontLibrary.readSystemConfigurationAhead`).
    public static func prepareProcess() {
        CairoRenderer.leaveContentToTheFinishingPass()
        FontLibrary.readSystemConfigurationAhead()
        IssueReadAhead.start(CommandLine.arguments)
    }

    /// Ends the process after a build that wrote its output, with `status`, at once: its memory
    /// is let go by a holder that outlives it, so that the shell or script waiting for it does
    /// not wait for the kernel to free it (about 5 ms of a run of the sample issue). Standard
    /// output and error are flushed (and jemalloc's report printed when
    /// `MALLOC_CONF=stats_print:true` asks for it); atexit handlers do not run
    /// (Sources/CMalloc/process_end.c).
    public static func endProcess(_ status: Int32) -> Never {
        bulletin_end_process(status)
    }

    /// A folder bulletin reads its own layouts, fonts and sample issue from, and how it was found.
    public struct Home: Sendable, Equatable {
        public var path: String
        /// "installed", "BULLETIN_HOME" or "source checkout": said by `bulletin layouts` and `--verbose`.
        public var source: String

        public var layouts: String { (path as NSString).appendingPathComponent("layouts") }
        public var fonts: String { (path as NSString).appendingPathComponent("fonts") }
    }

    /// Where bulletin's own files are, in the order they are searched (a name found in an earlier
    /// folder hides the same name in a later one):
    ///
    /// 1. `PREFIX/share/bulletin` beside the running binary (`PREFIX/bin/bulletin`), as
    ///    `make install` lays it out, so that an installed or copied tree works from anywhere;
    /// 2. `BULLETIN_HOME`, for layouts and fonts kept elsewhere;
    /// 3. the source checkout this binary was built from (`swift run`, `.build/…/bulletin`).
    ///
    /// Only folders that exist are listed.
    public static var homes: [Home] {
        var candidates: [Home] = []
        if let executable = executablePath {
            // PREFIX/bin/bulletin -> PREFIX/share/bulletin.
            let prefix = ((executable as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
            candidates.append(Home(path: (prefix as NSString).appendingPathComponent("share/bulletin"), source: "installed"))
        }
        if let home = ProcessInfo.processInfo.environment["BULLETIN_HOME"], !home.isEmpty {
            candidates.append(Home(path: home, source: "BULLETIN_HOME"))
        }
        // Sources/BulletinKit/Bulletin.swift -> the package root.
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        candidates.append(Home(path: url.path, source: "source checkout"))
        var seen = Set<String>()
        return candidates.filter { home in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: home.path, isDirectory: &isDirectory) && isDirectory.boolValue
                && seen.insert(URL(fileURLWithPath: home.path).resolvingSymlinksInPath().path).inserted
        }
    }

    /// The running program's file, links followed: a link on the PATH to an installed binary
    /// finds the installed tree.
    static var executablePath: String? {
        if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return link }
        return Bundle.main.executableURL?.resolvingSymlinksInPath().path
    }

    /// The first of `homes`, for messages that name one folder.
    public static var home: String { homes.first?.path ?? "." }

    /// The `layouts/` folders of `homes`, in search order.
    public static var layoutFolders: [String] { homes.map(\.layouts) }

    /// The `fonts/` folders of `homes`, in search order.
    public static var fontFolders: [String] { homes.map(\.fonts) }

    /// The bundled sample issue: in the first home that has one.
    public static var sampleIssue: String {
        let candidates = homes.map { ($0.path as NSString).appendingPathComponent("examples/sample") }
        return candidates.first { FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent("issue.yaml")) }
            ?? candidates.first ?? "examples/sample"
    }

    /// Loads, composes and lays out an issue: everything short of writing it.
    public static func compose(_ options: MakeOptions) throws -> Composition {
        var stopwatch = Stopwatch()
        return try compose(options, stopwatch: &stopwatch)
    }

    /// `contentCheckedLater`: the caller settles the content check itself (`checkContent`),
    /// as `make` does while it draws; otherwise it is settled here.
    static func compose(_ options: MakeOptions, stopwatch: inout Stopwatch, contentCheckedLater: Bool = false) throws -> Composition {
        // Without a session, the fonts are read on another thread while the issue is read:
        // fontconfig's configuration and caches take about as long as the stories; from the
        // start, when the folder was guessed (`IssueReadAhead`).
        let measuring = options.session == nil
            ? IssueReadAhead.takeFonts(options.issue) ?? fontsReadEarly(options.issue, allowOutside: options.allowOutside) : nil
        // What was parsed while the arguments were (`IssueReadAhead`), for a build of its folder.
        let parsed = options.session?.parsed ?? IssueReadAhead.take(options.issue)
        let loaded = try IssueLoader.load(folder: options.issue, allowOutside: options.allowOutside, drafts: options.drafts,
                                          parsed: parsed)
        // The PDF's default name is written in ASCII letters while the issue is composed.
        if options.output == nil { slugAhead(loaded.issue.title) }
        ImageLibrary.loadAhead(for: loaded.issue.stories, logo: loaded.issue.logo)
        return try compose(loaded, options: options, stopwatch: &stopwatch, measuring: measuring, parsed: parsed,
                           contentCheckedLater: contentCheckedLater)
    }

    /// The issue's `fonts/`, then bulletin's own font folders.
    static func fontSearch(_ options: MakeOptions) -> [String] { fontSearch(options.issue) }

    static func fontSearch(_ issueFolder: String) -> [String] {
        [(issueFolder as NSString).appendingPathComponent("fonts")] + fontFolders
    }

    /// The fonts a build of the issue in `folder` measures with, read on another thread; nil
    /// when the issue's font folder fails the check the build makes of it (which then reports
    /// it), made on that thread too.
    static func fontsReadEarly(_ folder: String, allowOutside: Bool) -> BackgroundWork<BuildSession.Measuring?> {
        let search = fontSearch(folder)
        return BackgroundWork {
            (try? IssueFolder(folder, allowOutside: allowOutside).checkTree(search[0])) == nil ? nil : BuildSession.Measuring(fontFolders: search)
        }
    }

    /// Composes an issue already read (`bulletin check` reads it collecting every error), with
    /// the fonts `measuring` reads if given.
    static func compose(_ loaded: LoadedIssue, options: MakeOptions, stopwatch: inout Stopwatch,
                        measuring early: BackgroundWork<BuildSession.Measuring?>? = nil, parsed: ParsedFiles? = nil,
                        contentCheckedLater: Bool = false) throws -> Composition {
        var issue = loaded.issue
        switch options.pages {
        case .exactly(let count)?: (issue.pages, issue.pagesSetBy) = (count, "--pages")
        case .natural?: (issue.pages, issue.pagesSetBy) = (nil, "--pages")
        case nil: break
        }
        let folder = IssueFolder(options.issue, allowOutside: options.allowOutside)
        let layoutPath = try Self.layoutPath(of: issue, options: options)
        var layout = try LayoutLoader.load(path: layoutPath, parsed: parsed ?? options.session?.parsed)
        let fontSearch = fontSearch(options)
        try folder.checkTree(fontSearch[0])
        let measuring = options.session?.measuring(fontFolders: fontSearch) ?? early?.wait() ?? nil ?? BuildSession.Measuring(fontFolders: fontSearch)
        let fonts = measuring.fonts
        // Pictures' text (an SVG's) is set with these fonts on this thread.
        fonts.makeDefault()
        if let missing = fonts.missingFamilies(in: layout).first {
            throw InputError(file: IssueLoader.display(layoutPath), line: layout.familyLines[missing],
                             "font family \"\(missing)\" is not installed: add its files to fonts/ or install its Debian package")
        }
        // Which fallback faces are made for which languages: Chinese, Japanese and Korean text
        // takes those made for it before its style's face, and the others after.
        layout.fallbackFamilies = fonts.withLanguages(layout.fallbackFamilies)
        // A story in a language without words of its own has its byline and jump lines in the issue's.
        layout.wording.standIn = issue.language
        let shaper = measuring.shaper
        let hyphenator = measuring.hyphenator
        // The languages' patterns are read on other threads while the pictures are read and
        // the text is shaped.
        if layout.hyphenation.enabled {
            hyphenator.preload(languages: [issue.language] + issue.stories.flatMap { [$0.lang] + $0.languageLines.map(\.tag) })
        }
        // A language that is hyphenated but has no patterns installed sets its text unhyphenated.
        let languageWarnings = layout.hyphenation.enabled ? hyphenator.warningsForLanguagesWithoutPatterns(in: issue.stories) : []
        // After the fonts: an SVG's text is set with them.
        let images = measuring.images
        images.beginBuild()
        // A PDF of the email edition scales its photographs down: each JPEG is decoded whole
        // only where it is drawn whole.
        images.readsForScalingDown = options.downsampleImages && options.edition != .print
            && (try? OutputKind(options.output ?? "x.pdf")) != .png
        try images.load(issue.stories, logo: issue.logo)
        // The files the output must not replace, gathered while the issue is composed.
        let (storyFiles, pictureFiles, issueLayout) = (issue.stories.map(\.file), images.paths, issue.layout)
        let (issueFolder, layoutOption) = (options.issue, options.layout)
        let inputs = BackgroundWork(yielding: true) {
            protectedInputs(stories: storyFiles, pictures: pictureFiles, layout: issueLayout, issueFolder: issueFolder, layoutOption: layoutOption)
        }
        stopwatch.lap("load")
        options.progress?("composing \(issue.stories.count) stor\(issue.stories.count == 1 ? "y" : "ies")")
        // The shaper and hyphenator may live across rebuilds (--watch): this build's share of their clocks.
        let shapedBefore = shaper.shaping.seconds, hyphenatedBefore = hyphenator.hyphenating.seconds
        let clock = BreakClock()
        var composer = Composer(layout: layout, shaper: shaper, hyphenator: hyphenator, clock: clock, images: images)
        // A session's rebuild prepares again only the stories that changed.
        if options.session != nil { composer.materials = measuring.materials }
        let helper = options.helperThread ? measuring.helper : nil
        if let helper {
            composer.helper = Typesetter(shaper: helper.shaper, hyphenator: helper.hyphenator, clock: BreakClock())
        }
        // And of a story that changed, the paragraphs that did not are not set again.
        if options.session != nil {
            measuring.paragraphs.beginBuild()
            composer.takeParagraphs(from: measuring.paragraphs)
        }
        // The email edition's pictures are scaled down on another thread from the issue's
        // first distribution on, while it is fitted.
        if options.downsampleImages, options.edition != .print {
            let downsampling = Downsampling(dpi: layout.email.imageDPI, jpegQuality: layout.email.jpegQuality)
            composer.picturesPlaced = { images.reduceAhead($0, downsampling) }
        }
        var document = try composer.compose(issue)
        let composed = document
        let contentCheck = BackgroundWork(yielding: true) { ContentCheck.missing(in: composed, issue: issue).first }
        // What the helper shaped is drawn through this shaper.
        if let helper { shaper.adopt(helper.shaper) }
        document.metadata.keywords = keywords(of: issue)
        try checkPages(document, of: issue, limit: options.maxPages)
        // Composing's time, split: shaping and measuring, hyphenating, choosing breaks, and the
        // rest (building paragraphs, distributing them over columns and pages, fitting).
        let composing = stopwatch.split()
        let shaping = shaper.shaping.seconds - shapedBefore, hyphenating = hyphenator.hyphenating.seconds - hyphenatedBefore
        let breaking = clock.breaking.seconds
        stopwatch.laps += [("shape", shaping), ("hyphenate", hyphenating), ("break", breaking),
                           ("distribute", max(0, composing - shaping - hyphenating - breaking))]
        // A skipped file is named as it is in the folder, not as what a link of that name leads to.
        let fontWarnings = fonts.warnings.map { warning in
            let path = warning.file as NSString
            return Warning(file: (IssueLoader.display(path.deletingLastPathComponent) as NSString).appendingPathComponent(path.lastPathComponent),
                           line: warning.line, warning.message)
        }
        var families: [String] = []
        for role in TextRole.allCases {
            for family in layout.style(role).family.split(separator: ",") {
                let name = family.trimmingCharacters(in: .whitespaces)
                if !families.contains(name) { families.append(name) }
            }
        }
        for family in layout.fallbackFamilies where !families.contains(family) { families.append(family) }
        var composition = Composition(issue: issue, layout: layout, document: document, shaper: shaper, images: images,
                                      warnings: loaded.warnings + languageWarnings + fontWarnings
                                        + Self.missingFaces(layout, fonts: fonts, layoutPath: layoutPath) + Self.offGrid(layout, layoutPath: layoutPath)
                                        + clock.warnings.map(locate),
                                      layoutPath: layoutPath, fontFamilies: families, inputs: inputs, contentCheck: contentCheck)
        composition.leftovers = [measuring, early as Any]
        if !contentCheckedLater { try composition.checkContent() }
        return composition
    }

    /// The file of the layout `issue` is set in: `--layout`'s, else issue.yaml's, found by name
    /// in the issue's `layouts/` and bulletin's, or by path.
    static func layoutPath(of issue: Issue, options: MakeOptions) throws -> String {
        let issueFile = IssueLoader.display((options.issue as NSString).appendingPathComponent("issue.yaml"))
        let layoutPath = try LayoutLoader.resolve(options.layout ?? issue.layout,
                                                  searchFolders: [(options.issue as NSString).appendingPathComponent("layouts")] + layoutFolders,
                                                  from: options.layout == nil ? issueFile : "--layout",
                                                  line: options.layout == nil ? issue.layoutLine : nil)
        // A layout found by name or named in issue.yaml is the issue's own or a built-in one; a
        // path given on the command line is the user's choice.
        if !(options.layout.map { $0.contains("/") || $0.hasSuffix(".yaml") } ?? false) {
            do {
                try IssueFolder(options.issue, allowOutside: options.allowOutside).checkInside(layoutPath, alsoAllowing: layoutFolders)
            } catch let error as InputError where options.layout == nil && issue.layout.contains("/") {
                // A path written in issue.yaml: the error belongs to issue.yaml's line.
                throw InputError(file: issueFile, line: issue.layoutLine, "layout \(error.file) " + error.message)
            }
        }
        return layoutPath
    }

    /// A warning for each style that asks its family for a bold or italic face the family has
    /// not (an office's own font with only its regular face): the text is set in the face there
    /// is, which the editor should know. The body's family is asked for italic too, for emphasis.
    static func missingFaces(_ layout: LayoutSpec, fonts: FontLibrary, layoutPath: String) -> [Warning] {
        var warnings: [Warning] = []
        var told = Set<String>()
        for role in TextRole.allCases {
            let style = layout.style(role)
            guard let family = style.family.split(separator: ",").first.map({ String($0).trimmingCharacters(in: .whitespaces) }) else { continue }
            var asks: [(bold: Bool, italic: Bool, what: String)] = []
            if style.bold || style.italic { asks.append((style.bold, style.italic, style.bold && style.italic ? "bold italic" : style.bold ? "bold" : "italic")) }
            if role == .body { asks += [(false, true, "italic (for emphasis)"), (true, false, "bold (for strong text)")] }
            for ask in asks where !fonts.hasFace(family, bold: ask.bold, italic: ask.italic) {
                guard told.insert("\(family) \(ask.what)").inserted else { continue }
                warnings.append(Warning(file: IssueLoader.display(layoutPath), line: layout.line(of: "styles.\(role.rawValue).family") ?? layout.familyLines[family],
                    "font family \"\(family)\" has no \(ask.what) face installed (styles.\(role.rawValue) asks for one): its text is set in the face the family has; add the face's file to fonts/"))
            }
        }
        return warnings
    }

    /// A warning when the body's leading is above the grid's baseline and not a whole number of
    /// its steps: each body line then takes the next whole number of grid lines (9/12 pt type on
    /// an 11 pt grid is set 22 pt apart), which reads as a mistake in the layout, not a design.
    static func offGrid(_ layout: LayoutSpec, layoutPath: String) -> [Warning] {
        let leading = layout.style(.body).leading, grid = layout.grid.baseline
        let steps = (leading / grid - 1e-6).rounded(.up)
        guard steps > 1, (leading / grid - (leading / grid).rounded()).magnitude > 1e-6 else { return [] }
        func points(_ value: Double) -> String { String(format: "%g", (value * 100).rounded() / 100) + "pt" }
        return [Warning(file: IssueLoader.display(layoutPath), line: layout.line(of: "styles.body.leading"),
                        "styles.body.leading (\(points(leading))) is more than grid.baseline (\(points(grid))): each body line takes \(Int(steps)) grid lines, \(points(steps * grid)) apart",
                        hint: "set the body's leading and the grid's baseline equal")]
    }

    /// The PDF's keywords: the stories' kickers (their sections), each once, in issue order.
    static func keywords(of issue: Issue) -> String {
        var seen = Set<String>()
        var words: [String] = []
        for story in issue.stories {
            guard let kicker = story.kicker?.trimmingCharacters(in: .whitespaces), !kicker.isEmpty,
                  seen.insert(kicker.lowercased()).inserted else { continue }
            words.append(kicker)
        }
        return words.joined(separator: ", ")
    }

    /// Throws when the composed issue runs past `limit` pages, naming the story that crosses it.
    static func checkPages(_ document: Document, of issue: Issue, limit: Int) throws {
        let pages = document.pages.count
        guard pages > limit else { return }
        // The first story (in the issue's order) with text on the first page past the limit is
        // the one that runs past it: the stories after it follow it there.
        let past = document.pages[limit]
        let onPage = past.texts.compactMap(\.story) + past.images.compactMap(\.story)
        let advice = "pass --max-pages \(pages) to allow it"
        guard let index = onPage.filter(issue.stories.indices.contains).min() else {
            throw InputError(file: IssueLoader.display(issue.folder), line: nil,
                             "the issue runs to \(pages) pages, past the limit of \(limit): \(advice)")
        }
        let crossing = issue.stories[index]
        throw InputError(file: crossing.file, line: crossing.titleLine,
                         "the issue runs to \(pages) pages, past the limit of \(limit) (this story reaches page \(limit + 1)): \(advice)")
    }

    /// Renders an issue to PDF.
    public static func make(_ options: MakeOptions) throws -> MakeReport {
        PDFFinishing.loadAhead()
        var stopwatch = Stopwatch()
        // The content check is settled by `write` while the pages are drawn.
        var composed = try compose(options, stopwatch: &stopwatch, contentCheckedLater: true)
        composed.letGoOfLeftovers()
        let output = options.output ?? defaultOutput(for: composed.issue, folder: options.outputFolder)
        let pages = composed.document.pages.count
        options.progress?("rendering \(pages) page\(pages == 1 ? "" : "s")")
        let written: Written
        do {
            written = try write(composed, to: output, options: options)
        } catch let failure as DrawError {
            throw located(failure, in: composed.issue)
        }
        // Drawing the pages; then cairo writing the file (fonts, compression), finishing and
        // writing it out.
        let writing = stopwatch.split()
        if options.processEndsAfter { leftForExit.append(composed) }
        stopwatch.laps += [("render", min(writing, written.drawing)), ("write", max(0, writing - written.drawing))]
        return MakeReport(output: output, pages: composed.document.pages.count, bytes: written.bytes,
                          warnings: Warning.distinct(composed.warnings + written.warnings), timings: stopwatch.laps,
                          layoutPath: IssueLoader.display(composed.layoutPath), fontChoices: options.reportFontChoices ? composed.fontChoices : [],
                          sheetSides: written.sheetSides)
    }

    /// A drawing failure as the editor can act on it: the story's file, at the line of the text.
    static func located(_ failure: DrawError, in issue: Issue) -> InputError {
        let message = failure.description + "; no PDF was written"
        guard let index = failure.story, issue.stories.indices.contains(index) else {
            return InputError(file: IssueLoader.display(issue.folder + "/issue.yaml"), message)
        }
        let story = issue.stories[index]
        let words = (failure.text ?? "").split(separator: " ").map(String.init)
        let probe = Warning(file: story.file, line: story.titleLine, "\"\(words.max { $0.count < $1.count } ?? "")\"")
        let place = locate(probe)
        return InputError(file: place.file, line: place.line, message)
    }

    /// A composer's warning about a quoted word, moved to the line of its file where the word
    /// is (the composer knows only the story's title line).
    static func locate(_ warning: Warning) -> Warning {
        // Named as every other message names its file ("issue.yaml", not "./issue.yaml").
        let file = IssueLoader.display(warning.file)
        var located = warning
        located.file = file
        let parts = warning.message.split(separator: "\"", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].isEmpty else { return located }
        let word = parts[1].hasSuffix("…") ? String(parts[1].dropLast()) : String(parts[1])
        guard !word.isEmpty, let text = try? String(contentsOfFile: file, encoding: .utf8) else { return located }
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.contains(word) {
            located.line = number + 1
            break
        }
        return located
    }

    /// The longest file name `defaultOutput` makes, in bytes: a long title gives a name that
    /// still reads well in a listing and fits every file system.
    public static let defaultNameLimit = 80

    /// The folder inside the issue folder that outputs go to unless told otherwise.
    public static let defaultOutputFolder = "out"

    /// `ISSUE/out/<title>-<yyyy-mm>.pdf`: beside the issue, as Typst writes beside its input,
    /// named from issue.yaml's title and date; the title's part is cut at a word so that the
    /// name has at most `defaultNameLimit` bytes. Inside the issue folder (`bulletin make`
    /// with no argument) that is `out/<title>-<yyyy-mm>.pdf`.
    /// `folder`, when given, replaces `ISSUE/out`.
    public static func defaultOutput(for issue: Issue, folder outputFolder: String? = nil) -> String {
        let suffix = "-\(issue.date.yearMonth).pdf"
        let file = "\(slug(issue.title, limit: max(8, defaultNameLimit - suffix.utf8.count)))\(suffix)"
        if let outputFolder { return (outputFolder as NSString).appendingPathComponent(file) }
        let name = "\(defaultOutputFolder)/\(file)"
        let folder = issue.folder.hasSuffix("/") && issue.folder.count > 1 ? String(issue.folder.dropLast()) : issue.folder
        return folder.isEmpty || folder == "." ? name : (folder as NSString).appendingPathComponent(name)
    }

    /// Lower-case ASCII letters and digits joined by hyphens, other scripts written in them:
    /// "Global Campus" -> "global-campus", "Северный вестник" -> "severnyj-vestnik";
    /// at most `limit` characters, cut after a whole word where there is one.
    public static func slug(_ text: String, limit: Int = .max) -> String {
        let full = fullSlug(text)
        guard full.count > limit else { return full }
        let cut = full.prefix(limit)
        // Cut at the last hyphen if the next word does not fit whole; a single long word is cut.
        if full.dropFirst(limit).first != "-", let hyphen = cut.lastIndex(of: "-") {
            return String(cut[..<hyphen])
        }
        return String(cut.hasSuffix("-") ? cut.dropLast() : cut)
    }

    /// Every script written in Latin letters and then in ASCII ones (ICU's transforms, carried
    /// by the toolchain's Foundation): "Северный вестник" is "Severnyj vestnik", "Straße"
    /// "Strasse", "北京大学" "bei jing da xue", where they were "issue" and "stra-e".
    private static let toASCII = StringTransform("Any-Latin; Latin-ASCII")

    /// Titles not in ASCII being written in Latin letters on other threads (`slugAhead`).
    private static let inLatinAhead = Mutex<[String: BackgroundWork<String>]>([:])

    /// Starts writing `title` in Latin letters on another thread, for `slug` to take, when
    /// ICU's transforms must do it: they read their rules the first time they are used, 7-26
    /// ms for a Latin title, 80 ms for a Chinese one. (They leave ASCII as it is.)
    static func slugAhead(_ title: String) {
        guard !title.utf8.allSatisfy({ $0 < 0x80 }) else { return }
        inLatinAhead.withLock { started in
            if started[title] == nil { started[title] = BackgroundWork { inLatin(title) } }
        }
    }

    /// `text` in Latin letters and then in ASCII ones, as written ahead (`slugAhead`) or now.
    private static func inLatin(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return text.applyingTransform(toASCII, reverse: false) ?? text
    }

    private static func fullSlug(_ text: String) -> String {
        var result = ""
        var pendingHyphen = false
        let latin = inLatinAhead.withLock { $0[text] }?.wait() ?? inLatin(text)
        for scalar in latin.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingHyphen && !result.isEmpty { result += "-" }
                result.unicodeScalars.append(scalar)
                pendingHyphen = false
            } else if scalar.properties.generalCategory != .nonspacingMark {
                pendingHyphen = true
            }
        }
        return result.isEmpty ? "issue" : result.lowercased()
    }
}
