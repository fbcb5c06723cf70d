/// A map that holds at most `capacity` entries and drops the least recently used to make room; every operation
/// is O(1). Entries live in one array linked into a recency list by index, so nothing is allocated per use.
struct LRUCache<Key: Hashable, Value> {
    private struct Node {
        var key: Key
        var value: Value
        var newer: Int?
        var older: Int?
    }

    let capacity: Int
    private var nodes: [Node] = []
    private var indexByKey: [Key: Int] = [:]
    private var freeSlots: [Int] = []
    private var newest: Int?
    private var oldest: Int?

    init(capacity: Int) {
        precondition(capacity > 0, "an LRU cache needs room for one entry")
        self.capacity = capacity
    }

    var count: Int { indexByKey.count }

    /// The value for `key`, which becomes the most recently used.
    mutating func value(for key: Key) -> Value? {
        guard let index = indexByKey[key] else { return nil }
        moveToFront(index)
        return nodes[index].value
    }

    /// Stores `value` as the most recently used, dropping the least recently used entry when full.
    mutating func set(_ value: Value, for key: Key) {
        if let index = indexByKey[key] {
            nodes[index].value = value
            moveToFront(index)
            return
        }
        if count == capacity, let oldest { remove(at: oldest) }
        let node = Node(key: key, value: value, newer: nil, older: nil)
        let index: Int
        if let free = freeSlots.popLast() {
            nodes[free] = node
            index = free
        } else {
            nodes.append(node)
            index = nodes.count - 1
        }
        indexByKey[key] = index
        linkAtFront(index)
    }

    /// Removes `key`'s entry, if there is one.
    mutating func removeValue(for key: Key) {
        if let index = indexByKey[key] { remove(at: index) }
    }

    mutating func removeAll() {
        self = LRUCache(capacity: capacity)
    }

    private mutating func remove(at index: Int) {
        unlink(index)
        indexByKey[nodes[index].key] = nil
        freeSlots.append(index)
    }

    private mutating func moveToFront(_ index: Int) {
        guard newest != index else { return }
        unlink(index)
        linkAtFront(index)
    }

    private mutating func linkAtFront(_ index: Int) {
        nodes[index].older = newest
        nodes[index].newer = nil
        if let newest { nodes[newest].newer = index }
        newest = index
        if oldest == nil { oldest = index }
    }

    private mutating func unlink(_ index: Int) {
        let (newer, older) = (nodes[index].newer, nodes[index].older)
        if let newer { nodes[newer].older = older } else { newest = older }
        if let older { nodes[older].newer = newer } else { oldest = newer }
        nodes[index].newer = nil
        nodes[index].older = nil
    }
}
