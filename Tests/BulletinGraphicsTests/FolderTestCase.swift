import XCTest
import Foundation

/// A test case whose every test has a temporary folder of its own, `folder`, removed after it.
class FolderTestCase: XCTestCase {
    /// The folder's name starts `bulletin-` and this.
    class var folderPrefix: String { "test" }

    var folder = ""

    override func setUp() {
        super.setUp()
        folder = NSTemporaryDirectory() + "bulletin-\(Self.folderPrefix)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
        super.tearDown()
    }
}
