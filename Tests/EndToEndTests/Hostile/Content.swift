import Foundation

/// Hostile cases: content that must reach the PDF: text cleaning, drawing checks, forced breaks (classes 2, 9).
extension HostileCorpus {
    static var content: [HostileCase] {
        []
    }
}
