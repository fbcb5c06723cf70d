/// What a user may do: users manage their own orders, admins see every order and manage roles and API keys.
public enum Role: String, Codable, Sendable, CaseIterable {
    case user
    case admin
}

/// Who sent a request, as proven by a verified token.
struct Identity: Sendable, Equatable {
    let userID: Int64
    let role: Role

    var isAdmin: Bool { role == .admin }
}
