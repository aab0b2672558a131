import Foundation

/// Hostile cases: output paths, disks and temporary files (classes 1, 3, 4).
extension HostileCorpus {
    static var output: [HostileCase] {
        var cases = [
            // Output over input: refused by device and inode, however the path is spelt.
            HostileCase("output is issue.yaml", kind: "output", expect: .fails(["/issue/issue.yaml: is the input file", "choose another output"]),
                        arguments: { ["make", $0.issue, "-o", $0.issue + "/issue.yaml"] }, verify: unchanged("issue.yaml")) { _ in },
            HostileCase("output is a story", kind: "output", expect: .fails(["\(story1): is the input file"]),
                        arguments: { ["make", $0.issue, "-o", $0.issue + "/" + story1] }, verify: unchanged(story1)) { _ in },
            HostileCase("output is the layout", kind: "output", expect: .fails(["/issue/layouts/hostile.yaml: is the input file"]),
                        arguments: { ["make", $0.issue, "-o", $0.issue + "/layouts/hostile.yaml"] }, verify: unchanged("layouts/hostile.yaml")) {
                try $0.layout([])
            },
            HostileCase("output is issue.yaml through ..", kind: "output", expect: .fails(["/stories/../../issue/issue.yaml: is the input file"]),
                        arguments: { ["make", $0.issue, "-o", $0.issue + "/stories/../../issue/issue.yaml"] }, verify: unchanged("issue.yaml")) { _ in },
            HostileCase("output is a hard link to a story", kind: "output", expect: .fails(["/out/story.md: is the input file", story3]),
                        arguments: { ["make", $0.issue, "-o", $0.root + "/out/story.md"] }, verify: unchanged(story3)) {
                guard link($0.issue + "/" + story3, $0.root + "/out/story.md") == 0 else { throw HostileError("cannot link: \(errno)") }
            },
            HostileCase("output is a symbolic link to a story", kind: "output", expect: .fails(["/out/story.md: is the input file", story5]),
                        arguments: { ["make", $0.issue, "-o", $0.root + "/out/story.md"] }, verify: unchanged(story5)) {
                try FileManager.default.createSymbolicLink(atPath: $0.root + "/out/story.md", withDestinationPath: $0.issue + "/" + story5)
            },
            HostileCase("dump onto a story", kind: "output", expect: .fails(["\(story1): is the input file"]),
                        arguments: { ["make", $0.issue, "-o", $0.output, "--dump", $0.issue + "/" + story1] }, verify: unchanged(story1)) { _ in },
            HostileCase("dump onto the output", kind: "output", expect: .fails(["/out/./earlier.pdf: is also the output"]),
                        arguments: { ["make", $0.issue, "-o", $0.output, "--dump", $0.root + "/out/./earlier.pdf"] }) { _ in },

            // A name whose suffix says another format is not given a PDF.
            HostileCase("output named .svg", kind: "output", expect: .fails(["/out/issue.svg: bulletin writes .pdf (the issue) or .png (page 1), not .svg"]),
                        arguments: { ["make", $0.issue, "-o", $0.root + "/out/issue.svg"] },
                        verify: { scene, _ in
                            if FileManager.default.fileExists(atPath: scene.root + "/out/issue.svg") { throw HostileError("out/issue.svg was written") }
                        }) { _ in },

            // Targets that are not regular files.
            HostileCase("output is a folder", kind: "output", expect: .fails(["/out: is a folder"]),
                        arguments: { ["make", $0.issue, "-o", $0.root + "/out"] }) { _ in },
            HostileCase("dump is a folder", kind: "output", expect: .fails(["/out: is a folder"]),
                        arguments: { ["make", $0.issue, "-o", $0.output, "--dump", $0.root + "/out"] }) { _ in },
            HostileCase("output is /dev/null", kind: "output", expect: .fails(["null: is a device, not a regular file"]),
                        arguments: { ["make", $0.issue, "-o", device(in: $0)] }, verify: { scene, _ in try isADevice(device(in: scene)) }) {
                try makeDevice(in: $0)
            },
            HostileCase("output is /dev/null through a link", kind: "output", expect: .fails(["/out/null.pdf: is a device, not a regular file"]),
                        arguments: { ["make", $0.issue, "-o", $0.root + "/out/null.pdf"] }, verify: { scene, _ in try isADevice(device(in: scene)) }) {
                try makeDevice(in: $0)
                try FileManager.default.createSymbolicLink(atPath: $0.root + "/out/null.pdf", withDestinationPath: device(in: $0))
            },
            HostileCase("output is a FIFO", kind: "output", expect: .fails(["/out/pipe: is a FIFO"]),
                        arguments: { ["make", $0.issue, "-o", $0.root + "/out/pipe"] }) {
                guard mkfifo($0.root + "/out/pipe", 0o600) == 0 else { throw HostileError("cannot mkfifo: \(errno)") }
            },
            HostileCase("output is a socket", kind: "output", expect: .fails(["/out/socket: is a socket"]),
                        arguments: { ["make", $0.issue, "-o", $0.root + "/out/socket"] }) {
                try bindSocket(at: $0.root + "/out/socket")
            },
            HostileCase("output is a broken symbolic link", kind: "output", expect: .fails(["/out/gone.pdf: is a symbolic link to a file that does not exist"]),
                        arguments: { ["make", $0.issue, "-o", $0.root + "/out/gone.pdf"] }) {
                try FileManager.default.createSymbolicLink(atPath: $0.root + "/out/gone.pdf", withDestinationPath: $0.root + "/out/nothing.pdf")
            },

            // Folders that cannot take the file, for root too.
            HostileCase("output under a file", kind: "output", expect: .fails(["/out/earlier.pdf/x.pdf: cannot write here:", "/out/earlier.pdf is a file, not a folder"]),
                        arguments: { ["make", $0.issue, "-o", $0.output + "/x.pdf"] }) { _ in },
            HostileCase("control characters in the output name", kind: "output", expect: .fails(["/x\\u{1B}[31mred\\n.pdf: cannot write here:"]),
                        arguments: { ["make", $0.issue, "-o", $0.output + "/x\u{1B}[31mred\n.pdf"] }) { _ in },
            HostileCase("empty output name", kind: "output", expect: .fails(["error: the output's name is empty"]),
                        arguments: { ["make", $0.issue, "-o", ""] }) { _ in },
            HostileCase("output name of 300 bytes", kind: "output", expect: .fails([".pdf: cannot write here: file name too long"]),
                        arguments: { ["make", $0.issue, "-o", $0.root + "/out/" + String(repeating: "n", count: 296) + ".pdf"] }) { _ in },
            HostileCase("output in folders not made yet", kind: "output", expect: .succeeds(contains: ["Global Campus"]),
                        arguments: { ["make", $0.issue, "-o", $0.root + "/out/new/deeper/x.pdf"] }, verify: { scene, result in
                let made = FileManager.default.contents(atPath: scene.root + "/out/new/deeper/x.pdf")
                guard made?.starts(with: Data("%PDF-".utf8)) ?? false else { throw HostileError("x.pdf was not made") }
                guard result.stdout.hasSuffix("/out/new/deeper/x.pdf\n") else { throw HostileError("the path was not printed: \(result.stdout)") }
            }) { _ in },

            // Standard output: the PDF and nothing else.
            HostileCase("output to standard output", kind: "output", expect: .succeeds(contains: ["Global Campus"]),
                        arguments: { ["make", $0.issue, "-o", "-"] }, verify: { scene, result in
                guard result.stdout.hasPrefix("%PDF-1."), result.stdout.hasSuffix("%%EOF\n") else {
                    throw HostileError("standard output does not hold one PDF: \(result.stdout.prefix(20).debugDescription)")
                }
                let pages = try pageCount(result.stdoutBytes), expected = try pageCount(HostileCorpusTests.earlier)
                guard let pages, pages == expected else {
                    throw HostileError("the PDF on standard output has \(pages.map(String.init) ?? "no") pages, not \(expected ?? 0)")
                }
                guard FileManager.default.contents(atPath: scene.output) == HostileCorpusTests.earlier else {
                    throw HostileError("-o - changed the earlier PDF")
                }
            }) { _ in },
            HostileCase("dump and output both standard output", kind: "output", expect: .fails(["standard output: is also the output"]),
                        arguments: { ["make", $0.issue, "-o", "-", "--dump", "-"] }) { _ in },
        ]
        if getuid() == 0 {
            cases += [
                HostileCase("disk full", kind: "output", expect: .fails(["/out/earlier.pdf: cannot write: no space left on the device"]),
                            verify: { scene, _ in try unmount(scene.root + "/out") }) {
                    // Room for the earlier PDF and 64 KiB: the new one, as large, cannot fit beside it.
                    try mountTmpfs(over: $0.root + "/out", keeping: $0.output, room: 64 * 1024)
                },
                HostileCase("read-only file system", kind: "output", expect: .fails(["/out/earlier.pdf: cannot create a file in", "read-only file system"]),
                            verify: { scene, _ in try unmount(scene.root + "/out") }) {
                    try mountTmpfs(over: $0.root + "/out", keeping: $0.output, room: 1024 * 1024)
                    let remount = try Tools.run("mount", ["-o", "remount,ro", $0.root + "/out"])
                    guard remount.status == 0 else { throw HostileError("cannot remount read-only: \(remount.stderr)") }
                },
            ]
        } else {
            cases.append(
                HostileCase("read-only folder", kind: "output", expect: .fails(["/out/earlier.pdf: cannot create a file in", "permission denied"]),
                            verify: { scene, _ in chmod(scene.root + "/out", 0o755) }) {
                    chmod($0.root + "/out", 0o555)
                })
        }
        return cases
    }

    /// A check that the issue's `file` is as the sample has it.
    static func unchanged(_ file: String) -> (HostileScene, Tools.Result) throws -> Void {
        { scene, _ in
            // hostile.yaml is a copy of the classic layout (`HostileScene.layout`).
            let original = file.hasPrefix("layouts/") ? Tools.root.appendingPathComponent("layouts/classic.yaml").path
                                                      : Tools.root.appendingPathComponent("examples/sample/" + file).path
            let now = FileManager.default.contents(atPath: scene.issue + "/" + file)
            guard now != nil, now == FileManager.default.contents(atPath: original) else {
                throw HostileError("\(file) was changed")
            }
        }
    }

    /// The number of pages of a PDF, as pdfinfo counts them.
    static func pageCount(_ pdf: Data) throws -> Int? {
        // pdfinfo reads the page tree wherever it is, in an object stream too.
        let file = NSTemporaryDirectory() + "bulletin-pages-\(UUID().uuidString).pdf"
        guard FileManager.default.createFile(atPath: file, contents: pdf) else { throw HostileError("cannot write \(file)") }
        defer { try? FileManager.default.removeItem(atPath: file) }
        let info = try Tools.run("pdfinfo", [file]).stdout
        return info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") }
    }

    /// The null device a case aims at. As root, a node of the case's own with /dev/null's
    /// numbers, so that a regression replaces that rather than the system's; for anyone else
    /// /dev/null itself, which they cannot replace.
    static func device(in scene: HostileScene) -> String {
        getuid() == 0 ? scene.root + "/out/null" : "/dev/null"
    }

    static func makeDevice(in scene: HostileScene) throws {
        guard getuid() == 0 else { return }
        guard mknod(device(in: scene), S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 else { throw HostileError("cannot mknod: \(errno)") }
    }

    static func isADevice(_ path: String) throws {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFCHR else { throw HostileError("\(path) is no longer a device") }
    }

    /// A Unix socket bound at `path`; the file stays after the descriptor is closed.
    static func bindSocket(at path: String) throws {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw HostileError("cannot make a socket") }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw HostileError("socket path too long") }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw HostileError("cannot bind the socket: \(errno)") }
    }

    /// Mounts a tmpfs over `folder` holding the file `keep` had, with `room` bytes to spare.
    static func mountTmpfs(over folder: String, keeping keep: String, room: Int) throws {
        let contents = FileManager.default.contents(atPath: keep) ?? Data()
        let mount = try Tools.run("mount", ["-t", "tmpfs", "-o", "size=\(contents.count + room)", "tmpfs", folder])
        guard mount.status == 0 else { throw HostileError("cannot mount a tmpfs: \(mount.stderr)") }
        guard FileManager.default.createFile(atPath: keep, contents: contents) else {
            try unmount(folder)
            throw HostileError("cannot put the earlier PDF on the tmpfs")
        }
    }

    static func unmount(_ folder: String) throws {
        let result = try Tools.run("umount", [folder])
        guard result.status == 0 else { throw HostileError("cannot unmount \(folder): \(result.stderr)") }
    }
}
