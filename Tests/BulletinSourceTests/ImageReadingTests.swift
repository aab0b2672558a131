import XCTest
import BulletinModel
@testable import BulletinSource

/// Pictures in stories: the front matter's `image:`, Markdown images, and where their files may be.
final class ImageReadingTests: XCTestCase {
    /// A scratch issue with `images/photo.jpg` and `stories/pic.png` (contents do not matter here).
    func scratch(_ story: String) -> ScratchIssue {
        let scratch = ScratchIssue(stories: ["01-pictures.md": story])
        scratch.write("images/photo.jpg", "not read here")
        scratch.write("stories/pic.png", "not read here")
        return scratch
    }

    func load(_ scratch: ScratchIssue, allowOutside: Bool = false) throws -> (Story, [Warning]) {
        let loaded = try IssueLoader.load(folder: scratch.path, allowOutside: allowOutside)
        return (loaded.issue.stories[0], loaded.warnings)
    }

    /// The error loading `story` gives, as one line.
    func error(_ story: String, arrange: (ScratchIssue) -> Void = { _ in }, file: StaticString = #filePath, line: UInt = #line) -> String? {
        let scratch = scratch(story)
        arrange(scratch)
        do {
            _ = try load(scratch)
            XCTFail("expected an error", file: file, line: line)
            return nil
        } catch {
            return (error as? InputError).map { "\(($0.file as NSString).lastPathComponent):\($0.line ?? 0): \($0.message)" }
        }
    }

    // MARK: - Front matter

    func testFrontMatterImageWithEveryKey() throws {
        let issue = scratch("""
        ---
        title: Pictured
        image:
          path: images/photo.jpg
          caption: The harbour at dusk.
          credit: A. Photographer
          alt: A building by the water.
          span: all
        ---
        Text.
        """)
        let (story, warnings) = try load(issue)
        let image = try XCTUnwrap(story.image)
        XCTAssertEqual(image.path, "images/photo.jpg")
        // Not beside the story (stories/images/photo.jpg), so in the issue folder.
        XCTAssertTrue(image.resolved.hasSuffix("/images/photo.jpg"), image.resolved)
        XCTAssertFalse(image.resolved.contains("/stories/"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: image.resolved))
        XCTAssertEqual(image.caption, "The harbour at dusk.")
        XCTAssertEqual(image.credit, "A. Photographer")
        XCTAssertEqual(image.alt, "A building by the water.")
        XCTAssertNil(image.span, "all")
        XCTAssertEqual(image.line, 4, "the line of the path")
        XCTAssertTrue(image.file.hasSuffix("01-pictures.md"))
        XCTAssertEqual(warnings, [])
    }

    func testSpanDefaultsToOneAndTwoIsKept() throws {
        let one = try load(scratch("---\ntitle: T\nimage: {path: pic.png, alt: A}\n---\nText.\n")).0.image
        XCTAssertEqual(one?.span, 1)
        // Beside the story first.
        XCTAssertTrue(one?.resolved.hasSuffix("/stories/pic.png") == true, one?.resolved ?? "")
        XCTAssertEqual(try load(scratch("---\ntitle: T\nimage: {path: pic.png, alt: A, span: 2}\n---\nText.\n")).0.image?.span, 2)
        // A plain path is a picture with nothing else.
        XCTAssertEqual(try load(scratch("---\ntitle: T\nimage: pic.png\n---\nText.\n")).0.image?.path, "pic.png")
    }

    func testBadSpanAndMissingPathAreErrors() {
        XCTAssertEqual(error("---\ntitle: T\nimage:\n  path: pic.png\n  span: 3\n---\nText.\n"),
                       "01-pictures.md:5: image span must be 1, 2 or all, not \"3\"")
        XCTAssertEqual(error("---\ntitle: T\nimage:\n  caption: Nothing to show.\n---\nText.\n"),
                       "01-pictures.md:4: image needs a path: add \"path: images/photo.jpg\" under image")
    }

    func testUnknownImageKeyAndMissingAltWarn() throws {
        let (_, warnings) = try load(scratch("---\ntitle: T\nimage:\n  path: pic.png\n  size: large\n---\nText.\n"))
        XCTAssertEqual(warnings.map { "\($0.line ?? 0): \($0.message)" }, [
            "5: unknown image key \"size\" is ignored (known: alt, caption, credit, path, span)",
            "4: image \"pic.png\" has no alt text to say what it shows to readers who cannot see it: add \"alt: ...\" under image",
        ])
    }

    // MARK: - Markdown

    func testMarkdownImageSplitsItsParagraph() throws {
        let (story, warnings) = try load(scratch("""
        ---
        title: T
        ---
        Before the picture.
        ![A chart of numbers](images/photo.jpg "How the numbers grew.") After it.

        Next paragraph.
        """))
        XCTAssertEqual(warnings, [])
        XCTAssertEqual(story.body.count, 4)
        XCTAssertEqual(story.body.first, .paragraph([.text("Before the picture.")]))
        guard case .image(let image) = story.body[1] else { return XCTFail("\(story.body)") }
        XCTAssertEqual(image.path, "images/photo.jpg")
        XCTAssertEqual(image.caption, "How the numbers grew.")
        XCTAssertEqual(image.alt, "A chart of numbers")
        XCTAssertEqual(image.span, 1)
        XCTAssertEqual(image.line, 5)
        XCTAssertTrue(image.resolved.hasSuffix("/images/photo.jpg"))
        XCTAssertEqual(story.body[2], .paragraph([.text("After it.")]))
        XCTAssertEqual(story.body[3], .paragraph([.text("Next paragraph.")]))
    }

    func testImageInsideEmphasisFollowsItsParagraph() throws {
        let (story, _) = try load(scratch("---\ntitle: T\n---\nSee *this ![x](pic.png) here*.\n"))
        XCTAssertEqual(story.body.count, 2)
        XCTAssertEqual(story.body.first.map { if case .paragraph(let inlines) = $0 { return inlines.plainText } else { return "" } }, "See this  here.")
        guard case .image(let image)? = story.body.last else { return XCTFail("\(story.body)") }
        XCTAssertEqual(image.alt, "x")
    }

    func testMarkdownImageInAQuoteIsFoundToo() throws {
        let (story, _) = try load(scratch("---\ntitle: T\n---\n> ![x](pic.png)\n"))
        guard case .blockQuote(let inner)? = story.body.first, case .image(let image)? = inner.first else { return XCTFail("\(story.body)") }
        XCTAssertTrue(image.resolved.hasSuffix("/stories/pic.png"))
    }

    func testMarkdownImageWithoutAltWarnsAtItsLine() throws {
        let (_, warnings) = try load(scratch("---\ntitle: T\n---\nText.\n\n![](pic.png)\n"))
        XCTAssertEqual(warnings.map { "\($0.line ?? 0): \($0.message)" },
                       ["6: image \"pic.png\" has no alt text to say what it shows to readers who cannot see it: write it between the brackets: ![what it shows](pic.png)"])
    }

    // MARK: - Where the file may be

    func testPathOutOfTheFolderIsRefusedWithoutLooking() {
        XCTAssertEqual(error("---\ntitle: T\n---\nText.\n\n![p](../../etc/passwd)\n"),
                       "01-pictures.md:6: image \"../../etc/passwd\" lies outside the issue folder: copy the picture into the folder (e.g. into images/), or pass --allow-outside")
        XCTAssertEqual(error("---\ntitle: T\nimage: {path: /etc/passwd, alt: A}\n---\nText.\n"),
                       "01-pictures.md:3: image \"/etc/passwd\" lies outside the issue folder: copy the picture into the folder (e.g. into images/), or pass --allow-outside")
    }

    func testLinkOutOfTheFolderIsRefusedUnlessAllowed() throws {
        let elsewhere = NSTemporaryDirectory() + "bulletin-elsewhere-\(UUID().uuidString).png"
        XCTAssertTrue(FileManager.default.createFile(atPath: elsewhere, contents: Data("x".utf8)))
        addTeardownBlock { try? FileManager.default.removeItem(atPath: elsewhere) }
        let story = "---\ntitle: T\n---\nText.\n\n![p](images/linked.png)\n"
        let link: (ScratchIssue) -> Void = { try? FileManager.default.createSymbolicLink(atPath: $0.path + "/images/linked.png", withDestinationPath: elsewhere) }
        XCTAssertEqual(error(story, arrange: link),
                       "01-pictures.md:6: image \"images/linked.png\" lies outside the issue folder (through a symbolic link): copy the picture into the folder, or pass --allow-outside")
        let allowed = scratch(story)
        link(allowed)
        guard case .image(let image)? = try load(allowed, allowOutside: true).0.body.last else { return XCTFail("no image") }
        XCTAssertTrue(image.resolved.hasSuffix("/images/linked.png"))
    }

    func testMissingFileNamesStoryLineAndPath() {
        XCTAssertEqual(error("---\ntitle: T\n---\nText.\n\n![p](images/none.png)\n"),
                       "01-pictures.md:6: image \"images/none.png\" not found (looked beside the story and in the issue folder)")
    }

    func testFolderFIFOAndWebAddressAreNotPictures() {
        XCTAssertEqual(error("---\ntitle: T\n---\n![p](images)\n"), "01-pictures.md:4: image \"images\" is a folder, not a picture")
        XCTAssertEqual(error("---\ntitle: T\n---\n![p](images/pipe.png)\n", arrange: { mkfifo($0.path + "/images/pipe.png", 0o600) }),
                       "01-pictures.md:4: image \"images/pipe.png\" is not a regular file, so it is not read")
        XCTAssertEqual(error("---\ntitle: T\n---\n![p](https://example.com/x.png)\n"),
                       "01-pictures.md:4: image \"https://example.com/x.png\" is a web address: pictures are read from the issue folder only; save it there (e.g. in images/) and name its path")
    }

    func testLargeFileIsRefusedBeforeReading() {
        let big = "---\ntitle: T\n---\n![p](images/big.png)\n"
        XCTAssertEqual(error(big, arrange: { scratch in
            let path = scratch.path + "/images/big.png"
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            _ = truncate(path, off_t(Limits.imageBytes + 1))
        }), "01-pictures.md:4: image \"images/big.png\" is 33,554,433 bytes, over the limit of 32 MB for a picture")
    }
}
