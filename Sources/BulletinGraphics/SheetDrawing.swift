import CCairo
import CPango
import BulletinModel
import BulletinLayout

/// The slug line printed outside the print edition's marks: the name and date, then
/// which page or sheet it is.
public struct Slug: Sendable {
    /// "Global Campus · November 2026".
    public var title: String
    public var font: FontSpec
    public var language: String

    public init(title: String, font: FontSpec, language: String) {
        self.title = title
        self.font = font
        self.language = language
    }
}

/// Drawing the sheets of a `SheetPlan`: each composed page at its place, clipped to its trim and
/// bleed on the print edition, the paper colour under it, and the press marks around.
extension CairoRenderer {
    func draw(_ sheet: SheetPlan.Sheet, of plan: SheetPlan, document: Document, slug: Slug?, cr: OpaquePointer,
              structure: inout StructureTags?, ahead: RunsAhead? = nil) throws {
        for placement in sheet.placements {
            let page = placement.page.flatMap { document.pages.indices.contains($0) ? document.pages[$0] : nil }
            guard plan.isPrint else {
                // The email edition: the page as composed, nothing moved or clipped.
                StructureTags.artifact(cr, tagged: structure != nil && colours.named["paper"] != nil) {
                    paintPaper(Area(x: 0, y: 0, width: plan.pageWidth, height: plan.pageHeight), cr: cr)
                }
                if let page, let index = placement.page {
                    try draw(page, index: index, cr: cr, structure: &structure, downsampling: downsampling, embedded: embeddedImages, ahead: ahead)
                }
                structure?.close(cr)
                continue
            }
            cairo_save(cr)
            cairo_translate(cr, placement.x, placement.y)
            // Nothing of a page prints past its own bleed: not onto the marks, nor, in a
            // booklet, onto the facing page.
            let printed = Area(x: 0, y: 0, width: plan.pageWidth, height: plan.pageHeight).expanded(by: placement.bleed)
            cairo_rectangle(cr, printed.x, printed.y, printed.width, printed.height)
            cairo_clip(cr)
            StructureTags.artifact(cr, tagged: structure != nil && colours.named["paper"] != nil) { paintPaper(printed, cr: cr) }
            if let page, let index = placement.page {
                let bled = Page(items: page.items.map { $0.bleeding(placement.bleed, width: plan.pageWidth, height: plan.pageHeight) })
                try draw(bled, index: index, cr: cr, structure: &structure, downsampling: downsampling, embedded: embeddedImages, ahead: ahead)
            }
            structure?.close(cr)
            cairo_restore(cr)
        }
        if plan.marks {
            StructureTags.artifact(cr, tagged: structure != nil) {
                drawMarks(around: plan, slug: slug.map { "\($0.title) · \(sheet.slug)" }, font: slug, cr: cr)
            }
        }
    }

    /// Fills `area` with the layout's paper colour, if it names one.
    func paintPaper(_ area: Area, cr: OpaquePointer) {
        guard let paper = colours.named["paper"] else { return }
        cairo_set_source_rgb(cr, paper.red, paper.green, paper.blue)
        cairo_rectangle(cr, area.x, area.y, area.width, area.height)
        cairo_fill(cr)
    }

    /// Crop marks at the trim's corners, registration targets at the middle of each side and
    /// the slug line under the sheet, all outside the bleed, in hairlines of registration black.
    private func drawMarks(around plan: SheetPlan, slug text: String?, font slug: Slug?, cr: OpaquePointer) {
        let trim = plan.trim, offset = plan.markOffset, length = SheetPlan.markLength
        cairo_save(cr)
        defer { cairo_restore(cr) }
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_set_line_width(cr, 0.25)
        func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) {
            cairo_move_to(cr, x0, y0)
            cairo_line_to(cr, x1, y1)
        }
        // Each corner: a mark in line with each trim edge, starting `offset` out from the corner.
        for x in [trim.x, trim.maxX] {
            let outward: Double = x == trim.x ? -1 : 1
            for y in [trim.y, trim.maxY] {
                let downward: Double = y == trim.y ? -1 : 1
                line(x + outward * offset, y, x + outward * (offset + length), y)
                line(x, y + downward * offset, x, y + downward * (offset + length))
            }
        }
        cairo_stroke(cr)
        // Registration targets: a circle with a cross through it, which lines up only when every
        // colour lies on the others.
        let reach = offset + length / 2, radius = length / 3
        let centres = [(trim.x + trim.width / 2, trim.y - reach), (trim.x + trim.width / 2, trim.maxY + reach),
                       (trim.x - reach, trim.y + trim.height / 2), (trim.maxX + reach, trim.y + trim.height / 2)]
        for (x, y) in centres {
            cairo_new_sub_path(cr)
            cairo_arc(cr, x, y, radius, 0, 2 * Double.pi)
            line(x - length / 2, y, x + length / 2, y)
            line(x, y - length / 2, x, y + length / 2)
        }
        cairo_stroke(cr)
        // The slug: under the sheet, left of the bottom target, between the crop marks.
        guard let text, let slug else { return }
        let layout = shaper.prepare(text, font: slug.font, language: slug.language)
        let left = trim.x + SheetPlan.minimumMarkOffset, right = trim.x + trim.width / 2 - length
        cairo_rectangle(cr, left, trim.maxY + offset, max(0, right - left), length + SheetPlan.markMargin)
        cairo_clip(cr)
        cairo_move_to(cr, left, trim.maxY + reach + slug.font.size / 3 - shaper.baseline(of: layout))
        pango_cairo_show_layout(cr, layout)
    }
}

extension SheetPlan {
    /// An area of the sheet as a PDF page box: from the bottom-left corner, y upwards.
    func pdfBox(_ area: Area) -> PDFFinishing.Box {
        PDFFinishing.Box(left: area.x, bottom: height - area.maxY, right: area.maxX, top: height - area.y)
    }
}

