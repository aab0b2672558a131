import XCTest
final class BulletinLayoutTestsPlaceholder: XCTestCase { func testNothing() {} }
