import CQpdf

/// The structure tree of a PDF qpdf has read, for the finishing passes that change it.
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

    /// The tree as one walk reads it, for all the finishing passes: each read of an object
    /// through qpdf's C API costs it a handle, and a walk of a long issue's tree thousands of
    /// them, so the passes share one.
    func snapshot() -> Snapshot {
        var snapshot = Snapshot()
        guard let root else { return snapshot }
        var visited = Set<Int>()
        func descend(_ node: qpdf_oh, parent: Int?, type: String?, id: Int, depth: Int) -> Int? {
            guard depth < 512, qpdf_oh_is_dictionary(qpdf, node) != 0 else { return nil }
            if id > 0 { guard visited.insert(id).inserted else { return nil } }
            let index = snapshot.elements.count
            snapshot.elements.append(Snapshot.Element(node: node, parent: parent, type: type, kids: [], kidsInArray: false))
            let value = qpdf_oh_get_key(qpdf, node, "/K")
            var objects: [qpdf_oh] = []
            if qpdf_oh_is_array(qpdf, value) != 0 {
                snapshot.elements[index].kidsInArray = true
                objects = (0..<qpdf_oh_get_array_n_items(qpdf, value)).map { qpdf_oh_get_array_item(qpdf, value, $0) }
            } else if qpdf_oh_is_null(qpdf, value) == 0 {
                objects = [value]
            }
            var kids: [Snapshot.Kid] = []
            for object in objects {
                let kidType = self.type(of: object), kidID = Int(qpdf_oh_get_object_id(qpdf, object))
                let element = descend(object, parent: index, type: kidType, id: kidID, depth: depth + 1)
                kids.append(Snapshot.Kid(object: object, id: kidID, type: kidType, element: element))
            }
            snapshot.elements[index].kids = kids
            return index
        }
        _ = descend(root, parent: nil, type: type(of: root), id: Int(qpdf_oh_get_object_id(qpdf, root)), depth: 0)
        return snapshot
    }

    /// The structure elements as `snapshot` read them, depth first in the order cairo began
    /// them, each once (a damaged tree with a cycle is not walked again), to a depth of 512.
    struct Snapshot {
        struct Element {
            let node: qpdf_oh
            /// The element whose /K holds this one (an index into `elements`); nil for the root.
            let parent: Int?
            /// Its type without the slash ("Art"); nil for the root.
            let type: String?
            /// What its /K held when it was read, in order.
            var kids: [Kid]
            /// Whether /K was an array (else it held one object, or nothing).
            var kidsInArray: Bool
        }

        /// An object in an element's /K: an element, or a reference to marked content.
        struct Kid {
            let object: qpdf_oh
            let id: Int
            let type: String?
            /// The element it is, as an index into `elements`; nil for marked content (or an
            /// element reached before, in a damaged tree).
            let element: Int?
        }

        /// From the root, depth first.
        var elements: [Element] = []

        /// The elements that are not inside an element of type `type`, and not of that type,
        /// depth first: the tree as it reads once those are taken out.
        func elements(outside type: String) -> [Int] {
            var result: [Int] = []
            func descend(_ index: Int) {
                result.append(index)
                for kid in elements[index].kids where kid.type != type {
                    if let element = kid.element { descend(element) }
                }
            }
            if !elements.isEmpty { descend(0) }
            return result
        }
    }

    /// `node`'s /K as an array to append to: made one where it holds one object or none.
    func kidsArray(of node: qpdf_oh) -> qpdf_oh {
        let value = qpdf_oh_get_key(qpdf, node, "/K")
        if qpdf_oh_is_array(qpdf, value) != 0 { return value }
        let array = qpdf_oh_new_array(qpdf)
        if qpdf_oh_is_null(qpdf, value) == 0 { qpdf_oh_append_item(qpdf, array, value) }
        qpdf_oh_replace_key(qpdf, node, "/K", array)
        return qpdf_oh_get_key(qpdf, node, "/K")
    }

    /// Puts `replacement(object number)` in place of each of the parent tree's references to an
    /// element it gives one for: in each page's array (MCID to element) and in the entries that
    /// name one element. Elements taken out of the tree are replaced by null, elements joined
    /// into others by those.
    func replaceInParentTree(_ replacement: (Int) -> qpdf_oh?) {
        guard let root else { return }
        var visited = Set<Int>()
        func walk(_ node: qpdf_oh, depth: Int) {
            guard depth < 64, qpdf_oh_is_dictionary(qpdf, node) != 0 else { return }
            let id = Int(qpdf_oh_get_object_id(qpdf, node))
            if id > 0 { guard visited.insert(id).inserted else { return } }
            let nums = qpdf_oh_get_key(qpdf, node, "/Nums")
            if qpdf_oh_is_array(qpdf, nums) != 0 {
                for index in stride(from: 1, to: qpdf_oh_get_array_n_items(qpdf, nums), by: 2) {
                    let value = qpdf_oh_get_array_item(qpdf, nums, index)
                    if qpdf_oh_is_array(qpdf, value) != 0 {
                        for item in 0..<qpdf_oh_get_array_n_items(qpdf, value) {
                            if let to = replacement(Int(qpdf_oh_get_object_id(qpdf, qpdf_oh_get_array_item(qpdf, value, item)))) {
                                qpdf_oh_set_array_item(qpdf, value, item, to)
                            }
                        }
                    } else if let to = replacement(Int(qpdf_oh_get_object_id(qpdf, value))) {
                        qpdf_oh_set_array_item(qpdf, nums, index, to)
                    }
                }
            }
            let kids = qpdf_oh_get_key(qpdf, node, "/Kids")
            if qpdf_oh_is_array(qpdf, kids) != 0 {
                for index in 0..<qpdf_oh_get_array_n_items(qpdf, kids) { walk(qpdf_oh_get_array_item(qpdf, kids, index), depth: depth + 1) }
            }
        }
        walk(qpdf_oh_get_key(qpdf, root, "/ParentTree"), depth: 0)
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
