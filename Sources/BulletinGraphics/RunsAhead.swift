import Foundation
import BulletinLayout

/// The glyph runs of the pages' lines, made on another thread a few pages ahead of drawing.
///
/// Drawing a line of text is two things: gathering its words' glyphs, looked up among the
/// shapes the composer made, into one run (`CairoRenderer.run(for:actualText:spaceAfter:shaped:)`),
/// and handing the run to cairo. The first needs neither cairo nor Pango, so another thread
/// does it for the pages in the order they are drawn, from a copy of the shapes
/// (`ShapeLookup`), while the drawing thread draws the pages before; drawing then hands the
/// runs over. It keeps at most `pagesAhead` pages of runs made and not drawn.
///
/// Both threads take a page's lines the same way (`CairoRenderer.textBatch`) and build a line's
/// run with the same function: the same runs, the same PDF. A line whose run is not made here
/// (a word not shaped yet, a link, lines drawn in another order than announced) is made by
/// drawing as before.
final class RunsAhead: @unchecked Sendable {
    /// Pages whose runs may be made and not drawn yet. Four rather than two: the thread also
    /// loads each page's glyphs (`GlyphsAhead`), a CJK page's for some milliseconds, at a lower
    /// priority, and with two pages of lead drawing still caught up with it. Timed inside the
    /// process from the issue composed to the PDF written (sample, 41 runs in turns): 112.8 ms
    /// with two, 101.3 with four; 3 gave 109, 8 gave 103. The 200-page stress issue's peak
    /// memory grew by 1-4 MB (to 185-187 MB).
    static let pagesAhead = 4

    private let condition = NSCondition()
    /// The pages in the order they are drawn, by index.
    private let order: [Int]
    /// The runs made for each position in `order`, by the index of each batch's first item,
    /// until drawing takes them.
    private var made: [[Int: GlyphRun?]?]
    /// Positions in `order` drawing has taken.
    private var taken = 0
    private var stopped = false
    private var work: BackgroundWork<Void>?
    /// Runs drawn, handed back to be freed on this thread, where they were made.
    private var spent: [[Int: GlyphRun?]] = []
    /// The copy of the shapes the runs are made from, let go of by `finish`: until then the
    /// shaper keeps the shapes it makes apart (`PangoShaper.shapeLookup`).
    private var shapes: ShapeLookup?

    /// Starts making the runs of `pages` in `order` (indices into `pages`, each a page drawn),
    /// with words looked up in `shapes`, actual text where the renderer writes it (`actualText`).
    /// The thread runs at a lower priority than the drawing thread: on two cores, with the
    /// compression of pages drawn (`ContentAhead`) also wanting one, drawing should not wait.
    init(pages: [Page], order: [Int], shapes: ShapeLookup, actualText: Bool, glyphs: GlyphsAhead? = nil) {
        self.order = order
        self.shapes = shapes
        made = Array(repeating: nil, count: order.count)
        let pages = Handed(pages)
        // Behind the drawing thread, which needs its core more, when both want one.
        work = BackgroundWork(yielding: true) { [self] in
            for (position, page) in order.enumerated() {
                condition.lock()
                while position >= taken + Self.pagesAhead && !stopped { condition.wait() }
                let stop = stopped
                var drawn: [[Int: GlyphRun?]] = []
                swap(&drawn, &spent)
                condition.unlock()
                drawn = []
                if stop { return }
                guard let shapes = self.shapes else { return }
                let runs = CairoRenderer.runs(of: pages.value[page], shapes: shapes, actualText: actualText)
                condition.lock()
                made[position] = runs
                condition.broadcast()
                condition.unlock()
                // The page's glyphs, loaded before drawing needs them.
                glyphs?.load(runs, of: pages.value[page])
            }
            glyphs?.finish()
        }
    }

    /// The runs of page `page`, the next one drawn, waiting for them if they are not made; nil
    /// (and nothing waited for) if `page` is not the next page announced.
    func take(page: Int) -> [Int: GlyphRun?]? {
        condition.lock()
        defer { condition.unlock() }
        guard taken < order.count, order[taken] == page else { return nil }
        while made[taken] == nil { condition.wait() }
        let runs = made[taken]
        made[taken] = nil
        taken += 1
        condition.broadcast()
        return runs
    }

    /// Hands back the runs of a page drawn, to be freed on the thread that made them (freeing
    /// on another thread's heap costs the drawing thread more).
    func giveBack(_ runs: consuming [Int: GlyphRun?]) {
        condition.lock()
        spent.append(runs)
        condition.unlock()
    }

    /// Stops making runs (the pages are drawn, or drawing failed) and waits for the thread.
    func finish() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
        work?.wait()
        shapes = nil
    }
}

extension CairoRenderer {
    /// A word that `ShapeLookup` does not hold: its run is left to drawing.
    struct NotShapedYet: Error {}

    /// The runs `draw(_:index:...)` draws for the text of `page`, made as it makes them, by the
    /// index of each batch's first item (`textBatch`); nil inside where the words are not one
    /// run. Links (drawn word by word) and batches with a word `shapes` does not hold are left
    /// out.
    static func runs(of page: Page, shapes: ShapeLookup, actualText: Bool) -> [Int: GlyphRun?] {
        var result: [Int: GlyphRun?] = [:]
        var index = page.items.startIndex
        while index < page.items.endIndex {
            guard case .text = page.items[index] else {
                index += 1
                continue
            }
            let batch = textBatch(in: page.items, at: index, actualText: actualText)
            index = batch.items.upperBound
            guard !batch.link else { continue }
            let texts = batch.texts(in: page.items)
            do throws(NotShapedYet) {
                result[batch.items.lowerBound] = .some(try run(for: texts, actualText: batch.actualText, spaceAfter: batch.spaceAfter) {
                    text, font, language throws(NotShapedYet) in
                    guard let found = shapes.shaped(text, font: font, language: language) else { throw NotShapedYet() }
                    return found
                })
            } catch {}
        }
        return result
    }
}
