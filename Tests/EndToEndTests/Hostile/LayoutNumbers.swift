import Foundation

/// Hostile cases: numbers and geometry in layout files (class 6, and 2's empty pages).
extension HostileCorpus {
    static var layoutNumbers: [HostileCase] {
        []
    }
}
