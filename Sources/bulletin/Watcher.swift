import Foundation
import BulletinKit

/// `bulletin make --watch`: builds, then polls the issue's files and builds again after each
/// change, until interrupted.
///
/// Polling (every `interval`) rather than inotify: it sees files that editors replace by
/// renaming a new copy over the old, folders created later, and layouts outside the issue,
/// with no platform code. A build that fails prints its error and leaves the last good PDF in
/// place, since `make` replaces its output only when all of it was written.
struct Watcher {
    var options: MakeOptions
    var chatter: ChatterArguments
    /// Makes the issue once; false when it failed.
    var build: (MakeOptions) -> Bool
    var interval: Duration = .milliseconds(250)

    func run() throws {
        var options = self.options
        // Fonts and measured widths, kept from build to build.
        options.session = BuildSession()
        var seen = Fingerprint.of(watchedFiles())
        rebuild(options, first: true)
        while true {
            Thread.sleep(forTimeInterval: Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18)
            let now = Fingerprint.of(watchedFiles())
            guard now != seen else { continue }
            // Let an editor's save finish (several writes, or a write and a rename).
            Thread.sleep(forTimeInterval: 0.1)
            seen = Fingerprint.of(watchedFiles())
            rebuild(options, first: false)
        }
    }

    func rebuild(_ options: MakeOptions, first: Bool) {
        let start = ContinuousClock.now
        let made = build(options)
        let seconds = (ContinuousClock.now - start)
        let milliseconds = Int((Double(seconds.components.seconds) * 1000 + Double(seconds.components.attoseconds) / 1e15).rounded())
        let what = first ? "built" : "rebuilt"
        let failed = first ? "build" : "rebuild"
        printError(made ? "\(what) in \(milliseconds) ms; watching for changes (Ctrl-C to stop)"
                        : "\(failed) failed in \(milliseconds) ms: the last good PDF is kept; watching for changes (Ctrl-C to stop)")
    }

    /// The issue folder but its out/, the layouts folders and a layout file named by path.
    func watchedFiles() -> [String] {
        var files: [String] = []
        let issue = options.issue
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: issue)) ?? [] where entry != Bulletin.defaultOutputFolder {
            files += walk((issue as NSString).appendingPathComponent(entry))
        }
        for folder in Bulletin.layoutFolders { files += walk(folder) }
        if let layout = options.layout, layout.contains("/") || layout.hasSuffix(".yaml") { files.append(layout) }
        return files
    }

    func walk(_ path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [path] }
        guard isDirectory.boolValue, let walk = FileManager.default.enumerator(atPath: path) else { return [path] }
        var files = [path]
        var count = 0
        while let relative = walk.nextObject() as? String, count < 5_000 {
            count += 1
            files.append((path as NSString).appendingPathComponent(relative))
        }
        return files
    }
}

/// Each file's size, modification time and inode: any edit, replacement or removal changes it.
struct Fingerprint: Equatable {
    var entries: [String: [Int]]

    static func of(_ files: [String]) -> Fingerprint {
        var entries: [String: [Int]] = [:]
        for file in files {
            var status = stat()
            guard stat(file, &status) == 0 else { entries[file] = []; continue }
            entries[file] = [Int(status.st_size), Int(status.st_mtim.tv_sec), Int(status.st_mtim.tv_nsec), Int(status.st_ino)]
        }
        return Fingerprint(entries: entries)
    }
}
