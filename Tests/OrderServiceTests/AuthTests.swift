import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import OrderService

@Suite struct AuthTests {
    @Test func registerThenLoginGivesABearerTokenThatOpensOrders() async throws {
        try await TestService.withClient { client in
            let register = try await client.send(
                .post,
                "/api/v1/auth/register",
                json: #"{"username":"alice","password":"correct horse"}"#
            )
            #expect(register.status == .created)
            #expect(register.object["username"] as? String == "alice")
            #expect(register.object["role"] as? String == "user")
            #expect(register.object["passwordHash"] == nil)
            let token = try await client.login("alice", password: "correct horse")
            #expect(token.split(separator: ".").count == 3)
            #expect(try await client.send(.get, "/api/v1/orders", token: token).status == .ok)
        }
    }

    @Test func aTakenUsernameIsAConflict() async throws {
        try await TestService.withClient { client in
            try await client.register("bob")
            let again = try await client.send(
                .post,
                "/api/v1/auth/register",
                json: #"{"username":"bob","password":"another password"}"#
            )
            #expect(again.status == .conflict)
            #expect(again.problemCode == "username-taken")
        }
    }

    @Test(arguments: [
        (#"{"username":"x","password":"long enough"}"#, "invalid-field"),
        (#"{"username":"has space","password":"long enough"}"#, "invalid-field"),
        (#"{"username":"carol","password":"short"}"#, "invalid-field"),
        (#"{"username":"carol"}"#, "invalid-field"),
        (#"{"username":"carol","password":"long enough","admin":true}"#, "unknown-field"),
        (#"{"username":7,"password":"long enough"}"#, "invalid-field"),
        (#"{"username":"carol","password":"#, "malformed-json"),
        (#"["carol"]"#, "invalid-field"),
    ])
    func badRegistrationsAreProblems(body: String, code: String) async throws {
        try await TestService.withClient { client in
            let response = try await client.send(.post, "/api/v1/auth/register", json: body)
            #expect(response.status == .badRequest)
            #expect(response.problemCode == code, "\(String(buffer: response.body))")
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }

    @Test func wrongPasswordAndUnknownUserLookTheSame() async throws {
        try await TestService.withClient { client in
            try await client.register("dave")
            for body in [
                #"{"username":"dave","password":"wrong password"}"#,
                #"{"username":"nobody","password":"wrong password"}"#,
            ] {
                let response = try await client.send(.post, "/api/v1/auth/login", json: body)
                #expect(response.status == .unauthorized)
                #expect(response.problemCode == "invalid-credentials")
            }
        }
    }

    @Test func forgedExpiredAndUnsignedTokensAreRefused() async throws {
        let configuration = OrderServiceConfiguration.testing()
        let user = User(id: 1, username: "eve", passwordHash: "", role: .admin)
        let otherKey = await TokenService(secret: String(repeating: "k", count: 40), lifetimeSeconds: 60)
        let expired = await TokenService(secret: configuration.security.jwtSecret!, lifetimeSeconds: -120)
        let forged = try await otherKey.issue(for: user).token
        let stale = try await expired.issue(for: user).token
        let unsigned = Self.unsignedToken(subject: "1", role: "admin")
        try await TestService.withClient(configuration) { client in
            for token in [forged, stale, unsigned, "not-a-token", ""] {
                let response = try await client.send(.get, "/api/v1/orders", token: token)
                #expect(response.status == .unauthorized, "token \(token)")
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
            }
            let basic = try await client.send(.get, "/api/v1/orders", headers: [.authorization: "Basic YTpi"])
            #expect(basic.status == .unauthorized)
            #expect(basic.problemCode == "invalid-token")
            let none = try await client.send(.get, "/api/v1/orders")
            #expect(none.problemCode == "unauthenticated")
        }
    }

    /// A user's token with its payload rewritten to `role: admin` keeps its signature, which no longer matches;
    /// a token cut short or padded with a fourth part is refused too.
    @Test func aTamperedTokenIsRefused() async throws {
        let configuration = OrderServiceConfiguration.testing()
        let tokens = await TokenService(secret: configuration.security.jwtSecret!, lifetimeSeconds: 60)
        let issued = try await tokens.issue(for: User(id: 7, username: "mallory", passwordHash: "", role: .user))
        let token = issued.token
        #expect(tokens.verify(token[...]) == Identity(userID: 7, role: .user))
        // Verified once, the token is remembered; none of the forgeries below may ride on that.
        #expect(tokens.verify(token[...]) == Identity(userID: 7, role: .user))
        let parts = token.split(separator: ".").map(String.init)
        let payload = Data(base64Encoded: Self.padded(parts[1]))!
        let raised = String(decoding: payload, as: UTF8.self).replacingOccurrences(of: #""user""#, with: #""admin""#)
        #expect(raised.contains(#""role":"admin""#))
        let rewritten = [parts[0], Self.base64url(raised), parts[2]].joined(separator: ".")
        #expect(tokens.verify(rewritten[...]) == nil)
        #expect(tokens.verify("\(parts[0]).\(parts[1])"[...]) == nil)
        #expect(tokens.verify((token + ".x")[...]) == nil)
        #expect(tokens.verify((token + "A")[...]) == nil)
    }

    static func base64url(_ text: String) -> String {
        Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func padded(_ base64url: String) -> String {
        let base64 = base64url.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        return base64 + String(repeating: "=", count: (4 - base64.count % 4) % 4)
    }

    /// A token with `alg: none` and no signature, as an attacker would send it.
    static func unsignedToken(subject: String, role: String) -> String {
        func base64url(_ text: String) -> String {
            Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }
        let expiry = Int(Date().timeIntervalSince1970) + 3600
        return base64url(#"{"alg":"none","typ":"JWT"}"#) + "."
            + base64url(#"{"sub":"\#(subject)","role":"\#(role)","exp":\#(expiry)}"#) + "."
    }
}
