import Foundation
import BulletinModel

/// Reads a layout design from `layouts/NAME.yaml` (or any path). Every key is known; an unknown key
/// or a value of the wrong kind is an error naming the file, the key and the line.
public enum LayoutLoader {
    /// Finds a layout by name in `searchFolders` (in order), or takes `nameOrPath` as a path when it
    /// names a file.
    public static func resolve(_ nameOrPath: String, searchFolders: [String], from file: String) throws -> String {
        if nameOrPath.hasSuffix(".yaml") || nameOrPath.contains("/") {
            guard FileManager.default.fileExists(atPath: nameOrPath) else {
                throw InputError(file: file, "layout file \(nameOrPath) not found")
            }
            return nameOrPath
        }
        for folder in searchFolders {
            let path = (folder as NSString).appendingPathComponent(nameOrPath + ".yaml")
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        let known = Set(searchFolders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
        }).sorted()
        throw InputError(file: file, "unknown layout \"\(nameOrPath)\" (known: \(known.joined(separator: ", ")))")
    }

    public static func load(path: String) throws -> LayoutSpec {
        let name = IssueLoader.display(path)
        let text = try TextFile.read(path, shownAs: name)
        guard let yaml = try YAMLValue.parse(text, file: name) else { throw InputError(file: name, "is empty") }
        var reader = Reader(file: name)
        return try reader.layout(yaml, defaultName: ((path as NSString).lastPathComponent as NSString).deletingPathExtension)
    }

    struct Reader {
        let file: String
        var familyLines: [String: Int] = [:]

        /// Calls `body` for each key of a mapping, rejecting keys not in `known`.
        func each(_ yaml: YAMLValue, _ what: String, known: [String], _ body: (String, YAMLValue) throws -> Void) throws {
            for (key, line, value) in try yaml.mapping(what) {
                guard known.contains(key) else {
                    throw InputError(file: file, line: line, "unknown key \"\(key)\" in \(what) (known: \(known.joined(separator: ", ")))")
                }
                try body(key, value)
            }
        }

        func require(_ found: Set<String>, _ keys: [String], in what: String, at yaml: YAMLValue) throws {
            for key in keys where !found.contains(key) { throw yaml.error("\(what) needs \"\(key)\"") }
        }

        mutating func layout(_ yaml: YAMLValue, defaultName: String) throws -> LayoutSpec {
            var spec = LayoutSpec(name: defaultName, page: PageSpec(width: 595.276, height: 841.89, margins: Insets(top: 42.52, bottom: 42.52, left: 42.52, right: 42.52)),
                                  grid: GridSpec(columns: 3, gutter: 14.17, baseline: 11), styles: [:],
                                  colours: Colours(named: ["text": .black, "accent": .black, "rule": .black, "muted": .black]))
            var found = Set<String>()
            var stylesNode: YAMLValue?
            try each(yaml, "the layout", known: ["name", "description", "page", "grid", "colours", "fonts", "styles", "masthead", "running_head", "footer", "story", "hyphenation", "breaking"]) { key, value in
                found.insert(key)
                switch key {
                case "name": spec.name = try value.string(key)
                case "description": _ = try value.string(key)
                case "page": spec.page = try page(value)
                case "grid": spec.grid = try grid(value)
                case "colours":
                    try each(value, "colours", known: [String](["text", "accent", "rule", "muted", "paper"])) { name, v in
                        let hex = try v.string("colours.\(name)")
                        guard let colour = Colour(hex: hex) else { throw v.error("colours.\(name) must be #rrggbb, not \"\(hex)\"") }
                        spec.colours.named[name] = colour
                    }
                case "fonts":
                    try each(value, "fonts", known: ["fallback"]) { _, v in
                        spec.fallbackFamilies = try v.stringList("fonts.fallback")
                        for family in spec.fallbackFamilies where familyLines[family] == nil { familyLines[family] = v.line }
                    }
                case "styles": stylesNode = value
                case "masthead": spec.masthead = try masthead(value)
                case "running_head": spec.runningHead = try runningHead(value)
                case "footer": spec.footer = try footer(value)
                case "story": spec.story = try story(value)
                case "hyphenation": spec.hyphenation = try hyphenation(value)
                case "breaking": spec.breaking = try breaking(value)
                default: break
                }
            }
            try require(found, ["page", "grid", "styles"], in: "the layout", at: yaml)
            guard let stylesNode else { throw yaml.error("the layout needs \"styles\"") }
            spec.styles = try styles(stylesNode, colours: spec.colours)
            spec.familyLines = familyLines
            return spec
        }

        func length(_ value: YAMLValue, _ key: String, em: Double? = nil) throws -> Double {
            let text = try value.string(key).trimmingWhitespace
            let units: [(String, Double)] = [("mm", 72 / 25.4), ("cm", 72 / 2.54), ("in", 72), ("pt", 1), ("em", em ?? .nan)]
            for (unit, factor) in units where text.hasSuffix(unit) {
                guard let number = Double(text.dropLast(unit.count).trimmingWhitespace), !factor.isNaN else { break }
                return number * factor
            }
            if let number = Double(text) { return number }
            throw value.error("\(key) must be a length such as 12pt, 4.5mm, 1cm or 0.5in\(em == nil ? "" : " or 1em"), not \"\(text)\"")
        }

        func page(_ yaml: YAMLValue) throws -> PageSpec {
            var width = 595.276, height = 841.89
            var margins = Insets(top: 42.52, bottom: 42.52, left: 42.52, right: 42.52)
            try each(yaml, "page", known: ["size", "margins"]) { key, value in
                switch key {
                case "size":
                    if case .sequence = value.node {
                        let parts = try value.list("page.size")
                        guard parts.count == 2 else { throw value.error("page.size must be A4, A3, A5, Letter, Legal or [width, height]") }
                        width = try length(parts[0], "page.size width")
                        height = try length(parts[1], "page.size height")
                    } else {
                        let name = try value.string(key)
                        let sizes: [String: (Double, Double)] = ["a4": (595.276, 841.89), "a3": (841.89, 1190.551), "a5": (419.528, 595.276),
                                                                 "letter": (612, 792), "legal": (612, 1008), "tabloid": (792, 1224)]
                        guard let size = sizes[name.lowercased()] else { throw value.error("page.size \"\(name)\" is unknown (A4, A3, A5, Letter, Legal, Tabloid, or [width, height])") }
                        (width, height) = size
                    }
                case "margins":
                    if case .scalar = value.node {
                        let all = try length(value, "page.margins")
                        margins = Insets(top: all, bottom: all, left: all, right: all)
                    } else {
                        try each(value, "page.margins", known: ["top", "bottom", "left", "right"]) { side, v in
                            let l = try length(v, "page.margins.\(side)")
                            switch side {
                            case "top": margins.top = l
                            case "bottom": margins.bottom = l
                            case "left": margins.left = l
                            default: margins.right = l
                            }
                        }
                    }
                default: break
                }
            }
            guard width > margins.left + margins.right + 36, height > margins.top + margins.bottom + 72 else {
                throw yaml.error("page margins leave no room for text")
            }
            return PageSpec(width: width, height: height, margins: margins)
        }

        func grid(_ yaml: YAMLValue) throws -> GridSpec {
            var grid = GridSpec(columns: 3, gutter: 14.17, baseline: 11)
            var found = Set<String>()
            try each(yaml, "grid", known: ["columns", "gutter", "baseline"]) { key, value in
                found.insert(key)
                switch key {
                case "columns":
                    grid.columns = try value.int("grid.columns")
                    guard (1...8).contains(grid.columns) else { throw value.error("grid.columns must be from 1 to 8") }
                case "gutter": grid.gutter = try length(value, "grid.gutter")
                default:
                    grid.baseline = try length(value, "grid.baseline")
                    guard grid.baseline >= 4 else { throw value.error("grid.baseline must be at least 4pt") }
                }
            }
            try require(found, ["columns", "gutter", "baseline"], in: "grid", at: yaml)
            return grid
        }

        mutating func styles(_ yaml: YAMLValue, colours: Colours) throws -> [TextRole: TextStyle] {
            var result: [TextRole: TextStyle] = [:]
            try each(yaml, "styles", known: TextRole.allCases.map(\.rawValue)) { key, value in
                guard let role = TextRole(rawValue: key) else { return }
                result[role] = try style(value, role: key, colours: colours)
            }
            for role in TextRole.allCases where result[role] == nil {
                throw yaml.error("styles needs \"\(role.rawValue)\"")
            }
            return result
        }

        mutating func style(_ yaml: YAMLValue, role: String, colours: Colours) throws -> TextStyle {
            var style = TextStyle(family: "", size: 0, leading: 0)
            var found = Set<String>()
            var leading: YAMLValue?, indent: YAMLValue?, tracking: YAMLValue?
            try each(yaml, "styles.\(role)", known: ["family", "size", "leading", "weight", "style", "colour", "align", "indent", "space_before", "space_after", "uppercase", "tracking"]) { key, value in
                found.insert(key)
                let name = "styles.\(role).\(key)"
                switch key {
                case "family":
                    style.family = try value.string(name)
                    guard !style.family.trimmingWhitespace.isEmpty else { throw value.error("\(name) is empty") }
                    for family in style.family.split(separator: ",") where familyLines[family.trimmingWhitespace] == nil {
                        familyLines[family.trimmingWhitespace] = value.line
                    }
                case "size":
                    style.size = try length(value, name)
                    guard style.size > 0 && style.size < 400 else { throw value.error("\(name) must be between 0 and 400pt") }
                case "leading": leading = value
                case "indent": indent = value
                case "tracking": tracking = value
                case "weight":
                    switch try value.string(name) {
                    case "bold": style.bold = true
                    case "regular", "normal": style.bold = false
                    case let other: throw value.error("\(name) must be regular or bold, not \"\(other)\"")
                    }
                case "style":
                    switch try value.string(name) {
                    case "italic": style.italic = true
                    case "normal", "roman", "upright": style.italic = false
                    case let other: throw value.error("\(name) must be normal or italic, not \"\(other)\"")
                    }
                case "colour":
                    let colour = try value.string(name)
                    guard colours.named[colour] != nil else {
                        throw value.error("\(name) \"\(colour)\" is not one of the layout's colours (\(colours.named.keys.sorted().joined(separator: ", ")))")
                    }
                    style.colour = colour
                case "align":
                    let text = try value.string(name)
                    guard let align = Alignment(rawValue: text == "center" ? "centre" : text) else {
                        throw value.error("\(name) must be left, right, centre or justify, not \"\(text)\"")
                    }
                    style.align = align
                case "space_before": style.spaceBefore = try length(value, name)
                case "space_after": style.spaceAfter = try length(value, name)
                case "uppercase": style.uppercase = try value.bool(name)
                default: break
                }
            }
            try require(found, ["family", "size"], in: "styles.\(role)", at: yaml)
            style.leading = try leading.map { try length($0, "styles.\(role).leading", em: style.size) } ?? style.size * 1.2
            style.indent = try indent.map { try length($0, "styles.\(role).indent", em: style.size) } ?? 0
            style.tracking = try tracking.map { try length($0, "styles.\(role).tracking", em: 1) } ?? 0
            return style
        }

        /// A template's text, with every `{field}` one the issue provides.
        func template(_ value: YAMLValue, _ key: String) throws -> String {
            let text = try value.string(key)
            for field in Template(text).fields where !IssueFields.names.contains(field) {
                throw value.error("\(key) uses {\(field)}, which is not a field (known: \(IssueFields.names.joined(separator: ", ")))")
            }
            return text
        }

        func masthead(_ yaml: YAMLValue) throws -> MastheadSpec {
            var spec = MastheadSpec()
            try each(yaml, "masthead", known: ["line", "rule", "thin_rule", "space_after"]) { key, value in
                switch key {
                case "line": spec.line = try template(value, "masthead.line")
                case "rule": spec.ruleWidth = try length(value, "masthead.rule")
                case "thin_rule": spec.thinRuleWidth = try length(value, "masthead.thin_rule")
                default: spec.spaceAfter = try length(value, "masthead.space_after")
                }
            }
            return spec
        }

        func runningHead(_ yaml: YAMLValue) throws -> RunningHeadSpec {
            var spec = RunningHeadSpec()
            try each(yaml, "running_head", known: ["text", "height", "rule"]) { key, value in
                switch key {
                case "text": spec.text = try template(value, "running_head.text")
                case "height": spec.height = try length(value, "running_head.height")
                default: spec.ruleWidth = try length(value, "running_head.rule")
                }
            }
            return spec
        }

        func footer(_ yaml: YAMLValue) throws -> FooterSpec {
            var spec = FooterSpec()
            try each(yaml, "footer", known: ["lines", "page", "height", "rule"]) { key, value in
                switch key {
                case "lines": spec.lines = try value.list("footer.lines").map { try template($0, "footer.lines") }
                case "page": spec.pageText = try template(value, "footer.page")
                case "height": spec.height = try length(value, "footer.height")
                default: spec.ruleWidth = try length(value, "footer.rule")
                }
            }
            return spec
        }

        func story(_ yaml: YAMLValue) throws -> StorySpec {
            var spec = StorySpec()
            try each(yaml, "story", known: ["gap", "rule"]) { key, value in
                if key == "gap" { spec.gap = try length(value, "story.gap") } else { spec.ruleWidth = try length(value, "story.rule") }
            }
            return spec
        }

        func hyphenation(_ yaml: YAMLValue) throws -> HyphenationSpec {
            var spec = HyphenationSpec()
            try each(yaml, "hyphenation", known: ["enabled", "min_word", "min_before", "min_after", "capitalised"]) { key, value in
                let name = "hyphenation.\(key)"
                switch key {
                case "enabled": spec.enabled = try value.bool(name)
                case "min_word": spec.minWord = try value.int(name)
                case "min_before": spec.minBefore = try value.int(name)
                case "min_after": spec.minAfter = try value.int(name)
                default: spec.capitalised = try value.bool(name)
                }
            }
            return spec
        }

        func breaking(_ yaml: YAMLValue) throws -> BreakingSpec {
            var spec = BreakingSpec()
            let known = ["method", "emergency", "protrusion", "tolerance", "pretolerance", "line_penalty", "hyphen_penalty", "double_hyphen_demerits", "final_hyphen_demerits",
                         "adjacent_demerits", "emergency_stretch", "max_consecutive_hyphens", "expansion", "letter_spacing", "space_stretch", "space_shrink"]
            try each(yaml, "breaking", known: known) { key, value in
                let name = "breaking.\(key)"
                switch key {
                case "method":
                    let text = try value.string(name)
                    guard let method = BreakingSpec.Method(rawValue: text) else {
                        throw value.error("\(name) must be total_fit or first_fit, not \"\(text)\"")
                    }
                    spec.method = method
                case "emergency":
                    let text = try value.string(name)
                    guard let emergency = BreakingSpec.Emergency(rawValue: text) else {
                        throw value.error("\(name) must be least_loose or stretch, not \"\(text)\"")
                    }
                    spec.emergency = emergency
                case "protrusion": spec.protrusion = try value.bool(name)
                case "tolerance": spec.tolerance = try value.double(name)
                case "pretolerance": spec.pretolerance = try value.double(name)
                case "line_penalty": spec.linePenalty = try value.double(name)
                case "hyphen_penalty": spec.hyphenPenalty = try value.double(name)
                case "double_hyphen_demerits": spec.doubleHyphenDemerits = try value.double(name)
                case "final_hyphen_demerits": spec.finalHyphenDemerits = try value.double(name)
                case "adjacent_demerits": spec.adjacentDemerits = try value.double(name)
                case "emergency_stretch": spec.emergencyStretch = try value.double(name)
                case "max_consecutive_hyphens": spec.maxConsecutiveHyphens = try value.int(name)
                case "expansion": spec.expansion = try value.double(name)
                case "letter_spacing": spec.letterSpacing = try value.double(name)
                case "space_stretch": spec.spaceStretch = try value.double(name)
                default: spec.spaceShrink = try value.double(name)
                }
            }
            return spec
        }
    }
}
