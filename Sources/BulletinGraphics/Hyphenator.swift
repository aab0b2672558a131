import CHyphen
import Foundation
import BulletinLayout

/// Hyphenation points from libhyphen with the TeX-derived patterns of Debian's hyphen-* packages.
public final class Hyphenator: Hyphenating {
    private final class PatternFile {
        let handle: UnsafeMutablePointer<HyphenDict>
        let latin1: Bool

        init?(path: String) {
            guard let handle = hnj_hyphen_load(path) else { return nil }
            self.handle = handle
            let firstLine = (try? String(contentsOfFile: path, encoding: .isoLatin1))?.prefix { $0 != "\n" && $0 != "\r" } ?? ""
            latin1 = firstLine.uppercased().hasPrefix("ISO8859-1")
        }

        deinit { hnj_hyphen_free(handle) }
    }

    let folders: [String]
    /// Where hyphenations found before are kept, one file per pattern file; nil keeps none.
    let cacheFolder: String?
    /// At most this many words are kept per pattern file; words met after that are hyphenated
    /// but not remembered, so the cache cannot grow without bound.
    let cacheLimit: Int
    /// Longer "words" (a pasted hash, a run of letters) are not hyphenated: no dictionary word is
    /// this long, and libhyphen's work grows with the length.
    public static let longestWord = 64
    /// A cache file larger than this is not read: it was not written by us.
    static let largestCacheFile = 8 << 20
    private var paths: [String: String?] = [:]
    private var patternFiles: [String: PatternFile] = [:]
    /// Known hyphenations by pattern file, then by lower-case word.
    private var known: [String: [String: [Int]]] = [:]
    private var changed: Set<String> = []

    /// - Parameter cacheFolder: libhyphen takes seconds to load the German patterns, so words
    ///   once hyphenated are remembered here and the patterns are loaded only for new words.
    public init(folders: [String] = ["/usr/share/hyphen"], cacheFolder: String? = Hyphenator.defaultCacheFolder,
                cacheLimit: Int = 100_000) {
        self.folders = folders
        self.cacheFolder = cacheFolder
        self.cacheLimit = cacheLimit
    }

    /// `$XDG_CACHE_HOME/bulletin/hyphenation`, or `~/.cache/bulletin/hyphenation`.
    public static var defaultCacheFolder: String? {
        let environment = ProcessInfo.processInfo.environment
        if let cache = environment["XDG_CACHE_HOME"], !cache.isEmpty { return cache + "/bulletin/hyphenation" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/bulletin/hyphenation" }
        return nil
    }

    /// The pattern file for a language: its region's, the usual one, or the bare language's.
    func path(for language: String) -> String? {
        if let found = paths[language] { return found }
        let parts = language.split(separator: "-").map(String.init)
        guard let base = parts.first?.lowercased() else { return nil }
        var names: [String] = []
        if parts.count > 1, let region = parts.last, region.count == 2 { names.append("hyph_\(base)_\(region.uppercased()).dic") }
        let preferred = ["en": "hyph_en_US.dic", "de": "hyph_de_DE.dic", "fr": "hyph_fr.dic", "es": "hyph_es_ES.dic", "it": "hyph_it_IT.dic",
                         "pt": "hyph_pt_PT.dic", "nl": "hyph_nl_NL.dic"]
        if let name = preferred[base] { names.append(name) }
        names.append("hyph_\(base).dic")
        let found = folders.lazy.flatMap { folder in names.map { (folder as NSString).appendingPathComponent($0) } }
            .first { FileManager.default.fileExists(atPath: $0) }
        paths[language] = .some(found)
        return found
    }

    private func patterns(at path: String) -> PatternFile? {
        if let loaded = patternFiles[path] { return loaded }
        let loaded = PatternFile(path: path)
        patternFiles[path] = loaded
        return loaded
    }

    public func hyphenationPoints(in word: String, language: String) -> [Int] {
        guard word.unicodeScalars.count <= Self.longestWord, let path = path(for: language) else { return [] }
        let lower = word.lowercased()
        if known[path] == nil { known[path] = readCache(for: path) }
        if let points = known[path]?[lower] { return points }
        let points = hyphenate(lower, original: word, path: path)
        if known[path, default: [:]].count < cacheLimit {
            known[path, default: [:]][lower] = points
            changed.insert(path)
        }
        return points
    }

    // MARK: - Cache

    /// The cache file for a pattern file, named by its size and date so new patterns start afresh.
    private func cacheFile(for path: String) -> String? {
        guard let cacheFolder, let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = attributes[.size] as? Int, let date = attributes[.modificationDate] as? Date else { return nil }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return (cacheFolder as NSString).appendingPathComponent("\(name)-\(size)-\(Int(date.timeIntervalSince1970)).txt")
    }

    private func readCache(for path: String) -> [String: [Int]] {
        guard let file = cacheFile(for: path),
              let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int, size <= Self.largestCacheFile,
              let text = try? String(contentsOfFile: file, encoding: .utf8) else { return [:] }
        var result: [String: [Int]] = [:]
        for line in text.split(separator: "\n") where result.count < cacheLimit {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].unicodeScalars.count <= Self.longestWord,
                  !parts[0].unicodeScalars.contains(where: { $0.value < 0x20 }) else { continue }
            let points = parts[1].split(separator: ",").compactMap { Int($0) }
            // Points from a damaged file must still fall inside the word.
            guard points.allSatisfy({ $0 > 0 && $0 < parts[0].unicodeScalars.count }) else { continue }
            result[String(parts[0])] = points
        }
        return result
    }

    /// Writes the words hyphenated in this run to the cache; quietly does nothing if it cannot.
    public func saveCache() {
        for path in changed {
            guard let file = cacheFile(for: path), let words = known[path] else { continue }
            let text = words.keys.sorted().map { "\($0)\t" + (words[$0] ?? []).map(String.init).joined(separator: ",") }.joined(separator: "\n")
            try? FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let temporary = file + ".tmp-\(getpid())"
            if FileManager.default.createFile(atPath: temporary, contents: Data((text + "\n").utf8)) {
                if rename(temporary, file) != 0 { unlink(temporary) }
            }
        }
        changed.removeAll()
    }

    // MARK: - libhyphen

    private func hyphenate(_ lower: String, original word: String, path: String) -> [Int] {
        guard let dictionary = patterns(at: path) else { return [] }
        let scalars = Array(lower.unicodeScalars)
        guard scalars.count == word.unicodeScalars.count, scalars.count > 1 else { return [] }
        // Byte offset in the dictionary's encoding -> scalar offset after that byte.
        var bytes: [CChar] = []
        var scalarAfterByte: [Int] = []
        for (i, scalar) in scalars.enumerated() {
            if dictionary.latin1 {
                guard scalar.value < 256 else { return [] }
                bytes.append(CChar(bitPattern: UInt8(scalar.value)))
                scalarAfterByte.append(i + 1)
            } else {
                for byte in String(scalar).utf8 {
                    bytes.append(CChar(bitPattern: byte))
                    scalarAfterByte.append(i + 1)
                }
            }
        }
        var hyphens = [CChar](repeating: 0, count: bytes.count + 5)
        var rep: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        var pos: UnsafeMutablePointer<Int32>?
        var cut: UnsafeMutablePointer<Int32>?
        // libhyphen looks for the word's end with C string functions: it must end in a NUL,
        // which the length passed leaves out.
        let word = bytes + [0]
        let status = hnj_hyphen_hyphenate2(dictionary.handle, word, Int32(bytes.count), &hyphens, nil, &rep, &pos, &cut)
        var points: [Int] = []
        if status == 0 {
            for i in 0..<(bytes.count - 1) where hyphens[i] & 1 == 1 {
                // A non-standard break changes letters (old German "ck" -> "k-k"): not ours to draw.
                if let rep, rep[i] != nil { continue }
                // Only at a character boundary (the last byte of a UTF-8 sequence).
                if scalarAfterByte[i] != scalarAfterByte[i + 1] { points.append(scalarAfterByte[i]) }
            }
        }
        if let rep {
            for i in 0..<bytes.count { free(rep[i]) }
            free(rep)
        }
        free(pos)
        free(cut)
        return points
    }
}
