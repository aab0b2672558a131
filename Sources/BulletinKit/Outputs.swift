import Foundation
import BulletinModel
import BulletinSource
import BulletinGraphics

/// Writing a composed issue: the PDF (or a PNG of page 1) and the optional layout dump.
///
/// Everything is composed before any output is opened, and every output is written to a
/// temporary beside its target; the targets are replaced only when all of them were written
/// and flushed, so a failure replaces nothing. No output may replace a file the run reads.
extension Bulletin {
    /// What writing gave: the file's size, and warnings (characters no font has, a PDF over its
    /// size budget; for the print edition blank pages added and pictures of too few pixels).
    struct Written {
        var bytes: Int
        var warnings: [Warning]
        /// Seconds spent drawing pages (the rest of writing is cairo's, qpdf's and the disk's).
        var drawing: Double = 0
        /// The PDF's pages when they are sheet sides, not the issue's pages (`--impose booklet`).
        var sheetSides: Int?
    }

    /// How the PDF's pictures are scaled down, per `options` and the layout.
    static func downsampling(_ composed: Composition, _ options: MakeOptions) -> Downsampling? {
        options.downsampleImages ? Downsampling(dpi: composed.layout.email.imageDPI, jpegQuality: composed.layout.email.jpegQuality) : nil
    }

    static func write(_ composed: Composition, to output: String, options: MakeOptions) throws -> Written {
        let inputs = composed.protectedInputs
        if let dump = options.dump, sameTarget(dump, output) {
            throw OutputError(path: dump, message: "is also the output: the layout dump needs a file of its own")
        }
        let file = try OutputFile.create(output, protecting: inputs)
        defer { file.discard() }
        let dumpFile = try options.dump.map { try OutputFile.create($0, protecting: inputs) }
        defer { dumpFile?.discard() }

        var pressWarnings: [Warning] = []
        var sheetSides: Int?
        var renderer = CairoRenderer(shaper: composed.shaper, colours: composed.layout.colours, creator: "bulletin \(version)",
                                     actualText: options.actualText, images: composed.images, links: composed.layout.links,
                                     downsampling: options.edition == .print ? nil : downsampling(composed, options),
                                     compactFonts: options.edition == .print ? false : options.compactFonts)
        renderer.processEndsAfter = options.processEndsAfter
        let kind = try OutputKind(output)
        switch kind {
        case .png: try renderer.writePNG(composed.document, page: 0, dpi: 100, to: file)
        case .pdf:
            let press = options.edition == .print ? PrintEdition(composed, imposition: options.imposition) : nil
            try renderer.writePDF(composed.document, sheets: press?.sheets, slug: press?.slug, to: file)
            // Read on a screen, a picture blown up past a pixel a point shows its pixels.
            pressWarnings = press?.warnings ?? PrintEdition.lowResolution(in: composed, for: .screen)
            if let sides = press?.sheets.sheets.count, sides != composed.document.pages.count { sheetSides = sides }
        }
        if let dumpFile {
            dumpFile.write(composed.document.dump() + "\n")
            try dumpFile.sync()
        }
        // Nothing replaces an earlier output unless every story's words are in this one.
        try composed.checkContent()
        try file.sync()
        try dumpFile?.commit()
        try file.commit()
        var warnings = pressWarnings + missingGlyphWarnings(renderer, composed)
        let pdf = { Data(renderer.cairoOutput.bytes) }
        if kind == .pdf, options.edition != .print, let budget = budgetWarning(bytes: file.count, composed: composed, renderer: renderer, options: options, pdf: pdf) {
            warnings.append(budget)
        }
        return Written(bytes: file.count, warnings: warnings, drawing: renderer.clock.drawing.seconds, sheetSides: sheetSides)
    }

    /// A warning for each text with characters no font has, at the story's line of the text.
    static func missingGlyphWarnings(_ renderer: CairoRenderer, _ composed: Composition) -> [Warning] {
        // The same characters at the same line are told once (a title also set in the contents box).
        Warning.distinct(renderer.missingGlyphs.entries.map { entry in
            var seen = Set<Unicode.Scalar>()
            let characters = entry.characters.filter { seen.insert($0).inserted }
            let codes = characters.prefix(6).map(\.code)
            let message = "no installed font has \(codes.joined(separator: ", "))\(characters.count > 6 ? ", …" : ""): "
                + "they print as boxes; add a font that has them to fonts/ or to the layout's fonts.fallback"
            // Text of no story (the contents box's entry for a title, a running head) is told at
            // the story whose title or summary it comes from, where there is one.
            let index = entry.story ?? composed.issue.stories.firstIndex { story in
                [story.title, story.summary, story.deck].contains { $0?.contains(entry.text) ?? false }
            }
            guard let index, composed.issue.stories.indices.contains(index) else {
                return Warning(file: IssueLoader.display(composed.issue.folder + "/issue.yaml"), message)
            }
            let story = composed.issue.stories[index]
            // The longest word of the text finds its line in the story's file.
            let words: [Substring] = entry.text.split(separator: " " as Character)
            let word = words.max { $0.count < $1.count }.map(String.init) ?? entry.text
            let place = locate(Warning(file: story.file, line: story.titleLine, "\"\(word)\""))
            return Warning(file: place.file, line: place.line, message)
        })
    }

    /// The files this run read or could have read: everything in the issue folder, the layout
    /// in use and the layouts and fonts folders it was looked for in. From what it needs of the
    /// issue: the stories' files, the pictures' files, the layout issue.yaml names, and the
    /// command line's issue folder and `--layout`; gathered on another thread while the issue
    /// is composed (`Composition.protectedInputs`).
    static func protectedInputs(stories: [String], pictures: [String], layout: String, issueFolder: String, layoutOption: String?) -> ProtectedInputs {
        var inputs = ProtectedInputs()
        for story in stories { inputs.add(file: story, shownAs: story) }
        // Pictures, which --allow-outside lets lie anywhere.
        for path in pictures { inputs.add(file: path, shownAs: IssueLoader.display(path)) }
        let layoutFolders = [(issueFolder as NSString).appendingPathComponent("layouts")] + Bulletin.layoutFolders
        let layoutName = layoutOption ?? layout
        if let layout = try? LayoutLoader.resolve(layoutName, searchFolders: layoutFolders, from: "") {
            inputs.add(file: layout, shownAs: IssueLoader.display(layout))
        }
        // The issue folder but its out/, where outputs go by default (nothing there is read
        // but what a story names, and pictures are added above), and the PDFs and messages in
        // it, which the issue never reads: an earlier output written into the issue folder is
        // replaced by the next run's.
        let issueEntries = (try? FileManager.default.contentsOfDirectory(atPath: issueFolder)) ?? []
        for entry in issueEntries where entry != defaultOutputFolder {
            let path = (issueFolder as NSString).appendingPathComponent(entry)
            if !isEarlierOutput(path) { inputs.add(file: path, shownAs: IssueLoader.display(path)) }
            inputs.add(everythingBelow: path, shownAs: IssueLoader.display, except: isEarlierOutput)
        }
        for folder in layoutFolders + Bulletin.fontFolders {
            inputs.add(everythingBelow: folder, shownAs: IssueLoader.display)
        }
        return inputs
    }

    /// Whether `path` is named as a file bulletin writes and an issue never reads: a PDF
    /// (`make`) or a message (`mail`). Pictures, which a PNG output could be, are not.
    static func isEarlierOutput(_ path: String) -> Bool {
        guard let suffix = OutputKind.suffix(of: path)?.lowercased() else { return false }
        return suffix == "pdf" || suffix == "eml"
    }

    /// Whether two output names are one file: the same file if both exist, else the same path.
    static func sameTarget(_ a: String, _ b: String) -> Bool {
        if OutputFile.isStandardOutput(a) || OutputFile.isStandardOutput(b) { return a == b }
        if let first = FileID(path: a), let second = FileID(path: b) { return first == second }
        return IssueLoader.display(a) == IssueLoader.display(b)
    }
}
