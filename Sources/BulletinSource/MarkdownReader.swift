import CCmark
import BulletinModel

/// Turns a story's CommonMark body into `Block` values. The only file that sees cmark's C nodes;
/// every node is freed with its document before `read` returns.
enum MarkdownReader {
    static func read(_ markdown: String, file: String, firstLine: Int, warnings: inout [Warning]) -> [Block] {
        // Smart punctuation: straight quotes and dashes become typographic ones, as a typesetter would.
        let options = CMARK_OPT_SMART
        guard let document = markdown.withCString({ cmark_parse_document($0, markdown.utf8.count, options) }) else { return [] }
        defer { cmark_node_free(document) }
        var reader = Reader(file: file, lineOffset: firstLine - 1)
        let blocks = reader.blocks(of: document)
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

        mutating func blocks(of node: OpaquePointer) -> [Block] {
            children(of: node).compactMap { block($0) }
        }

        mutating func block(_ node: OpaquePointer) -> Block? {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH:
                let content = inlines(of: node)
                return content.isEmpty ? nil : .paragraph(content)
            case CMARK_NODE_HEADING:
                return .heading(level: Int(cmark_node_get_heading_level(node)), inlines(of: node))
            case CMARK_NODE_BLOCK_QUOTE:
                return .blockQuote(blocks(of: node))
            case CMARK_NODE_LIST:
                let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
                let items = children(of: node).map { blocks(of: $0) }
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

        mutating func inlines(of node: OpaquePointer) -> [Inline] {
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
                case CMARK_NODE_EMPH: result.append(.emphasis(inlines(of: child)))
                case CMARK_NODE_STRONG: result.append(.strong(inlines(of: child)))
                case CMARK_NODE_LINK:
                    let url = cmark_node_get_url(child).map { String(cString: $0) } ?? ""
                    switch LinkPolicy.check(url) {
                    case .allowed(let safe):
                        result.append(.link(url: safe, inlines(of: child)))
                    case .refused(let reason):
                        // The words stay; only the link goes.
                        warnings.append(Warning(file: file, line: line(child), reason + "; the link is dropped, its text kept"))
                        result += inlines(of: child)
                    }
                case CMARK_NODE_IMAGE:
                    warnings.append(Warning(file: file, line: line(child), "images in the body are not supported yet; the alt text is set instead"))
                    result += inlines(of: child)
                case CMARK_NODE_CODE: result.append(.code(literal(child)))
                case CMARK_NODE_SOFTBREAK: result.append(.softBreak)
                case CMARK_NODE_LINEBREAK: result.append(.lineBreak)
                case CMARK_NODE_HTML_INLINE:
                    warnings.append(Warning(file: file, line: line(node), "raw HTML \(literal(child)) is dropped"))
                default:
                    break
                }
            }
            return result
        }
    }
}
