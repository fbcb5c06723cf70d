/// The per-iteration inputs a template reads: variable slots (captures, data columns), the iteration number, the time.
///
/// One value per virtual user or in-flight iteration, reused across iterations: setting a slot copies bytes into
/// storage that keeps its capacity, so steady state allocates nothing.
public struct TemplateValues: Sendable {
    /// Slot contents; a slot never set holds nil and renders as nothing.
    public var slots: [[UInt8]?]
    /// The iteration number `seq()` renders.
    public var iteration: Int
    /// Unix time in nanoseconds that `timestamp()` and `now()` render; the caller sets it once per iteration.
    public var unixNanoseconds: Int64

    public init(slotCount: Int, iteration: Int = 0, unixNanoseconds: Int64 = 0) {
        self.slots = Array(repeating: nil, count: slotCount)
        self.iteration = iteration
        self.unixNanoseconds = unixNanoseconds
    }

    /// Sets a slot to these bytes, reusing its storage.
    public mutating func set(_ slot: Int, to bytes: some Collection<UInt8>) {
        if slots[slot] == nil {
            slots[slot] = Array(bytes)
        } else {
            slots[slot]!.removeAll(keepingCapacity: true)
            slots[slot]!.append(contentsOf: bytes)
        }
    }

    /// Sets a slot to a string's UTF-8 bytes.
    public mutating func set(_ slot: Int, to text: String) {
        set(slot, to: text.utf8)
    }

    /// Forgets every slot (for a fresh virtual user), keeping storage.
    public mutating func clear() {
        for index in slots.indices { slots[index] = nil }
    }
}

/// The names of a scenario's variable slots: captures in flow order, then data columns as `source.column`.
public struct VariableTable: Sendable, Equatable {
    public private(set) var names: [String] = []
    private var index: [String: Int] = [:]

    public init() {}

    /// The slot of `name`, nil when it is not a variable of the scenario.
    public func slot(of name: String) -> Int? { index[name] }

    /// The slot of `name`, adding it when new.
    public mutating func declare(_ name: String) -> Int {
        if let slot = index[name] { return slot }
        names.append(name)
        index[name] = names.count - 1
        return names.count - 1
    }

    /// Number of slots, the size a ``TemplateValues`` needs.
    public var count: Int { names.count }
}
