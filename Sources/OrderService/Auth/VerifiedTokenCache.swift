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

    static let slotsPerStripe = 16
    private let slots: StripedSlotCache<Entry>

    init(stripes count: Int = 256) {
        slots = StripedSlotCache(stripes: count, slotsPerStripe: Self.slotsPerStripe)
    }

    /// The identity `token` proved when it was verified, if it is still here and not expired at `now` (seconds since
    /// 1970).
    func identity(for token: Substring, now: Double) -> Identity? {
        slots.value(for: token) { entry in
            entry.expires > now && entry.token.elementsEqual(token.utf8) ? entry.identity : nil
        }
    }

    /// Keeps a token that was just verified, in place of whichever token had its slot.
    func remember(_ token: Substring, identity: Identity, expires: Double) {
        slots.store(Entry(token: Array(token.utf8), identity: identity, expires: expires), for: token)
    }
}
