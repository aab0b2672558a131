import ArgumentParser
import Foundation
import BulletinKit

/// `bulletin preview`: page pictures and the cover thumbnail for the email body.
struct Preview: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Draw the issue's pages as PNG pictures, and page 1 as a small cover thumbnail.",
        discussion: """
        The pictures go to the folder make writes its PDF to (ISSUE/out/) unless --output names another: \
        <name>-page-1.png and so on, and <name>-cover.png, <name> being the PDF's name without .pdf. \
        They replace earlier ones only when all of them were drawn.

        Examples:
          bulletin preview 2026-11            # every page, into 2026-11/out/
          bulletin preview 2026-11 --pages 1-3 --dpi 150 -o pictures
          bulletin preview 2026-11 --pages 1 --no-thumbnail
        """)

    @OptionGroup var source: IssueArguments

    @OptionGroup var chatter: ChatterArguments

    @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write the pictures to.", valueName: "folder"))
    var output: String?

    // Unconditional, as the numbers below: `--pages -3` is a range to refuse, not a missing one.
    @Option(parsing: .unconditional, help: ArgumentHelp("The pages to draw: 2, 1-3, 4- (to the end) or a list such as 1,3-4 (default: all).", valueName: "pages"))
    var pages: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Resolution of the page pictures, \(Int(PreviewOptions.dpiRange.lowerBound))–\(Int(PreviewOptions.dpiRange.upperBound)) (default \(Int(PreviewOptions.defaultDPI))).", valueName: "n"))
    var dpi = PreviewOptions.defaultDPI

    @Option(parsing: .unconditional, help: ArgumentHelp("Width of the cover thumbnail in pixels (default \(PreviewOptions.defaultThumbnailWidth)).", valueName: "pixels"))
    var thumbnailWidth = PreviewOptions.defaultThumbnailWidth

    @Flag(help: "Draw no cover thumbnail.")
    var noThumbnail = false

    func validate() throws {
        guard PreviewOptions.dpiRange.contains(dpi) else {
            throw ValidationError("--dpi must be from \(Int(PreviewOptions.dpiRange.lowerBound)) to \(Int(PreviewOptions.dpiRange.upperBound)), not \(dpi)")
        }
        guard PreviewOptions.thumbnailRange.contains(thumbnailWidth) else {
            throw ValidationError("--thumbnail-width must be from \(PreviewOptions.thumbnailRange.lowerBound) to \(PreviewOptions.thumbnailRange.upperBound) pixels, not \(thumbnailWidth)")
        }
        if let pages {
            do { _ = try PageSelection(parsing: pages) } catch let error as OptionError { throw ValidationError(error.description) }
        }
    }

    func run() throws {
        try reportingErrors(chatter) {
            var options = PreviewOptions(make: try source.makeOptions())
            options.folder = output
            if let pages { options.pages = try PageSelection(parsing: pages) }
            options.dpi = dpi
            options.thumbnailWidth = noThumbnail ? nil : thumbnailWidth
            let report = try Bulletin.preview(options)
            for file in report.files { print(file) }
            return report.warnings
        }
    }
}
