import Foundation
import PostgresNIO

/// Hashed integration keys in PostgreSQL.
struct PostgresAPIKeyRepository: APIKeyRepository {
    let database: PostgresDatabase

    func create(id: String, name: String, keyHash: String) async throws -> APIKeyRecord {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        _ = try await database.rows(
            "INSERT INTO api_keys (id, name, key_hash, created_at) VALUES (\(id), \(name), \(keyHash), \(now))"
        )
        return APIKeyRecord(id: id, name: name, createdAtMillis: now, revokedAtMillis: nil)
    }

    func findActive(keyHash: String) async throws -> APIKeyRecord? {
        try await database.rows(
            "SELECT id, name, created_at FROM api_keys WHERE key_hash = \(keyHash) AND revoked_at IS NULL"
        ).first.map { row in
            let (id, name, created) = try row.decode((String, String, Int64).self)
            return APIKeyRecord(id: id, name: name, createdAtMillis: created, revokedAtMillis: nil)
        }
    }

    func revoke(id: String) async throws -> Bool {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        return try await !database.rows(
            "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, \(now)) WHERE id = \(id) RETURNING id"
        ).isEmpty
    }
}
