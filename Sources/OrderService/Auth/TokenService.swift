import Crypto
import Foundation
import JWTKit

/// Issues and verifies the HS256 login tokens (`sub` = user id, `role`, `exp`).
///
/// Tokens are signed with jwt-kit. They are verified here, on the request's own task, without jwt-kit's key-collection
/// actor: the header must name HS256 (so no other algorithm, `none` included, is ever considered; the two headers
/// jwt-kit writes are known without decoding), the HMAC is checked in constant time, and only then is the payload
/// decoded.
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

    /// A token header, read only when it is not one of the two jwt-kit writes.
    private struct Header: Decodable {
        let alg: String
        let crit: [String]?
    }

    /// The claims as verification reads them: `exp` in seconds since 1970, as RFC 7519 writes it.
    private struct SignedClaims: Decodable {
        let sub: String
        let role: String
        let exp: Double
    }

    private let keys: JWTKeyCollection
    private let key: SymmetricKey
    /// The base64url header segments jwt-kit writes for HS256 (its JSON keys come in either order).
    private static let knownHeaders: [[UInt8]] = [
        base64URL(#"{"alg":"HS256","typ":"JWT"}"#), base64URL(#"{"typ":"JWT","alg":"HS256"}"#),
    ]
    private let lifetime: TimeInterval
    /// The tokens verified lately: a repeat costs a byte comparison instead of an HMAC and a JSON decode.
    private let verified = VerifiedTokenCache()

    init(secret: String, lifetimeSeconds: Int) async {
        keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        key = SymmetricKey(data: Data(secret.utf8))
        lifetime = TimeInterval(lifetimeSeconds)
    }

    /// A signed token for this user, valid for the configured lifetime; also returns when it expires.
    func issue(for user: User) async throws -> (token: String, expires: Date) {
        let expires = Date().addingTimeInterval(lifetime)
        let claims = Claims(sub: .init(value: String(user.id)), role: user.role.rawValue, exp: .init(value: expires))
        return (try await keys.sign(claims), expires)
    }

    /// The identity a token proves, or nil for another header, a bad signature, a bad claim or a past expiry.
    func verify(_ token: Substring) -> Identity? {
        let now = Date().timeIntervalSince1970
        if let identity = verified.identity(for: token, now: now) { return identity }
        // The parts are found on the UTF-8 bytes: Character-wise splitting was a visible share of each request.
        let bytes = token.utf8
        guard let firstDot = bytes.firstIndex(of: UInt8(ascii: ".")) else { return nil }
        let payloadStart = bytes.index(after: firstDot)
        guard let secondDot = bytes[payloadStart...].firstIndex(of: UInt8(ascii: ".")) else { return nil }
        let signatureStart = bytes.index(after: secondDot)
        guard !bytes[signatureStart...].contains(UInt8(ascii: ".")),
            Self.namesHS256(token[..<firstDot]),
            let signature = Base64URL.decode(token[signatureStart...]),
            HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: Array(bytes[..<secondDot]), using: key),
            let payload = Base64URL.decode(token[payloadStart..<secondDot]),
            let claims = try? JSONDecoder().decode(SignedClaims.self, from: Data(payload)),
            claims.exp > now,
            let userID = Int64(claims.sub),
            let role = Role(rawValue: claims.role)
        else { return nil }
        let identity = Identity(userID: userID, role: role)
        verified.remember(token, identity: identity, expires: claims.exp)
        return identity
    }

    /// Whether a header segment is HS256 with no critical extension this verifier would have to understand.
    private static func namesHS256(_ segment: Substring) -> Bool {
        if knownHeaders.contains(where: { $0.elementsEqual(segment.utf8) }) { return true }
        guard let json = Base64URL.decode(segment),
            let header = try? JSONDecoder().decode(Header.self, from: Data(json))
        else { return false }
        return header.alg == "HS256" && (header.crit ?? []).isEmpty
    }

    private static func base64URL(_ text: String) -> [UInt8] {
        Array(
            Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "").utf8
        )
    }
}
