import BulletinModel
import Dispatch
import Foundation

/// The stories of an issue being prepared (`StoryMaterial`) by the composing thread and a
/// helper, handed to distributing as each is done.
///
/// The helper takes the stories longest first, and the boxes (`BoxesAhead`), one at a time.
/// Distributing, on the composing thread, starts at once and asks for the stories in the
/// issue's order (`material`): a story done is taken; one no thread has begun is prepared
/// there and then; while the helper is on the one asked for, the composing thread prepares the
/// next stories distributing will ask for. So distributing goes on beside the helper's
/// preparing, not after it, and the composing thread is seldom left waiting. `finish` then
/// prepares what is left and tells what preparing told (warnings, words too wide) in the
/// stories' order, as one thread preparing them all would have told it. The materials are the
/// same whichever thread prepares them (the helper measures exactly as the typesetter does),
/// so the distribution is the same.
final class Preparation {
    private let composer: Composer
    private let issue: Issue
    private let looseness: Int
    private let results: PreparedStories
    private let sizes: [[ImageSize?]]
    private let queue: StoryQueue
    /// Whether the boxes are among the jobs (else distributing sets them itself).
    private let boxesQueued: Bool
    private let group = DispatchGroup()
    private var finished = false

    /// Starts preparing `issue`'s stories with `composer` (its `helper` on another thread).
    init(_ composer: Composer, _ issue: Issue, looseness: Int) {
        var composer = composer
        composer.looseness = looseness
        self.composer = composer
        self.issue = issue
        self.looseness = looseness
        let stories = issue.stories
        results = PreparedStories(count: stories.count)
        // Stories an earlier build of the session prepared as they are now are taken as they were.
        composer.materials?.begin(layout: composer.layout, stories: stories.count)
        sizes = stories.map { $0.imageReferences.map { composer.images.size(ofImageAt: $0.resolved) } }
        var missing: [Int] = []
        for index in stories.indices {
            if let entry = composer.materials?.entry(index: index, looseness: looseness, story: stories[index], sizes: sizes[index]) {
                results.set(index, entry)
            } else {
                missing.append(index)
            }
        }
        guard let helper = composer.helper, missing.count > 1 else {
            queue = StoryQueue(missing.map(PrepareJob.story))
            boxesQueued = false
            return
        }
        // Longest first: what a story costs is not only its length (the first words in a font
        // or language load it). The contents box and the imprint, which only distributing needs,
        // are set by the thread that is free first once the stories are taken (at the sample's
        // 10 stories, 26 million instructions the drawing thread otherwise spent alone).
        let order = Composer.longestFirst(missing.map { stories[$0] }).map { missing[$0] }
        let boxJobs: [PrepareJob] = looseness == 0 && !composer.boxes.isSet ? [.boxes] : []
        let queue = StoryQueue(order.map(PrepareJob.story) + boxJobs)
        self.queue = queue
        boxesQueued = !boxJobs.isEmpty
        var other = composer
        other.typesetter = helper
        // The helper's composer is used on its thread only, until the group's wait.
        let handOver = HandOver((composer: other, issue: issue))
        let results = self.results
        DispatchQueue.global(qos: .userInitiated).async(group: group) { [handOver, results, queue] in
            while let job = queue.next() { Self.run(job, of: handOver.value.issue, with: handOver.value.composer, into: results) }
        }
    }

    /// The material of story `index`, prepared here if no thread has begun it; while the helper
    /// prepares it, this thread prepares the stories after it that are not begun.
    func material(_ index: Int) -> StoryMaterial {
        if let entry = results.entry(index) { return entry.value }
        if queue.claim(.story(index)) {
            Self.run(.story(index), of: issue, with: composer, into: results)
            return results.entry(index)!.value
        }
        for later in issue.stories.indices.dropFirst(index + 1) where queue.claim(.story(later)) {
            Self.run(.story(later), of: issue, with: composer, into: results)
            if let entry = results.entry(index) { return entry.value }
        }
        return results.waitForEntry(index).value
    }

    /// Waits for the boxes, where the helper sets them, preparing meanwhile the stories no
    /// thread has begun, in the issue's order.
    func boxes() {
        guard boxesQueued, !results.boxesDone else { return }
        if queue.claim(.boxes) {
            Self.run(.boxes, of: issue, with: composer, into: results)
            return
        }
        for index in issue.stories.indices where !results.boxesDone && queue.claim(.story(index)) {
            Self.run(.story(index), of: issue, with: composer, into: results)
        }
        results.waitForBoxes()
    }

    /// Every story's material, once all are prepared, with what preparing told told to the
    /// composer's clock in the stories' order (and kept for the session's next build).
    func finish() -> [StoryMaterial] {
        precondition(!finished)
        finished = true
        while let job = queue.next() { Self.run(job, of: issue, with: composer, into: results) }
        group.wait()
        let typesetter = composer.typesetter
        if let helper = composer.helper {
            typesetter.clock.breaking += helper.clock.breaking
            typesetter.clock.paragraphs += helper.clock.paragraphs
            helper.clock.breaking = .zero
            helper.clock.paragraphs = 0
        }
        let clock = typesetter.clock
        let stories = issue.stories
        return stories.indices.map { index in
            let prepared = results.entry(index)!
            composer.materials?.keep(prepared, index: index, looseness: looseness, story: stories[index], sizes: sizes[index])
            for warning in prepared.warnings where !clock.warnings.contains(warning) { clock.warnings.append(warning) }
            let overlong = clock.overlongWords.count
            clock.overlongWords += prepared.overlong
            if looseness == 0 {
                composer.warnOverlong(since: overlong, file: stories[index].file, line: stories[index].titleLine, measure: "its line")
            }
            return prepared.value
        }
    }

    /// Lets the helper finish the job it is on and take no other, when distributing failed.
    func abandon() {
        guard !finished else { return }
        finished = true
        queue.close()
        group.wait()
    }

    /// Does `job` with `composer`'s typesetter: a story's material into `results`, or the boxes.
    private static func run(_ job: PrepareJob, of issue: Issue, with composer: Composer, into results: PreparedStories) {
        switch job {
        case .story(let index): results.set(index, Composer.prepareOne(issue.stories[index], index: index, with: composer))
        case .boxes:
            composer.boxes.set(issue, with: composer)
            results.setBoxes()
        }
    }
}

/// The stories' materials as distributing takes them: all made (an array), or handed out as
/// they are prepared (`Preparation`).
struct StoryMaterials {
    let count: Int
    private let made: [StoryMaterial]?
    private let preparation: Preparation?

    init(_ made: [StoryMaterial]) {
        count = made.count
        self.made = made
        preparation = nil
    }

    init(_ preparation: Preparation, count: Int) {
        self.count = count
        made = nil
        self.preparation = preparation
    }

    subscript(index: Int) -> StoryMaterial { made?[index] ?? preparation!.material(index) }

    /// Every story's material, in the issue's order.
    var all: [StoryMaterial] { made ?? (0..<count).map { preparation!.material($0) } }

    /// Waits for the boxes set where the stories are prepared (`BoxesAhead`), if they are.
    func waitForBoxes() { preparation?.boxes() }
}

/// Stories (and the boxes) to prepare, handed out one at a time to whichever thread asks: the
/// next in order, or one asked for by name.
final class StoryQueue: @unchecked Sendable {
    private let order: [PrepareJob]
    private var taken: [Bool]
    /// Every job before it is taken.
    private var first = 0
    private let lock = NSLock()

    init(_ order: [PrepareJob]) {
        self.order = order
        taken = Array(repeating: false, count: order.count)
    }

    /// The next job in order not taken, or nil when all are.
    func next() -> PrepareJob? {
        lock.withLock {
            while first < order.count, taken[first] { first += 1 }
            guard first < order.count else { return nil }
            taken[first] = true
            return order[first]
        }
    }

    /// Takes `job` if it is in the queue and no thread has taken it.
    func claim(_ job: PrepareJob) -> Bool {
        lock.withLock {
            guard let position = order.firstIndex(of: job), !taken[position] else { return false }
            taken[position] = true
            return true
        }
    }

    /// Hands out nothing more.
    func close() {
        lock.withLock { first = order.count }
    }
}

/// What a thread preparing the stories takes next: a story (by its index), or the boxes.
enum PrepareJob: Equatable {
    case story(Int)
    case boxes
}

/// The stories prepared by two threads, each setting the entries of the stories it took; read
/// as they are set.
final class PreparedStories: @unchecked Sendable {
    typealias Entry = Told<StoryMaterial>
    private var entries: [Entry?]
    private var boxesSet = false
    private let condition = NSCondition()

    /// Whether the boxes are set.
    var boxesDone: Bool { condition.withLock { boxesSet } }

    init(count: Int) { entries = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ entry: Entry) {
        condition.withLock {
            entries[index] = entry
            condition.broadcast()
        }
    }

    func setBoxes() {
        condition.withLock {
            boxesSet = true
            condition.broadcast()
        }
    }

    /// The entry of story `index`, if it is prepared.
    func entry(_ index: Int) -> Entry? { condition.withLock { entries[index] } }

    /// The entry of story `index`, once it is prepared.
    func waitForEntry(_ index: Int) -> Entry {
        condition.withLock {
            while entries[index] == nil { condition.wait() }
            return entries[index]!
        }
    }

    func waitForBoxes() {
        condition.withLock {
            while !boxesSet { condition.wait() }
        }
    }
}

/// A value handed to the thread that uses it alone (a composer), or only reads it (an issue).
private struct HandOver<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
