import XCTest
final class BulletinSourceTestsPlaceholder: XCTestCase { func testNothing() {} }
