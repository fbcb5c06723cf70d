import Foundation
import GRDB

/// Hashed integration keys in SQLite through GRDB.
struct SQLiteAPIKeyRepository: APIKeyRepository {
    let database: any DatabaseWriter

    func create(id: String, name: String, keyHash: String) async throws -> APIKeyRecord {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        try await database.write { db in
            try db.execute(
                sql: "INSERT INTO api_keys (id, name, key_hash, created_at) VALUES (?, ?, ?, ?)",
                arguments: [id, name, keyHash, now]
            )
        }
        return APIKeyRecord(id: id, name: name, createdAtMillis: now, revokedAtMillis: nil)
    }

    func findActive(keyHash: String) async throws -> APIKeyRecord? {
        try await database.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT * FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL",
                arguments: [keyHash]
            ).map {
                APIKeyRecord(id: $0["id"], name: $0["name"], createdAtMillis: $0["created_at"], revokedAtMillis: nil)
            }
        }
    }

    func revoke(id: String) async throws -> Bool {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        return try await database.write { db in
            try db.execute(
                sql: "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?",
                arguments: [now, id]
            )
            return db.changesCount > 0
        }
    }
}
