import Foundation

/// A Debian hyphenation pattern file (`/usr/share/hyphen/hyph_*.dic`), read and applied as
/// libhyphen 2.8 does (`hnj_hyphen_load`, `hnj_hyphen_hyphenate2`), with the same results, but
/// loaded in milliseconds: libhyphen's loader takes seconds over hyph_de_DE.dic's 69,000
/// patterns because it builds a hashed state machine with fallback states, where a plain trie
/// walked from each letter finds the same states. And most patterns go into the trie only
/// when a word first needs them (`read`, `Level.ensure`): the sample's German story needs a
/// fifth of German's.
///
/// Kept as libhyphen has them: the character set line, LEFTHYPHENMIN and RIGHTHYPHENMIN, the
/// compound level before NEXTLEVEL (with COMPOUNDLEFTHYPHENMIN and COMPOUNDRIGHTHYPHENMIN, or
/// the default first level of hyphens and apostrophes), NOHYPHEN, the last of two equal
/// patterns winning, lines too long for libhyphen's buffer read in pieces, and non-standard patterns
/// (`1ff/f=f,1,2`), whose breaks are reported so that callers can leave them out.
final class HyphenPatterns {
    /// libhyphen's line buffer (`MAX_CHARS`) and character set name (`MAX_NAME`).
    static let maxChars = 100
    static let maxName = 20

    /// One level of patterns: a trie over the bytes of the patterns' letters. Node and row
    /// numbers are stored plus one: 0 is none.
    ///
    /// German's file makes some 290,000 nodes, so a node is 16 bytes, all in one place, and is
    /// written whole as it is made: the nodes' memory (`malloc`, room for as many nodes as the
    /// file has bytes, of which only the pages used are ever touched) is read nowhere before it
    /// is written, so each page faults once, when it is first written, and never maps the
    /// shared zero page to fault again on the first write.
    final class Level {
        let capacity: Int, rowCapacity: Int
        let nodes: UnsafeMutablePointer<Node>
        /// The children of nodes near the root, which have many: at `table[row << 8 | byte]`.
        let table: UnsafeMutablePointer<Int32>
        var count = 1, rows = 1
        /// The digits of all patterns, one after the other.
        var digits: [UInt8] = []
        /// What a non-standard pattern (`1ff/f=f,1,2`) replaces, by its node.
        var replacements: [Int32: Replacement] = [:]
        var lhmin: Int8 = 0, rhmin: Int8 = 0, clhmin: Int8 = 0, crhmin: Int8 = 0
        /// NOHYPHEN's strings, as libhyphen splits them.
        var nohyphen: [[UInt8]] = []
        static let tableDepth: UInt8 = 2
        /// Whether the file is in UTF-8 (else in Latin-1).
        var utf8 = false

        /// The file's bytes, which the lines set aside are read from.
        var source: [UInt8] = []
        /// Runs of lines set aside: their bytes in `source`, and the key's run before, or -1.
        var runs: [(start: Int32, end: Int32, earlier: Int32)] = []
        /// Pattern lines not yet in the trie, by the first `keyLetters` letters of their
        /// patterns (`key`): a table of keys (never 0: letters are bytes above 32), open
        /// addressing, each with its last run plus one, 0 once its lines are in the trie.
        private(set) var keys: UnsafeMutableBufferPointer<UInt32> = .init(start: nil, count: 0)
        private(set) var lastRuns: UnsafeMutableBufferPointer<Int32> = .init(start: nil, count: 0)
        /// How many keys' lines wait.
        private(set) var pendingCount = 0
        /// A key's letters: a byte each, in a UInt32.
        static let keyLetters = 4
        /// A line's digits, and the letters and nodes of the line before (`insert`).
        let pattern = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: HyphenPatterns.maxChars + 1)
        let previous = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: HyphenPatterns.maxChars)
        let path = UnsafeMutableBufferPointer<Int32>.allocate(capacity: HyphenPatterns.maxChars)

        struct Node {
            /// The first child, or for a node with a row of `table` (`hasRow`) that row.
            var children: Int32 = 0
            var nextSibling: Int32 = 0
            /// Where the node's pattern's digits are in `digits`, from the first one libhyphen
            /// keeps on, and how many there are (`hasPattern`).
            var digitsStart: Int32 = 0
            var byte: UInt8 = 0
            var depth: UInt8 = 0
            var flags: UInt8 = 0
            var digitsCount: UInt8 = 0

            static let hasRow: UInt8 = 1, hasPattern: UInt8 = 2, hasReplacement: UInt8 = 4
        }

        struct Replacement {
            var repl: [UInt8]
            var replindex: Int8
            var replcut: Int8
        }

        /// Room for `capacity` nodes: no more than the bytes of the patterns.
        init(capacity: Int) {
            self.capacity = capacity + 1
            rowCapacity = min(self.capacity, 1 + 256 + 256 * 256)
            guard let nodeMemory = malloc(self.capacity * MemoryLayout<Node>.stride),
                  let tableMemory = malloc(rowCapacity << 8 * MemoryLayout<Int32>.stride) else { fatalError("out of memory") }
            nodes = nodeMemory.bindMemory(to: Node.self, capacity: self.capacity)
            table = tableMemory.bindMemory(to: Int32.self, capacity: rowCapacity << 8)
            // The root, with the first row.
            nodes.initialize(to: Node(children: 1, flags: Node.hasRow))
            table.initialize(repeating: 0, count: 256)
            digits.reserveCapacity(min(capacity, 1 << 20))
        }

        deinit {
            free(nodes)
            free(table)
            pattern.deallocate()
            previous.deallocate()
            path.deallocate()
            keys.deallocate()
            lastRuns.deallocate()
        }

        /// The key of the letters at `start` of a word's bytes.
        @inline(__always)
        static func key(of bytes: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> UInt32 {
            UInt32(bytes[start]) | UInt32(bytes[start + 1]) << 8 | UInt32(bytes[start + 2]) << 16 | UInt32(bytes[start + 3]) << 24
        }

        /// Sets aside the runs of lines `gathered` (byte ranges of `source`, in the file's
        /// order), each under its key.
        func setAside(_ gathered: [(key: UInt32, start: Int32, end: Int32)]) {
            var size = 64
            while size < gathered.count * 2 { size *= 2 }
            keys = .allocate(capacity: size)
            keys.initialize(repeating: 0)
            lastRuns = .allocate(capacity: size)
            lastRuns.initialize(repeating: 0)
            runs.reserveCapacity(gathered.count)
            for (index, run) in gathered.enumerated() {
                var slot = Self.slot(run.key, size)
                while keys[slot] != 0 && keys[slot] != run.key { slot = (slot + 1) & (size - 1) }
                if keys[slot] == 0 {
                    keys[slot] = run.key
                    pendingCount += 1
                }
                runs.append((run.start, run.end, lastRuns[slot] - 1))
                lastRuns[slot] = Int32(index + 1)
            }
        }

        @inline(__always)
        private static func slot(_ key: UInt32, _ size: Int) -> Int {
            Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> 32) & (size - 1)
        }

        /// Makes the nodes of the first letters of `key` but its last; false when the level is full.
        func makePrefix(of key: UInt32) -> Bool {
            var node: Int32 = 0
            for letter in 0..<(Self.keyLetters - 1) {
                node = step(node, UInt8(truncatingIfNeeded: key >> (8 * UInt32(letter))), count: &count, rows: &rows)
                if node < 0 { return false }
            }
            return true
        }

        /// Puts the lines set aside under `key`, if any, into the trie, in the file's order.
        @inline(__always)
        func ensure(_ key: UInt32) {
            guard keys.count > 0 else { return }
            var slot = Self.slot(key, keys.count)
            while keys[slot] != key {
                if keys[slot] == 0 { return }
                slot = (slot + 1) & (keys.count - 1)
            }
            guard lastRuns[slot] > 0 else { return }
            build(from: lastRuns[slot] - 1)
            lastRuns[slot] = 0
            pendingCount -= 1
        }

        /// Whether lines set aside under `key` wait to go into the trie (`ensure`).
        @inline(__always)
        func waits(_ key: UInt32) -> Bool {
            guard keys.count > 0 else { return false }
            var slot = Self.slot(key, keys.count)
            while keys[slot] != key {
                if keys[slot] == 0 { return false }
                slot = (slot + 1) & (keys.count - 1)
            }
            return lastRuns[slot] > 0
        }

        /// Puts the runs of a key, its last `last`, into the trie, first to last.
        private func build(from last: Int32) {
            var chain: [Int32] = []
            var run = last
            while run >= 0 {
                chain.append(run)
                run = runs[Int(run)].earlier
            }
            source.withUnsafeBufferPointer { bytes in
                for run in chain.reversed() {
                    HyphenPatterns.insert(Int(runs[Int(run)].start)..<Int(runs[Int(run)].end), of: bytes, into: self)
                }
            }
        }

        /// The child of `node` for `byte`, or -1.
        @inline(__always)
        func child(of node: Int32, _ byte: UInt8) -> Int32 {
            let parent = nodes[Int(node)]
            if parent.flags & Node.hasRow != 0 { return table[Int(parent.children - 1) << 8 | Int(byte)] - 1 }
            var child = parent.children
            while child > 0 {
                if nodes[Int(child - 1)].byte == byte { return child - 1 }
                child = nodes[Int(child - 1)].nextSibling
            }
            return -1
        }

        /// The child of `node` for `b`, made if new; -1 when the level is full.
        @inline(__always)
        func step(_ node: Int32, _ b: UInt8, count: inout Int, rows: inout Int) -> Int32 {
            let found = child(of: node, b)
            if found >= 0 { return found }
            guard count < capacity else { return -1 }
            let next = count
            count += 1
            var made = Node(byte: b, depth: nodes[Int(node)].depth &+ 1)
            if nodes[Int(node)].flags & Node.hasRow != 0 {
                table[Int(nodes[Int(node)].children - 1) << 8 | Int(b)] = Int32(next + 1)
            } else {
                made.nextSibling = nodes[Int(node)].children
                nodes[Int(node)].children = Int32(next + 1)
            }
            if made.depth <= Self.tableDepth && rows < rowCapacity {
                made.children = Int32(rows + 1)
                made.flags = Node.hasRow
                (table + rows << 8).initialize(repeating: 0, count: 256)
                rows += 1
            }
            (nodes + next).initialize(to: made)
            return Int32(next)
        }

        /// The node for `word`, made with its prefixes if new; nil when the level is full.
        func node(for word: some Sequence<UInt8>) -> Int32? {
            var node: Int32 = 0
            for b in word {
                node = step(node, b, count: &count, rows: &rows)
                if node < 0 { return nil }
            }
            return node
        }

        /// Gives `node` the plain pattern whose digits are `pattern`; the last pattern given
        /// wins, a non-standard one's replacement with it.
        @inline(__always)
        func setPattern(_ node: Int32, digits pattern: UnsafeBufferPointer<UInt8>, into digits: inout [UInt8]) {
            if nodes[Int(node)].flags & Node.hasReplacement != 0 { replacements[node] = nil }
            nodes[Int(node)].digitsStart = Int32(digits.count)
            nodes[Int(node)].digitsCount = UInt8(truncatingIfNeeded: pattern.count)
            nodes[Int(node)].flags = nodes[Int(node)].flags & ~Node.hasReplacement | Node.hasPattern
            digits.append(contentsOf: pattern)
        }

        func setMatch(_ node: Int32, digits pattern: some Collection<UInt8>, repl: [UInt8]?, replindex: Int8, replcut: Int8) {
            let kept = Array(pattern)
            kept.withUnsafeBufferPointer { setPattern(node, digits: $0, into: &digits) }
            if let repl {
                nodes[Int(node)].flags |= Node.hasReplacement
                replacements[node] = Replacement(repl: repl, replindex: replindex, replcut: replcut)
            }
        }
    }

    /// The first level, and the next one (libhyphen's `nextlevel`), if any.
    let top: Level
    let next: Level?
    let utf8: Bool

    /// Reads a pattern file; nil if it cannot be read.
    convenience init?(path: String) {
        guard let bytes = try? RegularFile.bytes(at: path, maxBytes: .max), let readable = Self.utf8OrLatin1(bytes) else { return nil }
        self.init(bytes: readable)
    }

    /// A pattern file in UTF-8 or ISO 8859-1, the two character sets words are looked up in:
    /// one in another set (Polish's ISO8859-2, Greek's ISO8859-7, Russian's KOI8-R) is
    /// converted to UTF-8, its first line then saying so. Read as Latin-1, their letters
    /// matched no word's (a Polish word with "ł" or any Greek word was never hyphenated) or the
    /// wrong ones. Nil when the set is one iconv does not know or the file is not in it.
    static func utf8OrLatin1(_ bytes: [UInt8]) -> [UInt8]? {
        let lineEnd = bytes.prefix(maxName).firstIndex { $0 == 0 || $0 == 10 || $0 == 13 } ?? min(bytes.count, maxName)
        let charset = String(decoding: bytes[..<lineEnd], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        if ["UTF-8", "ISO8859-1", "ISO-8859-1"].contains(charset.uppercased()) { return bytes }
        let converter = iconv_open("UTF-8", charset)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = Array(bytes[lineEnd...])
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = UnsafeMutableRawPointer(inBuffer.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) }
                var outPointer = UnsafeMutableRawPointer(outBuffer.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) }
                var inLeft = inBuffer.count, outLeft = outBuffer.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1 || inLeft == 0 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let written else { return nil }
        return Array("UTF-8".utf8) + output[..<written]
    }

    init(bytes: [UInt8]) {
        var reader = LineReader(bytes: bytes)
        // The character set: fgets into a 20-byte buffer.
        var cset = reader.next(max: Self.maxName).map { Array(bytes[$0]) } ?? []
        if let end = cset.firstIndex(where: { $0 == 0 || $0 == 10 || $0 == 13 }) { cset.removeSubrange(end...) }
        let utf8 = cset == Array("UTF-8".utf8)
        self.utf8 = utf8
        let first = Level(capacity: bytes.count + 64)
        let nextLevel = Self.read(&reader, into: first, utf8: utf8)
        if nextLevel {
            let second = Level(capacity: bytes.count - reader.position + 64)
            _ = Self.read(&reader, into: second, utf8: utf8)
            top = first
            next = second
        } else {
            // libhyphen's default first level: hyphens and apostrophes.
            let second = Level(capacity: 64)
            second.utf8 = utf8
            Self.load(Array((utf8 ? "NOHYPHEN ',\u{2013},\u{2019},-\n" : "NOHYPHEN ',-\n").utf8), into: second, utf8: utf8)
            Self.load(Array("1-1\n".utf8), into: second, utf8: utf8)
            Self.load(Array("1'1\n".utf8), into: second, utf8: utf8)
            if utf8 {
                Self.load(Array("1\u{2013}1\n".utf8), into: second, utf8: utf8)
                Self.load(Array("1\u{2019}1\n".utf8), into: second, utf8: utf8)
            }
            second.lhmin = first.lhmin
            second.rhmin = first.rhmin
            second.clhmin = first.clhmin != 0 ? first.clhmin : (first.lhmin != 0 ? first.lhmin : 3)
            second.crhmin = first.crhmin != 0 ? first.crhmin : (first.rhmin != 0 ? first.rhmin : 3)
            top = second
            next = first
        }
    }

    /// Reads pattern lines up to NEXTLEVEL (true) or the end of the file (false).
    ///
    /// German's file has 69,000 lines, of which a story's words meet a fifth: the keywords and
    /// the patterns of fewer than `Level.keyLetters` letters go into the trie at once, and the
    /// others are set aside by their first letters (`Level.setAside`), runs of lines as the
    /// mostly sorted file has them, for `Level.ensure` to put into the trie when a word first
    /// needs them. A word's walk from a letter on meets only nodes of patterns that begin with
    /// the letters there: those of a key's lines, asked for before the walk, and shorter ones,
    /// made at once; so the states and points are those of the whole trie.
    static func read(_ reader: inout LineReader, into level: Level, utf8: Bool) -> Bool {
        let percent = UInt8(ascii: "%"), slash = UInt8(ascii: "/")
        level.utf8 = utf8
        level.source = reader.bytes
        let nextLevel = Array("NEXTLEVEL".utf8)
        var position = reader.position
        defer { reader.position = position }
        return reader.bytes.withUnsafeBufferPointer { bytes -> Bool in
            guard let base = bytes.baseAddress else { return false }
            // The runs of lines set aside, and the one being gathered: where it starts, and its lines' key.
            var gathered: [(key: UInt32, start: Int32, end: Int32)] = []
            var runStart = -1, runKey: UInt32 = 0
            defer { level.setAside(gathered) }
            while position < bytes.count {
                let start = position
                position = lineEnd(base, from: start, before: bytes.count)
                var key: UInt32 = 0, shift: UInt32 = 0, keyed = true
                var at = start
                while at < position && shift < 32 {
                    let b = base[at]
                    at &+= 1
                    if b <= 32 || b == slash {
                        keyed = false
                        break
                    }
                    if b &- 48 > 9 {
                        key |= UInt32(b) &<< shift
                        shift &+= 8
                    }
                }
                let letters = Int(shift / 8)
                let head = base[start]
                // A comment inside a run stays in it: it is passed over again when the run is read.
                guard head != percent else { continue }
                if head == UInt8(ascii: "N") || head == UInt8(ascii: "L") || head == UInt8(ascii: "R") || head == UInt8(ascii: "C") {
                    let line = UnsafeBufferPointer(start: base + start, count: position - start)
                    if line.starts(with: nextLevel) {
                        if runStart >= 0 { gathered.append((runKey, Int32(runStart), Int32(start))) }
                        return true
                    }
                    if keyword(of: line) != nil { keyed = false }
                }
                if keyed && letters == Level.keyLetters {
                    if runStart >= 0 && key == runKey { continue }
                    if runStart >= 0 { gathered.append((runKey, Int32(runStart), Int32(start))) }
                    (runStart, runKey) = (start, key)
                    // The nodes of its first letters but the last are made now: a word's state
                    // after a letter is the longest text before it that is a node of the trie
                    // (libhyphen's state machine), and a walk near the word's end, with fewer
                    // letters left than a key, reads them without asking for its lines.
                    guard level.makePrefix(of: key) else { return false }
                } else {
                    if runStart >= 0 { gathered.append((runKey, Int32(runStart), Int32(start))) }
                    runStart = -1
                    guard insert(start..<position, of: bytes, into: level) else { return false }
                }
            }
            if runStart >= 0 { gathered.append((runKey, Int32(runStart), Int32(position))) }
            return false
        }
    }

    /// Where the line at `start` ends (after its newline), read as fgets reads it into
    /// libhyphen's buffer: a line longer than the buffer in pieces.
    @inline(__always)
    static func lineEnd(_ base: UnsafePointer<UInt8>, from start: Int, before end: Int) -> Int {
        let limit = min(end, start + maxChars - 1)
        guard let newline = memchr(base + start, 10, limit - start) else { return limit }
        return base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
    }

    /// Puts the pattern lines in `range` of `bytes` into `level`'s trie, in their order (the
    /// last of equal patterns wins); false when the level is full.
    @discardableResult
    static func insert(_ range: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>, into level: Level) -> Bool {
        let percent = UInt8(ascii: "%"), slash = UInt8(ascii: "/")
        guard let base = bytes.baseAddress else { return false }
        var count = level.count, rows = level.rows
        // The patterns' digits, held here while the lines are read (kept in the level, every
        // append would go through a check of exclusive access).
        var digits: [UInt8] = []
        swap(&digits, &level.digits)
        // The digits of the line read (one before each letter and one after the last), and
        // the letters and nodes of the line before.
        let (pattern, previous, path) = (level.pattern, level.previous, level.path)
        var previousCount = 0
        defer {
            level.count = count
            level.rows = rows
            swap(&digits, &level.digits)
        }
        var position = range.lowerBound
        while position < range.upperBound {
            let start = position
            position = lineEnd(base, from: start, before: range.upperBound)
            let length = position - start
            let line = UnsafeBufferPointer(start: base + start, count: length)
            let head = line[0]
            guard head != percent else { continue }
            // Keywords and non-standard patterns the slow way; plain patterns straight into the trie.
            let plain = head != UInt8(ascii: "L") && head != UInt8(ascii: "R") && head != UInt8(ascii: "C") && head != UInt8(ascii: "N")
                && memchr(base + start, Int32(slash), length) == nil && memchr(base + start, 0, length) == nil
            if !plain {
                level.count = count
                level.rows = rows
                swap(&digits, &level.digits)
                load(Array(line), into: level, utf8: level.utf8)
                swap(&digits, &level.digits)
                previousCount = 0
                count = level.count
                rows = level.rows
                continue
            }
            var node: Int32 = 0
            var letters = 0
            pattern[0] = 48
            // The files are mostly sorted: the letters this line shares with the last one lead
            // to the nodes the last one found.
            var same = true
            for b in line {
                guard b > 32, letters < maxChars - 2 else { break }
                if b >= 48 && b <= 57 {
                    pattern[letters] = b
                } else {
                    if same && letters < previousCount && previous[letters] == b {
                        node = path[letters]
                    } else {
                        same = false
                        node = level.step(node, b, count: &count, rows: &rows)
                        guard node >= 0 else { return false }
                        previous[letters] = b
                        path[letters] = node
                    }
                    letters += 1
                    pattern[letters] = 48
                }
            }
            previousCount = letters
            var kept = 0
            while kept <= letters && pattern[kept] == 48 { kept += 1 }
            level.setPattern(node, digits: UnsafeBufferPointer(rebasing: pattern[kept..<(letters + 1)]), into: &digits)
        }
        return true
    }

    /// fgets over the file's bytes.
    struct LineReader {
        let bytes: [UInt8]
        var position = 0

        mutating func next(max: Int) -> Range<Int>? {
            guard position < bytes.count else { return nil }
            let start = position
            while position < bytes.count && position - start < max - 1 {
                position += 1
                if bytes[position - 1] == 10 { break }
            }
            return start..<position
        }
    }

    /// `atoi`: optional blanks, a sign, digits.
    static func atoi(_ bytes: ArraySlice<UInt8>) -> Int {
        var i = bytes.startIndex
        while i < bytes.endIndex, [9, 10, 11, 12, 13, 32].contains(bytes[i]) { i += 1 }
        var negative = false
        if i < bytes.endIndex, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var value = 0
        while i < bytes.endIndex, (48...57).contains(bytes[i]), value < 1 << 40 {
            value = value * 10 + Int(bytes[i] - 48)
            i += 1
        }
        return negative ? -value : value
    }

    /// The bytes up to the first NUL, as C sees a string.
    static func cString(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        bytes.firstIndex(of: 0).map { bytes[..<$0] } ?? bytes
    }

    /// The keywords of a pattern file that `load` reads; a line that begins with none is a
    /// pattern (and waits, if it has `Level.keyLetters` letters before a blank or a slash: `read`).
    static let keywords = ["LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN", "NOHYPHEN"]

    /// The keyword `line` begins with, if any.
    static func keyword<Line: Sequence>(of line: Line) -> String? where Line.Element == UInt8 {
        keywords.first { line.starts(with: $0.utf8) }
    }

    /// NOHYPHEN's strings, as libhyphen splits what follows the keyword.
    static func nohyphens(_ after: ArraySlice<UInt8>) -> [[UInt8]] {
        var rest = after
        while let b = rest.first, b == 32 || b == 9 { rest = rest.dropFirst() }
        guard !rest.isEmpty else { return [] }
        // The last byte (the newline) goes; commas after the first byte split.
        var text = Array(rest.dropLast())
        var pieces: [[UInt8]] = []
        var end = text.count
        var k = text.count - 1
        while k > 0 {
            if text[k] == UInt8(ascii: ",") {
                pieces.insert(Array(text[(k + 1)..<end]), at: 0)
                end = k
            }
            k -= 1
        }
        text.removeSubrange(end...)
        pieces.insert(Array(cString(text[...])), at: 0)
        return pieces.map { Array(cString($0[...])) }
    }

    /// `hnj_hyphen_load_line`.
    static func load(_ line: [UInt8], into level: Level, utf8: Bool) {
        var buf = Array(cString(line[...]))
        if let keyword = keyword(of: buf) {
            let rest = buf[keyword.utf8.count...]
            switch keyword {
            case "LEFTHYPHENMIN": level.lhmin = Int8(truncatingIfNeeded: atoi(rest))
            case "RIGHTHYPHENMIN": level.rhmin = Int8(truncatingIfNeeded: atoi(rest))
            case "COMPOUNDLEFTHYPHENMIN": level.clhmin = Int8(truncatingIfNeeded: atoi(rest))
            case "COMPOUNDRIGHTHYPHENMIN": level.crhmin = Int8(truncatingIfNeeded: atoi(rest))
            default: level.nohyphen = nohyphens(rest)
            }
            return
        }
        var replindex: Int8 = 0
        var replcut: Int8 = 0
        var repl: [UInt8]?
        if let slash = buf.firstIndex(of: UInt8(ascii: "/")) {
            let comma = buf[(slash + 1)...].firstIndex(of: UInt8(ascii: ","))
            var replacement: [UInt8]
            if let comma {
                let comma2 = buf[(comma + 1)...].firstIndex(of: UInt8(ascii: ","))
                replacement = Array(buf[(slash + 1)..<comma])
                if let comma2 {
                    replindex = Int8(truncatingIfNeeded: Int(Int8(truncatingIfNeeded: atoi(buf[(comma + 1)..<comma2]))) - 1)
                    replcut = Int8(truncatingIfNeeded: atoi(buf[(comma2 + 1)...]))
                }
            } else {
                replacement = Array(buf[(slash + 1)...])
                // hnj_strchomp
                if let last = replacement.last, last == 13 || last == 10 { replacement.removeLast() }
                if let last = replacement.last, last == 13 { replacement.removeLast() }
                replindex = 0
                replcut = Int8(truncatingIfNeeded: slash)
            }
            repl = replacement
            buf.removeSubrange(slash...)
        }
        var word: [UInt8] = []
        var pattern: [UInt8] = [48]
        var i = 0
        while i < buf.count, buf[i] > 32, word.count < maxChars - 2 {
            let b = buf[i]
            if b >= 48 && b <= 57 {
                pattern[pattern.count - 1] = b
            } else {
                word.append(b)
                pattern.append(48)
            }
            i += 1
        }
        var first = 0
        if repl == nil {
            while first < pattern.count && pattern[first] == 48 { first += 1 }
        } else {
            if word.first == UInt8(ascii: ".") { first += 1 }
            if utf8 {
                var pu = -1, ps = -1
                var pc = word.first == UInt8(ascii: ".") ? 1 : 0
                while pc < word.count + 1 {
                    let byte = pc < word.count ? word[pc] : 0
                    if byte >> 6 != 2 { pu += 1 }
                    if ps < 0 && Int(replindex) == pu {
                        ps = Int(replindex)
                        replindex = Int8(truncatingIfNeeded: pc)
                    }
                    if ps >= 0 && pu - ps == Int(replcut) {
                        replcut = Int8(truncatingIfNeeded: pc - Int(replindex))
                        break
                    }
                    pc += 1
                }
                if word.first == UInt8(ascii: ".") { replindex = replindex &- 1 }
            }
        }
        guard let node = level.node(for: word) else { return }
        level.setMatch(node, digits: pattern[first...], repl: repl, replindex: replindex,
                       replcut: replcut == 0 ? Int8(truncatingIfNeeded: word.count) : replcut)
    }

    // MARK: - Hyphenating

    /// The result of `hnj_hyphen_hyphenate2` for `word` (bytes in the file's encoding): per
    /// byte, whether a hyphen may follow it, and whether that break is a non-standard one.
    struct Result {
        var hyphens: [UInt8]
        var rep: [[UInt8]?]?
    }

    /// The breaks for `word`, in characters: offsets after which a standard hyphen may go.
    func points(in word: [UInt8]) -> [Int] {
        let result = hyphenate(word)
        var points: [Int] = []
        var character = -1
        for i in word.indices {
            if !utf8 || word[i] >> 6 != 2 { character += 1 }
            // The value of a character is its last byte's (hnj_hyphen_norm).
            let last = !utf8 || i + 1 == word.count || word[i + 1] >> 6 != 2
            guard last, i + 1 < word.count else { continue }
            if result.hyphens[i] & 1 == 1 && result.rep?[i] == nil { points.append(character + 1) }
        }
        return points
    }

    /// The patterns of a language are one for every thread, and the lines set aside go into
    /// the trie as words need them. A word is hyphenated with the trie held for reading, by any
    /// number of threads at once (the composing thread and its helper), unless it needs lines
    /// not in the trie yet: then again, held for writing, putting them in. (With one lock for
    /// both, the composing thread waited up to 18 ms of the sample's build, and 66 ms of the
    /// 200-page issue's, for the helper's words.) Writers first, so that none waits on readers
    /// that keep coming.
    private let lock: UnsafeMutablePointer<pthread_rwlock_t> = {
        let lock = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)
        var attributes = pthread_rwlockattr_t()
        pthread_rwlockattr_init(&attributes)
        pthread_rwlockattr_setkind_np(&attributes, Int32(PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP))
        pthread_rwlock_init(lock, &attributes)
        pthread_rwlockattr_destroy(&attributes)
        return lock
    }()

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    /// How a word is hyphenated: reading the trie only (`writes` false), stopping at the first
    /// line it needs that waits (`missed`), or putting such lines in.
    struct Pass {
        let writes: Bool
        var missed = false
    }

    func hyphenate(_ word: [UInt8]) -> Result {
        pthread_rwlock_rdlock(lock)
        var reading = Pass(writes: false)
        let read = hyphenate(word, &reading)
        pthread_rwlock_unlock(lock)
        if !reading.missed { return read }
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        var writing = Pass(writes: true)
        return hyphenate(word, &writing)
    }

    private func hyphenate(_ word: [UInt8], _ pass: inout Pass) -> Result {
        let n = word.count
        var hyphens = [UInt8](repeating: 48, count: n + 5)
        var rep: [[UInt8]?]?
        var pos: [Int]?
        var cut: [Int]?
        guard n > 0 else { return Result(hyphens: hyphens, rep: nil) }
        hyph(top, next: next, word, n, &hyphens, &rep, &pos, &cut, Int(top.clhmin), Int(top.crhmin), true, true, &pass)
        if pass.missed { return Result(hyphens: hyphens, rep: nil) }
        lhmin(word, n, &hyphens, &rep, &pos, &cut, top.lhmin > 0 ? Int(top.lhmin) : 2)
        rhmin(word, n, &hyphens, &rep, &pos, &cut, top.rhmin > 0 ? Int(top.rhmin) : 2)
        for nh in top.nohyphen where !nh.isEmpty && nh.count <= n {
            var start = 0
            while start + nh.count <= n {
                if word[start..<(start + nh.count)].elementsEqual(nh) {
                    hyphens[start + nh.count - 1] = 48
                    if start - 1 >= 0 { hyphens[start - 1] = 48 }
                }
                start += 1
            }
        }
        return Result(hyphens: hyphens, rep: rep)
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    /// `hnj_hyphen_strnlen`, with the ligature lengths libhyphen is built with.
    private func strnlen(_ word: ArraySlice<UInt8>, _ n: Int) -> Int {
        var i = 0
        var j = word.startIndex
        let limit = word.startIndex + n
        while j < limit && j < word.endIndex && word[j] != 0 {
            i += 1
            if utf8 && word[j] == 0xEF && j + 2 < word.endIndex && word[j + 1] == 0xAC { i += Self.ligature(word[j + 2]) }
            j += 1
            while utf8 && j < word.endIndex && word[j] & 0xC0 == 0x80 { j += 1 }
        }
        return i
    }

    private static func ligature(_ c: UInt8) -> Int {
        switch c {
        case 0x83, 0x84: return 1
        default: return 0
        }
    }

    private func byte(_ word: [UInt8], _ i: Int) -> UInt8 { i >= 0 && i < word.count ? word[i] : 0 }

    private func lhmin(_ word: [UInt8], _ n: Int, _ hyphens: inout [UInt8], _ rep: inout [[UInt8]?]?,
                       _ pos: inout [Int]?, _ cut: inout [Int]?, _ lhmin: Int) {
        var i = 1
        if utf8 && byte(word, 0) == 0xEF && byte(word, 1) == 0xAC { i += Self.ligature(byte(word, 2)) }
        var j = 0
        while Self.isDigit(byte(word, j)) { i -= 1; j += 1 }
        j = 0
        while i < lhmin && byte(word, j) != 0 {
            repeat {
                if rep != nil && pos != nil && cut != nil, let r = rep![j] {
                    if let eq = r.firstIndex(of: UInt8(ascii: "=")),
                       strnlen(word[...], j - pos![j] + 1) + strnlen(r[...], eq) < lhmin {
                        rep![j] = nil
                        hyphens[j] = 48
                    }
                } else {
                    hyphens[j] = 48
                }
                j += 1
                if utf8 && byte(word, j) == 0xEF && byte(word, j + 1) == 0xAC { i += Self.ligature(byte(word, j + 2)) }
            } while utf8 && byte(word, j) & 0xC0 == 0x80
            i += 1
        }
    }

    private func rhmin(_ word: [UInt8], _ n: Int, _ hyphens: inout [UInt8], _ rep: inout [[UInt8]?]?,
                       _ pos: inout [Int]?, _ cut: inout [Int]?, _ rhmin: Int) {
        var i = 0
        var j = n - 1
        while j > 0 && Self.isDigit(byte(word, j)) { i -= 1; j -= 1 }
        j = n - 1
        while i < rhmin && j > 0 {
            if rep != nil && pos != nil && cut != nil, let r = rep![j] {
                if let eq = r.firstIndex(of: UInt8(ascii: "=")) {
                    let from = j - pos![j] + cut![j] + 1
                    let tail = from >= 0 && from <= word.count ? word[from...] : []
                    if strnlen(tail, 100) + strnlen(r[(eq + 1)...], r.count - eq - 1) < rhmin {
                        rep![j] = nil
                        hyphens[j] = 48
                    }
                }
            } else {
                hyphens[j] = 48
            }
            let b = byte(word, j)
            if !utf8 || b & 0xC0 == 0xC0 || b & 0x80 != 0x80 { i += 1 }
            j -= 1
        }
    }

    /// `hnj_hyphen_hyph_`: one level's patterns over `word[0..<size]`, then the compound
    /// level's segments again and the next level.
    private func hyph(_ level: Level, next: Level?, _ word: [UInt8], _ size: Int, _ hyphens: inout [UInt8],
                      _ rep: inout [[UInt8]?]?, _ pos: inout [Int]?, _ cut: inout [Int]?,
                      _ clhmin: Int, _ crhmin: Int, _ lend: Bool, _ rend: Bool, _ pass: inout Pass) {
        // The word between dots and the trie state after each byte, on the stack: two levels
        // and every word of an issue, allocated on the heap, cost about as much as the rest.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: size + 3) { prep in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: size + 3) { state in
                prep.initialize(repeating: 0)
                state.initialize(repeating: 0)
                hyph(level, next: next, word, size, &hyphens, &rep, &pos, &cut, clhmin, crhmin, lend, rend, &pass, prep: prep, state: state)
            }
        }
    }

    private func hyph(_ level: Level, next: Level?, _ word: [UInt8], _ size: Int, _ hyphens: inout [UInt8],
                      _ rep: inout [[UInt8]?]?, _ pos: inout [Int]?, _ cut: inout [Int]?,
                      _ clhmin: Int, _ crhmin: Int, _ lend: Bool, _ rend: Bool, _ pass: inout Pass,
                      prep: UnsafeMutableBufferPointer<UInt8>, state: UnsafeMutableBufferPointer<Int32>) {
        var j = 0
        prep[j] = UInt8(ascii: "."); j += 1
        for i in 0..<size {
            let b = byte(word, i)
            prep[j] = Self.isDigit(b) ? UInt8(ascii: ".") : b
            j += 1
        }
        prep[j] = UInt8(ascii: "."); j += 1
        let length = j
        if hyphens.count < size + 5 { hyphens += [UInt8](repeating: 48, count: size + 5 - hyphens.count) }
        for i in 0..<j { hyphens[i] = 48 }

        // The state after each byte: the longest suffix read so far that is a trie node.
        let setAside = level.pendingCount > 0
        for start in 0..<length {
            // The patterns that begin with the letters here, if they wait.
            if setAside && length - start >= Level.keyLetters {
                let key = Level.key(of: prep, at: start)
                if pass.writes {
                    level.ensure(key)
                } else if level.waits(key) {
                    pass.missed = true
                    return
                }
            }
            var node: Int32 = 0
            var end = start
            while end < length {
                node = level.child(of: node, prep[end])
                if node < 0 { break }
                if state[end] == 0 { state[end] = node }
                end += 1
            }
        }
        // Non-standard patterns' bookkeeping, made when the first of them matches: until then
        // every entry would be 0, -1 and nil (most words meet none).
        var matchlen: [Int] = []
        var matchindex: [Int] = []
        var matchrepl: [[UInt8]?] = []
        var isrepl = 0
        let digits = level.digits
        for i in 0..<length {
            guard state[i] != 0 else { continue }
            let node = level.nodes[Int(state[i])]
            guard node.flags & Level.Node.hasPattern != 0 else { continue }
            let base = Int(node.digitsStart)
            let count = Int(node.digitsCount)
            let offset = i + 1 - count
            let replacement = node.flags & Level.Node.hasReplacement != 0 ? level.replacements[state[i]] : nil
            let replindex = Int(replacement?.replindex ?? 0)
            if let replacement {
                if isrepl == 0 {
                    if matchrepl.isEmpty {
                        matchlen = [Int](repeating: 0, count: size + 3)
                        matchindex = [Int](repeating: -1, count: size + 3)
                        matchrepl = [[UInt8]?](repeating: nil, count: size + 3)
                    }
                    isrepl = size
                }
                if offset + replindex >= 0 { matchlen[offset + replindex] = Int(replacement.replcut) }
            }
            var k = offset < 0 ? -offset : 0
            while k < count {
                let digit = digits[base + k]
                if hyphens[offset + k] < digit {
                    hyphens[offset + k] = digit
                    if digit & 1 == 1 {
                        if !matchrepl.isEmpty { matchrepl[offset + k] = replacement?.repl }
                        if let replacement, k >= replindex && k <= replindex + Int(replacement.replcut) && offset + replindex >= 0 {
                            matchindex[offset + replindex] = offset + k
                        }
                    }
                }
                k += 1
            }
        }
        var i = 0
        while i < j - 3 {
            hyphens[i] = hyphens[i + 1]
            i += 1
        }
        while i < size {
            hyphens[i] = 48
            i += 1
        }
        hyphens[size] = 0

        if isrepl > 0 {
            var i = 0
            while i < size {
                if matchindex[i] >= 0, matchindex[i] < matchrepl.count, let r = matchrepl[matchindex[i]] {
                    if rep == nil { rep = [[UInt8]?](repeating: nil, count: size) }
                    if pos == nil { pos = [Int](repeating: 0, count: size) }
                    if cut == nil { cut = [Int](repeating: 0, count: size) }
                    let at = matchindex[i] - 1
                    if at >= 0 && at < rep!.count {
                        rep![at] = r
                        pos![at] = matchindex[i] - i
                        cut![at] = matchlen[i]
                    }
                    i += max(0, matchlen[i] - 1)
                }
                i += 1
            }
        }

        guard let next else { return }
        var begin = 0
        // Made at the first segment (most words have none).
        var hyphens2: [UInt8] = []
        for i in 0..<size where hyphens[i] & 1 == 1 || (begin > 0 && i + 1 == size) {
            if i - begin > 0 {
                if hyphens2.isEmpty { hyphens2 = [UInt8](repeating: 48, count: size + 5) }
                var extra = 0
                var segment = Array(prep[0..<(i + 2)])
                if rep != nil && pos != nil && cut != nil, let r = rep![i] {
                    // A non-standard break at a compound boundary (Schiffahrt).
                    let offset = 2 + i - pos![i]
                    segment = Array(prep[0..<max(0, min(offset, prep.count))]) + r
                    if let eq = r.firstIndex(of: UInt8(ascii: "=")) {
                        extra = eq - pos![i]
                        segment = Array(segment.prefix(max(0, 2 + i + extra)))
                    }
                }
                var rep2: [[UInt8]?]? = [[UInt8]?](repeating: nil, count: size)
                var pos2: [Int]? = [Int](repeating: 0, count: size)
                var cut2: [Int]? = [Int](repeating: 0, count: size)
                let sub = segment.count > begin + 1 ? Array(segment[(begin + 1)...]) : []
                hyph(level, next: next, sub, i - begin + 1 + extra, &hyphens2, &rep2, &pos2, &cut2, clhmin, crhmin,
                     begin > 0 ? false : lend, hyphens[i] & 1 == 1 ? false : rend, &pass)
                for j in 0..<(i - begin) {
                    hyphens[begin + j] = hyphens2[j]
                    if let r2 = rep2?[j] {
                        if rep == nil && pos == nil && cut == nil {
                            rep = [[UInt8]?](repeating: nil, count: size)
                            pos = [Int](repeating: 0, count: size)
                            cut = [Int](repeating: 0, count: size)
                        }
                        rep?[begin + j] = r2
                        pos?[begin + j] = pos2![j]
                        cut?[begin + j] = cut2![j]
                    }
                }
            }
            begin = i + 1
        }
        if begin == 0 {
            hyph(next, next: nil, word, size, &hyphens, &rep, &pos, &cut, clhmin, crhmin, lend, rend, &pass)
            if !lend { lhmin(word, size, &hyphens, &rep, &pos, &cut, clhmin) }
            if !rend { rhmin(word, size, &hyphens, &rep, &pos, &cut, crhmin) }
        }
    }
}
