import Foundation

/// Hostile cases: output paths, disks and temporary files (classes 1, 3, 4).
extension HostileCorpus {
    static var output: [HostileCase] {
        []
    }
}
