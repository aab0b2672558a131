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

    func apply() {
        let root = qpdf_oh_get_key(qpdf, qpdf_get_root(qpdf), "/StructTreeRoot")
        guard qpdf_oh_is_dictionary(qpdf, root) != 0, Set(stories).count < stories.count else { return }
        var arts: [(node: qpdf_oh, parent: qpdf_oh)] = []
        var visited = Set<Int>()
        collectArticles(below: root, into: &arts, visited: &visited, depth: 0)
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
            for kid in kids(of: art.node) {
                if qpdf_oh_is_dictionary(qpdf, kid) != 0, qpdf_oh_has_key(qpdf, kid, "/P") != 0 {
                    qpdf_oh_replace_key(qpdf, kid, "/P", target)
                }
                qpdf_oh_append_item(qpdf, targetKids, kid)
            }
            emptied.insert(Int(qpdf_oh_get_object_id(qpdf, art.node)))
        }
        // Out of their parents' lists, from the end, so that the indices stay right.
        var parents: [Int: qpdf_oh] = [:]
        for art in arts where emptied.contains(Int(qpdf_oh_get_object_id(qpdf, art.node))) {
            parents[Int(qpdf_oh_get_object_id(qpdf, art.parent))] = art.parent
        }
        for parent in parents.values {
            let list = qpdf_oh_get_key(qpdf, parent, "/K")
            guard qpdf_oh_is_array(qpdf, list) != 0 else { continue }
            for index in stride(from: qpdf_oh_get_array_n_items(qpdf, list) - 1, through: 0, by: -1)
            where emptied.contains(Int(qpdf_oh_get_object_id(qpdf, qpdf_oh_get_array_item(qpdf, list, index)))) {
                qpdf_oh_erase_item(qpdf, list, index)
            }
        }
    }

    /// The Art elements below `node`, depth first, each with the element whose /K lists it.
    private func collectArticles(below node: qpdf_oh, into arts: inout [(node: qpdf_oh, parent: qpdf_oh)], visited: inout Set<Int>, depth: Int) {
        guard depth < 512, qpdf_oh_is_dictionary(qpdf, node) != 0 else { return }
        let id = Int(qpdf_oh_get_object_id(qpdf, node))
        if id > 0 { guard visited.insert(id).inserted else { return } }
        for kid in kids(of: node) where qpdf_oh_is_dictionary(qpdf, kid) != 0 {
            let type = qpdf_oh_get_key(qpdf, kid, "/S")
            if qpdf_oh_is_name(qpdf, type) != 0, String(cString: qpdf_oh_get_name(qpdf, type)) == "/Art" {
                arts.append((kid, node))
                // An article holds no article; its own elements are counted as setEntries counts them.
                var inner: [(node: qpdf_oh, parent: qpdf_oh)] = []
                collectArticles(below: kid, into: &inner, visited: &visited, depth: depth + 1)
                arts += inner
            } else {
                collectArticles(below: kid, into: &arts, visited: &visited, depth: depth + 1)
            }
        }
    }

    /// An element's /K as a list: its array's items, or the one object it holds.
    private func kids(of node: qpdf_oh) -> [qpdf_oh] {
        let value = qpdf_oh_get_key(qpdf, node, "/K")
        if qpdf_oh_is_array(qpdf, value) != 0 {
            return (0..<qpdf_oh_get_array_n_items(qpdf, value)).map { qpdf_oh_get_array_item(qpdf, value, $0) }
        }
        return qpdf_oh_is_null(qpdf, value) != 0 ? [] : [value]
    }
}
