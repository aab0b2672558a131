import Foundation

/// Hostile cases: link URLs written to the PDF (class 10).
extension HostileCorpus {
    static var links: [HostileCase] {
        []
    }
}
