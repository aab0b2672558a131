import Foundation
import BulletinGraphics
import BulletinSource

/// The issue of `bulletin make` read from the moment the process starts, on a thread of its
/// own, while the arguments are parsed (ArgumentParser takes 5-10 ms of the main thread): its
/// stories' and layout's YAML and Markdown parsed into a `ParsedFiles`, which the build then
/// takes as a `--watch` session's builds take theirs. A file is taken only when its path, name
/// and text are those the build reads, so a wrong guess of the folder costs a thread's time
/// and changes nothing.
///
/// The folder is guessed from the raw arguments as the build will read them: `--sample`'s,
/// else the first argument after `make` that names a folder holding issue.yaml, else the
/// folder we stand in when it holds issue.yaml. Not for `--watch`, whose session parses and
/// keeps its files itself.
///
/// The fonts the build measures with (the issue's `fonts/` and bulletin's, `Bulletin.fontSearch`)
/// are read from the start too, on another thread: the build had begun them only once the
/// arguments were parsed, and then waited for them (about 4 ms of the sample's run, when they
/// were read in 5).
enum IssueReadAhead {
    /// What is being read, and for which folder.
    struct Ahead {
        var folder: String
        var parsed: BackgroundWork<ParsedFiles>?
        var fonts: BackgroundWork<BuildSession.Measuring?>?
    }

    nonisolated(unsafe) private(set) static var ahead: Ahead?
    private static let lock = NSLock()

    /// The folder `arguments` (the process's, program name first) would have `make` read, if
    /// they are a `make`; nil otherwise.
    static func guessedFolder(_ arguments: [String]) -> String? {
        guard arguments.count >= 2, arguments[1] == "make" else { return nil }
        let rest = arguments.dropFirst(2)
        // A session (`--watch`) keeps its own parsed files from its first build on.
        if rest.contains("--watch") { return nil }
        if rest.contains("--sample") { return Bulletin.sampleIssue }
        let manager = FileManager.default
        if let named = rest.first(where: { argument in
            var isDirectory: ObjCBool = false
            return !argument.hasPrefix("-") && manager.fileExists(atPath: argument, isDirectory: &isDirectory) && isDirectory.boolValue
                && manager.fileExists(atPath: (argument as NSString).appendingPathComponent("issue.yaml"))
        }) {
            return named
        }
        return manager.fileExists(atPath: "issue.yaml") ? "." : nil
    }

    /// Starts reading the issue `arguments` name, and its fonts, if they are a `make`.
    static func start(_ arguments: [String]) {
        guard let folder = guessedFolder(arguments) else { return }
        let reading = Ahead(folder: folder, parsed: BackgroundWork { read(folder) },
                            fonts: Bulletin.fontsReadEarly(folder, allowOutside: false))
        lock.lock()
        ahead = reading
        lock.unlock()
    }

    /// The folder's stories and layout, parsed: errors are left for the build to find.
    static func read(_ folder: String) -> ParsedFiles {
        let parsed = ParsedFiles()
        guard let loaded = try? IssueLoader.load(folder: folder, parsed: parsed),
              let layoutPath = try? Bulletin.layoutPath(of: loaded.issue, options: MakeOptions(issue: folder)) else { return parsed }
        _ = try? LayoutLoader.load(path: layoutPath, parsed: parsed)
        return parsed
    }

    /// What was parsed ahead for `folder` (once): nil if nothing was, or for another folder.
    static func take(_ folder: String) -> ParsedFiles? { take(\.parsed, for: folder)?.wait() }

    /// The fonts being read ahead for `folder` (once): nil if they are not, or for another folder.
    static func takeFonts(_ folder: String) -> BackgroundWork<BuildSession.Measuring?>? { take(\.fonts, for: folder) }

    /// The part of what is read ahead, taken (once), if it is for `folder`.
    private static func take<Work>(_ part: WritableKeyPath<Ahead, Work?>, for folder: String) -> Work? {
        lock.lock()
        defer { lock.unlock() }
        let work = ahead?[keyPath: part]
        ahead?[keyPath: part] = nil
        return ahead?.folder == folder ? work : nil
    }
}
