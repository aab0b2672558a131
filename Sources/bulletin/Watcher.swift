import Foundation
import BulletinKit

/// `bulletin make --watch`: builds, then watches the issue's files and builds again after each
/// change, until interrupted.
///
/// A change is found by comparing the files' sizes, times and inodes (`Fingerprint`), every
/// `interval` and at once when the kernel tells of one (inotify, on the folders the files are
/// in: an editor's save reaches the PDF without waiting for the next look). Comparing sees
/// files that editors replace by renaming a new copy over the old, folders created later, and
/// layouts outside the issue; where inotify cannot be had, the looks alone find the change. A
/// build that fails prints its error and leaves the last good PDF in place, since `make`
/// replaces its output only when all of it was written.
struct Watcher {
    var options: MakeOptions
    var chatter: ChatterArguments
    /// Makes the issue once; false when it failed.
    var build: (MakeOptions) -> Bool
    /// How often the files are looked at when the kernel has told of nothing:
    /// `BULLETIN_WATCH_INTERVAL` milliseconds (a folder on a network share, where inotify hears
    /// nothing of other machines' saves, may want it), 250 unless told.
    var interval: Duration = .milliseconds(Watcher.intervalMilliseconds(ProcessInfo.processInfo.environment["BULLETIN_WATCH_INTERVAL"]))
    /// How long a save must be quiet before the build starts: an editor may write a file in
    /// several parts, or write a copy and rename it over the file.
    var settle: Duration = .milliseconds(40)

    func run() throws {
        var options = self.options
        // Fonts and measured widths, kept from build to build.
        options.session = BuildSession()
        let changes = FolderChanges()
        var seen = Fingerprint.of(watchedFiles())
        changes?.watch(folders(in: seen))
        rebuild(options, first: true)
        while true {
            if let changes { changes.wait(upTo: interval) } else { Thread.sleep(forTimeInterval: Self.seconds(interval)) }
            guard Fingerprint.of(watchedFiles()) != seen else { continue }
            // Let an editor's save finish (several writes, or a write and a rename).
            if let changes {
                changes.waitForQuiet(settle, atMost: .seconds(1))
            } else {
                Thread.sleep(forTimeInterval: 0.1)
            }
            seen = Fingerprint.of(watchedFiles())
            changes?.watch(folders(in: seen))
            rebuild(options, first: false)
        }
    }

    /// A positive whole number of milliseconds up to a day; 250 for anything else.
    static func intervalMilliseconds(_ text: String?) -> Int {
        guard let text, let value = Int(text), (1...86_400_000).contains(value) else { return 250 }
        return value
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// The issue folder, the layouts folders and the folders among the files looked at: where a
    /// change is told of.
    func folders(in fingerprint: Fingerprint) -> [String] {
        [options.issue] + Bulletin.layoutFolders + fingerprint.folders
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

    /// The issue folder but its out/, its hidden files and editors' backups (`isUnread`) and
    /// the file the watch writes (`-o` may name one inside it: its writing is no edit, and it
    /// rebuilt the issue again and again), the layouts folders and a layout file named by path.
    func watchedFiles() -> [String] {
        var files: [String] = []
        let issue = options.issue
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: issue)) ?? []
        where entry != Bulletin.defaultOutputFolder && !Self.isUnread(entry) {
            files += walk((issue as NSString).appendingPathComponent(entry))
        }
        for folder in Bulletin.layoutFolders { files += walk(folder) }
        if let layout = options.layout, layout.contains("/") || layout.hasSuffix(".yaml") { files.append(layout) }
        guard let output = options.output.map(Self.absolute) else { return files }
        return files.filter { Self.absolute($0) != output }
    }

    /// A path from the root, "." and ".." and links taken out, for comparing two paths.
    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    func walk(_ path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [path] }
        guard isDirectory.boolValue, let walk = FileManager.default.enumerator(atPath: path) else { return [path] }
        var files = [path]
        var count = 0
        while let relative = walk.nextObject() as? String, count < 5_000 {
            // Not gone into either: a .git folder's thousands of files would take the count.
            if Self.isUnread((relative as NSString).lastPathComponent) {
                walk.skipDescendants()
                continue
            }
            count += 1
            files.append((path as NSString).appendingPathComponent(relative))
        }
        return files
    }

    /// Whether a file or folder is one a build never reads and an editor writes while a story
    /// is open: hidden (vim's `.story.md.swp`, Emacs's lock `.#story.md`, `.DS_Store`, `.git`;
    /// stories and layouts are never hidden files), a backup (`story.md~`) or an autosave
    /// (`#story.md#`). Their writing is no edit: vim writes its swap file every few seconds
    /// of typing, and each write rebuilt the issue, unchanged.
    static func isUnread(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || (name.count > 1 && name.hasPrefix("#") && name.hasSuffix("#"))
    }
}

/// Each file's size, modification time and inode: any edit, replacement or removal changes it.
/// A folder counts by its inode alone: what it holds is listed file by file, and its own time
/// changes with every file made in it, the PDF's temporary too (`-o issue/pdfs/issue.pdf`
/// rebuilt the issue again and again).
struct Fingerprint: Equatable {
    var entries: [String: [Int]]
    /// The files that are folders, found by the same look.
    var folders: [String] = []

    static func of(_ files: [String]) -> Fingerprint {
        var fingerprint = Fingerprint(entries: [:])
        for file in files {
            var status = stat()
            guard stat(file, &status) == 0 else { fingerprint.entries[file] = []; continue }
            guard status.st_mode & S_IFMT != S_IFDIR else {
                fingerprint.entries[file] = [Int(status.st_ino)]
                fingerprint.folders.append(file)
                continue
            }
            fingerprint.entries[file] = [Int(status.st_size), Int(status.st_mtim.tv_sec), Int(status.st_mtim.tv_nsec), Int(status.st_ino)]
        }
        return fingerprint
    }
}

/// The kernel's word that something changed in the watched folders (inotify): entries made,
/// removed, renamed in or out, written and closed, or their times or modes changed. Nil where
/// inotify cannot be had; the watch then looks every `interval` alone.
final class FolderChanges {
    private let descriptor: Int32

    init?() {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
    }

    deinit { close(descriptor) }

    /// Watches the folders (again: a folder made since the last build, or removed and made
    /// anew, is watched from the next build on; one watched already stays as it was).
    func watch(_ folders: [String]) {
        let mask = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)
        for folder in folders { _ = inotify_add_watch(descriptor, folder, mask) }
    }

    /// Waits until a change is told of or `limit` has passed, and takes what was told.
    func wait(upTo limit: Duration) {
        var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&ready, 1, Int32(Watcher.seconds(limit) * 1000))
        drain()
    }

    /// Waits until nothing has been told of for `quiet`, or `limit` has passed.
    func waitForQuiet(_ quiet: Duration, atMost limit: Duration) {
        let end = ContinuousClock.now + limit
        while ContinuousClock.now < end {
            var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, Int32(Watcher.seconds(quiet) * 1000)) > 0 else { return }
            drain()
        }
    }

    /// Reads away the events waiting: which file changed is found by comparing fingerprints.
    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }
}
