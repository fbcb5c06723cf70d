import Foundation
import Hummingbird

/// `/api/v1/admin` (admins only): assign roles, create and revoke integration API keys.
struct AdminController<Users: UserRepository, Keys: APIKeyRepository> {
    typealias Context = OrderServiceRequestContext

    let users: Users
    let keys: Keys

    func addRoutes(to group: RouterGroup<Context>) {
        group.put("users/{id}/role", use: assignRole)
            .post("api-keys", use: createKey)
            .delete("api-keys/{id}", use: revokeKey)
    }

    @Sendable func assignRole(_ request: Request, context: Context) async throws -> AuthController<Users>.UserResponse {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw ServiceError.notFound("user") }
        let body = try await request.decodeStrictly(RoleAssignment.self, context: context)
        guard let user = try await users.setRole(body.role, ofUser: id) else { throw ServiceError.notFound("user") }
        return AuthController<Users>.UserResponse(user)
    }

    @Sendable func createKey(_ request: Request, context: Context) async throws -> EditedResponse<CreatedKey> {
        let body = try await request.decodeStrictly(NewKey.self, context: context)
        let length = InputRules.apiKeyNameLength
        guard length.contains(body.name.unicodeScalars.count) else {
            throw ServiceError.invalidField("name", "\(length.lowerBound) to \(length.upperBound) characters")
        }
        let key = APIKeyCodec.generateKey()
        let record = try await keys.create(
            id: UUID().uuidString.lowercased(),
            name: body.name,
            keyHash: APIKeyCodec.digest(of: key)
        )
        return EditedResponse(status: .created, response: CreatedKey(id: record.id, name: record.name, key: key))
    }

    @Sendable func revokeKey(_ request: Request, context: Context) async throws -> HTTPResponse.Status {
        guard try await keys.revoke(id: try context.parameters.require("id")) else {
            throw ServiceError.notFound("API key")
        }
        return .noContent
    }
}

extension AdminController {
    /// The body of a role assignment.
    struct RoleAssignment: StrictDecodable {
        enum Field: String, CodingKey, CaseIterable {
            case role
        }

        let role: Role

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownFields(Field.self)
            let text = try decoder.container(keyedBy: Field.self).decode(String.self, forKey: .role)
            guard let role = Role(rawValue: text) else { throw ServiceError.invalidField("role", "user or admin") }
            self.role = role
        }
    }

    /// The body of an API key creation.
    struct NewKey: StrictDecodable {
        enum Field: String, CodingKey, CaseIterable {
            case name
        }

        let name: String

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownFields(Field.self)
            name = try decoder.container(keyedBy: Field.self).decode(String.self, forKey: .name)
        }
    }

    /// A new key: the only time the key itself is shown.
    struct CreatedKey: ResponseEncodable {
        let id: String
        let name: String
        let key: String
    }
}
