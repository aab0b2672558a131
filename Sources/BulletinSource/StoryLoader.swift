import BulletinModel

/// Reads one story file: front matter keys, then the CommonMark body.
enum StoryLoader {
    static let keys: Set<String> = ["title", "kicker", "deck", "date", "written_by", "edited_by", "order", "lang", "summary",
                                    "columns", "short_title", "filler", "pull_quote", "image", "draft"]
    static let imageKeys: Set<String> = ["path", "caption", "credit", "alt", "span"]

    /// Reads the story at `path` (named `name` in messages) of the issue in `folder`, whose
    /// pictures must lie inside that folder.
    /// With `errors`, a picture that cannot be found is kept there and left out of the story,
    /// so that every missing picture is reported at once.
    /// A story without `lang:` is in `language` (the issue's), else English.
    /// With `parsed`, a story whose text is as an earlier build of the session read it is taken
    /// as that build parsed it.
    static func load(path: String, shownAs name: String, folder: IssueFolder, language: String? = nil,
                     warnings: inout [Warning], errors: ErrorList? = nil, parsed: ParsedFiles? = nil) throws -> Story {
        let text = try TextFile.read(path, shownAs: name, maxBytes: Limits.storyBytes)
        var story: Story
        if let kept = parsed?.story(path: path, name: name, language: language, text: text) {
            story = kept.story
            warnings += kept.warnings
        } else {
            var own: [Warning] = []
            story = try parse(text, shownAs: name, language: language, warnings: &own)
            parsed?.keep(story, warnings: own, path: path, name: name, language: language, text: text)
            warnings += own
        }
        let locator = ImageLocator(folder: folder, storyPath: path, storyName: name)
        if let image = story.image {
            story.image = try ErrorList.attempt(errors) { try located(image, locator, front: true, warnings: &warnings) }
        }
        story.body = try locatingImages(in: story.body, locator, warnings: &warnings, errors: errors)
        return story
    }

    /// The story a file's `text` holds, its pictures as written (not yet found on disk).
    static func parse(_ text: String, shownAs name: String, language: String?, warnings: inout [Warning]) throws -> Story {
        let parts = try FrontMatter.split(text, file: name)
        let front = try YAMLValue.cleaned(parts.yaml, file: name, lineOffset: parts.yamlFirstLine - 1)
        let body = CleanedText(parts.body, firstLine: parts.bodyFirstLine)
        // One warning for the whole file, however many characters were taken out.
        if let warning = CleanedText.warning(file: name, front.removals + body.removals) { warnings.append(warning) }
        guard let yaml = try YAMLValue.parse(front.text, file: name, lineOffset: parts.yamlFirstLine - 1) else {
            throw InputError(file: name, line: parts.yamlFirstLine, "front matter is empty: a story needs at least a title")
        }
        var story = Story(title: "", file: name)
        if let language { story.lang = language }
        var sawTitle = false
        let mapping = try yaml.mapping("front matter")
        // The front matter's words are punctuated as the body's (`SmartPunctuation`), with the
        // story's quotation marks, whichever key comes first.
        let ownLanguage = mapping.first { $0.key == "lang" }.flatMap { try? $0.value.optionalString("lang") }.flatMap { Language.isWellFormed($0) ? $0 : nil }
        let marks = QuotationMarks.of(ownLanguage ?? story.lang)
        let punctuated: (String) -> String = { SmartPunctuation.apply($0, marks: marks) }
        for (key, line, value) in mapping {
            switch key {
            case "title":
                guard let title = try value.optionalString(key) else { throw value.error("title is empty") }
                try checkWords(title, of: value, key)
                story.title = punctuated(title)
                story.titleLine = line
                sawTitle = true
            // The words printed from the front matter are punctuated as the body's (`SmartPunctuation`).
            case "kicker": story.kicker = try value.optionalString(key).map(punctuated)
            case "deck": story.deck = try value.optionalString(key).map(punctuated)
            case "summary": story.summary = try value.optionalString(key).map(punctuated)
            case "date":
                if let text = try value.optionalString(key) {
                    guard let date = IssueDate(parsing: text) else { throw value.error("date must be YYYY-MM or YYYY-MM-DD, not \"\(text)\"") }
                    story.date = date
                }
            case "written_by": story.byline.writtenBy = try value.stringList(key).map(punctuated)
            case "edited_by": story.byline.editedBy = try value.stringList(key).map(punctuated)
            case "order":
                story.order = try value.double(key)
                story.orderLine = line
            case "lang":
                if let lang = try value.optionalString(key) {
                    guard Language.isWellFormed(lang) else { throw value.error("lang must be a language tag such as en, de or zh-Hans, not \"\(lang)\"") }
                    story.lang = lang
                    story.languageLines.append(LanguageLine(tag: lang, line: line))
                }
            case "columns":
                let text = try value.string(key)
                if text != "all" {
                    guard let columns = Int(text), (1...8).contains(columns) else {
                        throw value.error("columns must be 1, 2 (a narrow story set beside others) or all, not \"\(text)\"")
                    }
                    story.columns = columns
                }
            case "short_title": story.shortTitle = try value.optionalString(key).map(punctuated)
            case "filler": story.filler = try value.bool(key)
            case "draft": story.draft = try value.bool(key)
            case "pull_quote":
                story.pullQuote = try value.optionalString(key).map(punctuated)
                story.pullQuoteLine = line
            case "image": story.image = try image(value, line: line, file: name, marks: marks, warnings: &warnings)
            default:
                warnings.append(KeySuggestion.unknownKey(key, known: keys, file: name, line: line))
            }
        }
        guard sawTitle else { throw InputError(file: name, line: parts.yamlFirstLine, "title is missing: add \"title: ...\" to the front matter") }
        story.body = try MarkdownReader.read(body.text, file: name, firstLine: parts.bodyFirstLine, language: story.lang, warnings: &warnings,
                                             languages: &story.languageLines)
        return story
    }

    // MARK: - Pictures

    /// The front matter's `image:`, a path or a mapping of path, caption, credit, alt and span.
    static func image(_ value: YAMLValue, line: Int?, file: String, marks: QuotationMarks = .english, warnings: inout [Warning]) throws -> ImageRef? {
        if value.isNull { return nil }
        if case .scalar = value.node {
            return ImageRef(path: try value.string("image"), file: file, line: value.line ?? line)
        }
        var image = ImageRef(path: "", file: file, line: value.line ?? line)
        var sawPath = false
        for (key, keyLine, item) in try value.mapping("image") {
            switch key {
            case "path":
                image.path = try item.optionalString("image path") ?? ""
                image.line = item.line ?? keyLine
                sawPath = true
            case "caption": image.caption = try item.optionalString("image caption").map { SmartPunctuation.apply($0, marks: marks) }
            case "credit": image.credit = try item.optionalString("image credit").map { SmartPunctuation.apply($0, marks: marks) }
            case "alt": image.alt = try item.optionalString("image alt")
            case "span":
                switch try item.string("image span") {
                case "1": image.span = 1
                case "2": image.span = 2
                case "all": image.span = nil
                case let other: throw item.error("image span must be 1, 2 or all, not \"\(other)\"")
                }
            default:
                warnings.append(KeySuggestion.unknownKey(key, what: "image key", known: imageKeys, file: file, line: keyLine))
            }
        }
        guard sawPath else { throw value.error("image needs a path: add \"path: images/photo.jpg\" under image") }
        return image
    }

    /// `image` found on disk; a warning when it has no alt text.
    static func located(_ image: ImageRef, _ locator: ImageLocator, front: Bool, warnings: inout [Warning]) throws -> ImageRef {
        let found = try locator.locate(image)
        if image.alt == nil {
            let how = front ? "add \"alt: ...\" under image" : "write it between the brackets: ![what it shows](\(image.path.escapedForMessage))"
            warnings.append(Warning(file: image.file, line: image.line,
                                    "image \"\(image.path.escapedForMessage)\" has no alt text to say what it shows to readers who cannot see it: \(how)"))
        }
        return found
    }

    /// `blocks` with every picture in them found on disk.
    static func locatingImages(in blocks: [Block], _ locator: ImageLocator, warnings: inout [Warning], errors: ErrorList? = nil) throws -> [Block] {
        try blocks.compactMap { block in
            switch block {
            case .image(let image):
                // A picture not found, with errors collected, is left out of the story.
                return try ErrorList.attempt(errors) { try located(image, locator, front: false, warnings: &warnings) }.map(Block.image)
            case .blockQuote(let inner): return .blockQuote(try locatingImages(in: inner, locator, warnings: &warnings, errors: errors))
            case .list(let ordered, let start, let items, let delimiter):
                return .list(ordered: ordered, start: start, items: try items.map { try locatingImages(in: $0, locator, warnings: &warnings, errors: errors) },
                             delimiter: delimiter)
            case .paragraph, .heading, .code, .thematicBreak, .table: return block
            }
        }
    }

    /// A headline is set in large type across the columns; past `Limits.headlineWords` it is a
    /// paragraph in the wrong place (and a very long one takes minutes to balance).
    static func checkWords(_ text: String, of value: YAMLValue, _ key: String) throws {
        let words = text.split(whereSeparator: \.isWhitespace).count
        guard words <= Limits.headlineWords else {
            throw value.error("the \(key) has \(words) words, over the limit of \(Limits.headlineWords): move the rest to the deck or the text")
        }
    }
}

/// BCP 47 tags, checked for shape only.
enum Language {
    static func isWellFormed(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}
