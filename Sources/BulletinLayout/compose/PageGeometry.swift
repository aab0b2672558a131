import BulletinModel

/// Where things go on a page: the text area, its columns and the baseline grid.
struct PageGeometry {
    let layout: LayoutSpec

    var left: Double { layout.page.margins.left }
    var right: Double { layout.page.width - layout.page.margins.right }
    var top: Double { layout.page.margins.top }
    var bottom: Double { layout.page.height - layout.page.margins.bottom }
    var width: Double { right - left }
    var grid: Double { layout.grid.baseline }
    var columns: Int { layout.grid.columns }

    /// Bottom of the area for stories, above the footer.
    var bodyBottom: Double { bottom - layout.footer.height }

    /// Top of the area for stories: page 1 has the masthead there, the others a running head.
    func bodyTop(page: Int) -> Double { page == 0 ? top : top + layout.runningHead.height }

    var columnWidth: Double {
        (width - Double(columns - 1) * layout.grid.gutter) / Double(columns)
    }

    func columnX(_ index: Int) -> Double { left + Double(index) * (columnWidth + layout.grid.gutter) }

    /// The width of `count` adjacent columns and the gutters between them.
    func spanWidth(_ count: Int) -> Double { Double(count) * columnWidth + Double(max(0, count - 1)) * layout.grid.gutter }

    /// Moves `y` down to the next grid line of `page` (or leaves it on one).
    func snap(_ y: Double, page: Int) -> Double {
        let origin = bodyTop(page: page)
        let steps = ((y - origin) / grid - 1e-6).rounded(.up)
        return origin + max(0, steps) * grid
    }

    /// Rounds a height up to whole grid lines.
    func gridHeight(_ height: Double) -> Double {
        (height / grid - 1e-6).rounded(.up) * grid
    }
}
