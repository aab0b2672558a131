import Foundation

/// A temporary issue folder that tests fill with files and that removes itself.
final class ScratchIssue {
    let path: String

    init(issueYAML: String? = ScratchIssue.validIssue, stories: [String: String] = ["01-first.md": ScratchIssue.validStory]) {
        path = NSTemporaryDirectory() + "bulletin-test-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path + "/stories", withIntermediateDirectories: true)
        if let issueYAML { write("issue.yaml", issueYAML) }
        for (name, text) in stories { write("stories/" + name, text) }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ name: String, _ text: String) {
        write(name, bytes: Array(text.utf8))
    }

    func write(_ name: String, bytes: [UInt8]) {
        let file = path + "/" + name
        try? FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // Not `createFile`, which writes atomically and syncs: slow for a test that makes 500 files.
        try? Data(bytes).write(to: URL(fileURLWithPath: file))
    }

    /// U+FDD0, which Swift does not take in a string literal.
    static let noncharacterFDD0 = String(Character(Unicode.Scalar(0xFDD0 as UInt32) ?? "?"))

    static let validIssue = """
    title: Test Bulletin
    subtitle: Tests
    volume: 1
    number: 2
    date: 2026-11
    editors: [Ann Editor, Bo Editor]
    contact:
      organisation: Test Office
      address: 1 Test Road
      telephone: +44 1632 960 000
      email: test@example.edu
      web: www.example.edu
    copyright: © 2026 Test
    """

    static let validStory = """
    ---
    title: A first story
    kicker: News
    written_by: Ann Writer
    edited_by: [Bo Editor, Cy Editor]
    ---

    The first paragraph of the story.

    The second paragraph.
    """
}
