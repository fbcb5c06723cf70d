import Testing

@testable import OrderService

/// Only the very token that was verified hits, and only until it expires.
@Suite struct VerifiedTokenCacheTests {
    let alice = Identity(userID: 1, role: .user)

    @Test func aRememberedTokenHitsUntilItExpires() {
        let cache = VerifiedTokenCache()
        cache.remember("header.payload.signature", identity: alice, expires: 100)
        #expect(cache.identity(for: "header.payload.signature", now: 99) == alice)
        #expect(cache.identity(for: "header.payload.signature", now: 100) == nil)
        #expect(cache.identity(for: "header.payload.signaturf", now: 99) == nil)
        #expect(cache.identity(for: "header.payload.signature"[...].dropLast(), now: 99) == nil)
    }

    @Test func tokensSharingASlotNeverAnswerForEachOther() {
        // One stripe of 16 slots: 64 tokens must collide, and each answers only for itself, or not at all.
        let cache = VerifiedTokenCache(stripes: 1)
        let tokens = (0..<64).map { "token-\($0)" }
        for (index, token) in tokens.enumerated() {
            cache.remember(token[...], identity: Identity(userID: Int64(index), role: .user), expires: 100)
        }
        var hits = 0
        for (index, token) in tokens.enumerated() {
            if let identity = cache.identity(for: token[...], now: 1) {
                #expect(identity.userID == Int64(index))
                hits += 1
            }
        }
        #expect(hits > 0 && hits <= VerifiedTokenCache.slotsPerStripe)
    }
}
