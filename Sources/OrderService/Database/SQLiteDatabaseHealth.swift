import GRDB

/// The SQLite database answers and is fully migrated (`/ready`).
struct SQLiteDatabaseHealth: DatabaseHealth {
    let database: any DatabaseWriter

    func isReady() async -> Bool {
        let migrated = try? await database.read { db in
            try db.execute(sql: "SELECT 1")
            return try Migrations.areComplete(db)
        }
        return migrated == true
    }
}
