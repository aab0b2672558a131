import Foundation

/// A regular file's bytes, read whole and straight into an array: opened without waiting (a
/// FIFO put in a file's place since it was found would otherwise block for ever), and refused
/// when larger than a limit before anything is read. Pictures and hyphenation patterns are
/// read so.
enum RegularFile {
    enum Problem: Error, Equatable {
        case notFound
        /// The system's reason.
        case unreadable(String)
        case notRegular
        case tooLarge
    }

    static func bytes(at path: String, maxBytes: Int) throws(Problem) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw errno == ENOENT ? .notFound : .unreadable(String(cString: strerror(errno))) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { throw .notRegular }
        let size = Int(status.st_size)
        guard size <= maxBytes else { throw .tooLarge }
        var failure: Problem?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            while count < size {
                let read = Glibc.read(fd, buffer.baseAddress! + count, size - count)
                if read < 0 && errno == EINTR { continue }
                if read < 0 { failure = .unreadable(String(cString: strerror(errno))) }
                guard read > 0 else { break }
                count += read
            }
        }
        if let failure { throw failure }
        return bytes
    }
}
