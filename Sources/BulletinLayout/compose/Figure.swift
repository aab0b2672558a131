import BulletinModel

/// The natural size of a picture: pixels for a photograph, CSS pixels for a drawing.
public struct ImageSize: Sendable, Equatable {
    public var width: Double
    public var height: Double
    /// Drawn as vectors (SVG): never cropped, since a cut could lose a label.
    public var isVector: Bool

    public init(width: Double, height: Double, isVector: Bool = false) {
        self.width = width
        self.height = height
        self.isVector = isVector
    }

    /// Width over height.
    public var aspectRatio: Double { width / height }
}

/// Tells the composer how large pictures are, so that this module needs no image library:
/// BulletinGraphics reads the files, tests fake it.
public protocol ImageMeasuring {
    /// The natural size of the picture read from `path` (an `ImageRef.resolved`); nil when
    /// it is not known.
    func size(ofImageAt path: String) -> ImageSize?
}

/// No pictures known: each is set in a 3:2 frame, so its caption still has its place.
public struct NoImages: ImageMeasuring {
    public init() {}
    public func size(ofImageAt path: String) -> ImageSize? { nil }
}

/// A picture prepared for a column or a span of columns: its frame, and its caption set
/// beneath it. Its height is a whole number of grid lines, so the text after it stays on the
/// grid; it is one element of the column flow, so it is never split from its caption nor across
/// columns.
///
/// The frame is as wide as the columns and as tall as the picture at that width, rounded to the
/// nearest grid line for a photograph (drawn to fill the frame, so at most half a grid line, or
/// the same share of its width, is cropped) and up to the next one for a drawing (drawn whole,
/// centred, with at most a grid line of its frame left empty). A picture taller than `maxHeight`
/// is set smaller, centred in the columns, with a warning.
struct Figure {
    let image: ImageRef
    /// The frame, from the left of the columns and the top of the figure.
    let inset: Double
    let frameWidth: Double
    let frameHeight: Double
    let fit: PlacedImage.Fit
    /// The caption and credit, set to the columns' width.
    let caption: [TypesetLine]
    let captionLineHeight: Double
    let captionBaseline: Double
    /// Frame and caption: whole grid lines.
    let height: Double

    /// The frame and caption placed at `x`, `top` on `page`, for story `story`; `block` numbers
    /// the caption for the PDF's tags.
    func place(x: Double, top: Double, story: Int, column: Int?, block: Int, on page: inout Page) {
        page.items.append(.image(PlacedImage(path: image.resolved, x: x + inset, y: top, width: frameWidth, height: frameHeight,
                                             fit: fit, alt: image.alt ?? image.caption, story: story)))
        var y = top + frameHeight
        for line in caption {
            for fragment in line.fragments {
                page.items.append(.text(PlacedText(x: x + fragment.x, baseline: y + captionBaseline, fragment: fragment, kind: .caption,
                                                   story: story, column: column, block: block)))
            }
            y += captionLineHeight
        }
    }
}

extension Composer {
    /// `image` set `width` wide, at most `maxHeight` tall with its caption, for a story in
    /// `language`.
    func figure(_ image: ImageRef, width: Double, maxHeight: Double, language: String) -> Figure {
        let grid = geometry.grid
        let style = layout.style(.caption)
        var inlines: [Inline] = []
        if let caption = image.caption { inlines.append(.text(caption)) }
        if let credit = image.credit {
            if !inlines.isEmpty { inlines.append(.text(" ")) }
            inlines.append(.emphasis([.text(credit)]))
        }
        var rules = rules(style)
        rules.hyphenation.enabled = false
        let caption = inlines.isEmpty ? [] : typesetter.lines(runs(style, language: language).runs(inlines), width: width, align: style.align, rules: rules)
        let lineHeight = geometry.gridHeight(style.leading)
        let captionHeight = Double(caption.count) * lineHeight

        let size = images.size(ofImageAt: image.resolved).flatMap { $0.width > 0 && $0.height > 0 ? $0 : nil }
            ?? ImageSize(width: 3, height: 2)
        let fit: PlacedImage.Fit = size.isVector ? .contain : .cover
        let natural = width / size.aspectRatio
        // Whole grid lines: the nearest for a photograph (cropped to fill), the next for a drawing.
        let steps = fit == .cover ? (natural / grid).rounded() : (natural / grid - 1e-6).rounded(.up)
        var frameHeight = max(1, steps) * grid
        var frameWidth = width
        let room = ((maxHeight - captionHeight) / grid + 1e-6).rounded(.down) * grid
        if frameHeight > room + 1e-6 {
            frameHeight = max(grid, room)
            frameWidth = min(width, frameHeight * size.aspectRatio)
            let share = Int((frameWidth / width * 100).rounded())
            let warning = Warning(file: image.file, line: image.line,
                                  "image \"\(image.path)\" is too tall for a column: it is set \(share) % as wide as its column, \(Int(frameHeight.rounded())) pt tall")
            if !typesetter.clock.warnings.contains(warning) { typesetter.clock.warnings.append(warning) }
        }
        return Figure(image: image, inset: (width - frameWidth) / 2, frameWidth: frameWidth, frameHeight: frameHeight, fit: fit,
                      caption: caption, captionLineHeight: lineHeight, captionBaseline: baselineOffset(style, language: language),
                      height: frameHeight + captionHeight)
    }

    /// The tallest a picture and its caption may be in a story's body: a column of a page
    /// after the first, less the room a jump head and a jump line take there.
    func maxFigureHeight(jumpHead: StoryHead.Part) -> Double {
        let column = geometry.bodyBottom - geometry.bodyTop(page: 1)
        let jumpRoom = geometry.gridHeight(Double(jumpHead.lines.count) * jumpHead.style.leading + layout.style(.jump).leading + geometry.grid / 2)
        return ((column - jumpRoom - geometry.grid) / geometry.grid + 1e-6).rounded(.down) * geometry.grid
    }
}
