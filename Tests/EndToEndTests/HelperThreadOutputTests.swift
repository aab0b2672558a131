import Foundation
import XCTest
@testable import BulletinKit

/// Stories prepared on a second thread, with a Pango context of its own, draw the same PDF,
/// byte for byte: the same widths, the same glyphs, the same fonts (the Chinese story's
/// compact face included), the same warnings.
final class HelperThreadOutputTests: XCTestCase {
    func testASecondThreadMakesTheSameFile() throws {
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for example in ["sample", "alumni-connect"] {
            var files: [Data?] = [], warnings: [[String]] = []
            for helper in [false, true] {
                var options = MakeOptions(issue: Tools.root.appendingPathComponent("examples/\(example)").path,
                                          output: folder + "/\(example)-\(helper).pdf")
                options.helperThread = helper
                let report = try Bulletin.make(options)
                files.append(FileManager.default.contents(atPath: options.output!))
                warnings.append(report.warnings.map(\.description))
            }
            XCTAssertNotNil(files[0])
            XCTAssertEqual(files[0], files[1], example)
            XCTAssertEqual(warnings[0], warnings[1], example)
        }
    }
}
