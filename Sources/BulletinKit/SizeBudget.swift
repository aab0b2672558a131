import Foundation
import BulletinModel
import BulletinSource
import BulletinGraphics

/// The email edition's size budget: a PDF over it gets a warning that names its largest parts,
/// measured in this process. A JPEG's part is the bytes handed to cairo; a losslessly
/// compressed picture's is measured by drawing it alone into a PDF in memory; each font's is
/// its font program's length in the file written; text and page structure are what is left.
extension Bulletin {
    /// One part of the PDF and its size in bytes.
    struct SizePart {
        var name: String
        var bytes: Int
    }

    /// The embedded font programs of a PDF cairo wrote, by font name without the subset tag
    /// ("NotoSerifCJKsc-Regular"), read from its font descriptors and stream lengths. Cairo
    /// writes no object streams, so each object stands in the file as `N 0 obj`.
    static func fontPrograms(in pdf: Data) -> [SizePart] {
        guard let text = String(data: pdf, encoding: .isoLatin1) else { return [] }
        func matches(_ pattern: String, in range: NSRange) -> [[String]] {
            guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
            return expression.matches(in: text, range: range).map { match in
                (1..<match.numberOfRanges).map { index in
                    Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
                }
            }
        }
        let whole = NSRange(text.startIndex..., in: text)
        // "N 0 obj" to its first 200 characters, for the objects a descriptor refers to.
        func object(_ number: String) -> String? {
            guard let start = text.range(of: "\n\(number) 0 obj\n") else { return nil }
            return String(text[start.upperBound...].prefix(200))
        }
        var parts: [String: Int] = [:]
        for found in matches("/FontName /(?:[A-Z]{6}\\+)?([^\\s/<>\\[\\]()]+)[^>]*?/FontFile[23]? (\\d+) 0 R", in: whole) {
            guard found.count == 2, let stream = object(found[1]) else { continue }
            var length: Int?
            if let indirect = stream.range(of: "/Length \\d+ 0 R", options: .regularExpression) {
                let number = stream[indirect].dropFirst("/Length ".count).dropLast(" 0 R".count)
                length = object(String(number)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines).prefix { $0.isNumber }) }
            } else if let direct = stream.range(of: "/Length \\d+", options: .regularExpression) {
                length = Int(stream[direct].dropFirst("/Length ".count))
            }
            if let length { parts[found[0], default: 0] += length }
        }
        return parts.map { SizePart(name: "the font \($0.key)", bytes: $0.value) }
    }

    /// The parts of a PDF of `bytes` bytes that `renderer` wrote, largest first; `pdf`, the file
    /// itself when it can be read back, names the fonts one by one.
    static func sizeParts(bytes: Int, composed: Composition, renderer: CairoRenderer, options: MakeOptions, pdf: Data? = nil) -> [SizePart] {
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
        let fonts = pdf.map(fontPrograms) ?? []
        parts += fonts
        let rest = bytes - parts.reduce(0) { $0 + $1.bytes }
        parts.append(SizePart(name: fonts.isEmpty ? "fonts and text" : "text and pages", bytes: max(0, rest)))
        return parts.sorted { $0.bytes > $1.bytes }
    }

    /// A warning when the PDF is over the size budget, naming its four largest parts; nil
    /// when it is within.
    static func budgetWarning(bytes: Int, composed: Composition, renderer: CairoRenderer, options: MakeOptions, pdf: () -> Data?) -> Warning? {
        let budget = options.sizeBudget ?? composed.layout.email.sizeBudget
        guard bytes > budget else { return nil }
        let parts = sizeParts(bytes: bytes, composed: composed, renderer: renderer, options: options, pdf: pdf()).prefix(4)
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
