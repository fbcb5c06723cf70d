import Foundation
import Hummingbird

/// `/api/v1/auth`: register an account and log in for a bearer token.
struct AuthController<Users: UserRepository> {
    typealias Context = OrderServiceRequestContext

    let users: Users
    let hasher: PasswordHasher
    let tokens: TokenService

    func addRoutes(to group: RouterGroup<Context>) {
        group.post("register", use: register)
            .post("login", use: login)
    }

    @Sendable func register(_ request: Request, context: Context) async throws -> EditedResponse<UserResponse> {
        let body = try await request.decodeStrictly(Credentials.self, context: context)
        try body.validateForRegistration()
        let hash = try await hasher.hash(body.password)
        let user = try await users.create(username: body.username, passwordHash: hash, role: .user)
        return EditedResponse(status: .created, response: UserResponse(user))
    }

    @Sendable func login(_ request: Request, context: Context) async throws -> TokenResponse {
        let body = try await request.decodeStrictly(Credentials.self, context: context)
        let user = try await users.find(username: body.username)
        let matches = try await hasher.verify(body.password, against: user?.passwordHash ?? hasher.decoyHash)
        guard let user, matches else { throw ServiceError.invalidCredentials }
        let (token, expires) = try await tokens.issue(for: user)
        return TokenResponse(token: token, tokenType: "Bearer", expiresAt: expires.formatted(.iso8601))
    }
}

extension AuthController {
    /// The body of register and login.
    struct Credentials: StrictDecodable {
        enum Field: String, CodingKey, CaseIterable {
            case username, password
        }

        let username: String
        let password: String

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownFields(Field.self)
            let container = try decoder.container(keyedBy: Field.self)
            username = try container.decode(String.self, forKey: .username)
            password = try container.decode(String.self, forKey: .password)
        }

        func validateForRegistration() throws {
            let nameLength = InputRules.usernameLength
            guard InputRules.usernameCharacters.accepts(username, length: nameLength) else {
                throw ServiceError.invalidField(
                    "username",
                    "\(nameLength.lowerBound) to \(nameLength.upperBound) letters, digits, '.', '_' or '-'"
                )
            }
            // bcrypt reads at most 72 bytes; a longer password would be silently truncated.
            let secretLength = InputRules.passwordLength
            guard InputRules.passwordCharacters.accepts(password, length: secretLength) else {
                throw ServiceError.invalidField(
                    "password",
                    "\(secretLength.lowerBound) to \(secretLength.upperBound) printable ASCII characters"
                )
            }
        }
    }

    /// An account as clients see it: never the hash.
    struct UserResponse: ResponseEncodable {
        let id: Int64
        let username: String
        let role: Role

        init(_ user: User) {
            id = user.id
            username = user.username
            role = user.role
        }
    }

    /// A login's answer: the bearer token and when it expires.
    struct TokenResponse: ResponseEncodable {
        let token: String
        let tokenType: String
        let expiresAt: String
    }
}
