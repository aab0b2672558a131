import Foundation
import BulletinModel
import BulletinSource
import BulletinGraphics

/// Which pages `bulletin preview` draws: `1-3`, `2`, `4-` (to the last), or a list of those
/// joined by commas (`1,3-4`).
public struct PageSelection: Equatable, Sendable {
    /// Ranges of page numbers from 1; an open end runs to the last page.
    public var ranges: [(first: Int, last: Int?)]

    public static let all = PageSelection(ranges: [(1, nil)])

    public static func == (a: PageSelection, b: PageSelection) -> Bool {
        a.ranges.count == b.ranges.count && zip(a.ranges, b.ranges).allSatisfy { $0.first == $1.first && $0.last == $1.last }
    }

    init(ranges: [(first: Int, last: Int?)]) { self.ranges = ranges }

    /// Parses `--pages`; the message of the error says what is wrong with the text in words.
    public init(parsing text: String) throws {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var ranges: [(first: Int, last: Int?)] = []
        func number(_ part: Substring, in whole: String) throws -> Int {
            guard !part.isEmpty, part.allSatisfy(\.isASCII), let value = Int(part) else {
                throw OptionError("--pages", "\"\(whole)\" is not a page or a range of pages such as 2, 1-3 or 4-")
            }
            guard value >= 1 else { throw OptionError("--pages", "pages are counted from 1, so \"\(whole)\" names none") }
            return value
        }
        for part in parts {
            guard !part.isEmpty else { throw OptionError("--pages", "\"\(text)\" has an empty range: write pages such as 1-3 or 1,3,5") }
            let ends = part.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            let first = try number(ends[0], in: part)
            if ends.count == 1 {
                ranges.append((first, first))
            } else if ends[1].isEmpty {
                ranges.append((first, nil))
            } else {
                let last = try number(ends[1], in: part)
                guard last >= first else { throw OptionError("--pages", "the range \"\(part)\" runs backwards: write \(last)-\(first)") }
                ranges.append((first, last))
            }
        }
        self.ranges = ranges
    }

    /// The page indices (from 0) of an issue of `pageCount` pages, in order, each once; throws
    /// when a range starts past the last page.
    public func indices(pageCount: Int) throws -> [Int] {
        var result: [Int] = []
        for range in ranges {
            guard range.first <= pageCount else {
                throw OptionError("--pages", "the issue has \(pageCount) page\(pageCount == 1 ? "" : "s"), so there is no page \(range.first)")
            }
            let last = min(range.last ?? pageCount, pageCount)
            for page in range.first...last where !result.contains(page - 1) { result.append(page - 1) }
        }
        return result
    }
}

/// A command-line option whose value cannot be used: `--pages 0`, `--dpi 5000`.
public struct OptionError: Error, CustomStringConvertible {
    public var option: String
    public var message: String
    public init(_ option: String, _ message: String) {
        self.option = option
        self.message = message
    }
    public var description: String { option + ": " + message }
}

/// What `bulletin preview` is asked to do.
public struct PreviewOptions: Sendable {
    /// The issue, its layout and the limits, as for `make`; its `output` is not used.
    public var make: MakeOptions
    /// The folder the pictures go to; nil for the folder `make` writes its PDF to.
    public var folder: String?
    public var pages = PageSelection.all
    /// Resolution of the page pictures.
    public var dpi = PreviewOptions.defaultDPI
    /// Width in pixels of the cover thumbnail (page 1); nil for none.
    public var thumbnailWidth: Int? = PreviewOptions.defaultThumbnailWidth

    public static let defaultDPI = 100.0
    public static let dpiRange = 10.0...600.0
    public static let defaultThumbnailWidth = 600
    public static let thumbnailRange = 16...4000

    public init(make: MakeOptions) { self.make = make }
}

/// What `bulletin preview` wrote.
public struct PreviewReport: Sendable {
    /// The page pictures, in page order, then the thumbnail.
    public var files: [String]
    public var thumbnail: String?
    public var warnings: [Warning]
}

extension Bulletin {
    /// The name of a page picture: `<folder>/<name>-page-3.png`, numbered with as many digits
    /// as the last page has, so that the files list in page order.
    static func previewName(folder: String, base: String, page: Int, pageCount: Int) -> String {
        (folder as NSString).appendingPathComponent("\(base)-page-\(IssueDate.pad(page + 1, String(pageCount).count)).png")
    }

    /// The folder and the name's stem that `make`'s default PDF has: `out` and
    /// `global-campus-2026-11`.
    static func defaultStem(for issue: Issue, folder: String? = nil) -> (folder: String, base: String) {
        let pdf = defaultOutput(for: issue, folder: folder)
        return ((pdf as NSString).deletingLastPathComponent, ((pdf as NSString).lastPathComponent as NSString).deletingPathExtension)
    }

    /// Draws the chosen pages as PNGs, and page 1 as a small cover thumbnail, with the same
    /// renderer as the PDF. All are written to temporaries and put in place together, only
    /// when every one was written.
    public static func preview(_ options: PreviewOptions) throws -> PreviewReport {
        guard PreviewOptions.dpiRange.contains(options.dpi) else {
            throw OptionError("--dpi", "must be from \(Int(PreviewOptions.dpiRange.lowerBound)) to \(Int(PreviewOptions.dpiRange.upperBound)), not \(options.dpi)")
        }
        if let width = options.thumbnailWidth, !PreviewOptions.thumbnailRange.contains(width) {
            throw OptionError("--thumbnail-width", "must be from \(PreviewOptions.thumbnailRange.lowerBound) to \(PreviewOptions.thumbnailRange.upperBound) pixels, not \(width)")
        }
        let composed = try compose(options.make)
        let document = composed.document
        let indices = try options.pages.indices(pageCount: document.pages.count)
        let stem = defaultStem(for: composed.issue, folder: options.make.outputFolder)
        let folder = options.folder ?? stem.folder
        let size = CairoRenderer.pixelSize(of: document, dpi: options.dpi)
        guard size.width <= Int(Int16.max), size.height <= Int(Int16.max) else {
            throw OutputError(path: folder, message: "pages of \(size.width) × \(size.height) pixels at \(Int(options.dpi)) dpi are more than cairo can make: use a lower --dpi")
        }
        let inputs = composed.protectedInputs
        let renderer = CairoRenderer(shaper: composed.shaper, colours: composed.layout.colours, creator: "bulletin \(version)",
                                     actualText: options.make.actualText, images: composed.images, links: composed.layout.links)
        var files: [OutputFile] = []
        defer { files.forEach { $0.discard() } }
        do {
            for index in indices {
                let file = try OutputFile.create(previewName(folder: folder, base: stem.base, page: index, pageCount: document.pages.count),
                                                 protecting: inputs)
                files.append(file)
                try renderer.writePNG(document, page: index, dpi: options.dpi, to: file)
                try file.sync()
            }
            if let width = options.thumbnailWidth {
                let file = try OutputFile.create((folder as NSString).appendingPathComponent(stem.base + "-cover.png"), protecting: inputs)
                files.append(file)
                try renderer.writePNG(document, page: 0, pixelWidth: width, to: file)
                try file.sync()
            }
        } catch let failure as DrawError {
            throw located(failure, in: composed.issue)
        }
        for file in files { try file.commit() }
        let paths = files.map(\.path)
        return PreviewReport(files: paths, thumbnail: options.thumbnailWidth == nil ? nil : paths.last,
                             warnings: composed.warnings + missingGlyphWarnings(renderer, composed))
    }
}
