import CHyphen
import Foundation
import BulletinLayout

/// Hyphenation points from libhyphen with the TeX-derived patterns of Debian's hyphen-* packages.
public final class Hyphenator: Hyphenating {
    private final class Dictionary {
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
    private var dictionaries: [String: Dictionary?] = [:]
    private var cache: [String: [Int]] = [:]

    public init(folders: [String] = ["/usr/share/hyphen"]) {
        self.folders = folders
    }

    /// Whether patterns exist for a language.
    public func supports(_ language: String) -> Bool { dictionary(for: language) != nil }

    private func dictionary(for language: String) -> Dictionary? {
        let parts = language.split(separator: "-").map(String.init)
        guard let base = parts.first?.lowercased() else { return nil }
        if let known = dictionaries[base + "|" + language] { return known }
        var names: [String] = []
        if parts.count > 1, let region = parts.last, region.count == 2 { names.append("hyph_\(base)_\(region.uppercased()).dic") }
        let preferred = ["en": "hyph_en_US.dic", "de": "hyph_de_DE.dic", "fr": "hyph_fr.dic", "es": "hyph_es.dic", "it": "hyph_it_IT.dic"]
        if let name = preferred[base] { names.append(name) }
        names.append("hyph_\(base).dic")
        var found: Dictionary?
        search: for folder in folders {
            for name in names {
                let path = (folder as NSString).appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: path), let dictionary = Dictionary(path: path) {
                    found = dictionary
                    break search
                }
            }
        }
        dictionaries[base + "|" + language] = .some(found)
        return found
    }

    public func hyphenationPoints(in word: String, language: String) -> [Int] {
        let key = language + "|" + word
        if let cached = cache[key] { return cached }
        guard let dictionary = dictionary(for: language) else { return [] }
        let lower = word.lowercased()
        let scalars = Array(lower.unicodeScalars)
        guard scalars.count == word.unicodeScalars.count else { return [] }
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
        let status = hnj_hyphen_hyphenate2(dictionary.handle, bytes, Int32(bytes.count), &hyphens, nil, &rep, &pos, &cut)
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
        cache[key] = points
        return points
    }
}
