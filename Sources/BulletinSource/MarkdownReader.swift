import CCmark
import BulletinModel

/// Turns a story's CommonMark body into `Block` values. The only file that sees cmark's C nodes;
/// every node is freed with its document before `read` returns.
///
/// cmark itself parses and frees iteratively, so 100,000 nested `>` cost it nothing; the walk
/// here recurses, and so do `Block` and `Inline` and everything that reads them. Nesting deeper
/// than `Limits.nesting` is therefore an error, found before the stack is at risk.
enum MarkdownReader {
    static func read(_ markdown: String, file: String, firstLine: Int, warnings: inout [Warning]) throws -> [Block] {
        // Smart punctuation: straight quotes and dashes become typographic ones, as a typesetter would.
        let options = CMARK_OPT_SMART
        guard let document = markdown.withCString({ cmark_parse_document($0, markdown.utf8.count, options) }) else { return [] }
        defer { cmark_node_free(document) }
        var reader = Reader(file: file, lineOffset: firstLine - 1)
        let blocks = try reader.blocks(of: document, depth: 0)
        warnings += reader.warnings
        return blocks
    }

    private struct Reader {
        let file: String
        let lineOffset: Int
        var warnings: [Warning] = []

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

        func line(_ node: OpaquePointer) -> Int { Int(cmark_node_get_start_line(node)) + lineOffset }

        /// Throws when `depth` (of `node`, a quote, list, emphasis, link or image) is past the
        /// limit, at the node's line or, when cmark knows none, at `blockLine`.
        func checkDepth(_ depth: Int, _ node: OpaquePointer, blockLine: Int? = nil, _ what: String) throws {
            guard depth > Limits.nesting else { return }
            let start = Int(cmark_node_get_start_line(node))
            throw InputError(file: file, line: start > 0 ? start + lineOffset : blockLine,
                             "\(what) are nested more than \(Limits.nesting) deep: flatten them")
        }

        /// The blocks inside `node`, which lies `depth` quotes and lists deep.
        mutating func blocks(of node: OpaquePointer, depth: Int) throws -> [Block] {
            try children(of: node).compactMap { try block($0, depth: depth) }
        }

        mutating func block(_ node: OpaquePointer, depth: Int) throws -> Block? {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH:
                let content = try inlines(of: node, line: line(node), depth: 0)
                return content.isEmpty ? nil : .paragraph(content)
            case CMARK_NODE_HEADING:
                return .heading(level: Int(cmark_node_get_heading_level(node)), try inlines(of: node, line: line(node), depth: 0))
            case CMARK_NODE_BLOCK_QUOTE:
                try checkDepth(depth + 1, node, "block quotes and lists")
                return .blockQuote(try blocks(of: node, depth: depth + 1))
            case CMARK_NODE_LIST:
                try checkDepth(depth + 1, node, "block quotes and lists")
                let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
                let items = try children(of: node).map { try blocks(of: $0, depth: depth + 1) }
                return .list(ordered: ordered, start: Int(cmark_node_get_list_start(node)), items: items)
            case CMARK_NODE_CODE_BLOCK:
                return .code(literal(node))
            case CMARK_NODE_THEMATIC_BREAK:
                return .thematicBreak
            case CMARK_NODE_HTML_BLOCK:
                warnings.append(Warning(file: file, line: line(node), "raw HTML is dropped: write the story in Markdown"))
                return nil
            default:
                return nil
            }
        }

        /// The inlines inside `node`, which lies `depth` emphases, links and images deep in the
        /// block that starts on `line`.
        mutating func inlines(of node: OpaquePointer, line: Int, depth: Int) throws -> [Inline] {
            let kind = cmark_node_get_type(node)
            if kind == CMARK_NODE_EMPH || kind == CMARK_NODE_STRONG || kind == CMARK_NODE_LINK || kind == CMARK_NODE_IMAGE {
                try checkDepth(depth, node, blockLine: line, "emphasis, links and images")
            }
            var result: [Inline] = []
            for child in children(of: node) {
                switch cmark_node_get_type(child) {
                case CMARK_NODE_TEXT:
                    let text = literal(child)
                    // cmark splits text at some punctuation; join neighbours back into one run.
                    if case .text(let previous)? = result.last {
                        result[result.count - 1] = .text(previous + text)
                    } else {
                        result.append(.text(text))
                    }
                case CMARK_NODE_EMPH: result.append(.emphasis(try inlines(of: child, line: line, depth: depth + 1)))
                case CMARK_NODE_STRONG: result.append(.strong(try inlines(of: child, line: line, depth: depth + 1)))
                case CMARK_NODE_LINK:
                    let url = cmark_node_get_url(child).map { String(cString: $0) } ?? ""
                    switch LinkPolicy.check(url) {
                    case .allowed(let safe):
                        result.append(.link(url: safe, try inlines(of: child, line: line, depth: depth + 1)))
                    case .refused(let reason):
                        // The words stay; only the link goes.
                        warnings.append(Warning(file: file, line: self.line(child), reason + "; the link is dropped, its text kept"))
                        result += try inlines(of: child, line: line, depth: depth + 1)
                    }
                case CMARK_NODE_IMAGE:
                    warnings.append(Warning(file: file, line: self.line(child), "images in the body are not supported yet; the alt text is set instead"))
                    result += try inlines(of: child, line: line, depth: depth + 1)
                case CMARK_NODE_CODE: result.append(.code(literal(child)))
                case CMARK_NODE_SOFTBREAK: result.append(.softBreak)
                case CMARK_NODE_LINEBREAK: result.append(.lineBreak)
                case CMARK_NODE_HTML_INLINE:
                    warnings.append(Warning(file: file, line: line, "raw HTML \(literal(child).escapedForMessage) is dropped"))
                default:
                    break
                }
            }
            return result
        }
    }
}
