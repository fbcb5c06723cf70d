/// An integration key as stored: its SHA-256, never the key itself.
struct APIKeyRecord: Sendable, Equatable {
    let id: String
    let name: String
    let createdAtMillis: Int64
    let revokedAtMillis: Int64?

    var isRevoked: Bool { revokedAtMillis != nil }
}
