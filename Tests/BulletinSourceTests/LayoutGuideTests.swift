import Foundation
import XCTest
import BulletinModel
@testable import BulletinSource

/// The layouts guide, layouts/README.md, names every key the layout loader accepts and no other,
/// so it cannot fall behind the loader.
///
/// The guide lists each key by its full dotted path in backticks as the first cell of a row of a
/// table whose first column is headed "Key": `| \`page.margins.top\` | ...`. The keys of a
/// style, the same for every role, are written once as `styles.<role>.family` and so on. The
/// loader's keys are found by asking the loader: a layout with an unknown key in some mapping is
/// an error that lists the keys known there.
final class LayoutGuideTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let guide = root.appendingPathComponent("layouts/README.md").path
    static let probe = "zz_probe"

    /// A YAML mapping or scalar, enough to write a layout.
    indirect enum Node: Sendable {
        case scalar(String)
        case map([(key: String, value: Node)])

        /// This node with an unknown key added to the mapping at `path` (made a mapping if it is not one).
        func probing(_ path: ArraySlice<String>) -> Node {
            guard let key = path.first else {
                let probe: (key: String, value: Node) = (key: LayoutGuideTests.probe, value: .scalar("1"))
                if case .map(let pairs) = self { return .map(pairs + [probe]) }
                return .map([probe])
            }
            var pairs: [(key: String, value: Node)] = []
            if case .map(let existing) = self { pairs = existing }
            if let index = pairs.firstIndex(where: { $0.key == key }) {
                pairs[index].value = pairs[index].value.probing(path.dropFirst())
            } else {
                pairs.append((key: key, value: Node.map([]).probing(path.dropFirst())))
            }
            return .map(pairs)
        }

        func yaml(indent: String = "") -> String {
            guard case .map(let pairs) = self else { return "" }
            return pairs.map { key, value in
                switch value {
                case .scalar(let text): return "\(indent)\(key): \(text)\n"
                case .map: return "\(indent)\(key):\n" + value.yaml(indent: indent + "  ")
                }
            }.joined()
        }
    }

    /// The smallest layout the loader takes: page, grid and the required styles.
    static let base = Node.map([
        (key: "page", value: .map([(key: "size", value: .scalar("A4"))])),
        (key: "grid", value: .map([(key: "columns", value: .scalar("3")), (key: "gutter", value: .scalar("5mm")),
                                   (key: "baseline", value: .scalar("11pt"))])),
        (key: "styles", value: .map(TextRole.required.map { role -> (key: String, value: Node) in
            (key: role.rawValue, value: .map([(key: "family", value: .scalar("Serif")), (key: "size", value: .scalar("9pt"))]))
        })),
    ])

    /// The keys the loader knows in the mapping at `path`, or nil when the value there is not a
    /// mapping of keys (a number, a name, a list).
    func knownKeys(at path: [String]) throws -> [String]? {
        let file = NSTemporaryDirectory() + "layout-guide-\(UUID().uuidString).yaml"
        try Self.base.probing(path[...]).yaml().write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        do {
            _ = try LayoutLoader.load(path: file)
            XCTFail("a layout with the key \((path + [Self.probe]).joined(separator: ".")) was accepted")
            return nil
        } catch let error as InputError {
            // unknown key "zz_probe" in page.margins (known: top, bottom, left, right)
            let prefix = "unknown key \"\(Self.probe)\" in "
            guard error.message.hasPrefix(prefix), let open = error.message.range(of: " (known: "),
                  error.message.hasSuffix(")") else { return nil }
            let list = error.message[open.upperBound..<error.message.index(before: error.message.endIndex)]
            return list.components(separatedBy: ", ")
        }
    }

    /// Every key path the loader accepts, found by probing each mapping it knows.
    func loaderKeys() throws -> Set<String> {
        var keys = Set<String>()
        var mappings: [[String]] = [[]]
        while let path = mappings.popLast() {
            guard let known = try knownKeys(at: path) else { continue }
            XCTAssertFalse(known.isEmpty, "no keys known at \(path.joined(separator: "."))")
            for key in known {
                keys.insert((path + [key]).joined(separator: "."))
                mappings.append(path + [key])
            }
        }
        return keys
    }

    /// The key paths the guide documents: the first cell, in backticks, of each row of every
    /// table whose first column is headed "Key".
    func guideKeys() throws -> [String] {
        let text = try String(contentsOfFile: Self.guide, encoding: .utf8)
        var keys: [String] = []
        var inKeyTable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else { inKeyTable = false; continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let first = cells.count > 1 ? cells[1] : ""
            if first == "Key" { inKeyTable = true; continue }
            guard inKeyTable, first.hasPrefix("`") else { continue }
            let key = first.dropFirst().prefix { $0 != "`" }
            XCTAssertTrue(key.allSatisfy { $0.isLowercase || $0.isNumber || "_.<>".contains($0) } && key.first?.isLetter == true,
                          "not a key path in a Key table of layouts/README.md: \(first)")
            keys.append(String(key))
        }
        return keys
    }

    func testTheGuideDocumentsEveryKeyOfTheLoaderAndNoOther() throws {
        let roles = Set(TextRole.allCases.map(\.rawValue))
        var loader = Set<String>()
        var styleKeys: [String: Set<String>] = [:]
        for key in try loaderKeys() {
            let parts = key.split(separator: ".").map(String.init)
            if parts.count == 3, parts[0] == "styles", roles.contains(parts[1]) {
                styleKeys[parts[1], default: []].insert(parts[2])
                loader.insert("styles.<role>." + parts[2])
            } else {
                loader.insert(key)
            }
        }
        // Every role takes the same keys, which is what lets the guide write them once.
        XCTAssertEqual(Set(styleKeys.keys), roles, "roles the loader knows in styles")
        for (role, keys) in styleKeys {
            XCTAssertEqual(keys, styleKeys["body"], "styles.\(role) takes other keys than styles.body")
        }
        XCTAssertTrue(loader.contains("page.margins.top") && loader.contains("breaking.protrusion") && loader.contains("styles.pull_quote"),
                      "probing the loader found too little: \(loader.sorted())")

        let documented = try guideKeys()
        XCTAssertEqual(documented.count, Set(documented).count,
                       "keys documented twice: \(Dictionary(grouping: documented, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted())")
        let guide = Set(documented)
        XCTAssertEqual(loader.subtracting(guide).sorted(), [], "keys the loader accepts that layouts/README.md does not document")
        XCTAssertEqual(guide.subtracting(loader).sorted(), [], "keys layouts/README.md documents that the loader does not accept")
    }

    /// Every layout in layouts/ loads, and the guide's table of shipped layouts names each.
    func testShippedLayoutsLoadAndAreInTheGuide() throws {
        let folder = Self.root.appendingPathComponent("layouts").path
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted()
        XCTAssertTrue(Set(["classic.yaml", "letter.yaml", "tabloid.yaml", "narrow-test.yaml"]).isSubset(of: Set(names)), "\(names)")
        let guide = try String(contentsOfFile: Self.guide, encoding: .utf8)
        for name in names {
            XCTAssertNoThrow(try LayoutLoader.load(path: folder + "/" + name), name)
            XCTAssertTrue(guide.contains("`" + name + "`"), "layouts/README.md does not list \(name)")
        }
    }
}
