import Foundation
import XCTest
@testable import BulletinGraphics

/// Work on a thread of its own, and the work that gives way to the threads that compose and
/// draw.
final class BackgroundWorkTests: XCTestCase {
    /// The value comes back; a yielding work's thread runs at nice 10, an ordinary one at its
    /// caller's priority.
    func testYieldingWorkRunsAtALowerPriority() {
        let caller = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        let ordinary = BackgroundWork { getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) }
        let yielding = BackgroundWork(yielding: true) { getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) }
        XCTAssertEqual(ordinary.wait(), caller)
        XCTAssertEqual(yielding.wait(), max(caller, 10), "nice 10, or the caller's if lower already")
        XCTAssertEqual(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0), caller, "the caller's own priority is left alone")
    }
}
