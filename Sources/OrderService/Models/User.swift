/// A registered account; the password is kept only as a bcrypt hash.
struct User: Sendable, Equatable {
    let id: Int64
    let username: String
    let passwordHash: String
    let role: Role
}
