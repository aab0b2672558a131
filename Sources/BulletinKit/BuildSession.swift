import Foundation
import BulletinModel
import BulletinGraphics
import BulletinSource
import BulletinLayout

/// What a run of builds (`bulletin make --watch`) keeps from one build to the next, so that a
/// rebuild after one edited paragraph measures only what is new.
///
/// The shaper caches every word's width by its text and font, and every run of glyphs it
/// shaped: kept, the paragraphs that did not change cost only lookups. They stay valid while
/// the fonts do, so a change to any file of the font folders starts afresh. A story that did
/// not change (nor its pictures' sizes, nor the layout) is not prepared again at all
/// (`MaterialCache`), nor is a story or layout file whose text did not change parsed again
/// (`ParsedFiles`). The pictures are kept too, read again when their files change.
public final class BuildSession: @unchecked Sendable {
    /// The fonts, the shaper measuring with them, and the hyphenator.
    struct Measuring {
        let fonts: FontLibrary
        let shaper: PangoShaper
        let hyphenator: Hyphenator
        /// A shaper and hyphenator for a second thread preparing stories (`Composer.helper`),
        /// on a machine of more than one core; the shaper's words are taken over by `shaper`
        /// after each build.
        let helper: (shaper: PangoShaper, hyphenator: Hyphenator)?
        /// The stories as prepared by earlier builds with these measures.
        let materials = MaterialCache()
        /// The paragraphs as set by earlier builds, for a story that changed.
        let paragraphs = SetParagraphs()
        /// The pictures, each read again only when its file changes (an SVG's text is set with
        /// the fonts, so they go with them), and what was scaled down from them.
        let images: ImageLibrary

        init(fontFolders: [String]) {
            fonts = FontLibrary(folders: fontFolders)
            shaper = PangoShaper(fonts: fonts)
            hyphenator = Hyphenator()
            helper = ProcessInfo.processInfo.activeProcessorCount > 1 ? (shaper.helper(), hyphenator.helper()) : nil
            images = ImageLibrary(maxPixels: Limits.imagePixels, maxBytes: Limits.imageBytes)
        }
    }

    private var kept: (key: [String], measuring: Measuring)?
    private let lock = NSLock()
    /// The stories and layouts as parsed, taken again while their text is as it was.
    public let parsed = ParsedFiles()

    public init() {}

    /// The last build's fonts and shaper when the font folders are as they were; else new ones.
    func measuring(fontFolders: [String]) -> Measuring {
        lock.lock()
        defer { lock.unlock() }
        let key = Self.fingerprint(fontFolders)
        if let kept, kept.key == key { return kept.measuring }
        let fresh = Measuring(fontFolders: fontFolders)
        kept = (key, fresh)
        return fresh
    }

    /// Each folder's files with their sizes and modification times.
    static func fingerprint(_ folders: [String]) -> [String] {
        var entries: [String] = []
        for folder in folders {
            entries.append("folder " + folder)
            guard let walk = FileManager.default.enumerator(atPath: folder) else { continue }
            var count = 0
            while let relative = walk.nextObject() as? String, count < 5_000 {
                count += 1
                var status = stat()
                let path = (folder as NSString).appendingPathComponent(relative)
                guard stat(path, &status) == 0 else { continue }
                entries.append("\(path) \(status.st_size) \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)")
            }
        }
        return entries
    }
}
