import CQpdf

/// One story, one article. Cairo builds the structure tree in drawing order, so a story
/// continued on a later page gets a second Art there, after the stories drawn between: a screen
/// reader following the tree would leave the story at its jump and read others first. This pass
/// moves the children of each later Art of a story to the end of its first Art (setting their
/// parent), and takes the emptied Art out of the tree: the tree then reads each story whole,
/// across columns and jumps, in the order of its first page.
struct ArticleJoining {
    let qpdf: qpdf_data
    /// The story of each Art element, in tree order, depth first (`StructureNotes.articleStories`).
    let stories: [Int]
    /// How many elements each Art begins inside of that its story's Art before it ends inside
    /// of (`StructureNotes.articleContinues`): a paragraph or block quote, a list, its item and
    /// the item's body; empty for none.
    var continues: [Int] = []

    /// Applies the pass to the structure tree `structure` read, once `ArtifactMarking` has
    /// taken the furniture out of it.
    func apply(_ structure: StructureTree.Snapshot) {
        let tree = StructureTree(qpdf: qpdf)
        guard Set(stories).count < stories.count else { return }
        // In the order `PDFFinishing` counts them when it sets their entries.
        var arts: [(node: qpdf_oh, parent: qpdf_oh)] = []
        for index in structure.elements(outside: StructureTags.furniture) {
            let element = structure.elements[index]
            if let parent = element.parent, element.type == "Art" { arts.append((element.node, structure.elements[parent].node)) }
        }
        guard arts.count == stories.count else { return }
        var first: [Int: qpdf_oh] = [:]
        var emptied = Set<Int>()
        /// Elements joined into others: the parent tree's references to them go to those.
        var redirected: [Int: qpdf_oh] = [:]
        for (index, art) in arts.enumerated() {
            guard let target = first[stories[index]] else {
                first[stories[index]] = art.node
                continue
            }
            let targetKids = tree.kidsArray(of: target)
            var kids = tree.kids(of: art.node)
            // A paragraph (a list, its item) broken at the page's foot is one element: its rest
            // goes into its start.
            if continues.indices.contains(index), continues[index] > 0, let rest = kids.first,
               case let count = qpdf_oh_get_array_n_items(qpdf, targetKids), count > 0,
               join(rest, into: qpdf_oh_get_array_item(qpdf, targetKids, count - 1), depth: continues[index], redirecting: &redirected) {
                kids.removeFirst()
            }
            for kid in kids {
                if qpdf_oh_is_dictionary(qpdf, kid) != 0, qpdf_oh_has_key(qpdf, kid, "/P") != 0 {
                    qpdf_oh_replace_key(qpdf, kid, "/P", target)
                }
                qpdf_oh_append_item(qpdf, targetKids, kid)
            }
            emptied.insert(Int(qpdf_oh_get_object_id(qpdf, art.node)))
        }
        // Out of their parents' lists: each parent's once (the Document's /K holds every
        // page's Art elements and furniture; a pass over it for each emptied Art made this
        // pass quadratic, 62 ms at 200 pages).
        var parentsDone = Set<Int>()
        for art in arts where emptied.contains(Int(qpdf_oh_get_object_id(qpdf, art.node))) {
            let parent = Int(qpdf_oh_get_object_id(qpdf, art.parent))
            if parent != 0 { guard parentsDone.insert(parent).inserted else { continue } }
            tree.removeKids(of: art.parent) { emptied.contains(Int(qpdf_oh_get_object_id(qpdf, $0))) }
        }
        if !redirected.isEmpty { tree.replaceInParentTree { redirected[$0] } }
    }

    /// Puts the content of `rest` (a later page's first element) at the end of `start` (the
    /// element the story's part before ends with) when both are elements of one type: its
    /// marked content as references naming their page, its elements with `start` as their
    /// parent; with `depth` over 1, its first element joined so into `start`'s last (a list's
    /// item into the item broken at the page's foot). False, changing nothing, otherwise.
    private func join(_ rest: qpdf_oh, into start: qpdf_oh, depth: Int, redirecting redirected: inout [Int: qpdf_oh]) -> Bool {
        let tree = StructureTree(qpdf: qpdf)
        guard depth > 0, let type = tree.type(of: rest), type == tree.type(of: start) else { return false }
        let kids = tree.kidsArray(of: start)
        let page = qpdf_oh_get_key(qpdf, rest, "/Pg")
        var restKids = tree.kids(of: rest)
        if depth > 1, let first = restKids.first, case let count = qpdf_oh_get_array_n_items(qpdf, kids), count > 0,
           join(first, into: qpdf_oh_get_array_item(qpdf, kids, count - 1), depth: depth - 1, redirecting: &redirected) {
            restKids.removeFirst()
        }
        for kid in restKids {
            // (A kid that is no dictionary is an MCID: marked content on the element's page.)
            if qpdf_oh_is_dictionary(qpdf, kid) == 0 {
                let reference = qpdf_oh_new_dictionary(qpdf)
                qpdf_oh_replace_key(qpdf, reference, "/Type", qpdf_oh_new_name(qpdf, "/MCR"))
                qpdf_oh_replace_key(qpdf, reference, "/Pg", page)
                qpdf_oh_replace_key(qpdf, reference, "/MCID", kid)
                qpdf_oh_append_item(qpdf, kids, reference)
                continue
            }
            if qpdf_oh_is_dictionary(qpdf, kid) != 0, qpdf_oh_has_key(qpdf, kid, "/P") != 0 {
                qpdf_oh_replace_key(qpdf, kid, "/P", start)
            }
            qpdf_oh_append_item(qpdf, kids, kid)
        }
        redirected[Int(qpdf_oh_get_object_id(qpdf, rest))] = start
        return true
    }
}
