import BulletinModel

/// A rectangle on a sheet, in points from its top-left corner.
public struct Area: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// This area grown by `insets` on each side.
    public func expanded(by insets: Insets) -> Area {
        Area(x: x - insets.left, y: y - insets.top, width: width + insets.left + insets.right, height: height + insets.top + insets.bottom)
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
}

extension Insets {
    /// The same inset on all four sides.
    public static func all(_ inset: Double) -> Insets { Insets(top: inset, bottom: inset, left: inset, right: inset) }
}

/// How composed pages go onto the pages of the PDF: the sheets.
///
/// The email edition's sheets are the pages themselves. The print edition's sheet is the trimmed
/// page (or, imposed as a booklet, two of them side by side) with the bleed around it, and
/// around that the room for crop marks, registration marks and the slug line. Each sheet's
/// trim and bleed are the same, and become the PDF's TrimBox and BleedBox.
public struct SheetPlan: Sendable, Equatable {
    /// One composed page on a sheet.
    public struct Placement: Sendable, Equatable {
        /// The composed page drawn here (index from 0), or nil for a blank page that fills out
        /// a booklet.
        public var page: Int?
        /// Where the page's trimmed top-left corner lies on the sheet.
        public var x: Double
        public var y: Double
        /// How far past the page's trim edges its backgrounds and pictures run: the bleed on
        /// the sheet's outer edges, none at a booklet's fold.
        public var bleed: Insets
    }

    /// One page of the PDF: one side of a printed sheet.
    public struct Sheet: Sendable, Equatable {
        public var placements: [Placement]
        /// The PDF's label for it: "3", or "1 front" for a booklet's sheets.
        public var label: String
        /// What the slug line says of this sheet, after the issue's name: "page 3", or
        /// "sheet 1 front: page 8 | page 1".
        public var slug: String
    }

    /// The size of each PDF page (the media), in points.
    public var width: Double
    public var height: Double
    /// The size of one composed page.
    public var pageWidth: Double
    public var pageHeight: Double
    /// Where the trimmed sheet lies on every PDF page.
    public var trim: Area
    /// How far past the trim the printing runs.
    public var bleed: Double
    /// Crop marks, registration marks and the slug line are drawn outside the bleed.
    public var marks: Bool
    public var sheets: [Sheet]
    /// Blank pages added at the end to fill out a booklet.
    public var blankPages: Int
    /// Whether this is the print edition (boxes set, pages clipped to their bleed).
    public var isPrint: Bool

    /// Where the bleed ends: the trim grown by the bleed.
    public var bleedArea: Area { trim.expanded(by: .all(bleed)) }

    // MARK: - Marks

    /// How far past the trim the marks begin: never inside the bleed, and never so close to the
    /// trim that a cut a little off would show them.
    public static let minimumMarkOffset = 3 * millimetre
    /// The length of a crop mark.
    public static let markLength = 6 * millimetre
    /// Room beyond the marks' ends, so that nothing of them reaches the media's edge.
    public static let markMargin = 2 * millimetre
    static let millimetre = 72 / 25.4

    /// How far past the trim the crop marks begin.
    public var markOffset: Double { max(bleed, Self.minimumMarkOffset) }

    // MARK: - Making plans

    /// The email edition: each page a PDF page of its own size, nothing around it.
    public static func plain(pages: Int, width: Double, height: Double) -> SheetPlan {
        let sheets = (0..<pages).map { Sheet(placements: [Placement(page: $0, x: 0, y: 0, bleed: .all(0))], label: "\($0 + 1)", slug: "page \($0 + 1)") }
        return SheetPlan(width: width, height: height, pageWidth: width, pageHeight: height, trim: Area(x: 0, y: 0, width: width, height: height),
                         bleed: 0, marks: false, sheets: sheets, blankPages: 0, isPrint: false)
    }

    /// The print edition: each page on a sheet of its own, or imposed.
    public static func print(pages: Int, width: Double, height: Double, spec: PrintSpec, imposition: Imposition?) -> SheetPlan {
        let bleed = spec.bleed
        let sheetWidth = imposition == .booklet ? 2 * width : width
        // Room around the trim: the bleed, and the marks beyond it.
        let room = spec.marks ? max(bleed, minimumMarkOffset) + markLength + markMargin : bleed
        var plan = SheetPlan(width: sheetWidth + 2 * room, height: height + 2 * room, pageWidth: width, pageHeight: height,
                             trim: Area(x: room, y: room, width: sheetWidth, height: height),
                             bleed: bleed, marks: spec.marks, sheets: [], blankPages: 0, isPrint: true)
        switch imposition {
        case nil:
            plan.sheets = (0..<pages).map {
                Sheet(placements: [Placement(page: $0, x: room, y: room, bleed: .all(bleed))], label: "\($0 + 1)", slug: "page \($0 + 1)")
            }
        case .booklet:
            let order = bookletOrder(pages: pages)
            plan.blankPages = order.count * 2 - pages
            let left = Insets(top: bleed, bottom: bleed, left: bleed, right: 0)
            let right = Insets(top: bleed, bottom: bleed, left: 0, right: bleed)
            plan.sheets = order.enumerated().map { side, pair in
                let name = "\(side / 2 + 1) \(side % 2 == 0 ? "front" : "back")"
                let shown = [pair.left, pair.right].map { $0 < pages ? "page \($0 + 1)" : "blank" }
                return Sheet(placements: [Placement(page: pair.left < pages ? pair.left : nil, x: room, y: room, bleed: left),
                                          Placement(page: pair.right < pages ? pair.right : nil, x: room + width, y: room, bleed: right)],
                             label: "sheet " + name, slug: "sheet \(name): \(shown[0]) | \(shown[1])")
            }
        }
        return plan
    }

    /// The pages (from 0) left and right on each side of each sheet of a saddle-stitched booklet
    /// of `pages` pages, padded to a multiple of four: sheet 1's front holds the last page and
    /// the first, its back the second and the last but one, and so on inwards. Indices from
    /// `pages` on are blank.
    public static func bookletOrder(pages: Int) -> [(left: Int, right: Int)] {
        let count = max(4, (pages + 3) / 4 * 4)
        var sides: [(left: Int, right: Int)] = []
        for sheet in 0..<count / 4 {
            sides.append((left: count - 1 - 2 * sheet, right: 2 * sheet))
            sides.append((left: 2 * sheet + 1, right: count - 2 - 2 * sheet))
        }
        return sides
    }

    /// The sheet and placement that show page `page`.
    public func location(ofPage page: Int) -> (sheet: Int, placement: Placement)? {
        for (index, sheet) in sheets.enumerated() {
            if let placement = sheet.placements.first(where: { $0.page == page }) { return (index, placement) }
        }
        return nil
    }
}

// MARK: - Bleed

extension PageItem {
    /// This item as printed with `bleed` around a page `width` × `height`: a rule that runs to a
    /// trim edge runs on to the bleed's edge, and a picture whose frame touches a trim edge (one
    /// that fills its frame) grows past it by the bleed, so that trimming a little off never
    /// leaves a white sliver. Everything else is unchanged.
    public func bleeding(_ bleed: Insets, width: Double, height: Double) -> PageItem {
        // Within half a point of the edge counts as touching it.
        let near = 0.5
        switch self {
        case .text:
            return self
        case .rule(var rule):
            if rule.y0 == rule.y1 {
                if min(rule.x0, rule.x1) <= near { if rule.x0 <= rule.x1 { rule.x0 = -bleed.left } else { rule.x1 = -bleed.left } }
                if max(rule.x0, rule.x1) >= width - near { if rule.x0 >= rule.x1 { rule.x0 = width + bleed.right } else { rule.x1 = width + bleed.right } }
            } else if rule.x0 == rule.x1 {
                if min(rule.y0, rule.y1) <= near { if rule.y0 <= rule.y1 { rule.y0 = -bleed.top } else { rule.y1 = -bleed.top } }
                if max(rule.y0, rule.y1) >= height - near { if rule.y0 >= rule.y1 { rule.y0 = height + bleed.bottom } else { rule.y1 = height + bleed.bottom } }
            }
            return .rule(rule)
        case .image(var image):
            // A picture drawn whole inside its frame would move if the frame grew.
            guard image.fit == .cover else { return self }
            if image.x <= near { image.width += image.x + bleed.left; image.x = -bleed.left }
            if image.y <= near { image.height += image.y + bleed.top; image.y = -bleed.top }
            if image.x + image.width >= width - near { image.width = width + bleed.right - image.x }
            if image.y + image.height >= height - near { image.height = height + bleed.bottom - image.y }
            return .image(image)
        }
    }
}
