import CQpdf

/// The structure tree of a PDF qpdf has read, for the finishing passes that change it: its
/// elements visited depth first, in the order cairo began them, each once (a damaged tree with
/// a cycle is not walked again), to a depth of 512.
struct StructureTree {
    let qpdf: qpdf_data

    /// The StructTreeRoot; nil for a PDF without structure.
    var root: qpdf_oh? {
        let root = qpdf_oh_get_key(qpdf, qpdf_get_root(qpdf), "/StructTreeRoot")
        return qpdf_oh_is_dictionary(qpdf, root) != 0 ? root : nil
    }

    /// An element's type without its slash ("Art"); nil for anything that is not an element
    /// (a marked-content or object reference, the root).
    func type(of node: qpdf_oh) -> String? {
        guard qpdf_oh_is_dictionary(qpdf, node) != 0 else { return nil }
        let type = qpdf_oh_get_key(qpdf, node, "/S")
        guard qpdf_oh_is_name(qpdf, type) != 0 else { return nil }
        return String(String(cString: qpdf_oh_get_name(qpdf, type)).dropFirst())
    }

    /// A node's /K as a list: its array's items, or the one object it holds.
    func kids(of node: qpdf_oh) -> [qpdf_oh] {
        let value = qpdf_oh_get_key(qpdf, node, "/K")
        if qpdf_oh_is_array(qpdf, value) != 0 {
            return (0..<qpdf_oh_get_array_n_items(qpdf, value)).map { qpdf_oh_get_array_item(qpdf, value, $0) }
        }
        return qpdf_oh_is_null(qpdf, value) != 0 ? [] : [value]
    }

    /// Calls `visit` with the root (no parent) and every dictionary below it, depth first, with
    /// the node whose /K holds it. A node's kids are read after it is visited, so `visit` may
    /// take some out (`removeKids`) and they are not walked.
    func walk(_ visit: (_ node: qpdf_oh, _ parent: qpdf_oh?) -> Void) {
        guard let root else { return }
        var visited = Set<Int>()
        func descend(_ node: qpdf_oh, parent: qpdf_oh?, depth: Int) {
            guard depth < 512, qpdf_oh_is_dictionary(qpdf, node) != 0 else { return }
            let id = Int(qpdf_oh_get_object_id(qpdf, node))
            if id > 0 { guard visited.insert(id).inserted else { return } }
            visit(node, parent)
            for kid in kids(of: node) { descend(kid, parent: node, depth: depth + 1) }
        }
        descend(root, parent: nil, depth: 0)
    }

    /// Takes the kids `remove` picks out of `node`'s /K and returns their object numbers.
    @discardableResult
    func removeKids(of node: qpdf_oh, where remove: (qpdf_oh) -> Bool) -> Set<Int> {
        var removed = Set<Int>()
        let value = qpdf_oh_get_key(qpdf, node, "/K")
        if qpdf_oh_is_array(qpdf, value) != 0 {
            // The kids kept go into a new array at once: erasing them one by one from a long
            // /K (the document's, with every page's furniture in it) costs qpdf a pass over
            // the rest of the array each time.
            var kept: [qpdf_oh] = []
            for index in 0..<qpdf_oh_get_array_n_items(qpdf, value) {
                let kid = qpdf_oh_get_array_item(qpdf, value, index)
                if remove(kid) {
                    removed.insert(Int(qpdf_oh_get_object_id(qpdf, kid)))
                } else {
                    kept.append(kid)
                }
            }
            guard !removed.isEmpty else { return removed }
            let array = qpdf_oh_new_array(qpdf)
            for kid in kept { qpdf_oh_append_item(qpdf, array, kid) }
            qpdf_oh_replace_key(qpdf, node, "/K", array)
        } else if qpdf_oh_is_null(qpdf, value) == 0, remove(value) {
            removed.insert(Int(qpdf_oh_get_object_id(qpdf, value)))
            qpdf_oh_replace_key(qpdf, node, "/K", qpdf_oh_new_array(qpdf))
        }
        return removed
    }
}
