import CCmark
import Foundation
import BulletinModel

/// Turns a story's CommonMark body into `Block` values. The only file that sees cmark's C nodes;
/// every node is freed with its document before `read` returns.
///
/// The parser is cmark-gfm with its autolink extension: `https://…`, `www.…` and `name@host`
/// written bare in a story become links, checked by `LinkPolicy` like any other (an address
/// whose local part has letters outside ASCII whole: `BareAddress`). Its table
/// extension reads GitHub's tables (`| a | b |` under a header and a `|---|---:|` line).
///
/// A picture (`![alt](path "caption")`) is a block of its own, set in a column of its own width:
/// a paragraph with a picture in its middle becomes the text before it, the picture and the text
/// after it. A picture inside emphasis or a link follows the paragraph it was in. Paths are
/// found on disk later, by `StoryLoader`, which knows the story's folder.
///
/// cmark itself parses and frees iteratively, so 100,000 nested `>` cost it nothing; the walk
/// here recurses, and so do `Block` and `Inline` and everything that reads them. Nesting deeper
/// than `Limits.nesting` is therefore an error, found before the stack is at risk.
enum MarkdownReader {
    /// The opening of a `{lang=…}` attribute, as its bytes.
    static let languageAttribute = Array("{lang".utf8)

    static func read(_ markdown: String, file: String, firstLine: Int, language: String = "en", warnings: inout [Warning]) throws -> [Block] {
        var languages: [LanguageLine] = []
        return try read(markdown, file: file, firstLine: firstLine, language: language, warnings: &warnings, languages: &languages)
    }

    /// The blocks of a story in `language`, and in `languages` each `{lang=…}` with its line.
    /// Straight quotation marks become the marks of the language they are in
    /// (`QuotationMarks`): the story's, or a `{lang=…}`'s.
    static func read(_ markdown: String, file: String, firstLine: Int, language: String = "en", warnings: inout [Warning],
                     languages: inout [LanguageLine]) throws -> [Block] {
        let longWord = longWordLine(in: markdown)
        if let longWord {
            warnings.append(Warning(file: file, line: longWord + firstLine - 1,
                                    "a word is longer than \(Limits.format(Limits.autolinkWordBytes)) bytes: bare web and e-mail addresses in this story are not made links"))
        }
        guard let document = parse(markdown, autolink: longWord == nil) else { return [] }
        defer { cmark_node_free(document) }
        var reader = Reader(file: file, lineOffset: firstLine - 1)
        reader.source = markdown
        reader.autolink = longWord == nil
        // Marks made of straight ones stand in until the language they are in is known (a
        // paragraph's `{lang=…}` comes at its end): in a story whose marks are not English, or
        // that marks text in another language. A story that holds such a character itself
        // keeps English marks.
        let settling = (QuotationMarks.of(language) != .english || Attributes.holds(markdown, Self.languageAttribute))
            && !markdown.unicodeScalars.contains(where: QuotationMarks.isStandIn)
        if settling { reader.marks = .standIns }
        let blocks = try reader.blocks(of: document, depth: 0)
        warnings += reader.warnings
        languages += reader.languages
        return settling ? QuotationMarks.settled(blocks, language: language) : blocks
    }

    /// Held while a parser lives (`parse`).
    private static let parsing = NSLock()

    /// cmark-gfm's extensions register themselves in a global list: once, before any parse.
    private static let extensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// The document's node tree, which the caller frees. Smart punctuation: straight quotes and
    /// dashes become typographic ones, as a typesetter would. Of GitHub's extensions autolink
    /// (bare web and e-mail addresses become links; not with `autolink` false), table,
    /// strikethrough and tasklist are attached: `~~cancelled~~`, between two tildes each side
    /// only (one tilde is "about": "~200 students and ~30 staff" strikes nothing), and
    /// `- [ ] Passport`, whose box leads the item.
    ///
    /// One parser at a time in the process: attaching an extension to a parser adds its
    /// characters to a table all parsers share, and freeing the parser takes them out again,
    /// so a story parsed while another's parser was freed lost its bare addresses' links
    /// (stories are read on several threads: `IssueLoader.readStories`).
    static func parse(_ markdown: String, autolink: Bool = true) -> OpaquePointer? {
        _ = extensionsRegistered
        parsing.lock()
        defer { parsing.unlock() }
        guard let parser = cmark_parser_new(CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE) else { return nil }
        defer { cmark_parser_free(parser) }
        if autolink, let autolink = cmark_find_syntax_extension("autolink") {
            cmark_parser_attach_syntax_extension(parser, autolink)
        }
        if let table = cmark_find_syntax_extension("table") {
            cmark_parser_attach_syntax_extension(parser, table)
        }
        if let strikethrough = cmark_find_syntax_extension("strikethrough") {
            cmark_parser_attach_syntax_extension(parser, strikethrough)
        }
        if let tasklist = cmark_find_syntax_extension("tasklist") {
            cmark_parser_attach_syntax_extension(parser, tasklist)
        }
        markdown.withCString { cmark_parser_feed(parser, $0, markdown.utf8.count) }
        return cmark_parser_finish(parser)
    }

    /// The line (from 1) of the first word longer than `Limits.autolinkWordBytes`, if any: a
    /// story the autolink extension would take minutes over.
    static func longWordLine(in markdown: String) -> Int? {
        var line = 1, run = 0
        for byte in markdown.utf8 {
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                run = 0
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                run = 0
            default:
                run += 1
                if run > Limits.autolinkWordBytes { return line }
            }
        }
        return nil
    }

    /// A table row's cells as written, split at the pipes that are not escaped; a pipe
    /// before the first and after the last is no cell.
    static func tableCellTexts(_ line: Substring) -> [Substring] {
        var text = line.drop { $0 == " " || $0 == "\t" }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text = text.dropLast() }
        if text.first == "|" { text = text.dropFirst() }
        var cells: [Substring] = []
        var start = text.startIndex, escaped = false
        for index in text.indices {
            if escaped {
                escaped = false
            } else if text[index] == "\\" {
                escaped = true
            } else if text[index] == "|" {
                cells.append(text[start..<index])
                start = text.index(after: index)
            }
        }
        if !text[start...].allSatisfy({ $0 == " " || $0 == "\t" }) { cells.append(text[start...]) }
        return cells
    }

    private struct Reader {
        let file: String
        let lineOffset: Int
        var warnings: [Warning] = []
        /// Pictures met inside emphasis or links, to follow the block they were in.
        var nestedImages: [ImageRef] = []
        /// Each `{lang=…}` read, with its line.
        var languages: [LanguageLine] = []
        /// The footnotes whose text has been read: cmark-gfm numbers the references in the
        /// order they come and puts the notes' texts at the end in that order.
        var footnotesRead = 0
        /// The story's Markdown: a table row's cells past its header's, which cmark-gfm drops,
        /// are read from it; and where its lines begin, found when a table asks.
        var source = ""
        var foundLineStarts: [String.UTF8View.Index] = []
        var autolink = true
        /// The marks straight quotation marks become.
        var marks = QuotationMarks.english

        init(file: String, lineOffset: Int) {
            self.file = file
            self.lineOffset = lineOffset
        }

        func children(of node: OpaquePointer) -> [OpaquePointer] {
            var result: [OpaquePointer] = []
            var child = cmark_node_first_child(node)
            while let c = child {
                result.append(c)
                child = cmark_node_next(c)
            }
            return result
        }

        func literal(_ node: OpaquePointer) -> String {
            cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        }

        /// A text node's literal with the quotation marks cmark's smart punctuation made of
        /// straight ones (it makes English marks) made `marks`; marks typed as they print stay.
        /// cmark joins a run of text into one node: its marks are matched, in order, with the
        /// quotation marks of the story's text the node spans (a backslash's is not one). Where
        /// they do not match one for one (a mark written as an HTML entity), the node keeps
        /// cmark's marks.
        mutating func text(_ node: OpaquePointer) -> String {
            let text = literal(node)
            guard marks != .english, text.unicodeScalars.contains(where: Self.isCurly),
                  let straight = straightQuotes(of: node), straight.count == text.unicodeScalars.lazy.filter(Self.isCurly).count else { return text }
            var result = String.UnicodeScalarView(), next = 0
            for scalar in text.unicodeScalars {
                guard Self.isCurly(scalar) else {
                    result.append(scalar)
                    continue
                }
                defer { next += 1 }
                guard straight[next] else {
                    result.append(scalar)
                    continue
                }
                switch scalar {
                case "\u{201C}": result.append(contentsOf: marks.open.unicodeScalars)
                case "\u{201D}": result.append(contentsOf: marks.close.unicodeScalars)
                case "\u{2018}": result.append(contentsOf: marks.innerOpen.unicodeScalars)
                default: result.append(contentsOf: marks.innerClose.unicodeScalars)
                }
            }
            return String(result)
        }

        static func isCurly(_ scalar: Unicode.Scalar) -> Bool { (0x2018...0x2019).contains(scalar.value) || (0x201C...0x201D).contains(scalar.value) }

        /// For each quotation mark in the story's text `node` spans (on one line), in order,
        /// whether it is a straight one; nil where cmark knows no span.
        mutating func straightQuotes(of node: OpaquePointer) -> [Bool]? {
            let line = Int(cmark_node_get_start_line(node)) - 1
            let first = Int(cmark_node_get_start_column(node)) - 1, last = Int(cmark_node_get_end_column(node)) - 1
            let starts = lineStarts(), utf8 = source.utf8
            guard line >= 0, cmark_node_get_end_line(node) == cmark_node_get_start_line(node), starts.indices.contains(line),
                  first >= 0, last >= first,
                  let from = utf8.index(starts[line], offsetBy: first, limitedBy: utf8.endIndex),
                  let to = utf8.index(starts[line], offsetBy: last + 1, limitedBy: utf8.endIndex) else { return nil }
            let bytes = Array(utf8[from..<to])
            var result: [Bool] = []
            var index = 0
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\\"): index += 1
                case UInt8(ascii: "\""), UInt8(ascii: "'"): result.append(true)
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && [0x98, 0x99, 0x9C, 0x9D].contains(bytes[index + 2]):
                    result.append(false)
                    index += 2
                default: break
                }
                index += 1
            }
            return result
        }

        /// Where each of the story's lines begins, found the first time it is asked.
        mutating func lineStarts() -> [String.UTF8View.Index] {
            if foundLineStarts.isEmpty {
                let utf8 = source.utf8
                foundLineStarts = [utf8.startIndex] + utf8.indices.filter { utf8[$0] == UInt8(ascii: "\n") }.map { utf8.index(after: $0) }
            }
            return foundLineStarts
        }

        func line(_ node: OpaquePointer) -> Int { Int(cmark_node_get_start_line(node)) + lineOffset }

        /// The line of an inline node, or of its block when cmark knows none.
        func line(_ node: OpaquePointer, inBlockAt blockLine: Int) -> Int {
            cmark_node_get_start_line(node) > 0 ? line(node) : blockLine
        }

        /// Throws when `depth` (of `node`, a quote, list, emphasis, link or image) is past the
        /// limit, at the node's line or, when cmark knows none, at `blockLine`.
        func checkDepth(_ depth: Int, _ node: OpaquePointer, blockLine: Int? = nil, _ what: String) throws {
            guard depth > Limits.nesting else { return }
            let start = Int(cmark_node_get_start_line(node))
            throw InputError(file: file, line: start > 0 ? start + lineOffset : blockLine,
                             "\(what) are nested more than \(Limits.nesting) deep: flatten them")
        }

        /// The blocks inside `node`, which lies `depth` quotes and lists deep. A fenced div
        /// `::: {lang=en}` … `:::` puts the blocks between its fences in that language; the
        /// fences are paragraphs to cmark (or a paragraph's first or last line), taken out here.
        mutating func blocks(of node: OpaquePointer, depth: Int) throws -> [Block] {
            var result: [Block] = []
            var language: String?
            for child in children(of: node) {
                var produced = try block(child, depth: depth)
                if case .paragraph(let inlines)? = produced.first, let (tag, rest) = Attributes.divOpening(inlines) {
                    language = try checkedTag(tag, line: line(child))
                    produced.removeFirst()
                    if !rest.isEmpty { produced.insert(.paragraph(rest), at: 0) }
                }
                var closes = false
                if language != nil, let last = produced.last, let rest = Self.withoutDivClosing(last) {
                    closes = true
                    produced.removeLast()
                    produced += rest
                }
                if let language { produced = produced.map { $0.inLanguage(language) } }
                result += produced
                if closes { language = nil }
            }
            return result
        }

        /// `block` without a fenced div's closing `:::` as its last line, nil when it has none:
        /// a paragraph's last line, or that of the last paragraph of a list's last item or of a
        /// block quote, however deep (to cmark, a `:::` right after a list item's or a quote's
        /// text is a lazy continuation of it, not a paragraph of its own).
        static func withoutDivClosing(_ block: Block) -> [Block]? {
            switch block {
            case .paragraph(let inlines):
                guard let rest = Attributes.divClosing(inlines) else { return nil }
                return rest.isEmpty ? [] : [.paragraph(rest)]
            case .list(let ordered, let start, var items, let delimiter):
                guard var item = items.popLast(), let last = item.popLast(), let rest = withoutDivClosing(last) else { return nil }
                items.append(item + rest)
                return [.list(ordered: ordered, start: start, items: items, delimiter: delimiter)]
            case .blockQuote(var blocks):
                guard let last = blocks.popLast(), let rest = withoutDivClosing(last) else { return nil }
                return [.blockQuote(blocks + rest)]
            case .heading, .code, .thematicBreak, .image, .table:
                return nil
            }
        }

        /// `tag` when it is a language tag; else a warning, and nil (the text keeps its story's language).
        mutating func checkedTag(_ tag: String, line: Int) throws -> String? {
            guard Language.isWellFormed(tag) else {
                warnings.append(Warning(file: file, line: line, "{lang=\(tag.escapedForMessage)} is not a language tag such as en, de or zh-Hans: the text keeps the story's language"))
                return nil
            }
            languages.append(LanguageLine(tag: tag, line: line))
            return tag
        }

        /// A block's inlines without a `{lang=…}` at their end, and in that language.
        mutating func withTrailingLanguage(_ inlines: [Inline], line: Int) throws -> (inlines: [Inline], language: String?) {
            guard let (rest, tag) = Attributes.trailingLanguage(inlines) else { return (inlines, nil) }
            if rest.isEmpty {
                warnings.append(Warning(file: file, line: line, "{lang=\(tag.escapedForMessage)} stands alone: put it at the end of the paragraph it is for"))
            }
            return (rest, try checkedTag(tag, line: line))
        }

        mutating func block(_ node: OpaquePointer, depth: Int) throws -> [Block] {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH:
                return try paragraph(node)
            case CMARK_NODE_HEADING:
                let (text, language) = try withTrailingLanguage(try inlines(of: node, line: line(node), depth: 0), line: line(node))
                let heading = Block.heading(level: Int(cmark_node_get_heading_level(node)), Reader.trimmed(text))
                return [language.map { heading.inLanguage($0) } ?? heading] + takeNestedImages()
            case CMARK_NODE_BLOCK_QUOTE:
                try checkDepth(depth + 1, node, "block quotes and lists")
                return [.blockQuote(try blocks(of: node, depth: depth + 1))]
            case CMARK_NODE_LIST:
                try checkDepth(depth + 1, node, "block quotes and lists")
                let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
                let items = try children(of: node).map { item in
                    let blocks = try blocks(of: item, depth: depth + 1)
                    // A task ("- [ ] Passport", "- [x] Visa"): its box before its words, which
                    // the list then sets as the item's marker, as it does a box typed there.
                    guard let type = cmark_node_get_type_string(item), String(cString: type) == "tasklist" else { return blocks }
                    let box = TaskBox.box(done: cmark_gfm_extensions_get_tasklist_item_checked(item)) + " "
                    guard case .paragraph(let inlines)? = blocks.first else { return [.paragraph([.text(box)])] + blocks }
                    return [.paragraph([.text(box)] + inlines)] + blocks.dropFirst()
                }
                let delimiter: ListDelimiter = cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM ? .parenthesis : .period
                return [.list(ordered: ordered, start: Int(cmark_node_get_list_start(node)), items: items, delimiter: delimiter)]
            case CMARK_NODE_CODE_BLOCK:
                return [.code(literal(node))]
            case CMARK_NODE_THEMATIC_BREAK:
                return [.thematicBreak]
            case CMARK_NODE_FOOTNOTE_DEFINITION:
                // A footnote's text after the story's, under a rule before the first, led by
                // its number as its references show it.
                footnotesRead += 1
                let number = footnotesRead
                var notes = try blocks(of: node, depth: depth + 1)
                if case .paragraph(let inlines)? = notes.first {
                    notes[0] = .paragraph([.text(Note.opening(number))] + inlines)
                } else {
                    notes.insert(.paragraph([.text(Note.mark(number))]), at: 0)
                }
                return (number == 1 ? [.thematicBreak] : []) + notes
            case CMARK_NODE_HTML_BLOCK:
                // The words of a block of HTML are the story's: its tags go, its text stays (an
                // editor's comment goes whole, unprinted as it was meant to be).
                let html = literal(node)
                if RawHTML.isComment(html) { return [] }
                let text = RawHTML.text(of: html)
                guard !text.isEmpty else {
                    warnings.append(Warning(file: file, line: line(node), "raw HTML is dropped: write the story in Markdown"))
                    return []
                }
                warnings.append(Warning(file: file, line: line(node), "raw HTML's tags are dropped and its text kept: write the story in Markdown"))
                return [.paragraph([.text(text)])]
            default:
                if let table = try table(node) { return [.table(table)] }
                return []
            }
        }

        /// A table node's rows and their cells, cut or padded to the header's columns; nil for
        /// any other node. A picture in a cell stands for its text: a cell is no place for it.
        mutating func table(_ node: OpaquePointer) throws -> Table? {
            guard let type = cmark_node_get_type_string(node), String(cString: type) == "table" else { return nil }
            let columns = Int(cmark_gfm_extensions_get_table_columns(node))
            guard columns > 0 else { return nil }
            let marks = cmark_gfm_extensions_get_table_alignments(node)
            let alignments: [Alignment] = (0..<columns).map { column in
                switch marks.map({ UnicodeScalar($0[column]) }) {
                case "r": return .right
                case "c": return .centre
                default: return .left
                }
            }
            let blockLine = line(node)
            var header: [[Inline]] = []
            var rows: [[[Inline]]] = []
            var widest = (cells: columns, line: blockLine)
            for row in children(of: node) {
                var cells = try children(of: row).prefix(columns).map {
                    Reader.trimmed(try inlines(of: $0, line: self.line($0, inBlockAt: blockLine), depth: 0, inAltText: true))
                }
                cells += Array(repeating: [], count: columns - cells.count)
                let past = try cellsPast(columns, of: row, blockLine: blockLine)
                if columns + past.count > widest.cells { widest = (columns + past.count, line(row, inBlockAt: blockLine)) }
                cells += past
                if cmark_gfm_extensions_get_table_row_is_header(row) != 0 && header.isEmpty && rows.isEmpty {
                    header = cells
                } else {
                    rows.append(cells)
                }
            }
            guard widest.cells > columns else { return Table(alignments: alignments, header: header, rows: rows) }
            // A row with more cells than the header: GitHub drops the rest, and its text was lost.
            // The table takes as many columns as its widest row, the new ones without a heading.
            warnings.append(Warning(file: file, line: widest.line,
                "this table row has \(widest.cells) cells and the table's header \(columns): the table is set with \(widest.cells) columns, "
                + "the last \(widest.cells - columns == 1 ? "one" : "\(widest.cells - columns)") without a heading; give the header row a cell for each column"))
            func widened(_ cells: [[Inline]]) -> [[Inline]] { cells + Array(repeating: [], count: widest.cells - cells.count) }
            return Table(alignments: alignments + Array(repeating: .left, count: widest.cells - columns),
                         header: header.isEmpty ? [] : widened(header), rows: rows.map(widened))
        }

        /// The cells a table row's line has past the header's `columns`, read as cmark-gfm reads
        /// a cell (it drops them).
        mutating func cellsPast(_ columns: Int, of row: OpaquePointer, blockLine: Int) throws -> [[Inline]] {
            let index = Int(cmark_node_get_start_line(row)) - 1
            let lineStarts = lineStarts()
            guard lineStarts.indices.contains(index) else { return [] }
            let utf8 = source.utf8
            let end = utf8[lineStarts[index]...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            let texts = MarkdownReader.tableCellTexts(Substring(source[lineStarts[index]..<end]))
            guard texts.count > columns else { return [] }
            var cells: [[Inline]] = []
            for text in texts[columns...] {
                // As the one cell of a table of its own: its inlines as a cell's, never a list
                // or a heading.
                guard let document = MarkdownReader.parse("| |\n|-|\n|\(text)|\n", autolink: autolink) else { return cells }
                defer { cmark_node_free(document) }
                let cell = cmark_node_first_child(document).flatMap(cmark_node_last_child).flatMap(cmark_node_first_child)
                cells.append(try cell.map { Reader.trimmed(try inlines(of: $0, line: line(row, inBlockAt: blockLine), depth: 0, inAltText: true)) } ?? [])
            }
            return cells
        }


        /// A paragraph, split where a picture stands in it: text, picture, text.
        mutating func paragraph(_ node: OpaquePointer) throws -> [Block] {
            let blockLine = line(node)
            var result: [Block] = []
            var run: [OpaquePointer] = []
            func flush(_ reader: inout Reader) throws {
                let content = Reader.trimmed(try reader.inlines(run, line: blockLine, depth: 0))
                if !content.isEmpty { result.append(.paragraph(content)) }
                result += reader.takeNestedImages()
                run = []
            }
            for child in children(of: node) {
                guard cmark_node_get_type(child) == CMARK_NODE_IMAGE else {
                    run.append(child)
                    continue
                }
                try flush(&self)
                result.append(.image(try image(child, line: blockLine, depth: 0)))
            }
            // `{lang=en}` at the paragraph's end: all of it in that language, around its pictures too.
            var language: String?
            let content = Reader.trimmed(try inlines(run, line: blockLine, depth: 0))
            if !content.isEmpty, Attributes.divOpening(content)?.rest.isEmpty == true {
                // A fenced div's opening line alone (before a list or a table): `blocks(of:)`
                // takes it, and its `{lang=…}` with it.
                result.append(.paragraph(content))
            } else if !content.isEmpty {
                let (rest, tag) = try withTrailingLanguage(content, line: blockLine)
                language = tag
                let kept = Reader.trimmed(rest)
                if !kept.isEmpty { result.append(.paragraph(kept)) }
            }
            result += takeNestedImages()
            run = []
            if let language { result = result.map { $0.inLanguage(language) } }
            return result
        }

        /// A Markdown picture: its path, its title as the caption (punctuated as the text: cmark
        /// leaves a title's marks as typed), its text as the alt text.
        mutating func image(_ node: OpaquePointer, line blockLine: Int, depth: Int) throws -> ImageRef {
            let alt = try inlines(of: node, line: blockLine, depth: depth + 1, inAltText: true).plainText.trimmingWhitespace
            let title = (cmark_node_get_title(node).map { String(cString: $0) } ?? "").trimmingWhitespace
            return ImageRef(path: cmark_node_get_url(node).map { String(cString: $0) } ?? "",
                            caption: title.isEmpty ? nil : SmartPunctuation.apply(title, marks: marks), alt: alt.isEmpty ? nil : alt, span: 1,
                            file: file, line: line(node, inBlockAt: blockLine))
        }

        mutating func takeNestedImages() -> [Block] {
            defer { nestedImages = [] }
            return nestedImages.map { .image($0) }
        }

        /// `inlines` without the breaks and spaces that stood next to a picture taken out.
        static func trimmed(_ inlines: [Inline]) -> [Inline] {
            var result = inlines
            while let first = result.first, first == .softBreak || first == .lineBreak { result.removeFirst() }
            while let last = result.last, last == .softBreak || last == .lineBreak { result.removeLast() }
            if case .text(let text)? = result.first {
                let kept = String(text.drop { $0.isWhitespace })
                if kept.isEmpty { result.removeFirst() } else { result[0] = .text(kept) }
            }
            if case .text(let text)? = result.last {
                var kept = Substring(text)
                while kept.last?.isWhitespace == true { kept.removeLast() }
                if kept.isEmpty { result.removeLast() } else { result[result.count - 1] = .text(String(kept)) }
            }
            return result
        }

        /// The inlines inside `node`, which lies `depth` emphases, links and images deep in the
        /// block that starts on `line`.
        /// Inside a picture's text (`inAltText`) a picture inside it stands for its own text.
        mutating func inlines(of node: OpaquePointer, line: Int, depth: Int, inAltText: Bool = false) throws -> [Inline] {
            let kind = cmark_node_get_type(node)
            if kind == CMARK_NODE_EMPH || kind == CMARK_NODE_STRONG || kind == CMARK_NODE_LINK || kind == CMARK_NODE_IMAGE {
                try checkDepth(depth, node, blockLine: line, "emphasis, links and images")
            }
            return try inlines(children(of: node), line: line, depth: depth, inAltText: inAltText)
        }

        /// The inlines of the nodes `nodes`, siblings `depth` deep.
        mutating func inlines(_ nodes: [OpaquePointer], line: Int, depth: Int, inAltText: Bool = false) throws -> [Inline] {
            var result: [Inline] = []
            for child in nodes {
                switch cmark_node_get_type(child) {
                case CMARK_NODE_TEXT:
                    let text = self.text(child)
                    // cmark splits text at some punctuation; join neighbours back into one run.
                    if case .text(let previous)? = result.last {
                        result[result.count - 1] = .text(previous + text)
                    } else {
                        result.append(.text(text))
                    }
                case CMARK_NODE_EMPH: result.append(.emphasis(try inlines(of: child, line: line, depth: depth + 1, inAltText: inAltText)))
                case CMARK_NODE_STRONG: result.append(.strong(try inlines(of: child, line: line, depth: depth + 1, inAltText: inAltText)))
                case CMARK_NODE_LINK:
                    var url = cmark_node_get_url(child).map { String(cString: $0) } ?? ""
                    var text = try inlines(of: child, line: line, depth: depth + 1, inAltText: inAltText)
                    // A bare address's letters outside ASCII, which autolink left in the text before it.
                    if let (start, rest) = BareAddress.start(of: url, text: text, after: result.last) {
                        url = "mailto:" + start + url.dropFirst("mailto:".count)
                        text = [.text(start + text.plainText)]
                        if rest.isEmpty { result.removeLast() } else { result[result.count - 1] = .text(rest) }
                    }
                    switch LinkPolicy.check(url) {
                    case .allowed(let safe):
                        result.append(.link(url: safe, text))
                    case .refused(let reason):
                        // The words stay; only the link goes.
                        warnings.append(Warning(file: file, line: self.line(child, inBlockAt: line), reason + "; the link is dropped, its text kept"))
                        result += text
                    }
                case CMARK_NODE_IMAGE:
                    if inAltText {
                        result += try inlines(of: child, line: line, depth: depth + 1, inAltText: true)
                    } else {
                        nestedImages.append(try image(child, line: line, depth: depth))
                    }
                case CMARK_NODE_FOOTNOTE_REFERENCE:
                    // A footnote's number, raised, where its reference stands.
                    let mark = Note.mark(Int(literal(child)) ?? 0)
                    if case .text(let previous)? = result.last {
                        result[result.count - 1] = .text(previous + mark)
                    } else {
                        result.append(.text(mark))
                    }
                case CMARK_NODE_CODE: result.append(.code(literal(child)))
                case CMARK_NODE_SOFTBREAK: result.append(.softBreak)
                case CMARK_NODE_LINEBREAK: result.append(.lineBreak)
                case CMARK_NODE_HTML_INLINE:
                    // A line break as HTML writes it is one; a comment is the editor's, not the
                    // reader's; other tags go, the text between them stays (told at the opening
                    // tag, not again at the closing one).
                    let tag = literal(child)
                    if RawHTML.isLineBreak(tag) {
                        result.append(.lineBreak)
                    } else if !RawHTML.isComment(tag), !tag.hasPrefix("</") {
                        warnings.append(Warning(file: file, line: line, "raw HTML \(tag.escapedForMessage) is dropped"))
                    }
                default:
                    // GitHub's strikethrough, whose node type its extension names.
                    if let type = cmark_node_get_type_string(child), String(cString: type) == "strikethrough" {
                        try checkDepth(depth + 1, child, blockLine: line, "emphasis, links and images")
                        result.append(.strikethrough(try inlines(children(of: child), line: line, depth: depth + 1, inAltText: inAltText)))
                    }
                }
            }
            return try spans(result, line: line)
        }

        /// `[words]{lang=en}` among `inlines` (cmark leaves a bracket that is not a link as
        /// text) made a span in that language; other brackets and braces stay as written.
        mutating func spans(_ inlines: [Inline], line: Int) throws -> [Inline] {
            var tags: [String] = []
            let result = Attributes.spans(in: inlines) { tag in
                tags.append(tag)
                return Language.isWellFormed(tag) ? tag : nil
            }
            for tag in tags { _ = try checkedTag(tag, line: line) }
            return result
        }
    }
}

/// What of raw HTML in a story is kept: its text, its line breaks; comments are the editor's.
enum RawHTML {
    /// `<br>`, `<br/>`, `<BR />`.
    static func isLineBreak(_ tag: String) -> Bool {
        let compact = tag.lowercased().filter { !$0.isWhitespace }
        return compact == "<br>" || compact == "<br/>"
    }

    /// `<!-- … -->`, and nothing else.
    static func isComment(_ html: String) -> Bool {
        let trimmed = html.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.hasPrefix("<!--") && trimmed.hasSuffix("-->") && trimmed.dropFirst(4).dropLast(3).range(of: "-->") == nil
    }

    /// The text of a block of HTML: its tags and comments left out (a `<br>` or a block tag a
    /// space), its character references read, its white space one space.
    static func text(of html: String) -> String {
        var text = "", index = html.startIndex
        while index < html.endIndex {
            if html[index...].hasPrefix("<!--") {
                index = html[index...].range(of: "-->")?.upperBound ?? html.endIndex
                text += " "
            } else if html[index] == "<", let close = html[index...].firstIndex(of: ">") {
                index = html.index(after: close)
                text += " "
            } else {
                text.append(html[index])
                index = html.index(after: index)
            }
        }
        return references(in: text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
                                          "mdash": "\u{2014}", "ndash": "\u{2013}", "hellip": "\u{2026}", "shy": "\u{00AD}",
                                          "eacute": "é", "egrave": "è", "aacute": "á", "agrave": "à", "oacute": "ó", "uacute": "ú",
                                          "iacute": "í", "auml": "ä", "ouml": "ö", "uuml": "ü", "szlig": "ß", "ccedil": "ç", "ntilde": "ñ",
                                          "copy": "©", "euro": "€", "pound": "£", "deg": "°", "times": "×"]

    /// `&amp;`, `&#8212;`, `&#x2014;` as the characters they name; others as written.
    static func references(in text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var result = "", rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semicolon = after.prefix(10).firstIndex(of: ";") {
                let name = String(after[..<semicolon])
                var character: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    character = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
                } else if name.hasPrefix("#") {
                    character = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
                } else {
                    character = named[name]
                }
                if let character, character.unicodeScalars.allSatisfy({ Unprintable.kind(of: $0) == nil }) {
                    result += character
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
            }
            result += "&"
            rest = after
        }
        return result + rest
    }
}

