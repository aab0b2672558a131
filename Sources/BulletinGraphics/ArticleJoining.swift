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
        for (index, art) in arts.enumerated() {
            guard let target = first[stories[index]] else {
                first[stories[index]] = art.node
                continue
            }
            var targetKids = qpdf_oh_get_key(qpdf, target, "/K")
            if qpdf_oh_is_array(qpdf, targetKids) == 0 {
                let array = qpdf_oh_new_array(qpdf)
                if qpdf_oh_is_null(qpdf, targetKids) == 0 { qpdf_oh_append_item(qpdf, array, targetKids) }
                qpdf_oh_replace_key(qpdf, target, "/K", array)
                targetKids = qpdf_oh_get_key(qpdf, target, "/K")
            }
            for kid in tree.kids(of: art.node) {
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
    }
}
