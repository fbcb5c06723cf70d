import Foundation
import JWTKit

/// Issues and verifies the HS256 login tokens (`sub` = user id, `role`, `exp`).
struct TokenService: Sendable {
    /// The claims of a login token.
    struct Claims: JWTPayload {
        var sub: SubjectClaim
        var role: String
        var exp: ExpirationClaim

        func verify(using algorithm: some JWTAlgorithm) async throws {
            try exp.verifyNotExpired()
        }
    }

    private let keys: JWTKeyCollection
    private let lifetime: TimeInterval

    init(secret: String, lifetimeSeconds: Int) async {
        keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        lifetime = TimeInterval(lifetimeSeconds)
    }

    /// A signed token for this user, valid for the configured lifetime; also returns when it expires.
    func issue(for user: User) async throws -> (token: String, expires: Date) {
        let expires = Date().addingTimeInterval(lifetime)
        let claims = Claims(sub: .init(value: String(user.id)), role: user.role.rawValue, exp: .init(value: expires))
        return (try await keys.sign(claims), expires)
    }

    /// The identity a token proves, or nil for a bad signature, another algorithm, a bad claim or a past expiry.
    func verify(_ token: String) async -> Identity? {
        guard let claims = try? await keys.verify(token, as: Claims.self),
            let userID = Int64(claims.sub.value),
            let role = Role(rawValue: claims.role)
        else { return nil }
        return Identity(userID: userID, role: role)
    }
}
