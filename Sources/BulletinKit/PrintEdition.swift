import Foundation
import BulletinModel
import BulletinSource
import BulletinLayout
import BulletinGraphics

/// The print edition of a composed issue: its sheets (trim, bleed, marks, perhaps imposed as a
/// booklet), the slug line, and what the editor should know before it goes to press.
struct PrintEdition {
    /// Pictures printed at fewer pixels an inch than this look soft or jagged on paper.
    static let minimumResolution = 200.0
    /// The least a picture needs on a screen at 100 %: a pixel a point. Below it a picture is
    /// blown up into visible blocks (an icon of 40 pixels set a column wide).
    static let screenResolution = 72.0

    let sheets: SheetPlan
    let slug: Slug
    let warnings: [Warning]

    init(_ composed: Composition, imposition: Imposition?) {
        let document = composed.document, issue = composed.issue, layout = composed.layout
        sheets = SheetPlan.print(pages: document.pages.count, width: document.width, height: document.height,
                                 spec: layout.print, imposition: imposition)
        var style = layout.style(.footer)
        style.size = 6
        style.uppercase = false
        style.tracking = 0
        slug = Slug(title: "\(issue.title) · \(layout.wording.words(issue.language).month(issue.date))",
                    font: layout.runs(style, language: issue.language).font(),
                    language: issue.language)
        var warnings: [Warning] = []
        if sheets.blankPages > 0 {
            let pages = document.pages.count, blanks = sheets.blankPages, fewer = pages / 4 * 4
            warnings.append(Warning(file: IssueLoader.display(issue.folder + "/issue.yaml"), line: issue.pagesLine,
                "the issue has \(pages) page\(pages == 1 ? "" : "s"): \(blanks) blank page\(blanks == 1 ? " was" : "s were") added at the end "
                + "to make a booklet of \(pages + blanks) (a multiple of four); to fill \(blanks == 1 ? "it" : "them"), add stories or set "
                + "pages: \(pages + blanks) in issue.yaml\(fewer > 0 ? ", or cut the issue to \(fewer) pages" : "")"))
        }
        warnings += Self.lowResolution(in: composed)
        self.warnings = warnings
    }

    /// Where a picture is seen, and the least resolution it needs there.
    enum Medium {
        case print, screen

        var minimum: Double { self == .print ? PrintEdition.minimumResolution : PrintEdition.screenResolution }
        /// "prints at 79 dpi … below the 200 dpi print needs", "is shown at 17 dpi … a screen needs".
        var verb: String { self == .print ? "prints" : "is shown" }
        var noun: String { self == .print ? "print" : "a screen" }
    }

    /// A warning for each picture below the resolution `medium` needs, naming the story's file
    /// and the line the picture is named on.
    static func lowResolution(in composed: Composition, for medium: Medium = .print) -> [Warning] {
        let minimumResolution = medium.minimum
        var warned = Set<String>()
        var warnings: [Warning] = []
        for page in composed.document.pages {
            for image in page.images {
                guard composed.images.format(ofImageAt: image.path) != "svg",
                      let pixels = composed.images.size(ofImageAt: image.path), pixels.width > 0, pixels.height > 0,
                      image.width > 0, image.height > 0 else { continue }
                // Points each pixel covers, as the renderer scales it into its frame.
                let scaleX = image.width / pixels.width, scaleY = image.height / pixels.height
                let scale = image.fit == .cover ? max(scaleX, scaleY) : min(scaleX, scaleY)
                let dpi = 72 / scale
                guard dpi < minimumResolution, warned.insert("\(image.story ?? -1) \(image.path)").inserted else { continue }
                let story = image.story.flatMap { composed.issue.stories.indices.contains($0) ? composed.issue.stories[$0] : nil }
                // A story's picture, or the masthead's logo (which belongs to no story).
                let references = story.map(\.imageReferences) ?? [composed.issue.logo].compactMap { $0 }
                let reference = references.first { $0.resolved == image.path }
                let name = reference?.path ?? (image.path as NSString).lastPathComponent
                let file = reference.map { IssueLoader.display($0.file) } ?? story.map { IssueLoader.display($0.file) }
                    ?? IssueLoader.display(composed.issue.folder + "/issue.yaml")
                let wide = Int((minimumResolution * pixels.width * scale / 72).rounded(.up))
                warnings.append(Warning(file: file, line: reference?.line ?? story?.titleLine,
                    "image \"\(name)\" \(medium.verb) at \(resolution(dpi)) (\(Int(pixels.width)) × \(Int(pixels.height)) pixels over "
                    + "\(millimetres(pixels.width * scale)) × \(millimetres(pixels.height * scale)) mm), below the \(Int(minimumResolution)) dpi \(medium.noun) needs: "
                    + "use a picture at least \(wide) pixels wide"))
            }
        }
        return warnings
    }

    /// "79 dpi", cut down to whole dots; below 10 with a tenth ("0.4 dpi", not "0 dpi" for a
    /// single pixel a column wide), and "less than 0.1 dpi" below that.
    static func resolution(_ dpi: Double) -> String {
        if dpi >= 10 { return "\(Int(dpi)) dpi" }
        let tenths = Int((dpi * 10).rounded(.down))
        return tenths == 0 ? "less than 0.1 dpi" : "\(tenths / 10).\(tenths % 10) dpi"
    }

    static func millimetres(_ points: Double) -> String { String(Int((points / 72 * 25.4).rounded())) }
}
