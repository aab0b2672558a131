import XCTest
import BulletinModel
@testable import BulletinSource

/// The layout's `email:` block: its numbers are checked where they are read, naming the file,
/// the key and the line.
final class EmailLayoutTests: XCTestCase {
    /// The classic layout with `email:` appended.
    func load(_ email: String) throws -> LayoutSpec {
        let text = try String(contentsOfFile: LayoutLoaderTests.classicPath, encoding: .utf8) + "\nemail:\n" + email
        let path = NSTemporaryDirectory() + "layout-\(UUID().uuidString).yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try LayoutLoader.load(path: path)
    }

    var emailLine: Int {
        (try? String(contentsOfFile: LayoutLoaderTests.classicPath, encoding: .utf8).components(separatedBy: "\n").count).map { $0 + 1 } ?? 0
    }

    func testDefaults() throws {
        let spec = try LayoutLoader.load(path: LayoutLoaderTests.classicPath).email
        XCTAssertEqual(spec, EmailSpec(imageDPI: 150, jpegQuality: 80, sizeBudget: 4 * 1024 * 1024))
    }

    func testReadsTheBlock() throws {
        let spec = try load("  image_dpi: 120\n  jpeg_quality: 65\n  size_budget: 2.5MB\n").email
        XCTAssertEqual(spec.imageDPI, 120)
        XCTAssertEqual(spec.jpegQuality, 65)
        XCTAssertEqual(spec.sizeBudget, 2_621_440)
        XCTAssertEqual(try load("  size_budget: 800 KB\n").email.sizeBudget, 819_200)
    }

    func testBadNumbersNameKeyAndLine() throws {
        let cases: [(String, String, Int)] = [
            ("  image_dpi: 0\n", "email.image_dpi must be from 36 to 1200 dpi, not \"0\"", 1),
            ("  image_dpi: nan\n", "email.image_dpi must be from 36 to 1200 dpi", 1),
            ("  jpeg_quality: 80\n  jpeg_quality_x: 1\n", "unknown key \"jpeg_quality_x\" in email", 2),
            ("  jpeg_quality: 101\n", "email.jpeg_quality must be from 10 to 100, not \"101\"", 1),
            ("  jpeg_quality: 7.5\n", "email.jpeg_quality must be a whole number", 1),
            ("  size_budget: lots\n", "email.size_budget must be a size such as 4MB or 800KB, not \"lots\"", 1),
            ("  size_budget: 10KB\n", "email.size_budget must be from 100KB to 1GB, not \"10KB\"", 1),
        ]
        for (block, message, offset) in cases {
            XCTAssertThrowsError(try load(block), block) { error in
                let error = error as? InputError
                XCTAssertTrue(error?.message.contains(message) ?? false, "\(block): \(error?.message ?? "no InputError")")
                XCTAssertEqual(error?.line, emailLine + offset, block)
                XCTAssertTrue(error?.file.hasSuffix(".yaml") ?? false)
            }
        }
    }
}
