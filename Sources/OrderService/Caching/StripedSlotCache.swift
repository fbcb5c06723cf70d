import Synchronization

/// A bounded, lossy cache under many small locks: a key's slot is fixed by its hash, and a new entry takes the slot
/// from whatever held it. For values cheap to check and dear to make (a verified token, an encoded order) on paths
/// every request takes, where one lock shared by all requests would cost more than an occasional miss.
final class StripedSlotCache<Entry: Sendable>: Sendable {
    /// A few slots behind one lock.
    private final class Stripe: Sendable {
        let slots: Mutex<[Entry?]>

        init(count: Int) {
            slots = Mutex(Array(repeating: nil, count: count))
        }
    }

    private let stripes: [Stripe]
    private let slotsPerStripe: Int

    init(stripes count: Int = 256, slotsPerStripe: Int = 16) {
        self.slotsPerStripe = max(slotsPerStripe, 1)
        stripes = (0..<max(count, 1)).map { _ in Stripe(count: max(slotsPerStripe, 1)) }
    }

    /// What `read` makes of the entry in `key`'s slot, under the slot's lock; nil when the slot is empty or `read`
    /// refuses the entry (another key's, or stale).
    func value<Value: Sendable>(for key: some StringProtocol, _ read: (Entry) -> Value?) -> Value? {
        let (stripe, slot) = place(key)
        return stripe.slots.withLock { slots in slots[slot].flatMap(read) }
    }

    /// Keeps `entry` in `key`'s slot, in place of whatever was there.
    func store(_ entry: Entry, for key: some StringProtocol) {
        let (stripe, slot) = place(key)
        stripe.slots.withLock { $0[slot] = entry }
    }

    private func place(_ key: some StringProtocol) -> (Stripe, Int) {
        var hasher = Hasher()
        let hashed: Void? = key.utf8.withContiguousStorageIfAvailable {
            hasher.combine(bytes: UnsafeRawBufferPointer($0))
        }
        if hashed == nil { for byte in key.utf8 { hasher.combine(byte) } }
        let hash = UInt(bitPattern: hasher.finalize())
        let stripe = stripes[Int(hash % UInt(stripes.count))]
        return (stripe, Int((hash / UInt(stripes.count)) % UInt(slotsPerStripe)))
    }
}
