import XCTest
import BulletinModel
@testable import BulletinLayout

/// Picture sizes by path, as the tests choose them.
struct FakeImages: ImageMeasuring {
    var sizes: [String: ImageSize]
    func size(ofImageAt path: String) -> ImageSize? { sizes[path] }
}

/// Pictures on the grid: frames, captions, lead pictures under heads, pictures too tall for a
/// column; the classic layout with the fake shaper, whose body lines sit 8.2 pt below the top of
/// their slot (ascent 7.2 pt, descent 1.8 pt in 11 pt) and caption lines 7.75 pt.
final class FigureTests: XCTestCase {
    let bodyOffset = 8.2, captionOffset = 7.75

    func compose(_ stories: [Story], images: [String: ImageSize], clock: BreakClock = BreakClock()) throws -> (Document, PageGeometry, Composer) {
        var layout = try Fixtures.classic()
        layout.contents.place = .none
        layout.imprint.place = .none
        let composer = Composer(layout: layout, shaper: FakeShaper(), clock: clock, images: FakeImages(sizes: images))
        let document = try composer.compose(Fixtures.issue(stories))
        XCTAssertEqual(ContentCheck.missing(in: document, issue: Fixtures.issue(stories)), [])
        return (document, PageGeometry(layout: layout), composer)
    }

    func picture(_ path: String, caption: String? = "A caption under the picture.", span: Int? = 1) -> ImageRef {
        ImageRef(path: path, resolved: "/issue/" + path, caption: caption, credit: "Ann Photographer", alt: "What it shows", span: span,
                 file: "stories/x.md", line: 7)
    }

    /// A story of one short paragraph, the picture, and paragraphs enough to fill the page, so
    /// that the first column is filled from the top, not balanced.
    func storyWithBodyPicture(_ image: ImageRef) -> Story {
        var story = Fixtures.story("Pictured", paragraphs: [30] + Array(repeating: 90, count: 16))
        story.body.insert(.image(image), at: 1)
        return story
    }

    /// The caption texts that follow `image` among the page's items.
    func captions(after image: PlacedImage, on page: Page) -> [PlacedText] {
        guard let index = page.items.firstIndex(of: .image(image)) else { return [] }
        return page.items[(index + 1)...].prefix { if case .text(let t) = $0 { return t.kind == .caption } else { return false } }
            .compactMap { if case .text(let t) = $0 { return t } else { return nil } }
    }

    func testBodyPictureFillsItsColumnOnTheGrid() throws {
        let geometry = PageGeometry(layout: try Fixtures.classic())
        // 100 pt tall at the column's width: a photograph rounds to 99 pt (9 lines, 1 pt cropped).
        let size = ImageSize(width: geometry.columnWidth * 10, height: 1000)
        let (document, _, _) = try compose([storyWithBodyPicture(picture("images/a.jpg"))], images: ["/issue/images/a.jpg": size])
        let page = document.pages[0]
        let image = try XCTUnwrap(page.images.first)
        XCTAssertEqual(page.images.count, 1)
        XCTAssertEqual(image.path, "/issue/images/a.jpg")
        XCTAssertEqual(image.fit, .cover)
        XCTAssertEqual(image.alt, "What it shows")
        XCTAssertEqual(image.story, 0)
        XCTAssertEqual(image.height, 99, accuracy: 1e-9)
        XCTAssertEqual(image.width, geometry.columnWidth, accuracy: 1e-9)
        // In the column of the first paragraph, one grid line below its last line's slot.
        let first = page.texts.filter { $0.kind == .body && $0.block == 0 }
        let column = try XCTUnwrap(first.last?.column)
        XCTAssertEqual(image.x, geometry.columnX(column), accuracy: 1e-9)
        let lastBaseline = try XCTUnwrap(first.map(\.baseline).max())
        XCTAssertEqual(image.y, lastBaseline - bodyOffset + 11 + 11, accuracy: 1e-9)
        XCTAssertEqual(((image.y - geometry.bodyTop(page: 0)) / 11).truncatingRemainder(dividingBy: 1), 0, accuracy: 1e-9)
        // The caption and credit beneath, on the grid, in the column.
        let caption = captions(after: image, on: page)
        XCTAssertEqual(caption.map(\.fragment.text).joined(separator: " "), "A caption under the picture. Ann Photographer")
        let captionLines = Set(caption.map(\.baseline)).sorted()
        XCTAssertEqual(captionLines.first ?? 0, image.y + 99 + captionOffset, accuracy: 1e-9)
        for (i, baseline) in captionLines.enumerated() { XCTAssertEqual(baseline, captionLines[0] + Double(i) * 11, accuracy: 1e-9) }
        XCTAssertTrue(caption.allSatisfy { $0.column == column && $0.x >= image.x - 1e-9 && $0.x + $0.fragment.width <= image.x + image.width + 1e-9 })
        XCTAssertTrue(caption.contains { $0.fragment.font.italic && $0.fragment.text == "Photographer" }, "the credit is set in italics")
        // The next paragraph a grid line below the caption.
        let next = page.texts.filter { $0.kind == .body && $0.block != 0 && $0.column == column && $0.baseline > image.y }
        XCTAssertEqual(next.map(\.baseline).min() ?? 0, image.y + 99 + Double(captionLines.count) * 11 + 11 + bodyOffset, accuracy: 1e-9)
    }

    func testDrawingIsLetterboxedNotCropped() throws {
        let geometry = PageGeometry(layout: try Fixtures.classic())
        let size = ImageSize(width: geometry.columnWidth * 10, height: 1000, isVector: true)
        let (document, _, _) = try compose([storyWithBodyPicture(picture("images/c.svg"))], images: ["/issue/images/c.svg": size])
        let image = try XCTUnwrap(document.pages[0].images.first)
        // 100 pt rounds up to 110 pt: the drawing is drawn whole with 10 pt of its frame empty.
        XCTAssertEqual(image.fit, .contain)
        XCTAssertEqual(image.height, 110, accuracy: 1e-9)
        XCTAssertEqual(image.width, geometry.columnWidth, accuracy: 1e-9)
    }

    func testLeadPictureSpansTwoColumnsUnderTheHead() throws {
        let geometry = PageGeometry(layout: try Fixtures.classic())
        var story = Fixtures.story("Lead", paragraphs: Array(repeating: 60, count: 6))
        story.image = picture("images/lead.jpg", span: 2)
        let size = ImageSize(width: 1500, height: 1000)
        let (document, _, _) = try compose([story], images: ["/issue/images/lead.jpg": size])
        let page = document.pages[0]
        let image = try XCTUnwrap(page.images.first)
        XCTAssertEqual(image.x, geometry.columnX(0), accuracy: 1e-9)
        XCTAssertEqual(image.width, geometry.spanWidth(2), accuracy: 1e-9)
        // 3:2 at two columns' width, to the nearest grid line.
        XCTAssertEqual(image.height, (geometry.spanWidth(2) / 1.5 / 11).rounded() * 11, accuracy: 1e-9)
        // Right under the head, on the grid.
        let headBottom = try XCTUnwrap(page.texts.filter { $0.kind == .byline }.map(\.baseline).max())
        XCTAssertGreaterThan(image.y, headBottom)
        XCTAssertLessThan(image.y - headBottom, 22)
        XCTAssertEqual(((image.y - geometry.bodyTop(page: 0)) / 11).truncatingRemainder(dividingBy: 1), 0, accuracy: 1e-9)
        let captionLines = Set(captions(after: image, on: page).map(\.baseline)).count
        XCTAssertGreaterThan(captionLines, 0)
        // The body starts a grid line below the caption in the two columns under the picture,
        // and right under the head in the third, where it begins.
        let below = image.y + image.height + Double(captionLines) * 11 + 11 + bodyOffset
        let body = page.texts.filter { $0.kind == .body }
        for column in 0..<2 {
            XCTAssertEqual(body.filter { $0.column == column }.map(\.baseline).min() ?? 0, below, accuracy: 1e-9, "column \(column)")
        }
        let third = try XCTUnwrap(body.filter { $0.column == 2 }.map(\.baseline).min())
        XCTAssertEqual(third, image.y + bodyOffset, accuracy: 1e-9)
        // Read in order: the first words of the story are under the picture.
        XCTAssertEqual(body.first?.column, 0)
    }

    func testLeadPictureAcrossAllColumns() throws {
        var story = Fixtures.story("Lead", paragraphs: Array(repeating: 60, count: 4))
        story.image = picture("images/lead.jpg", span: nil)
        let (document, geometry, _) = try compose([story], images: ["/issue/images/lead.jpg": ImageSize(width: 3000, height: 1000)])
        let image = try XCTUnwrap(document.pages[0].images.first)
        XCTAssertEqual(image.width, geometry.width, accuracy: 1e-9)
        let body = document.pages[0].texts.filter { $0.kind == .body }
        XCTAssertTrue(body.allSatisfy { $0.baseline > image.y + image.height }, "all columns start below the picture")
    }

    /// A story that is only a picture shows it across its head's columns, and the next story
    /// starts below it: set in one column, the picture left the head's other columns empty.
    func testAStoryOfOnlyAPictureShowsItAcrossItsHead() throws {
        var photo = Fixtures.story("Picture of the month", paragraphs: [])
        photo.body = [.image(picture("images/quad.jpg", span: 1))]
        let next = Fixtures.story("After the picture", paragraphs: Array(repeating: 60, count: 4))
        let (document, geometry, _) = try compose([photo, next], images: ["/issue/images/quad.jpg": ImageSize(width: 3000, height: 2000)])
        let page = document.pages[0]
        let image = try XCTUnwrap(page.images.first)
        XCTAssertEqual(image.story, 0)
        XCTAssertEqual(image.x, geometry.columnX(0), accuracy: 1e-9)
        XCTAssertEqual(image.width, geometry.width, accuracy: 1e-9)
        XCTAssertEqual(captions(after: image, on: page).map(\.fragment.text).joined(separator: " "), "A caption under the picture. Ann Photographer")
        let following = page.texts.filter { $0.story == 1 }
        XCTAssertFalse(following.isEmpty)
        XCTAssertTrue(following.allSatisfy { $0.baseline > image.y + image.height }, "the next story starts below the picture")
        XCTAssertEqual(Set(following.filter { $0.kind == .body }.map(\.column)), [0, 1, 2])
    }

    func testPictureTallerThanAColumnIsScaledDownWithAWarning() throws {
        let clock = BreakClock()
        let story = storyWithBodyPicture(picture("images/tall.png"))
        let (document, geometry, composer) = try compose([story], images: ["/issue/images/tall.png": ImageSize(width: 100, height: 1000)], clock: clock)
        let (page, image) = try XCTUnwrap(document.pages.enumerated().lazy.compactMap { p, page in page.images.first.map { (p, $0) } }.first)
        let captionHeight = Double(Set(captions(after: image, on: document.pages[page]).map(\.baseline)).count) * 11
        let limit = composer.maxFigureHeight(jumpHead: StoryMaterial(composer: composer, story: story, index: 0).jumpHead)
        XCTAssertEqual(image.height, ((limit - captionHeight) / 11).rounded(.down) * 11, accuracy: 1e-9)
        XCTAssertEqual(image.width, image.height / 10, accuracy: 1e-9, "not distorted")
        let column = geometry.columnX(Int(((image.x - geometry.left) / (geometry.columnWidth + 14.17)).rounded(.down)))
        XCTAssertEqual(image.x, column + (geometry.columnWidth - image.width) / 2, accuracy: 1e-9, "centred in its column")
        XCTAssertLessThanOrEqual(image.y + image.height + captionHeight, geometry.bodyBottom + 1e-9)
        XCTAssertEqual(clock.warnings.filter { $0.message.contains("too tall for a column") }.map(\.description),
                       ["stories/x.md:7: warning: image \"images/tall.png\" is too tall for a column: it is set \(Int((image.width / geometry.columnWidth * 100).rounded())) % as wide as its column, \(Int(image.height)) pt tall"])
    }

    func testPictureAtTheTopOfTheBodyIsMadeSmallerToGoWithTheHead() throws {
        // The front matter's one-column picture, far taller than a column: it opens the body, so
        // it must fit under the head with the first lines below it, on page 1 or on a page of its own.
        for first in [[40], Array(repeating: 90, count: 14)] {
            let clock = BreakClock()
            var story = Fixtures.story("Tall picture", paragraphs: Array(repeating: 60, count: 6))
            story.image = picture("images/tall.png")
            let (document, geometry, _) = try compose([Fixtures.story("Before", paragraphs: first), story],
                                                      images: ["/issue/images/tall.png": ImageSize(width: 100, height: 1000)], clock: clock)
            let (p, image) = try XCTUnwrap(document.pages.enumerated().lazy.compactMap { p, page in page.images.first.map { (p, $0) } }.first)
            let page = document.pages[p]
            let captionHeight = Double(Set(captions(after: image, on: page).map(\.baseline)).count) * 11
            let headBottom = try XCTUnwrap(page.texts.filter { $0.story == 1 && $0.kind == .byline }.map(\.baseline).max())
            XCTAssertGreaterThan(image.y, headBottom, "the picture is under the head")
            XCTAssertGreaterThanOrEqual(image.y, geometry.bodyTop(page: p))
            XCTAssertLessThanOrEqual(image.y + image.height + captionHeight, geometry.bodyBottom + 1e-9, "the frame fits in the text area")
            XCTAssertEqual(image.width, image.height / 10, accuracy: 1e-9, "not distorted")
            XCTAssertTrue(page.texts.contains { $0.story == 1 && $0.kind == .body }, "the body starts on the picture's page")
            // Told once, with the size it is set at.
            XCTAssertEqual(clock.warnings.filter { $0.message.contains("too tall for a column") }.map(\.description),
                           ["stories/x.md:7: warning: image \"images/tall.png\" is too tall for a column: it is set \(Int((image.width / geometry.columnWidth * 100).rounded())) % as wide as its column, \(Int(image.height)) pt tall"])
        }
    }

    func testTallLeadPictureIsMadeSmallerUnderItsHead() throws {
        var story = Fixtures.story("Tall lead", paragraphs: Array(repeating: 60, count: 6))
        story.image = picture("images/tall.png", span: nil)
        let (document, geometry, _) = try compose([Fixtures.story("Before", paragraphs: Array(repeating: 90, count: 14)), story],
                                                  images: ["/issue/images/tall.png": ImageSize(width: 600, height: 1800)])
        let (p, image) = try XCTUnwrap(document.pages.enumerated().lazy.compactMap { p, page in page.images.first.map { (p, $0) } }.first)
        let captionHeight = Double(Set(captions(after: image, on: document.pages[p]).map(\.baseline)).count) * 11
        XCTAssertGreaterThanOrEqual(image.y, geometry.bodyTop(page: p))
        XCTAssertLessThanOrEqual(image.y + image.height + captionHeight, geometry.bodyBottom + 1e-9)
        XCTAssertEqual(image.width, image.height / 3, accuracy: 1e-9)
    }

    func testTextBesideATallPictureIsBalancedInTheOtherColumns() throws {
        // A picture at the top of the body fills most of the first column; the text after it goes
        // into the other columns, which end level (a line or two apart), not the second filled to
        // the picture's depth and the third left short.
        for paragraphs in [[60, 60, 60, 60, 60], [80, 80, 80, 80, 80, 40]] {
            var story = Fixtures.story("Tall picture", paragraphs: paragraphs)
            story.image = picture("images/tall.png")
            let (document, geometry, _) = try compose([story], images: ["/issue/images/tall.png": ImageSize(width: 100, height: 260)])
            let page = document.pages[0]
            let image = try XCTUnwrap(page.images.first)
            XCTAssertEqual(image.x, geometry.columnX(0), accuracy: 1e-9)
            XCTAssertEqual(document.pages.count, 1)
            let body = page.texts.filter { $0.kind == .body }
            let bottoms = (1..<geometry.columns).map { column in body.filter { $0.column == column }.map(\.baseline).max() ?? 0 }
            XCTAssertLessThanOrEqual((bottoms.max() ?? 0) - (bottoms.min() ?? 0), 2 * 11 + 1e-9, "\(paragraphs): columns end at \(bottoms)")
        }
    }

    func testPicturesAreNeverSplitNorPushedOffThePage() throws {
        var stories: [Story] = []
        var sizes: [String: ImageSize] = [:]
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        for s in 0..<6 {
            var story = Fixtures.story("Story \(s)", paragraphs: (0..<(3 + next(8))).map { _ in 20 + next(90) }, seed: s + 1)
            for i in 0..<(1 + next(3)) {
                let path = "images/\(s)-\(i).jpg"
                sizes["/issue/" + path] = ImageSize(width: Double(200 + next(2000)), height: Double(200 + next(2000)), isVector: next(2) == 0)
                story.body.insert(.image(picture(path, caption: Fixtures.words(5 + next(30), seed: s * 10 + i))), at: next(story.body.count + 1))
            }
            if next(2) == 0 {
                sizes["/issue/images/lead-\(s).jpg"] = ImageSize(width: 1600, height: Double(400 + next(1600)))
                story.image = picture("images/lead-\(s).jpg", span: next(2) == 0 ? 2 : nil)
            }
            stories.append(story)
        }
        let (document, geometry, _) = try compose(stories, images: sizes)
        XCTAssertEqual(document.pages.flatMap(\.images).count, sizes.count, "every picture placed once")
        for (p, page) in document.pages.enumerated() {
            for image in page.images {
                let caption = captions(after: image, on: page)
                let bottom = (caption.map(\.baseline).max().map { $0 - captionOffset + 11 }) ?? image.y + image.height
                XCTAssertGreaterThanOrEqual(image.y, geometry.bodyTop(page: p) - 1e-9)
                XCTAssertLessThanOrEqual(bottom, geometry.bodyBottom + 1e-9, "page \(p + 1): \(image)")
                XCTAssertGreaterThan(image.height, 0)
                // The caption is right under its picture, in its columns.
                XCTAssertFalse(caption.isEmpty)
                XCTAssertEqual(caption.map(\.baseline).min() ?? 0, image.y + image.height + captionOffset, accuracy: 1e-9)
                XCTAssertTrue(caption.allSatisfy { $0.x >= image.x - 1e-9 || image.width < geometry.columnWidth })
                // No text of its story overlaps the picture.
                let overlapping = page.texts.filter { text in
                    text.kind != .caption && text.baseline > image.y && text.baseline - 8 < image.y + image.height
                        && text.x < image.x + image.width && text.x + text.fragment.width > image.x
                }
                XCTAssertEqual(overlapping.map(\.fragment.text), [], "page \(p + 1)")
            }
        }
    }

    func testTallPictureNearThePageEndGoesOnToTheNextPage() throws {
        // Whatever room the first story leaves, the second story's tall picture never runs past
        // the bottom of the text area: where it does not fit it moves on, whole.
        for length in 1...14 {
            var second = Fixtures.story("Second", paragraphs: [20, 20])
            second.body.insert(.image(picture("images/tall.jpg")), at: 1)
            let stories = [Fixtures.story("First", paragraphs: Array(repeating: 60, count: length)), second]
            let (document, geometry, _) = try compose(stories, images: ["/issue/images/tall.jpg": ImageSize(width: 1000, height: 3000)])
            for page in document.pages {
                for image in page.images {
                    let lines = Set(captions(after: image, on: page).map(\.baseline)).count
                    XCTAssertLessThanOrEqual(image.y + image.height + Double(lines) * 11, geometry.bodyBottom + 1e-9, "first story of \(length) paragraphs")
                }
            }
        }
    }

    func testContentCheckMissesALostCaption() throws {
        let story = storyWithBodyPicture(picture("images/a.jpg", caption: "Only the caption holds these words."))
        let (document, _, _) = try compose([story], images: ["/issue/images/a.jpg": ImageSize(width: 300, height: 200)])
        var lost = document
        lost.pages = lost.pages.map { page in
            Page(items: page.items.filter { if case .text(let t) = $0 { return t.kind != .caption } else { return true } })
        }
        XCTAssertEqual(ContentCheck.missing(in: lost, issue: Fixtures.issue([story])).map(\.excerpt), ["Only the caption holds these words."])
        // The front matter's caption counts too.
        var front = Fixtures.story("Front", paragraphs: [30])
        front.image = picture("images/a.jpg", caption: "A front caption.")
        let (frontDocument, _, _) = try compose([front], images: ["/issue/images/a.jpg": ImageSize(width: 300, height: 200)])
        XCTAssertEqual(ContentCheck.missing(in: frontDocument, issue: Fixtures.issue([front])), [])
        var frontLost = frontDocument
        frontLost.pages = frontLost.pages.map { page in
            Page(items: page.items.filter { if case .text(let t) = $0 { return t.kind != .caption } else { return true } })
        }
        XCTAssertEqual(ContentCheck.missing(in: frontLost, issue: Fixtures.issue([front])).map(\.excerpt), ["A front caption."])
    }

    func testCaptionStyleComesFromTheBylineUnlessSet() throws {
        var layout = try Fixtures.classic()
        let byline = layout.style(.byline)
        let caption = layout.style(.caption)
        XCTAssertEqual(caption.family, byline.family)
        XCTAssertEqual(caption.size, byline.size)
        XCTAssertEqual(caption.leading, byline.leading)
        XCTAssertFalse(caption.uppercase)
        XCTAssertEqual(caption.align, .left)
        layout.styles[.caption] = TextStyle(family: "Caption Face", size: 7, leading: 11, italic: true)
        XCTAssertEqual(layout.style(.caption).family, "Caption Face")
    }

    func testLogoStandsBesideTheMastheadTitle() throws {
        var layout = try Fixtures.classic()
        layout.contents.place = .none
        layout.imprint.place = .none
        var issue = Fixtures.issue([Fixtures.story("Story", paragraphs: [40])])
        issue.logo = ImageRef(path: "images/logo.svg", resolved: "/issue/images/logo.svg", span: nil, file: "issue.yaml", line: 7)
        let composer = Composer(layout: layout, shaper: FakeShaper(), images: FakeImages(sizes: ["/issue/images/logo.svg": ImageSize(width: 100, height: 100, isVector: true)]))
        let page = try composer.compose(issue).pages[0]
        let geometry = PageGeometry(layout: layout)
        let logo = try XCTUnwrap(page.images.first { $0.path == "/issue/images/logo.svg" })
        // As tall as the title's line and the subtitle's, square as the drawing, at the top left.
        let height = layout.style(.mastheadTitle).leading + layout.style(.mastheadSubtitle).leading
        XCTAssertEqual(logo.height, height, accuracy: 1e-9)
        XCTAssertEqual(logo.width, height, accuracy: 1e-9)
        XCTAssertEqual(logo.x, geometry.left, accuracy: 1e-9)
        XCTAssertEqual(logo.y, geometry.bodyTop(page: 0), accuracy: 1e-9)
        XCTAssertEqual(logo.alt, "Test Bulletin")
        // The title and subtitle are set to its right; everything else starts below it.
        for text in page.texts where text.kind == .mastheadTitle || text.kind == .mastheadSubtitle {
            XCTAssertGreaterThanOrEqual(text.x, logo.x + logo.width + geometry.grid - 1e-9)
        }
        let below = page.texts.filter { $0.kind != .mastheadTitle && $0.kind != .mastheadSubtitle && $0.kind != .footer }
        XCTAssertGreaterThan(below.map(\.baseline).min() ?? 0, logo.y + logo.height)
    }

    /// A story whose head and lead picture need a new page while a third or more of this one is
    /// free: the later narrow story and the filler are set whole in the gap first, and the
    /// pictured story opens on the next page; with the gap smaller than a third, they keep
    /// their order.
    func testLaterSidebarAndFillerFillTheGapBeforeAPageBreak() throws {
        let geometry = PageGeometry(layout: try Fixtures.classic())
        var pictured = Fixtures.story("Pictured", paragraphs: [60, 60, 60], seed: 2)
        pictured.image = picture("images/square.jpg", span: nil)
        var sidebar = Fixtures.story("Sidebar", paragraphs: [40, 30], seed: 3)
        sidebar.columns = 1
        var filler = Fixtures.story("Filler", paragraphs: [30], seed: 4)
        filler.filler = true
        let square = ["/issue/images/square.jpg": ImageSize(width: 1000, height: 1000)]
        func pages(first paragraphs: [Int]) throws -> [String: Int] {
            let stories = [Fixtures.story("First", paragraphs: paragraphs), pictured, sidebar, filler]
            let (document, _, _) = try compose(stories, images: square)
            return Dictionary(uniqueKeysWithValues: document.outline.map { ($0.title, $0.page) })
        }
        let gap = try pages(first: [60, 60, 60])
        XCTAssertEqual(gap["Pictured"], 1, "\(gap)")
        XCTAssertEqual(gap["Sidebar"], 0, "\(gap)")
        XCTAssertEqual(gap["Filler"], 0, "\(gap)")
        // First fills all but a few lines of page 1: nothing is pulled forward.
        let linesPerColumn = Int((geometry.bodyBottom - geometry.bodyTop(page: 0)) / geometry.grid)
        let full = try pages(first: Array(repeating: 70, count: linesPerColumn / 3))
        XCTAssertGreaterThanOrEqual(full["Sidebar"] ?? 0, full["Pictured"] ?? 0, "\(full)")
    }
}
