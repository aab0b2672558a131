import Foundation

/// Hostile cases: link URLs written to the PDF (class 10). Each reads every annotation back
/// with qpdf and checks its action and URI.
extension HostileCorpus {
    static var links: [HostileCase] {
        func linkStory(_ scene: HostileScene, _ markdown: String) throws {
            try scene.story("99-links.md", title: "Links under test", body: "Before the links. \(markdown) After the links.\n")
        }
        /// Every link annotation's action is a URI action, with no other keys that act, and its
        /// URI is one of `allowed`.
        func onlyURIs(_ allowed: [String]) -> (HostileScene, Tools.Result) throws -> Void {
            return { scene, _ in
                let actions = try PDFAnnotations.linkActions(scene.output)
                for action in actions {
                    guard action.keys.sorted() == ["/S", "/Type", "/URI"] || action.keys.sorted() == ["/S", "/URI"] else {
                        throw HostileError("a link action holds other keys: \(action)")
                    }
                    guard action["/S"] as? String == "/URI" else { throw HostileError("a link action is not a URI: \(action)") }
                }
                let uris = actions.compactMap { ($0["/URI"] as? String).map { $0.hasPrefix("u:") ? String($0.dropFirst(2)) : $0 } }
                for uri in uris where !allowed.contains(uri) && !PDFAnnotations.sampleLinks.contains(uri) {
                    throw HostileError("unexpected link \(uri) (expected one of \(allowed))")
                }
                for uri in allowed where !uris.contains(uri) { throw HostileError("the link \(uri) is missing") }
            }
        }
        return [
            HostileCase("link closes the PDF string to add JavaScript", kind: "links",
                        expect: .succeeds(contains: ["Before the links.", "evil", "After the links."]),
                        verify: onlyURIs(["https://x.example/%29%20/S%20/JavaScript%20/JS%20%28app.alert%281%29"])) {
                try linkStory($0, "[evil](<https://x.example/) /S /JavaScript /JS (app.alert(1)>)")
            },
            HostileCase("link with a backslash and quote", kind: "links",
                        expect: .succeeds(contains: ["quoted"]),
                        verify: onlyURIs(["https://x.example/a%5C%29%27b%22"])) {
                try linkStory($0, "[quoted](<https://x.example/a\\\\)'b\">)")
            },
            HostileCase("javascript link is dropped with a warning", kind: "links",
                        expect: .warns(["99-links.md:4:", "\"javascript:\" addresses are not allowed"], contains: ["click me"]),
                        verify: onlyURIs([])) {
                try linkStory($0, "[click me](javascript:app.alert(1))")
            },
            HostileCase("file link is dropped with a warning", kind: "links",
                        expect: .warns(["99-links.md:4:", "\"file:\" addresses are not allowed"], contains: ["secrets"]),
                        verify: onlyURIs([])) {
                try linkStory($0, "[secrets](file:///etc/passwd)")
            },
            HostileCase("upper-case JAVASCRIPT scheme is dropped", kind: "links",
                        expect: .warns(["\"javascript:\" addresses are not allowed"], contains: ["shout"]),
                        verify: onlyURIs([])) {
                try linkStory($0, "[shout](JAVASCRIPT:alert(1))")
            },
            HostileCase("relative link is dropped with a warning", kind: "links",
                        expect: .warns(["has no scheme"], contains: ["relative"]),
                        verify: onlyURIs([])) {
                try linkStory($0, "[relative](../../etc/passwd)")
            },
            HostileCase("link with control characters and non-ASCII", kind: "links",
                        expect: .succeeds(contains: ["café"]),
                        verify: onlyURIs(["https://x.example/caf%C3%A9?q=%0A%09"])) {
                try linkStory($0, "[café](<https://x.example/café?q=%0A%09>)")
            },
            HostileCase("mailto and https links are kept", kind: "links",
                        expect: .succeeds(contains: ["write to us", "our site"]),
                        verify: onlyURIs(["mailto:office@example.edu", "https://example.edu/a%28b%29c"])) {
                try linkStory($0, "[write to us](mailto:office@example.edu) or see [our site](https://example.edu/a(b)c).")
            },
            HostileCase("bare address with quotes and brackets is percent-encoded", kind: "links",
                        expect: .succeeds(contains: ["https://x.example/a'b(c)"]),
                        verify: onlyURIs(["https://x.example/a%27b%28c%29", "mailto:it.help@x.example"])) {
                try linkStory($0, "See https://x.example/a'b(c) or write to it.help@x.example today.")
            },
            HostileCase("very long link is dropped", kind: "links",
                        expect: .warns(["longer than 2,048 characters"], contains: ["long one"]),
                        verify: onlyURIs([])) {
                try linkStory($0, "[long one](https://x.example/\(String(repeating: "a", count: 3000)))")
            },
        ]
    }
}

/// Link annotations read back from a PDF with qpdf's JSON output.
enum PDFAnnotations {
    /// The links the sample issue's own stories and footer carry, which every case's PDF holds too.
    static let sampleLinks: Set<String> = {
        let folder = Tools.root.appendingPathComponent("examples/sample/stories").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var links: Set<String> = []
        for name in names {
            guard let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8) else { continue }
            var rest = Substring(text)
            while let open = rest.range(of: "](") {
                rest = rest[open.upperBound...]
                guard let close = rest.firstIndex(of: ")") else { break }
                links.insert(String(rest[..<close]))
            }
        }
        // The footer's {email} and {web}, from issue.yaml's contact.
        let issue = (try? String(contentsOfFile: Tools.root.appendingPathComponent("examples/sample/issue.yaml").path, encoding: .utf8)) ?? ""
        for line in issue.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("email:") { links.insert("mailto:" + trimmed.dropFirst(6).trimmingCharacters(in: .whitespaces)) }
            if trimmed.hasPrefix("web:") { links.insert("https://" + trimmed.dropFirst(4).trimmingCharacters(in: .whitespaces)) }
        }
        return links
    }()

    /// The action dictionary of every link annotation in the PDF.
    static func linkActions(_ pdf: String) throws -> [[String: Any]] {
        let result = try Tools.run("qpdf", ["--json=2", pdf])
        guard let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
              let qpdf = json["qpdf"] as? [Any], qpdf.count > 1, let objects = qpdf[1] as? [String: Any] else {
            throw HostileError("qpdf gave no objects: \(result.stderr)")
        }
        var actions: [[String: Any]] = []
        for case let object as [String: Any] in objects.values {
            guard let value = object["value"] as? [String: Any], value["/Subtype"] as? String == "/Link" else { continue }
            guard let action = value["/A"] as? [String: Any] else { throw HostileError("a link without an action: \(value)") }
            actions.append(action)
        }
        return actions
    }
}
