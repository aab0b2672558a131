import Foundation
import BulletinModel

/// What a run of builds (`bulletin make --watch`) keeps of the stories and layouts it read: a
/// file whose text is as it was is taken as it was parsed (its YAML and Markdown), with the
/// warnings parsing it gave, and not parsed again. What depends on other files (a story's
/// pictures, found on disk) is done afresh each build.
public final class ParsedFiles: @unchecked Sendable {
    private struct StoryKey: Hashable {
        let path: String
        let language: String?
    }

    private let lock = NSLock()
    private var stories: [StoryKey: (text: String, name: String, story: Story, warnings: [Warning])] = [:]
    private var layouts: [String: (text: String, spec: LayoutSpec)] = [:]
    /// Files taken as they were, for tests.
    public private(set) var storiesTaken = 0
    public private(set) var layoutsTaken = 0

    public init() {}

    func story(path: String, name: String, language: String?, text: String) -> (story: Story, warnings: [Warning])? {
        lock.lock()
        defer { lock.unlock() }
        guard let kept = stories[StoryKey(path: path, language: language)], kept.text == text, kept.name == name else { return nil }
        storiesTaken += 1
        return (kept.story, kept.warnings)
    }

    func keep(_ story: Story, warnings: [Warning], path: String, name: String, language: String?, text: String) {
        lock.lock()
        defer { lock.unlock() }
        stories[StoryKey(path: path, language: language)] = (text, name, story, warnings)
    }

    func layout(path: String, text: String) -> LayoutSpec? {
        lock.lock()
        defer { lock.unlock() }
        guard let kept = layouts[path], kept.text == text else { return nil }
        layoutsTaken += 1
        return kept.spec
    }

    func keep(_ spec: LayoutSpec, path: String, text: String) {
        lock.lock()
        defer { lock.unlock() }
        layouts[path] = (text, spec)
    }
}
