import Foundation

/// Hostile cases: size limits, nesting depth, fonts folder and files outside the issue (classes 5, 7, 8, 11, 13).
extension HostileCorpus {
    static var limits: [HostileCase] {
        []
    }
}
