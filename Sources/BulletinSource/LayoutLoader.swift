import Foundation
import BulletinModel

/// Reads a layout design from `layouts/NAME.yaml` (or any path). Every key is known; an unknown key,
/// a value of the wrong kind, a number out of its range (`Limit`) or a page with no room for text
/// (`LayoutGeometry`) is an error naming the file, the key and the line.
public enum LayoutLoader {
    /// Finds a layout by name in `searchFolders` (in order), or takes `nameOrPath` as a path when it
    /// names a file.
    /// `line`: where `file` names the layout, for messages.
    public static func resolve(_ nameOrPath: String, searchFolders: [String], from file: String, line: Int? = nil) throws -> String {
        if nameOrPath.hasSuffix(".yaml") || nameOrPath.contains("/") {
            guard FileManager.default.fileExists(atPath: nameOrPath) else {
                throw InputError(file: file, line: line, "layout file \(nameOrPath) not found")
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
        // "Classic" for "classic", "tabliod" for "tabloid": the name probably meant.
        let meant = KeySuggestion.suggest(nameOrPath, known: Set(known)).map { ": did you mean \"\($0)\"?" } ?? ""
        throw InputError(file: file, line: line, "unknown layout \"\(nameOrPath)\" (known: \(known.joined(separator: ", ")))" + meant)
    }

    /// With `parsed`, a layout whose text is as an earlier build of the session read it is
    /// taken as that build made it.
    public static func load(path: String, parsed: ParsedFiles? = nil) throws -> LayoutSpec {
        let name = IssueLoader.display(path)
        let text = try TextFile.read(path, shownAs: name)
        if let kept = parsed?.layout(path: path, text: text) { return kept }
        let spec = try read(text, path: path, name: name)
        parsed?.keep(spec, path: path, text: text)
        return spec
    }

    private static func read(_ text: String, path: String, name: String) throws -> LayoutSpec {
        guard let yaml = try YAMLValue.parse(text, file: name) else { throw InputError(file: name, "is empty") }
        var reader = Reader(file: name)
        var spec = try reader.layout(yaml, defaultName: ((path as NSString).lastPathComponent as NSString).deletingPathExtension)
        spec.file = name
        spec.keyLines = yaml.keyLines()
        try LayoutGeometry(spec: spec).check()
        return spec
    }

    /// Every unknown key of the layout at `path`, each an error at its line, read past one
    /// another (`bulletin check` lists them all; `make` stops at the first). Reading stops at
    /// any other error.
    public static func unknownKeys(path: String) -> [InputError] {
        let name = IssueLoader.display(path)
        guard let text = try? TextFile.read(path, shownAs: name), let yaml = try? YAMLValue.parse(text, file: name) else { return [] }
        var reader = Reader(file: name)
        reader.unknownKeys = ErrorList()
        _ = try? reader.layout(yaml, defaultName: ((path as NSString).lastPathComponent as NSString).deletingPathExtension)
        return reader.unknownKeys?.errors ?? []
    }

    struct Reader {
        let file: String
        var familyLines: [String: Int] = [:]
        /// Where an unknown key goes, to read on past it; nil to stop at it.
        var unknownKeys: ErrorList?

        /// Calls `body` for each key of a mapping, rejecting keys not in `known`.
        func each(_ yaml: YAMLValue, _ what: String, known: [String], _ body: (String, YAMLValue) throws -> Void) throws {
            for (key, line, value) in try yaml.mapping(what) {
                guard known.contains(key) else {
                    let error = InputError(file: file, line: line, "unknown key \"\(key)\" in \(what) (known: \(known.joined(separator: ", ")))")
                    guard let unknownKeys else { throw error }
                    unknownKeys.errors.append(error)
                    continue
                }
                try body(key, value)
            }
        }

        func require(_ found: Set<String>, _ keys: [String], in what: String, at yaml: YAMLValue) throws {
            // Reading on past unknown keys, a key missing may be one of them, misspelt: not an error of its own.
            guard unknownKeys == nil else { return }
            for key in keys where !found.contains(key) { throw yaml.error("\(what) needs \"\(key)\"") }
        }

        mutating func layout(_ yaml: YAMLValue, defaultName: String) throws -> LayoutSpec {
            var spec = LayoutSpec(name: defaultName, page: PageSpec(width: 595.276, height: 841.89, margins: Insets(top: 42.52, bottom: 42.52, left: 42.52, right: 42.52)),
                                  grid: GridSpec(columns: 3, gutter: 14.17, baseline: 11), styles: [:],
                                  colours: Colours(named: ["text": .black, "accent": .black, "rule": .black, "muted": .black]))
            var found = Set<String>()
            var stylesNode: YAMLValue?
            var linksNode: YAMLValue?
            try each(yaml, "the layout", known: ["name", "description", "page", "grid", "colours", "fonts", "styles", "masthead", "running_head", "footer", "story", "jump", "contents", "imprint", "fit", "front_page", "print", "links", "email", "hyphenation", "breaking", "strings"]) { key, value in
                found.insert(key)
                switch key {
                case "name": spec.name = try value.string(key)
                case "description": _ = try value.string(key)
                case "page": spec.page = try page(value)
                case "grid": spec.grid = try grid(value)
                case "colours":
                    try each(value, "colours", known: [String](["text", "accent", "rule", "muted", "paper"])) { name, v in
                        let hex = try v.string("colours.\(name)")
                        guard let colour = Colour(hex: hex) else { throw v.error("colours.\(name) must be #rrggbb or #rgb, not \"\(hex)\"") }
                        spec.colours.named[name] = colour
                    }
                case "fonts":
                    try each(value, "fonts", known: ["fallback"]) { _, v in
                        spec.fallbackFamilies = FallbackFamilies(try v.stringList("fonts.fallback"))
                        for family in spec.fallbackFamilies where familyLines[family] == nil { familyLines[family] = v.line }
                    }
                case "styles": stylesNode = value
                case "masthead": spec.masthead = try masthead(value)
                case "running_head": spec.runningHead = try runningHead(value)
                case "footer": spec.footer = try footer(value)
                case "story": spec.story = try story(value)
                case "jump": spec.jump = try jump(value)
                case "contents": spec.contents = try contents(value)
                case "imprint": spec.imprint = try imprint(value)
                case "fit": spec.fit = try fit(value)
                case "front_page": spec.frontPage = try frontPage(value)
                case "print": spec.print = try printing(value)
                case "links": linksNode = value
                case "hyphenation": spec.hyphenation = try hyphenation(value)
                case "breaking": spec.breaking = try breaking(value)
                case "email": spec.email = try email(value)
                case "strings": spec.wording = try strings(value)
                default: break
                }
            }
            try require(found, ["page", "grid", "styles"], in: "the layout", at: yaml)
            guard let stylesNode else { throw yaml.error("the layout needs \"styles\"") }
            spec.styles = try styles(stylesNode, colours: spec.colours)
            // After the colours, wherever they are written: a link's colour names one of them.
            if let linksNode { spec.links = try links(linksNode, colours: spec.colours) }
            spec.familyLines = familyLines
            return spec
        }

        func length(_ value: YAMLValue, _ key: String, em: Double? = nil) throws -> Double {
            let text = try value.scalar(key, as: "a length").trimmingWhitespace
            let units: [(String, Double)] = [("mm", 72 / 25.4), ("cm", 72 / 2.54), ("in", 72), ("pt", 1), ("em", em ?? .nan)]
            for (unit, factor) in units where text.hasSuffix(unit) {
                guard let number = Double(text.dropLast(unit.count).trimmingWhitespace), !factor.isNaN else { break }
                return number * factor
            }
            if let number = Double(text) { return number }
            throw value.error("\(key) must be a length such as 12pt, 4.5mm, 1cm or 0.5in\(em == nil ? "" : " or 1em"), not \"\(text)\"")
        }

        /// A length in points within `limit`; em lengths are checked once converted.
        func length(_ value: YAMLValue, _ key: String, em: Double? = nil, within limit: Limit) throws -> Double {
            try checked(length(value, key, em: em), value, key, within: limit)
        }

        /// A number within `limit`.
        func number(_ value: YAMLValue, _ key: String, within limit: Limit) throws -> Double {
            try checked(value.double(key), value, key, within: limit)
        }

        /// A whole number within `limit`.
        func whole(_ value: YAMLValue, _ key: String, within limit: Limit) throws -> Int {
            let number = try value.int(key)
            _ = try checked(Double(number), value, key, within: limit)
            return number
        }

        /// `number`, or an error quoting the value as written.
        func checked(_ number: Double, _ value: YAMLValue, _ key: String, within limit: Limit) throws -> Double {
            guard limit.admits(number) else {
                throw value.error("\(key) must be \(limit.wording), not \"\(try value.string(key).trimmingWhitespace)\"")
            }
            return number
        }

        func page(_ yaml: YAMLValue) throws -> PageSpec {
            var width = 595.276, height = 841.89
            var margins = Insets(top: 42.52, bottom: 42.52, left: 42.52, right: 42.52)
            try each(yaml, "page", known: ["size", "margins"]) { key, value in
                switch key {
                case "size":
                    if case .sequence = value.node {
                        let parts = try value.list("page.size")
                        guard parts.count == 2 else { throw value.error("page.size must be A4, A3, A5, Letter, Legal, Tabloid or [width, height]") }
                        width = try length(parts[0], "page.size width", within: .pageSide)
                        height = try length(parts[1], "page.size height", within: .pageSide)
                    } else {
                        let name = try value.string(key)
                        let sizes: [String: (Double, Double)] = ["a4": (595.276, 841.89), "a3": (841.89, 1190.551), "a5": (419.528, 595.276),
                                                                 "letter": (612, 792), "legal": (612, 1008), "tabloid": (792, 1224)]
                        guard let size = sizes[name.lowercased()] else { throw value.error("page.size \"\(name)\" is unknown (A4, A3, A5, Letter, Legal, Tabloid, or [width, height])") }
                        (width, height) = size
                    }
                case "margins":
                    if case .scalar = value.node {
                        let all = try length(value, "page.margins", within: .margin)
                        margins = Insets(top: all, bottom: all, left: all, right: all)
                    } else {
                        try each(value, "page.margins", known: ["top", "bottom", "left", "right"]) { side, v in
                            let l = try length(v, "page.margins.\(side)", within: .margin)
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
            return PageSpec(width: width, height: height, margins: margins)
        }

        func grid(_ yaml: YAMLValue) throws -> GridSpec {
            var grid = GridSpec(columns: 3, gutter: 14.17, baseline: 11)
            var found = Set<String>()
            try each(yaml, "grid", known: ["columns", "gutter", "baseline"]) { key, value in
                found.insert(key)
                switch key {
                case "columns": grid.columns = try whole(value, "grid.columns", within: .columns)
                case "gutter": grid.gutter = try length(value, "grid.gutter", within: .margin)
                default: grid.baseline = try length(value, "grid.baseline", within: .baseline)
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
            for role in TextRole.required where result[role] == nil && unknownKeys == nil {
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
                case "size": style.size = try length(value, name, within: .typeSize)
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
                case "space_before": style.spaceBefore = try length(value, name, within: .space)
                case "space_after": style.spaceAfter = try length(value, name, within: .space)
                case "uppercase": style.uppercase = try value.bool(name)
                default: break
                }
            }
            try require(found, ["family", "size"], in: "styles.\(role)", at: yaml)
            style.leading = try leading.map { try length($0, "styles.\(role).leading", em: style.size, within: .leading(size: style.size)) }
                ?? style.size * 1.2
            style.indent = try indent.map { try length($0, "styles.\(role).indent", em: style.size, within: .indent(size: style.size)) } ?? 0
            // Tracking is kept in em: a length in points is a share of the size.
            style.tracking = try tracking.map {
                try checked(length($0, "styles.\(role).tracking", em: style.size) / style.size, $0, "styles.\(role).tracking", within: .tracking)
            } ?? 0
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
                case "rule": spec.ruleWidth = try length(value, "masthead.rule", within: .rule)
                case "thin_rule": spec.thinRuleWidth = try length(value, "masthead.thin_rule", within: .rule)
                default: spec.spaceAfter = try length(value, "masthead.space_after", within: .space)
                }
            }
            return spec
        }

        func runningHead(_ yaml: YAMLValue) throws -> RunningHeadSpec {
            var spec = RunningHeadSpec()
            try each(yaml, "running_head", known: ["text", "height", "rule"]) { key, value in
                switch key {
                case "text": spec.text = try template(value, "running_head.text")
                case "height": spec.height = try length(value, "running_head.height", within: .space)
                default: spec.ruleWidth = try length(value, "running_head.rule", within: .rule)
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
                case "height": spec.height = try length(value, "footer.height", within: .space)
                default: spec.ruleWidth = try length(value, "footer.rule", within: .rule)
                }
            }
            return spec
        }

        func story(_ yaml: YAMLValue) throws -> StorySpec {
            var spec = StorySpec()
            try each(yaml, "story", known: ["gap", "rule"]) { key, value in
                if key == "gap" {
                    spec.gap = try length(value, "story.gap", within: .space)
                } else {
                    spec.ruleWidth = try length(value, "story.rule", within: .rule)
                }
            }
            return spec
        }

        /// One of a fixed set of words, such as `rail` or `none`.
        func choice<Choice: RawRepresentable & CaseIterable>(_ value: YAMLValue, _ key: String) throws -> Choice where Choice.RawValue == String {
            let text = try value.string(key)
            guard let chosen = Choice(rawValue: text) else {
                throw value.error("\(key) must be \(Choice.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(text)\"")
            }
            return chosen
        }

        func jump(_ yaml: YAMLValue) throws -> JumpSpec {
            var spec = JumpSpec()
            try each(yaml, "jump", known: ["continued_on", "continued_from"]) { key, value in
                let text = try template(value, "jump.\(key)")
                if key == "continued_on" { spec.continuedOn = text } else { spec.continuedFrom = text }
            }
            return spec
        }

        func contents(_ yaml: YAMLValue) throws -> ContentsSpec {
            var spec = ContentsSpec()
            try each(yaml, "contents", known: ["place", "title", "summaries"]) { key, value in
                switch key {
                case "place": spec.place = try choice(value, "contents.place")
                case "title": spec.title = try value.string("contents.title")
                default: spec.summaries = try value.bool("contents.summaries")
                }
            }
            return spec
        }

        func imprint(_ yaml: YAMLValue) throws -> ImprintSpec {
            var spec = ImprintSpec()
            try each(yaml, "imprint", known: ["place", "title", "lines"]) { key, value in
                switch key {
                case "place": spec.place = try choice(value, "imprint.place")
                case "title": spec.title = try template(value, "imprint.title")
                default: spec.lines = try value.list("imprint.lines").map { try template($0, "imprint.lines") }
                }
            }
            return spec
        }

        /// `strings: {de: {written_by: "Von {names}", months: [Jänner, …]}}`: the layout's own
        /// words in each language, over the shipped ones (`Wording`).
        func strings(_ yaml: YAMLValue) throws -> Wording {
            var wording = Wording()
            for (tag, line, table) in try yaml.mapping("strings") {
                guard Language.isWellFormed(tag) else {
                    throw InputError(file: file, line: line, "strings: \"\(tag)\" is not a language tag such as de, fr or zh-Hans")
                }
                let language = tag.lowercased()
                let known = Phrase.allCases.map(\.rawValue) + ["months"]
                try each(table, "strings.\(tag)", known: known) { key, value in
                    let name = "strings.\(tag).\(key)"
                    if key == "months" {
                        let names = try value.stringList(name)
                        guard names.count == 12 else { throw value.error("\(name) must list the twelve months, January first, not \(names.count)") }
                        wording.months[language] = names
                        return
                    }
                    guard let phrase = Phrase(rawValue: key) else { return }
                    let text = try value.string(name)
                    for field in Template(text).fields where !phrase.fields.contains(field) {
                        throw value.error("\(name) uses {\(field)}, which it cannot fill"
                                          + (phrase.fields.isEmpty ? " (it takes no fields)" : " (it takes \(phrase.fields.map { "{\($0)}" }.joined(separator: ", ")))"))
                    }
                    wording.overrides[language, default: [:]][phrase] = text
                }
            }
            return wording
        }

        func frontPage(_ yaml: YAMLValue) throws -> FrontPageSpec {
            var spec = FrontPageSpec()
            try each(yaml, "front_page", known: ["stories"]) { _, value in
                spec.stories = try whole(value, "front_page.stories", within: .frontStories)
            }
            return spec
        }

        func links(_ yaml: YAMLValue, colours: Colours) throws -> LinkStyleSpec {
            var spec = LinkStyleSpec()
            try each(yaml, "links", known: ["colour", "underline"]) { key, value in
                if key == "colour" {
                    let colour = try value.string("links.colour")
                    guard colours.named[colour] != nil else {
                        throw value.error("links.colour \"\(colour)\" is not one of the layout's colours (\(colours.named.keys.sorted().joined(separator: ", ")))")
                    }
                    spec.colour = colour
                } else {
                    spec.underline = try length(value, "links.underline", within: .rule)
                }
            }
            return spec
        }

        func fit(_ yaml: YAMLValue) throws -> FitSpec {
            var spec = FitSpec()
            try each(yaml, "fit", known: ["min_gap", "max_gap", "pull_quotes", "fillers", "looseness"]) { key, value in
                switch key {
                case "min_gap": spec.minGap = try length(value, "fit.min_gap")
                case "max_gap": spec.maxGap = try length(value, "fit.max_gap")
                case "pull_quotes": spec.pullQuotes = try value.bool("fit.pull_quotes")
                case "fillers": spec.fillers = try value.bool("fit.fillers")
                default: spec.looseness = try value.bool("fit.looseness")
                }
                if key.hasSuffix("gap") {
                    let gap = key == "min_gap" ? spec.minGap : spec.maxGap
                    guard gap.isFinite, gap >= 0, gap <= 200 else { throw value.error("fit.\(key) must be from 0 to 200pt") }
                }
            }
            guard spec.minGap <= spec.maxGap else { throw yaml.error("fit.min_gap must not be larger than fit.max_gap") }
            return spec
        }

        func printing(_ yaml: YAMLValue) throws -> PrintSpec {
            var spec = PrintSpec()
            try each(yaml, "print", known: ["bleed", "marks"]) { key, value in
                if key == "bleed" {
                    spec.bleed = try length(value, "print.bleed", within: .bleed)
                } else {
                    spec.marks = try value.bool("print.marks")
                }
            }
            return spec
        }

        func hyphenation(_ yaml: YAMLValue) throws -> HyphenationSpec {
            var spec = HyphenationSpec()
            try each(yaml, "hyphenation", known: ["enabled", "min_word", "min_before", "min_after", "capitalised"]) { key, value in
                let name = "hyphenation.\(key)"
                switch key {
                case "enabled": spec.enabled = try value.bool(name)
                case "min_word": spec.minWord = try whole(value, name, within: .minimumWord)
                case "min_before": spec.minBefore = try whole(value, name, within: .minimumPart)
                case "min_after": spec.minAfter = try whole(value, name, within: .minimumPart)
                default: spec.capitalised = try value.bool(name)
                }
            }
            return spec
        }

        func email(_ yaml: YAMLValue) throws -> EmailSpec {
            var spec = EmailSpec()
            try each(yaml, "email", known: ["image_dpi", "jpeg_quality", "size_budget"]) { key, value in
                let name = "email." + key
                switch key {
                case "image_dpi": spec.imageDPI = try number(value, name, within: .imageDPI)
                case "jpeg_quality": spec.jpegQuality = try whole(value, name, within: .jpegQuality)
                case "size_budget": spec.sizeBudget = Int(try checked(size(value, name), value, name, within: .sizeBudget))
                default: break
                }
            }
            return spec
        }

        /// A size in bytes written as 4MB, 800KB, 2.5 MB or a number of bytes (1 KB = 1024 bytes).
        func size(_ value: YAMLValue, _ key: String) throws -> Double {
            let text = try value.string(key).trimmingWhitespace
            let units: [(String, Double)] = [("GB", 1024 * 1024 * 1024), ("MB", 1024 * 1024), ("KB", 1024), ("B", 1)]
            for (unit, factor) in units where text.uppercased().hasSuffix(unit) {
                guard let number = Double(text.dropLast(unit.count).trimmingWhitespace) else { break }
                return number * factor
            }
            if let number = Double(text) { return number }
            throw value.error("\(key) must be a size such as 4MB or 800KB, not \"\(text)\"")
        }

        func breaking(_ yaml: YAMLValue) throws -> BreakingSpec {
            var spec = BreakingSpec()
            let known = ["method", "emergency", "protrusion", "tolerance", "pretolerance", "line_penalty", "hyphen_penalty", "double_hyphen_demerits", "final_hyphen_demerits",
                         "adjacent_demerits", "emergency_stretch", "max_consecutive_hyphens", "expansion", "expansion_step", "letter_spacing", "emergency_letter_spacing", "max_word_space", "last_line_space", "space_stretch", "space_shrink"]
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
                case "tolerance": spec.tolerance = try number(value, name, within: .tolerance)
                case "pretolerance": spec.pretolerance = try number(value, name, within: .pretolerance)
                case "line_penalty": spec.linePenalty = try number(value, name, within: .penalty)
                case "hyphen_penalty": spec.hyphenPenalty = try number(value, name, within: .penalty)
                case "double_hyphen_demerits": spec.doubleHyphenDemerits = try number(value, name, within: .demerits)
                case "final_hyphen_demerits": spec.finalHyphenDemerits = try number(value, name, within: .demerits)
                case "adjacent_demerits": spec.adjacentDemerits = try number(value, name, within: .demerits)
                case "emergency_stretch": spec.emergencyStretch = try number(value, name, within: .emergencyStretch)
                case "max_consecutive_hyphens": spec.maxConsecutiveHyphens = try whole(value, name, within: .consecutiveHyphens)
                case "expansion": spec.expansion = try number(value, name, within: .expansion)
                case "expansion_step": spec.expansionStep = try number(value, name, within: .expansion)
                case "letter_spacing": spec.letterSpacing = try number(value, name, within: .letterSpacing)
                case "emergency_letter_spacing": spec.emergencyLetterSpacing = try number(value, name, within: .letterSpacing)
                case "last_line_space": spec.lastLineSpace = try number(value, name, within: .lastLineSpace)
                case "max_word_space": spec.maxWordSpace = try number(value, name, within: .maxWordSpace)
                case "space_stretch": spec.spaceStretch = try number(value, name, within: .spaceStretch)
                default: spec.spaceShrink = try number(value, name, within: .spaceShrink)
                }
            }
            return spec
        }
    }
}

extension YAMLValue {
    /// The line of every key in this mapping and the mappings inside it, by dotted path
    /// ("styles.headline.size"), for messages about keys found wanting only later.
    func keyLines(prefix: String = "") -> [String: Int] {
        guard case .mapping(let mapping) = node else { return [:] }
        var lines: [String: Int] = [:]
        for pair in mapping {
            guard case .scalar(let key) = pair.key else { continue }
            let path = prefix + key.string
            if let line = YAMLValue(node: pair.key, file: file, lineOffset: lineOffset).line { lines[path] = line }
            lines.merge(YAMLValue(node: pair.value, file: file, lineOffset: lineOffset).keyLines(prefix: path + "."), uniquingKeysWith: { a, _ in a })
        }
        return lines
    }
}
