import Foundation
import XCTest

/// Hostile cases: pictures (class 11). Files that claim to be huge, are cut short or damaged,
/// SVGs that reach for other files or the network, paths that leave the issue folder, and
/// things that are not files at all. Each is one error naming the story file and the line of
/// the picture, or a warning where the issue can still be made; never a crash, a hang, a read
/// outside the folder or a connection.
extension HostileCorpus {
    static var images: [HostileCase] {
        /// A story whose body is a paragraph and then the picture `markdown`, on line 6.
        func pictureStory(_ scene: HostileScene, _ markdown: String) throws {
            try scene.story("99-images.md", title: "Pictures under test", body: "Before the picture.\n\n\(markdown)\n\nAfter the picture.\n")
        }
        let sampleJPEG = Tools.root.appendingPathComponent("examples/sample/images/harbour-at-dusk.jpg").path
        /// The run made no connection to the loopback listener.
        let noConnection: (HostileScene, Tools.Result) throws -> Void = { _, _ in
            let count = LoopbackListener.shared.connections()
            if count > 0 { throw HostileError("\(count) connection(s) to the listener") }
        }
        let port = LoopbackListener.shared.port
        return [
            HostileCase("PNG header claiming 60,000 × 60,000 pixels", kind: "images",
                        expect: .fails(["99-images.md:6:", "image \"images/huge.png\" is 60,000 × 60,000 pixels, over the limit of 100 megapixels"])) { scene in
                // Signature, IHDR (60,000 × 60,000, 8-bit RGB), a few bytes of data and IEND.
                try scene.write("images/huge.png", bytes: SmallPNG.claiming(width: 60_000, height: 60_000))
                try pictureStory(scene, "![A huge claim](images/huge.png)")
            },
            HostileCase("truncated JPEG", kind: "images",
                        expect: .fails(["99-images.md:6:", "image \"images/cut.jpg\" is cut short"])) { scene in
                let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: sampleJPEG)))
                try scene.write("images/cut.jpg", bytes: Array(bytes.prefix(bytes.count * 2 / 3)))
                try pictureStory(scene, "![Half a picture](images/cut.jpg)")
            },
            HostileCase("corrupt PNG", kind: "images",
                        expect: .fails(["99-images.md:6:", "image \"images/bad.png\" is damaged and cannot be read (PNG)"])) { scene in
                var bytes = try [UInt8](Data(contentsOf: Tools.root.appendingPathComponent("examples/sample/images/scholarship-awards.png")))
                for i in 60..<400 { bytes[i] = UInt8(truncatingIfNeeded: i &* 37) }
                try scene.write("images/bad.png", bytes: bytes)
                try pictureStory(scene, "![Noise](images/bad.png)")
            },
            HostileCase("front-matter picture that is no picture", kind: "images",
                        expect: .fails(["99-images.md:4:", "image \"images/notes.jpg\" is not a JPEG, PNG or SVG picture"])) { scene in
                try scene.write("images/notes.jpg", "These are notes, not a photograph.\n")
                try scene.story("99-images.md", title: "Pictures under test", front: "image:\n  path: images/notes.jpg\n  alt: Notes\n", body: "Text.\n")
            },
            HostileCase("SVG with external entities", kind: "images",
                        expect: .fails(["99-images.md:6:", "image \"images/xxe.svg\" is not a valid SVG picture", "not defined"]),
                        verify: { scene, result in
                            try noConnection(scene, result)
                            if result.stderr.contains("root:") { throw HostileError("the error shows /etc/passwd: \(result.stderr)") }
                        }) { scene in
                _ = LoopbackListener.shared.connections()
                try scene.write("images/xxe.svg", """
                <?xml version="1.0"?>
                <!DOCTYPE svg [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY net SYSTEM "http://127.0.0.1:\(port)/entity"> ]>
                <svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><text x="5" y="20">&xxe;&net;</text></svg>
                """)
                try pictureStory(scene, "![Secrets](images/xxe.svg)")
            },
            HostileCase("SVG of nested uses past librsvg's limit", kind: "images",
                        expect: .fails(["99-images.md:6:", "image \"images/uses.svg\" cannot be drawn", "referenced elements"])) { scene in
                // A million references to an empty group: it parses, and only drawing it finds
                // the limit, so the picture is drawn once as it is read.
                var svg = #"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 100"><defs><g id="l0"/>"#
                for level in 1...6 {
                    svg += "<g id=\"l\(level)\">" + String(repeating: "<use xlink:href=\"#l\(level - 1)\"/>", count: 10) + "</g>"
                }
                try scene.write("images/uses.svg", svg + ##"</defs><use xlink:href="#l6"/></svg>"##)
                try pictureStory(scene, "![Nothing, many times](images/uses.svg)")
            },
            HostileCase("SVG with external images", kind: "images",
                        expect: .succeeds(contains: ["Before the picture.", "After the picture.", "Chart of nothing"]),
                        verify: { scene, result in
                            try noConnection(scene, result)
                            // Only the sample's own raster pictures: the 7 × 7 PNG next to the SVG is not read.
                            let images = try Tools.run("pdfimages", ["-list", scene.output]).stdout
                            if images.split(separator: "\n").contains(where: { $0.split(separator: " ").prefix(5).suffix(2) == ["7", "7"] }) {
                                throw HostileError("the SVG's file reference was followed: \(images)")
                            }
                        }) { scene in
                _ = LoopbackListener.shared.connections()
                try scene.write("images/dot.png", bytes: SmallPNG.sevenBySeven)
                try scene.write("images/remote.svg", """
                <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="100">
                <image x="0" y="0" width="50" height="50" xlink:href="http://127.0.0.1:\(port)/picture.png"/>
                <image x="50" y="0" width="50" height="50" href="dot.png"/>
                <image x="100" y="0" width="50" height="50" href="file://\(scene.issue)/images/dot.png"/>
                <rect x="0" y="60" width="200" height="10" fill="#1a4a7a"/>
                </svg>
                """)
                try pictureStory(scene, "![A chart](images/remote.svg \"Chart of nothing\")")
            },
            HostileCase("picture path climbing out of the folder", kind: "images",
                        expect: .fails(["99-images.md:6:", "image \"../../etc/passwd\" lies outside the issue folder"])) {
                try pictureStory($0, "![Passwords](../../etc/passwd)")
            },
            HostileCase("picture that is a link to a file outside", kind: "images",
                        expect: .fails(["99-images.md:6:", "image \"images/linked.jpg\" lies outside the issue folder (through a symbolic link)"])) { scene in
                try FileManager.default.createDirectory(atPath: scene.issue + "/images", withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(atPath: scene.issue + "/images/linked.jpg", withDestinationPath: sampleJPEG)
                try pictureStory(scene, "![Elsewhere](images/linked.jpg)")
            },
            HostileCase("picture linked from outside, allowed", kind: "images",
                        expect: .succeeds(contains: ["Before the picture.", "After the picture."]),
                        arguments: { $0.defaultArguments + ["--allow-outside"] }) { scene in
                try FileManager.default.createDirectory(atPath: scene.issue + "/images", withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(atPath: scene.issue + "/images/linked.jpg", withDestinationPath: sampleJPEG)
                try pictureStory(scene, "![Elsewhere](images/linked.jpg)")
            },
            HostileCase("missing picture", kind: "images",
                        expect: .fails(["99-images.md:6:", "image \"images/none.jpg\" not found"])) {
                try pictureStory($0, "![Gone](images/none.jpg)")
            },
            HostileCase("folder as a picture", kind: "images",
                        expect: .fails(["99-images.md:6:", "image \"images\" is a folder, not a picture"])) {
                try pictureStory($0, "![A folder](images)")
            },
            HostileCase("FIFO as a picture", kind: "images",
                        expect: .fails(["99-images.md:6:", "image \"images/pipe.png\" is not a regular file"])) { scene in
                try FileManager.default.createDirectory(atPath: scene.issue + "/images", withIntermediateDirectories: true)
                guard mkfifo(scene.issue + "/images/pipe.png", 0o600) == 0 else { throw HostileError("mkfifo failed") }
                try pictureStory(scene, "![A pipe](images/pipe.png)")
            },
            HostileCase("picture from a web address", kind: "images",
                        expect: .fails(["99-images.md:6:", "is a web address: pictures are read from the issue folder only"]),
                        verify: noConnection) {
                try pictureStory($0, "![Remote](http://127.0.0.1:\(port)/photo.jpg)")
            },
            HostileCase("picture without alt text", kind: "images",
                        expect: .warns(["99-images.md:6:", "image \"../images/harbour-at-dusk.jpg\" has no alt text"],
                                       contains: ["Before the picture.", "After the picture."])) {
                try pictureStory($0, "![](../images/harbour-at-dusk.jpg)")
            },
            HostileCase("picture far taller than a column", kind: "images",
                        expect: .warns(["99-images.md:6:", "is too tall for a column"], contains: ["A very tall caption.", "After the picture."])) { scene in
                try scene.write("images/tall.svg", ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 400"><rect width="10" height="400" fill="#1a4a7a"/></svg>"##)
                try pictureStory(scene, "![A tall bar](images/tall.svg \"A very tall caption.\")")
            },
        ]
    }
}

/// Small PNG files made in the test, with correct checksums (stored deflate: no zlib needed).
enum SmallPNG {
    static func crc(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            c ^= UInt32(b)
            for _ in 0..<8 { c = c & 1 == 1 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        }
        return ~c
    }

    static func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] { be(UInt32(data.count)) + Array(type.utf8) + data + be(crc(Array(type.utf8) + data)) }

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// A zlib stream of `raw` in one stored block.
    static func stored(_ raw: [UInt8]) -> [UInt8] {
        var a: UInt32 = 1, b: UInt32 = 0
        for x in raw { a = (a + UInt32(x)) % 65_521; b = (b + a) % 65_521 }
        let n = raw.count
        return [0x78, 0x01, 1, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)] + raw + be(b << 16 | a)
    }

    /// A 7 × 7 red PNG, so that the PDF's image list shows whether it was read.
    static let sevenBySeven: [UInt8] = {
        var raw: [UInt8] = []
        for _ in 0..<7 { raw += [0] + Array(repeating: [UInt8(255), 0, 0], count: 7).flatMap { $0 } }
        return signature + chunk("IHDR", be(7) + be(7) + [8, 2, 0, 0, 0]) + chunk("IDAT", stored(raw)) + chunk("IEND", [])
    }()

    /// A valid PNG header claiming `width` × `height` pixels, with one row of data: a few
    /// dozen bytes.
    static func claiming(width: Int, height: Int) -> [UInt8] {
        signature + chunk("IHDR", be(UInt32(width)) + be(UInt32(height)) + [8, 2, 0, 0, 0])
            + chunk("IDAT", stored([0, 0, 0, 0])) + chunk("IEND", [])
    }
}

/// A TCP listener on 127.0.0.1 that counts the connections made to it, so that a case can
/// show that nothing was fetched. Non-blocking: counting accepts what is waiting and returns.
final class LoopbackListener: @unchecked Sendable {
    static let shared = LoopbackListener()
    private let socket: Int32
    let port: Int

    private init() {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.socket = socket
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        _ = listen(socket, 16)
        _ = fcntl(socket, F_SETFL, O_NONBLOCK)
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        port = Int(UInt16(bigEndian: bound.sin_port))
    }

    /// The connections made since the last call, each accepted and closed.
    func connections() -> Int {
        var count = 0
        while true {
            let client = accept(socket, nil, nil)
            guard client >= 0 else { return count }
            close(client)
            count += 1
        }
    }
}

/// The listener the picture cases rely on does see a connection when one is made.
final class LoopbackListenerTests: XCTestCase {
    func testCountsAConnection() throws {
        let listener = LoopbackListener.shared
        _ = listener.connections()
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(client) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(listener.port).bigEndian
        let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        XCTAssertEqual(connected, 0)
        usleep(50_000)
        XCTAssertEqual(listener.connections(), 1)
        XCTAssertEqual(listener.connections(), 0)
    }
}
