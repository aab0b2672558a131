import Foundation
import BulletinModel

/// An issue read from its folder, with the warnings met on the way.
public struct LoadedIssue: Sendable {
    public var issue: Issue
    public var warnings: [Warning]
    /// With `collectingErrors`, the stories' errors (the stories themselves left out): every
    /// one, for `bulletin check`, where `make` stops at the first.
    public var errors: [InputError] = []
}

/// Errors gathered instead of thrown, so that one bad story or picture does not hide the next.
final class ErrorList {
    var errors: [InputError] = []

    /// Runs `body`. With a list, an input error is kept there and gives nil; without one, it
    /// is thrown.
    static func attempt<T>(_ list: ErrorList?, _ body: () throws -> T) throws -> T? {
        guard let list else { return try body() }
        do { return try body() } catch let error as InputError {
            list.errors.append(error)
            return nil
        }
    }
}

/// Reads `issue.yaml` and `stories/*.md` from an issue folder.
public enum IssueLoader {
    static let keys: Set<String> = ["title", "subtitle", "volume", "number", "date", "layout", "editors", "contact", "copyright", "pages", "logo", "lang", "mail"]
    static let mailKeys: Set<String> = ["from", "to", "reply_to", "subject"]
    static let contactKeys: Set<String> = ["organisation", "address", "telephone", "email", "web"]

    /// Reads the issue in `folder`; with `allowOutside`, its files may be links to elsewhere;
    /// with `drafts`, stories marked `draft: true` are kept (else left out with a note).
    ///
    /// With `collectingErrors`, an error in a story (or a picture it names) leaves that story
    /// out and is kept in `errors`, and the other stories are still read; an error in issue.yaml
    /// or the stories folder, which stops everything, is thrown either way.
    ///
    /// With `parsed`, stories whose text is as an earlier build of the session read it are taken
    /// as that build parsed them (`bulletin make --watch`).
    public static func load(folder: String, allowOutside: Bool = false, drafts: Bool = false,
                            collectingErrors: Bool = false, parsed: ParsedFiles? = nil) throws -> LoadedIssue {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(file: folder.escapedForMessage, "issue folder not found")
        }
        let issueFolder = IssueFolder(folder, allowOutside: allowOutside)
        let issueFile = (folder as NSString).appendingPathComponent("issue.yaml")
        let shown = display(issueFile)
        guard FileManager.default.fileExists(atPath: issueFile) else {
            throw InputError(file: shown, "file not found: an issue folder holds issue.yaml and stories/")
        }
        try issueFolder.checkInside(issueFile)
        var warnings: [Warning] = []
        var issue = try readIssueFile(issueFile, shownAs: shown, warnings: &warnings)
        issue.folder = folder
        let errors = collectingErrors ? ErrorList() : nil
        if let logo = issue.logo {
            // Found and checked as a story's picture is: inside the issue folder, a regular file.
            issue.logo = try ErrorList.attempt(errors) { try ImageLocator(folder: issueFolder, storyPath: issueFile, storyName: shown).locate(logo) }
        }
        issue.stories = try readStories(in: issueFolder, drafts: drafts, language: issue.lang, warnings: &warnings, errors: errors, parsed: parsed)
        return LoadedIssue(issue: issue, warnings: warnings, errors: errors?.errors ?? [])
    }

    /// issue.yaml of the issue in `folder` alone, without its stories (`bulletin new --from`).
    public static func readSettings(folder: String) throws -> Issue {
        let issueFile = (folder as NSString).appendingPathComponent("issue.yaml")
        guard FileManager.default.fileExists(atPath: issueFile) else {
            throw InputError(file: display(issueFile), "file not found: an issue folder holds issue.yaml and stories/")
        }
        var warnings: [Warning] = []
        var issue = try readIssueFile(issueFile, shownAs: display(issueFile), warnings: &warnings)
        issue.folder = folder
        return issue
    }

    static func readIssueFile(_ path: String, shownAs name: String, warnings: inout [Warning]) throws -> Issue {
        let text = try TextFile.read(path, shownAs: name, maxBytes: Limits.yamlFileBytes)
        let cleaned = try YAMLValue.cleaned(text, file: name)
        if let warning = CleanedText.warning(file: name, cleaned.removals) { warnings.append(warning) }
        guard let yaml = try YAMLValue.parse(cleaned.text, file: name) else {
            throw InputError(file: name, "is empty: it needs at least title and date")
        }
        var issue = Issue(title: "", date: IssueDate(year: 1970, month: 1))
        var sawTitle = false, sawDate = false
        let mapping = try yaml.mapping("issue.yaml")
        // Printed words take the issue's quotation marks, whichever key comes first.
        let ownLanguage = mapping.first { $0.key == "lang" }.flatMap { try? $0.value.optionalString("lang") }.flatMap { Language.isWellFormed($0) ? $0 : nil }
        let marks = QuotationMarks.of(ownLanguage ?? issue.language)
        let punctuated: (String) -> String = { SmartPunctuation.apply($0, marks: marks) }
        for (key, line, value) in mapping {
            switch key {
            case "title":
                guard let title = try value.optionalString(key) else { throw value.error("title is empty") }
                issue.title = punctuated(title)
                sawTitle = true
            // Words the pages print are punctuated as the stories' text (`SmartPunctuation`): the
            // title too, which the output's file name reads only for its letters and digits.
            case "subtitle": issue.subtitle = try value.optionalString(key).map(punctuated)
            case "volume": issue.volume = try value.optionalString(key)
            case "number": issue.number = try value.optionalString(key)
            case "copyright": issue.copyright = try value.optionalString(key).map(punctuated)
            case "pages":
                guard let pages = Int(try value.string(key)), (1...Limits.pages).contains(pages) else {
                    throw value.error("pages must be a whole number of pages from 1 to \(Limits.pages), not \"\(try value.string(key))\"")
                }
                issue.pages = pages
                issue.pagesLine = line
            case "layout":
                guard let layout = try value.optionalString(key) else { throw value.error("layout is empty") }
                // It becomes part of a path and of messages about that path.
                guard !layout.unicodeScalars.contains(where: Unprintable.needsEscape) else {
                    throw value.error("layout must be a layout name or a path, not \"\(layout)\"")
                }
                issue.layout = layout
                issue.layoutLine = line
            case "date":
                let text = try value.optionalString(key) ?? ""
                guard let date = IssueDate(parsing: text) else { throw value.error("date must be YYYY-MM or YYYY-MM-DD, not \"\(text)\"") }
                issue.date = date
                sawDate = true
            case "editors": issue.editors = try value.stringList(key).map(punctuated)
            case "lang":
                if let lang = try value.optionalString(key) {
                    guard Language.isWellFormed(lang) else { throw value.error("lang must be a language tag such as en, de or zh-Hans, not \"\(lang)\"") }
                    issue.lang = lang
                }
            case "contact": issue.contact = try readContact(value, marks: marks, warnings: &warnings)
            case "logo":
                guard let path = try value.optionalString(key) else { throw value.error("logo is empty: name the logo's file, e.g. images/logo.svg") }
                issue.logo = ImageRef(path: path, span: nil, file: name, line: line)
            case "mail": issue.mail = try readMail(value, warnings: &warnings)
            default:
                warnings.append(KeySuggestion.unknownKey(key, known: keys, file: name, line: line))
            }
        }
        guard sawTitle else { throw InputError(file: name, line: 1, "title is missing: add \"title: ...\"") }
        guard sawDate else { throw InputError(file: name, line: 1, "date is missing: add \"date: YYYY-MM\"") }
        return issue
    }

    static func readContact(_ yaml: YAMLValue, marks: QuotationMarks = .english, warnings: inout [Warning]) throws -> Contact {
        var contact = Contact()
        for (key, line, value) in try yaml.mapping("contact") {
            switch key {
            // Printed words, punctuated as the rest; telephone, email and web are kept as written.
            case "organisation": contact.organisation = try value.optionalString(key).map { SmartPunctuation.apply($0, marks: marks) }
            case "address": contact.address = try value.optionalString(key).map { SmartPunctuation.apply($0, marks: marks) }
            case "telephone": contact.telephone = try value.optionalString(key)
            case "email":
                contact.email = try value.optionalString(key)
                contact.emailLine = line
            case "web": contact.web = try value.optionalString(key)
            default:
                warnings.append(KeySuggestion.unknownKey(key, what: "contact key", known: contactKeys, file: yaml.file, line: line))
            }
        }
        return contact
    }

    /// The `mail:` block: every address is checked here, where its line is known.
    static func readMail(_ yaml: YAMLValue, warnings: inout [Warning]) throws -> MailSpec {
        var mail = MailSpec()
        func address(_ value: YAMLValue, _ key: String) throws -> String {
            guard let text = try value.optionalString(key) else { throw value.error("\(key) is empty: write an address such as name@example.org") }
            if let problem = MailAddress.problem(with: text) { throw value.error("\(key): \(problem)") }
            return text
        }
        for (key, line, value) in try yaml.mapping("mail") {
            switch key {
            case "from": mail.from = try address(value, "mail.from")
            case "reply_to": mail.replyTo = try address(value, "mail.reply_to")
            case "to":
                if case .sequence = value.node {
                    mail.to = try value.list("mail.to").map { try address($0, "mail.to") }
                } else {
                    mail.to = [try address(value, "mail.to")]
                }
            case "subject":
                let subject = try value.optionalString("mail.subject")
                if let subject, subject.contains(where: \.isNewline) { throw value.error("mail.subject must be one line") }
                mail.subject = subject
            default:
                warnings.append(KeySuggestion.unknownKey(key, what: "mail key", known: mailKeys, file: yaml.file, line: line))
            }
            if let line { mail.lines[key] = line }
        }
        return mail
    }

    /// Whether a file in stories/ is a story: Markdown by its suffix, not hidden.
    public static func isStoryFile(_ name: String) -> Bool {
        (name.hasSuffix(".md") || name.hasSuffix(".markdown")) && !name.hasPrefix(".")
    }

    /// A story without a `lang:` of its own is in `language`, issue.yaml's (English when nil).
    static func readStories(in folder: IssueFolder, drafts: Bool, language: String? = nil, warnings: inout [Warning], errors: ErrorList?,
                            parsed: ParsedFiles? = nil) throws -> [Story] {
        let storiesFolder = (folder.path as NSString).appendingPathComponent("stories")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: storiesFolder) else {
            throw InputError(file: display(storiesFolder), "folder not found: put one Markdown file per story in stories/")
        }
        let files = names.filter(isStoryFile).sorted()
        guard !files.isEmpty else { throw InputError(file: display(storiesFolder), "holds no stories (*.md or *.markdown files)") }
        guard files.count <= Limits.stories else {
            throw InputError(file: display(storiesFolder), "holds \(Limits.format(files.count)) stories, over the limit of \(Limits.stories) for an issue")
        }
        // The files are checked in order (inside the issue folder, the stories within the size
        // limit for an issue); the first that fails stops the reading there.
        var paths: [String] = []
        var stop: Error?
        var bytes = 0
        for name in files {
            let path = (storiesFolder as NSString).appendingPathComponent(name)
            do { try folder.checkInside(path) } catch {
                stop = error
                break
            }
            bytes += TextFile.size(path) ?? 0
            guard bytes <= Limits.issueBytes else {
                stop = InputError(file: display(path), "brings the stories to over \(Limits.size(Limits.issueBytes)), the limit for an issue")
                break
            }
            paths.append(path)
        }
        // Then read on every core at once (their YAML and Markdown), each with warnings and
        // collected errors of its own, and taken in order: the warnings, errors and first
        // problem are those of reading them one by one.
        let read = concurrentMap(paths) { path -> (story: Result<Story?, Error>, warnings: [Warning], errors: [InputError]) in
            var warnings: [Warning] = []
            let own = errors == nil ? nil : ErrorList()
            let story = Result {
                try ErrorList.attempt(own) { try StoryLoader.load(path: path, shownAs: display(path), folder: folder, language: language,
                                                        warnings: &warnings, errors: own, parsed: parsed) }
            }
            return (story, warnings, own?.errors ?? [])
        }
        var stories: [(key: Double, explicit: Bool, story: Story)] = []
        for (index, outcome) in read.enumerated() {
            warnings += outcome.warnings
            errors?.errors += outcome.errors
            guard let story = try outcome.story.get() else { continue }
            if story.draft && !drafts {
                warnings.append(.note(file: story.file, line: story.titleLine, "\"\(story.title.escapedForMessage)\" is a draft (draft: true) and is left out: pass --drafts to include it"))
                continue
            }
            // A story with `order: N` takes place N; the others keep their file-name places.
            stories.append((story.order ?? Double(index + 1), story.order != nil, story))
        }
        if let stop { throw stop }
        // Two stories asking for the same place are set in file-name order, which the editor
        // should know: one of the numbers is likely a slip.
        var firstAt: [Double: Story] = [:]
        for entry in stories where entry.explicit {
            guard let first = firstAt[entry.key] else {
                firstAt[entry.key] = entry.story
                continue
            }
            let number = entry.key.rounded() == entry.key ? String(Int(entry.key)) : String(entry.key)
            warnings.append(Warning(file: entry.story.file, line: entry.story.orderLine,
                                    "order: \(number) is also that of \(display(first.file)): the two are set in file-name order",
                                    hint: "give each story a place of its own"))
        }
        guard !stories.isEmpty || files.isEmpty || (errors?.errors.isEmpty == false) else {
            throw InputError(file: display(storiesFolder), "every story is a draft (draft: true): pass --drafts to include them, or set draft: false on those that are ready")
        }
        return stories.enumerated().sorted { a, b in
            if a.element.key != b.element.key { return a.element.key < b.element.key }
            if a.element.explicit != b.element.explicit { return a.element.explicit }
            return a.offset < b.offset
        }.map(\.element.story)
    }

    /// A path as the user would recognise it: relative to the working folder when below it, with
    /// control characters escaped. For messages only: never open what it returns.
    public static func display(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let absolute = path.hasPrefix("/") ? path : cwd + path
        let standard = lexicallyStandard(absolute)
        let shown = standard.hasPrefix(cwd) ? String(standard.dropFirst(cwd.count)) : standard
        // File names may hold anything; a message may not.
        return shown.escapedForMessage
    }

    /// An absolute path without "." and ".." parts or doubled slashes, worked out from its text
    /// alone: Foundation's `standardizingPath` also follows symbolic links, and a message must
    /// name the link the editor knows, not where it leads.
    static func lexicallyStandard(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
