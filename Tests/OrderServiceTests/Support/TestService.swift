import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import OrderService

/// The service under test, in process, over a fresh in-memory database, with an administrator `admin`.
enum TestService {
    static let admin = AdminAccount(username: "admin", password: "admin-password")

    static func application(
        _ configuration: OrderServiceConfiguration = .testing(admin: TestService.admin),
        metrics: ServiceMetrics = ServiceMetrics()
    ) async throws -> some ApplicationProtocol {
        try await buildApplication(configuration, metrics: metrics)
    }

    /// Runs `body` against a fresh service through the router (no sockets).
    static func withClient(
        _ configuration: OrderServiceConfiguration = .testing(admin: TestService.admin),
        metrics: ServiceMetrics = ServiceMetrics(),
        _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        try await application(configuration, metrics: metrics).test(.router) { client in try await body(client) }
    }
}

extension TestClientProtocol {
    /// Sends JSON (a string, sent as is) with optional bearer token and extra headers.
    func send(
        _ method: HTTPRequest.Method,
        _ uri: String,
        token: String? = nil,
        headers: HTTPFields = [:],
        json: String? = nil
    ) async throws -> TestResponse {
        var headers = headers
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// Registers `username` (password `password-<username>`) and returns its id.
    @discardableResult
    func register(_ username: String) async throws -> Int {
        let response = try await send(
            .post,
            "/api/v1/auth/register",
            json: #"{"username":"\#(username)","password":"password-\#(username)"}"#
        )
        #expect(response.status == .created, "register \(username): \(String(buffer: response.body))")
        return try #require(response.object["id"] as? Int)
    }

    /// Logs in and returns the bearer token.
    func login(_ username: String, password: String? = nil) async throws -> String {
        let response = try await send(
            .post,
            "/api/v1/auth/login",
            json: #"{"username":"\#(username)","password":"\#(password ?? "password-\(username)")"}"#
        )
        #expect(response.status == .ok, "login \(username): \(String(buffer: response.body))")
        return try #require(response.object["token"] as? String)
    }

    /// Registers and logs in; returns the token.
    func user(_ username: String) async throws -> String {
        try await register(username)
        return try await login(username)
    }

    func adminToken() async throws -> String {
        try await login(TestService.admin.username, password: TestService.admin.password)
    }

    /// Places an order of `quantity` × `product` and returns the response.
    func placeOrder(token: String, product: String = "p-1", quantity: Int = 2, key: String? = nil) async throws
        -> TestResponse
    {
        var headers: HTTPFields = [:]
        if let key { headers[HTTPField.Name("Idempotency-Key")!] = key }
        return try await send(
            .post,
            "/api/v1/orders",
            token: token,
            headers: headers,
            json: #"{"items":[{"productId":"\#(product)","quantity":\#(quantity)}]}"#
        )
    }
}

extension TestResponse {
    /// The body as a JSON object (empty when it is not one).
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    /// The stable problem code of an error response.
    var problemCode: String? {
        object["code"] as? String
    }
}
