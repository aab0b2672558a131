import CCairo
import Foundation

/// A problem writing the output, such as a full disk or a folder that cannot be written to.
///
/// Its description is the one line the command prints: `out/x.pdf: cannot write: no space left
/// on the device`.
public struct OutputError: Error, CustomStringConvertible {
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// A failed system call, its `errno` told in words.
    public init(path: String, doing step: String, errno code: Int32) {
        self.init(path: path, message: step + ": " + OutputError.words(for: code))
        self.code = code
    }

    public var path: String
    public var message: String
    /// The `errno` behind it, if a system call failed.
    public var code: Int32?
    /// One line: control characters in the path or message (a name may hold a newline or an
    /// escape sequence) are shown escaped, as `\n` or `\u{1B}`.
    public var description: String {
        let name = path == "-" ? "standard output" : path
        return OutputError.escapingControls(name.isEmpty ? message : "\(name): \(message)")
    }

    static func escapingControls(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// What went wrong in plain words, for the errors a user can meet and act on; `strerror`'s
    /// text for the rest.
    public static func words(for code: Int32) -> String {
        switch code {
        case ENOSPC: return "no space left on the device"
        case EDQUOT: return "the disk quota is used up"
        case EACCES, EPERM: return "permission denied"
        case ENAMETOOLONG: return "file name too long"
        case EROFS: return "read-only file system"
        case ENOTDIR: return "a part of the path is not a folder"
        case EISDIR: return "it is a folder"
        case ENOENT: return "no such file or folder"
        case EIO: return "input/output error: the device failed"
        case EPIPE: return "broken pipe: the program reading the output stopped"
        case EFBIG: return "the file is too large for the file system"
        case ELOOP: return "too many levels of symbolic links"
        case EMFILE, ENFILE: return "too many open files"
        case EBADF: return "the file is not open for writing"
        default:
            let text = String(cString: strerror(code))
            return text.prefix(1).lowercased() + text.dropFirst()
        }
    }
}

/// The system calls through which output reaches the disk. Tests pass their own to make a write
/// fail at a chosen byte, stop short or be interrupted.
public struct FileCalls: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// This many bytes were written, perhaps fewer than asked.
        case wrote(Int)
        /// The call failed with this `errno`.
        case failed(Int32)
    }

    /// Writes some of the bytes to the descriptor, like write(2).
    public var write: @Sendable (Int32, UnsafeRawBufferPointer) -> Outcome
    /// Flushes the descriptor's file to the device, like fsync(2): nil on success, else the errno.
    public var sync: @Sendable (Int32) -> Int32?

    public init(write: @escaping @Sendable (Int32, UnsafeRawBufferPointer) -> Outcome,
                sync: @escaping @Sendable (Int32) -> Int32?) {
        self.write = write
        self.sync = sync
    }

    public static let system = FileCalls(
        write: { descriptor, bytes in
            let count = Glibc.write(descriptor, bytes.baseAddress, bytes.count)
            return count < 0 ? .failed(errno) : .wrote(count)
        },
        sync: { descriptor in fsync(descriptor) == 0 ? nil : errno })
}

/// One output being written: to a temporary file beside the target, renamed over it only once
/// every byte has been written and flushed to the device; or, for `-`, to standard output.
///
/// cairo 1.16 does not report a write that failed while a PDF surface was finished, so a full
/// disk used to give a truncated PDF renamed over the good one. Here every write is checked
/// (short writes are continued, interrupted ones retried), the first failure is kept with its
/// errno, and `commit` refuses to rename after one. A file that is never committed, on any
/// error path, is removed when it is discarded or deinitialised, and on a signal (see
/// `TemporaryFiles`).
public final class OutputFile {
    /// The output as the user named it, for messages.
    public let path: String
    /// The file replaced: `path`, or the file it is a symbolic link to (so that the link stays
    /// and `/dev/stdout` is never replaced by a file).
    let target: String
    /// The temporary's path; nil when writing to standard output.
    let temporary: String?
    private var descriptor: Int32
    private let calls: FileCalls
    private(set) var slot: Int?
    private var state = State.writing
    /// How many bytes have been written.
    public private(set) var count = 0
    /// The first failure, which every later call reports again.
    public private(set) var failure: OutputError?

    enum State { case writing, synced, committed, discarded }

    /// Whether `path` means standard output.
    public static func isStandardOutput(_ path: String) -> Bool { path == "-" }

    private init(path: String, target: String, temporary: String?, descriptor: Int32, slot: Int?, calls: FileCalls) {
        self.path = path
        self.target = target
        self.temporary = temporary
        self.descriptor = descriptor
        self.slot = slot
        self.calls = calls
    }

    deinit { discard() }

    /// Checks the target and opens a temporary beside it (making its folder if need be), or
    /// takes standard output for `-`.
    ///
    /// Refused: a target that is a folder, a device, a FIFO or a socket (replacing `/dev/null`
    /// with a PDF is never wanted), one of `inputs`, and standard output when it is a terminal.
    public static func create(_ path: String, protecting inputs: ProtectedInputs = ProtectedInputs(),
                              calls: FileCalls = .system) throws -> OutputFile {
        if isStandardOutput(path) {
            guard isatty(STDOUT_FILENO) == 0 else {
                throw OutputError(path: path, message: "is a terminal: redirect it to a file or a program, or name a file with -o")
            }
            return OutputFile(path: path, target: path, temporary: nil, descriptor: STDOUT_FILENO, slot: nil, calls: calls)
        }
        guard !path.isEmpty else { throw OutputError(path: path, message: "the output's name is empty: name a file, or - for standard output") }
        let existing = try Target.check(path, inputs: inputs)
        let target = try Target.resolvingLink(path)
        let folder = (target as NSString).deletingLastPathComponent
        try Target.makeFolder(folder, for: path)
        for attempt in 0... {
            let temporary = Target.temporaryName(for: target, attempt: attempt)
            let slot: Int
            switch TemporaryFiles.register(temporary) {
            case .success(let taken): slot = taken
            case .failure(.tooLong):
                throw OutputError(path: path, doing: "cannot create a temporary file", errno: ENAMETOOLONG)
            case .failure(.full):
                throw OutputError(path: path, message: "cannot create a temporary file: \(TemporaryFiles.capacity) files are being written at once already")
            }
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 {
                // The new file keeps the permissions of the one it replaces.
                if let mode = existing?.st_mode { fchmod(descriptor, mode & 0o777) }
                return OutputFile(path: path, target: target, temporary: temporary, descriptor: descriptor, slot: slot, calls: calls)
            }
            let code = errno
            TemporaryFiles.unregister(slot)
            guard code == EEXIST, attempt < 100 else {
                throw OutputError(path: path, doing: "cannot create a file in \(folder.isEmpty ? "." : folder)", errno: code)
            }
        }
        preconditionFailure("unreachable")
    }

    /// Writes a file through `body`, committing it when `body` returns and removing the
    /// temporary if anything throws.
    public static func write(_ path: String, protecting inputs: ProtectedInputs = ProtectedInputs(),
                             calls: FileCalls = .system, _ body: (OutputFile) throws -> Void) throws {
        let file = try create(path, protecting: inputs, calls: calls)
        defer { file.discard() }
        try body(file)
        try file.commit()
    }

    // MARK: - Writing

    /// Writes all of `bytes`; false, and `failure` set, if that failed now or before.
    @discardableResult
    public func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard failure == nil, state == .writing else { return false }
        var rest = bytes
        while !rest.isEmpty {
            switch calls.write(descriptor, rest) {
            case .wrote(let written) where written > 0 && written <= rest.count:
                rest = UnsafeRawBufferPointer(rebasing: rest[written...])
            case .wrote:
                // write(2) never makes no progress on a regular file or pipe; do not spin.
                return fail(doing: "cannot write", errno: EIO)
            case .failed(EINTR):
                continue
            case .failed(EAGAIN):
                // Standard output may have been left non-blocking by whoever started us.
                var wait = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                _ = poll(&wait, 1, -1)
            case .failed(let code):
                return fail(doing: "cannot write", errno: code)
            }
        }
        count += bytes.count
        TestHook.afterWrite(self)
        return true
    }

    @discardableResult
    public func write(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    private func fail(doing step: String, errno code: Int32) -> Bool {
        if failure == nil { failure = OutputError(path: path, doing: step, errno: code) }
        return false
    }

    /// Throws the first failure, if there was one.
    public func check() throws {
        if let failure { throw failure }
    }

    // MARK: - Finishing

    /// Flushes what was written to the device and closes the temporary, throwing if any write,
    /// the flush or the close failed; the target is still untouched.
    public func sync() throws {
        try check()
        guard state == .writing else { return }
        if temporary == nil {
            // Standard output: a file it was redirected to is flushed, a pipe or terminal is not.
            var status = stat()
            if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, let code = calls.sync(descriptor) {
                _ = fail(doing: "cannot write", errno: code)
            }
        } else {
            if let code = calls.sync(descriptor) { _ = fail(doing: "cannot write", errno: code) }
            // On Linux the descriptor is closed even when close fails, so it is never retried.
            if close(descriptor) != 0 && errno != EINTR { _ = fail(doing: "cannot write", errno: errno) }
            descriptor = -1
        }
        try check()
        state = .synced
    }

    /// Syncs, then renames the temporary over the target and flushes the folder, so that the
    /// new name survives a power cut too.
    public func commit() throws {
        try sync()
        guard state == .synced else { return }
        if let temporary {
            guard rename(temporary, target) == 0 else {
                let code = errno
                throw failure ?? OutputError(path: path, doing: "cannot replace the file", errno: code)
            }
            if let slot { TemporaryFiles.unregister(slot) }
            slot = nil
            // The file is in place now; a folder that cannot be flushed (some file systems
            // refuse) does not undo that, so its failure is not reported.
            let folder = (target as NSString).deletingLastPathComponent
            let handle = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if handle >= 0 {
                _ = fsync(handle)
                close(handle)
            }
        }
        state = .committed
    }

    /// Closes and removes the temporary unless it was committed. Safe to call more than once.
    public func discard() {
        guard state != .committed && state != .discarded else { return }
        if let temporary {
            if descriptor >= 0 { close(descriptor) }
            descriptor = -1
            unlink(temporary)
        }
        if let slot { TemporaryFiles.unregister(slot) }
        slot = nil
        state = .discarded
    }
}

// MARK: - cairo

extension OutputFile {
    /// cairo's write callback, for `cairo_pdf_surface_create_for_stream` and
    /// `cairo_surface_write_to_png_stream` with `cairoClosure` as its closure.
    ///
    /// It tells cairo every write succeeded: the file keeps the failure itself, with its errno,
    /// and drops later bytes. cairo 1.16 crashes in `cairo_surface_finish` (a copy to a null
    /// buffer) when a PDF stream reports an error from its first writes, as a closed pipe does.
    static let cairoWriter: cairo_write_func_t = { closure, data, length in
        guard length > 0, let closure, let data else { return CAIRO_STATUS_SUCCESS }
        let file = Unmanaged<OutputFile>.fromOpaque(closure).takeUnretainedValue()
        file.write(UnsafeRawBufferPointer(start: data, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
    }

    /// The closure for `cairoWriter`; the file must outlive the surface it is given to.
    var cairoClosure: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    /// Throws this file's own failure first (it names the cause), then cairo's.
    func check(_ status: cairo_status_t, making what: String) throws {
        try check()
        guard status == CAIRO_STATUS_SUCCESS else {
            throw OutputError(path: path, message: "cannot make the \(what): " + String(cString: cairo_status_to_string(status)))
        }
    }
}

// MARK: - The target

/// Checks on the target before anything is written, and the temporary's name.
enum Target {
    /// The target's status if it exists; throws if it is not a regular file or is an input.
    static func check(_ path: String, inputs: ProtectedInputs) throws -> stat? {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            if code == ENOENT { return nil }
            if code == ENOTDIR, let file = firstNonFolder(in: path) {
                throw OutputError(path: path, message: "cannot write here: \(file) is a file, not a folder")
            }
            throw OutputError(path: path, doing: "cannot write here", errno: code)
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw OutputError(path: path, message: "is a folder: name a file to write, such as \((path as NSString).appendingPathComponent("issue.pdf"))")
        case S_IFCHR, S_IFBLK: throw OutputError(path: path, message: "is a device, not a regular file: it will not be replaced (use -o - for standard output)")
        case S_IFIFO: throw OutputError(path: path, message: "is a FIFO (named pipe), not a regular file: use -o - and redirect standard output to it")
        case S_IFSOCK: throw OutputError(path: path, message: "is a socket, not a regular file")
        default: throw OutputError(path: path, message: "is not a regular file")
        }
        if let input = inputs.input(FileID(status)) {
            throw OutputError(path: path, message: "is the input file \(input): writing would destroy it; choose another output")
        }
        return status
    }

    /// The file `path` finally names when it is a symbolic link, else `path` itself.
    static func resolvingLink(_ path: String) throws -> String {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return path }
        guard let resolved = realpath(path, nil) else {
            throw OutputError(path: path, message: "is a symbolic link to a file that does not exist: remove it or name another output")
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The first of `path`'s folders that exists but is not a folder.
    static func firstNonFolder(in path: String) -> String? {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in (path as NSString).deletingLastPathComponent.split(separator: "/") {
            prefix = (prefix as NSString).appendingPathComponent(String(part))
            var status = stat()
            if stat(prefix, &status) == 0, status.st_mode & S_IFMT != S_IFDIR { return prefix }
        }
        return nil
    }

    /// Makes `folder` and its parents, as `mkdir -p`, with errors naming the part that failed.
    static func makeFolder(_ folder: String, for path: String) throws {
        guard !folder.isEmpty else { return }
        var status = stat()
        if stat(folder, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFDIR else {
                throw OutputError(path: path, message: "cannot write here: \(folder) is a file, not a folder")
            }
            return
        }
        let parent = (folder as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != folder { try makeFolder(parent, for: path) }
        if mkdir(folder, 0o777) != 0 && errno != EEXIST {
            throw OutputError(path: path, doing: "cannot create the folder \(folder)", errno: errno)
        }
    }

    /// `.<name>.tmp-<pid>-<n>` beside the target, or `.bulletin-<pid>-<n>.tmp` when the name is
    /// too long to grow (a temporary must fit where its target fits).
    static func temporaryName(for path: String, attempt: Int) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let unique = "\(getpid())-\(attempt)"
        var temporary = ".\(name).tmp-\(unique)"
        if temporary.utf8.count > 255 { temporary = ".bulletin-\(unique).tmp" }
        return folder.isEmpty ? temporary : folder + "/" + temporary
    }
}

/// A file's identity: its device and inode, the same whichever path or hard link reaches it.
public struct FileID: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64

    init(_ status: stat) {
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }

    /// The identity of the file `path` names, following symbolic links; nil if there is none.
    public init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        self.init(status)
    }
}

/// The files a run reads, which its output must never replace.
public struct ProtectedInputs: Sendable {
    private var files: [FileID: String] = [:]

    public init() {}

    /// Protects the regular file `path`, named `shownAs` in messages.
    public mutating func add(file path: String, shownAs name: String) {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return }
        files[FileID(status)] = files[FileID(status)] ?? name
    }

    /// Protects every regular file below `folder` but those `except` picks, up to `limit`
    /// entries (an issue folder holds a few dozen; the limit keeps a mistaken `bulletin make /`
    /// from walking the whole disk).
    public mutating func add(everythingBelow folder: String, shownAs display: (String) -> String, limit: Int = 20_000,
                             except: (String) -> Bool = { _ in false }) {
        guard let walk = FileManager.default.enumerator(atPath: folder) else { return }
        var seen = 0
        while let relative = walk.nextObject() as? String, seen < limit {
            seen += 1
            let path = (folder as NSString).appendingPathComponent(relative)
            if except(path) { continue }
            add(file: path, shownAs: display(path))
        }
    }

    /// The name of the input `id` is, if it is one.
    public func input(_ id: FileID?) -> String? {
        id.flatMap { files[$0] }
    }

    public var isEmpty: Bool { files.isEmpty }
}

// MARK: - Test hooks

/// Hidden switches for the tests of interruption, read once from the environment; each acts
/// right after the first bytes reach a temporary file (never standard output):
///
/// - `BULLETIN_TEST_CRASH_WHILE_WRITING=1` traps (a deliberate crash, SIGILL or SIGTRAP);
/// - `BULLETIN_TEST_PAUSE_WHILE_WRITING=1` waits for a signal, so a test can send one while the
///   temporary exists.
///
/// The tests then check that the temporary is gone and the earlier output unchanged.
enum TestHook {
    enum Action { case crash, pause }

    static let action: Action? = {
        let environment = ProcessInfo.processInfo.environment
        if environment["BULLETIN_TEST_CRASH_WHILE_WRITING"] == "1" { return .crash }
        if environment["BULLETIN_TEST_PAUSE_WHILE_WRITING"] == "1" { return .pause }
        return nil
    }()

    static func afterWrite(_ file: OutputFile) {
        guard let action, file.temporary != nil, file.count > 0 else { return }
        switch action {
        case .crash:
            fatalError("BULLETIN_TEST_CRASH_WHILE_WRITING: crashing on purpose while writing \(file.path)")
        case .pause:
            FileHandle.standardError.write(Data("paused while writing \(file.path)\n".utf8))
            while true { pause() }
        }
    }
}

// MARK: - In memory

/// Bytes cairo writes, kept in memory: a PDF or picture to put into a mail message.
///
/// Cairo writes a PDF's uncompressed content a few bytes at a time (an operator, a number):
/// a million writes for a 50-page issue. So a write only copies into a staging buffer, through
/// a pointer cairo is given (no reference counting, no exclusivity check), and the buffer goes
/// into `bytes` when it is full or `bytes` is read.
final class ByteSink {
    private let state = UnsafeMutablePointer<State>.allocate(capacity: 1)

    private struct State {
        var bytes: [UInt8] = []
        let staging = UnsafeMutablePointer<UInt8>.allocate(capacity: State.stagingSize)
        var staged = 0
        static let stagingSize = 1 << 16

        mutating func write(_ data: UnsafePointer<UInt8>, count: Int) {
            if staged + count > Self.stagingSize {
                flush()
                if count > Self.stagingSize {
                    bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: count))
                    return
                }
            }
            (staging + staged).update(from: data, count: count)
            staged += count
        }

        mutating func flush() {
            guard staged > 0 else { return }
            bytes.append(contentsOf: UnsafeBufferPointer(start: staging, count: staged))
            staged = 0
        }
    }

    init() { state.initialize(to: State()) }

    deinit {
        state.pointee.staging.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Everything written so far.
    var bytes: [UInt8] {
        state.pointee.flush()
        return state.pointee.bytes
    }

    /// How many bytes were written so far.
    var count: Int { state.pointee.bytes.count + state.pointee.staged }

    /// A copy of what was written from `offset` on.
    func bytes(from offset: Int) -> [UInt8] {
        state.pointee.flush()
        return Array(state.pointee.bytes[min(offset, state.pointee.bytes.count)...])
    }

    static let cairoWriter: cairo_write_func_t = { closure, data, length in
        guard length > 0, let closure, let data else { return CAIRO_STATUS_SUCCESS }
        closure.assumingMemoryBound(to: State.self).pointee.write(data, count: Int(length))
        return CAIRO_STATUS_SUCCESS
    }

    /// The closure for `cairoWriter`; the sink must outlive the surface it is given to.
    var cairoClosure: UnsafeMutableRawPointer { UnsafeMutableRawPointer(state) }

    func check(_ status: cairo_status_t, making what: String) throws {
        guard status == CAIRO_STATUS_SUCCESS else {
            throw OutputError(path: "", message: "cannot make the \(what): " + String(cString: cairo_status_to_string(status)))
        }
    }
}
