// libFuzzer entry point: the input's first byte chooses what the rest is.
//   0 (mod 3): a story file (stories/01.md of an otherwise good issue), read by IssueLoader
//   1 (mod 3): issue.yaml (of an issue with one good story), read by IssueLoader
//   2 (mod 3): a layout file, read by LayoutLoader
// An InputError is the expected answer to bad input; a crash, a hang or a sanitizer report is a
// finding. With FUZZ_STRICT=1 in the environment an error must also be one line without control
// characters that starts with the file it names, or the input counts as a crash.
import Foundation
import BulletinModel
import BulletinSource

private let goodIssue = """
title: Fuzz
subtitle: Loader fuzzing
date: 2026-11
editors: [A, B]
contact:
  organisation: Office

"""

private let goodStory = """
---
title: A good story
lang: en
---

Some *text*.

"""

/// The files the loaders read, made once per process in a folder of its own.
private final class Scene {
    let root: String
    let storyIssue: String
    let yamlIssue: String
    let layout: String
    let strict: Bool

    init() {
        root = NSTemporaryDirectory() + "bulletin-fuzz-loaders-\(getpid())"
        storyIssue = root + "/story-issue"
        yamlIssue = root + "/yaml-issue"
        layout = root + "/layout.yaml"
        strict = ProcessInfo.processInfo.environment["FUZZ_STRICT"] == "1"
        let fm = FileManager.default
        try? fm.createDirectory(atPath: storyIssue + "/stories", withIntermediateDirectories: true)
        try? fm.createDirectory(atPath: yamlIssue + "/stories", withIntermediateDirectories: true)
        _ = fm.createFile(atPath: storyIssue + "/issue.yaml", contents: Data(goodIssue.utf8))
        _ = fm.createFile(atPath: yamlIssue + "/stories/01.md", contents: Data(goodStory.utf8))
        atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "bulletin-fuzz-loaders-\(getpid())") }
    }

    func write(_ path: String, _ bytes: UnsafeBufferPointer<UInt8>) {
        guard FileManager.default.createFile(atPath: path, contents: Data(buffer: bytes)) else {
            fatalError("cannot write \(path)")
        }
    }

    func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let selector = bytes.first else { return }
        let rest = UnsafeBufferPointer(rebasing: bytes.dropFirst())
        let file: String
        do {
            switch selector % 3 {
            case 0:
                file = storyIssue + "/stories/01.md"
                write(file, rest)
                _ = try IssueLoader.load(folder: storyIssue)
            case 1:
                file = yamlIssue + "/issue.yaml"
                write(file, rest)
                _ = try IssueLoader.load(folder: yamlIssue)
            default:
                file = layout
                write(file, rest)
                _ = try LayoutLoader.load(path: layout)
            }
        } catch let error as InputError {
            guard strict else { return }
            let text = error.description
            if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f || (0x80..<0xa0).contains($0.value) }) {
                fatalError("the error holds a control character or line break: \(text.debugDescription)")
            }
            if !text.hasPrefix(IssueLoader.display(file)) && !text.hasPrefix(IssueLoader.display(selector % 3 == 2 ? layout : file)) {
                fatalError("the error does not start with the file it is about: \(text.debugDescription)")
            }
        } catch {
            fatalError("not an InputError: \(error)")
        }
    }
}

nonisolated(unsafe) private let scene = Scene()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLoaders(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    scene.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}
