import Foundation

/// The document's metadata as an XMP packet (the catalog's /Metadata stream), which cairo 1.16
/// cannot write: the same title, authors, subject, keywords, language and dates as the
/// information dictionary, where archives, PDF/A checkers and asset managers read them.
public struct XMPPacket: Sendable, Equatable {
    public var title: String
    /// The editors, each once.
    public var authors: [String]
    public var subject: String
    public var keywords: [String]
    /// BCP 47.
    public var language: String
    /// ISO 8601: the issue's date, so that the same input gives the same bytes.
    public var created: String
    public var creatorTool: String

    public init(title: String, authors: [String], subject: String, keywords: [String], language: String, created: String, creatorTool: String) {
        self.title = title
        self.authors = authors
        self.subject = subject
        self.keywords = keywords
        self.language = language
        self.created = created
        self.creatorTool = creatorTool
    }

    /// The packet as UTF-8 XML.
    public var xml: String {
        func escaped(_ text: String) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                // XML 1.0 has no place for other control characters.
                case _ where scalar.value < 0x20 && scalar != "\t" && scalar != "\n": continue
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
        func list(_ kind: String, _ items: [String]) -> String {
            "<rdf:\(kind)>" + items.map { "<rdf:li>\(escaped($0))</rdf:li>" }.joined() + "</rdf:\(kind)>"
        }
        func alternative(_ text: String) -> String {
            "<rdf:Alt><rdf:li xml:lang=\"x-default\">\(escaped(text))</rdf:li></rdf:Alt>"
        }
        var lines = [
            "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>",
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">",
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">",
            "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">",
            "<dc:format>application/pdf</dc:format>",
            "<dc:title>\(alternative(title))</dc:title>",
        ]
        if !authors.isEmpty { lines.append("<dc:creator>\(list("Seq", authors))</dc:creator>") }
        if !subject.isEmpty { lines.append("<dc:description>\(alternative(subject))</dc:description>") }
        if !keywords.isEmpty {
            lines.append("<dc:subject>\(list("Bag", keywords))</dc:subject>")
            lines.append("<pdf:Keywords>\(escaped(keywords.joined(separator: ", ")))</pdf:Keywords>")
        }
        lines += [
            "<dc:language>\(list("Bag", [language]))</dc:language>",
            "<xmp:CreateDate>\(escaped(created))</xmp:CreateDate>",
            "<xmp:ModifyDate>\(escaped(created))</xmp:ModifyDate>",
            "<xmp:MetadataDate>\(escaped(created))</xmp:MetadataDate>",
            "<xmp:CreatorTool>\(escaped(creatorTool))</xmp:CreatorTool>",
            "</rdf:Description>",
            "</rdf:RDF>",
            "</x:xmpmeta>",
            "<?xpacket end=\"w\"?>",
        ]
        return lines.joined(separator: "\n")
    }
}
