import Synchronization

/// Tokens this service verified lately, with the identity they proved and when they expire, so that a client that
/// sends one token on every request pays for its HMAC and JSON once: a hit is a byte comparison under one of many
/// small locks, never a lock shared by every request.
///
/// Only tokens that passed verification are kept, and a hit still checks the expiry. Roles live in the token, so a
/// role change already waits for the next token; the cache changes nothing about what a token proves.
final class VerifiedTokenCache: Sendable {
    private struct Entry {
        let token: [UInt8]
        let identity: Identity
        let expires: Double
    }

    /// A few slots behind one lock; a token's slot is fixed by its hash.
    private final class Stripe: Sendable {
        let slots = Mutex<[Entry?]>(Array(repeating: nil, count: VerifiedTokenCache.slotsPerStripe))
    }

    static let slotsPerStripe = 16
    private let stripes: [Stripe]

    init(stripes count: Int = 256) {
        stripes = (0..<max(count, 1)).map { _ in Stripe() }
    }

    /// The identity `token` proved when it was verified, if it is still here and not expired at `now` (seconds since
    /// 1970).
    func identity(for token: Substring, now: Double) -> Identity? {
        let (stripe, slot) = place(token)
        return stripe.slots.withLock { slots -> Identity? in
            guard let entry = slots[slot], entry.expires > now, entry.token.elementsEqual(token.utf8) else {
                return nil
            }
            return entry.identity
        }
    }

    /// Keeps a token that was just verified, in place of whichever token had its slot.
    func remember(_ token: Substring, identity: Identity, expires: Double) {
        let (stripe, slot) = place(token)
        let entry = Entry(token: Array(token.utf8), identity: identity, expires: expires)
        stripe.slots.withLock { $0[slot] = entry }
    }

    private func place(_ token: Substring) -> (Stripe, Int) {
        var hasher = Hasher()
        let hashed: Void? = token.utf8.withContiguousStorageIfAvailable {
            hasher.combine(bytes: UnsafeRawBufferPointer($0))
        }
        if hashed == nil { for byte in token.utf8 { hasher.combine(byte) } }
        let hash = UInt(bitPattern: hasher.finalize())
        let stripe = stripes[Int(hash % UInt(stripes.count))]
        return (stripe, Int((hash / UInt(stripes.count)) % UInt(Self.slotsPerStripe)))
    }
}
