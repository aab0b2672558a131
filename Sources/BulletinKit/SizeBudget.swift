import Foundation
import BulletinModel
import BulletinSource
import BulletinGraphics

/// The email edition's size budget: a PDF over it gets a warning that names its largest parts,
/// measured in this process. A JPEG's part is the bytes handed to cairo; a losslessly
/// compressed picture's is measured by drawing it alone into a PDF in memory; fonts and text
/// are what is left of the file.
extension Bulletin {
    /// One part of the PDF and its size in bytes.
    struct SizePart {
        var name: String
        var bytes: Int
    }

    /// The parts of a PDF of `bytes` bytes that `renderer` wrote, largest first.
    static func sizeParts(bytes: Int, composed: Composition, renderer: CairoRenderer, options: MakeOptions) -> [SizePart] {
        var parts: [SizePart] = []
        for image in renderer.embeddedImages.entries {
            guard let size = image.jpegBytes ?? composed.images.measuredSize(of: image, downsampling: downsampling(composed, options)) else { continue }
            var name = "the picture \(IssueLoader.display(image.path))"
            if let index = image.story, composed.issue.stories.indices.contains(index) {
                name += " in \"\(composed.issue.stories[index].title)\""
            }
            name += " (\(image.pixelWidth) × \(image.pixelHeight) pixels)"
            parts.append(SizePart(name: name, bytes: size))
        }
        let rest = bytes - parts.reduce(0) { $0 + $1.bytes }
        parts.append(SizePart(name: "fonts and text", bytes: max(0, rest)))
        return parts.sorted { $0.bytes > $1.bytes }
    }

    /// A warning when the PDF is over the size budget, naming its three largest parts; nil
    /// when it is within.
    static func budgetWarning(bytes: Int, composed: Composition, renderer: CairoRenderer, options: MakeOptions) -> Warning? {
        let budget = options.sizeBudget ?? composed.layout.email.sizeBudget
        guard bytes > budget else { return nil }
        let parts = sizeParts(bytes: bytes, composed: composed, renderer: renderer, options: options).prefix(3)
        let named = parts.map { "\($0.name) \(Size.words($0.bytes))" }.joined(separator: ", ")
        let source = options.sizeBudget == nil ? "email.size_budget" : "--size-budget"
        let hint = options.downsampleImages ? "lower email.image_dpi or email.jpeg_quality, or leave out a picture"
                                            : "this edition keeps pictures at full resolution"
        let message = "the PDF is \(Size.words(bytes)), over the size budget of \(Size.words(budget)) (\(source)); "
            + "the largest parts: \(named); \(hint)"
        let layoutFile = composed.layout.file
        if options.sizeBudget == nil, !layoutFile.isEmpty {
            return Warning(file: layoutFile, line: composed.layout.keyLines["email.size_budget"], message)
        }
        return Warning(file: IssueLoader.display((options.issue as NSString).appendingPathComponent("issue.yaml")), message)
    }
}
