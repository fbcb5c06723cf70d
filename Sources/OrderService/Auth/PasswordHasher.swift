import HummingbirdBcrypt
import NIOPosix

/// bcrypt hashing and checking, run on the blocking thread pool: at cost 12 one hash takes ~270 ms.
struct PasswordHasher: Sendable {
    let cost: UInt8
    /// A real hash at this cost, checked when a username is unknown so that login timing reveals nothing.
    let decoyHash: String

    init(cost: Int) async throws {
        self.cost = UInt8(cost)
        decoyHash = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash("decoy password", cost: UInt8(cost)) }
    }

    func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
