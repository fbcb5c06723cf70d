import Foundation
import GRDB

/// Users in SQLite through GRDB.
struct SQLiteUserRepository: UserRepository {
    let database: any DatabaseWriter

    func create(username: String, passwordHash: String, role: Role) async throws -> User {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        do {
            return try await database.write { db in
                try db.execute(
                    sql: "INSERT INTO users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)",
                    arguments: [username, passwordHash, role.rawValue, now]
                )
                return User(id: db.lastInsertedRowID, username: username, passwordHash: passwordHash, role: role)
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw RepositoryError.duplicateUsername
        }
    }

    func find(username: String) async throws -> User? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE username = ?", arguments: [username]).map(User.init)
        }
    }

    func find(id: Int64) async throws -> User? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]).map(User.init)
        }
    }

    func setRole(_ role: Role, ofUser id: Int64) async throws -> User? {
        try await database.write { db in
            try db.execute(sql: "UPDATE users SET role = ? WHERE id = ?", arguments: [role.rawValue, id])
            return try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]).map(User.init)
        }
    }
}

extension User {
    init(row: Row) {
        self.init(
            id: row["id"],
            username: row["username"],
            passwordHash: row["password_hash"],
            role: Role(rawValue: row["role"]) ?? .user
        )
    }
}
