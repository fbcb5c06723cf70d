import Foundation
import PostgresNIO

/// Users in PostgreSQL.
struct PostgresUserRepository: UserRepository {
    let database: PostgresDatabase

    func create(username: String, passwordHash: String, role: Role) async throws -> User {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        do {
            let rows = try await database.rows(
                """
                INSERT INTO users (username, password_hash, role, created_at)
                VALUES (\(username), \(passwordHash), \(role.rawValue), \(now)) RETURNING id
                """
            )
            let id = try rows[0].decode(Int64.self)
            return User(id: id, username: username, passwordHash: passwordHash, role: role)
        } catch let error as PSQLError where error.sqlState == "23505" {
            throw RepositoryError.duplicateUsername
        }
    }

    func find(username: String) async throws -> User? {
        try await database.rows("\(unescaped: Self.columns) WHERE username = \(username)").first.map(Self.user)
    }

    func find(id: Int64) async throws -> User? {
        try await database.rows("\(unescaped: Self.columns) WHERE id = \(id)").first.map(Self.user)
    }

    func setRole(_ role: Role, ofUser id: Int64) async throws -> User? {
        try await database.rows(
            "UPDATE users SET role = \(role.rawValue) WHERE id = \(id) RETURNING id, username, password_hash, role"
        ).first.map(Self.user)
    }

    private static let columns = "SELECT id, username, password_hash, role FROM users"

    private static func user(_ row: PostgresRow) throws -> User {
        let (id, username, hash, role) = try row.decode((Int64, String, String, String).self)
        return User(id: id, username: username, passwordHash: hash, role: Role(rawValue: role) ?? .user)
    }
}
