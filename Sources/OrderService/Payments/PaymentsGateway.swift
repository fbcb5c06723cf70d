import Foundation
import Hummingbird
import HummingbirdCore  // HTTPServerBuilder
import HummingbirdHTTP2
import Logging
import NIOCore

/// The fake payments gateway (`order-service payments`): what the order service charges, with configurable
/// latency and failure rate, so that a chaos scenario can put Ordeal's proxy between the two.
///
///     POST /payments               {"orderId","amountCents"} → 201 charged, 200 replayed, 409 already refunded,
///                                   503 by the failure rate
///     POST /payments/{id}/refund   → 200 (idempotent; an order never charged is marked so a late charge is refused)
///     GET  /payments               → every ledger entry (tests check "no double charge" here)
///     PUT  /settings               {"latencyMs","failureRate"} → 204, changes the misbehaviour at run time
///     GET  /health                 → 200
///
/// With `tls` a certificate and key it serves HTTPS (HTTP/2 and HTTP/1.1 by ALPN), and with a client CA it requires
/// client certificates: the mutual TLS between the order service and its payments dependency.
public func buildPaymentsGateway(
    host: String = "127.0.0.1",
    port: Int,
    ledger: PaymentsLedger,
    tls: TLSSettings = TLSSettings(),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let server: HTTPServerBuilder =
        if let configuration = try tls.serverConfiguration() {
            try .http2Upgrade(tlsConfiguration: configuration)
        } else {
            .http1()
        }
    let router = Router()
    router.get("health") { _, _ in #"{"status":"ok"}"# }
    router.post("payments") { request, context in try await PaymentsGatewayRoutes.charge(request, context, ledger) }
    router.post("payments/{id}/refund") { _, context in
        try await PaymentsGatewayRoutes.refund(try context.parameters.require("id"), ledger)
    }
    router.get("payments") { _, _ in
        let entries = await ledger.all()
        return try PaymentsGatewayRoutes.json(.ok, entries)
    }
    router.put("settings") { request, context in try await PaymentsGatewayRoutes.settings(request, context, ledger) }
    var logger = Logger(label: "payments-gateway")
    logger.logLevel = .warning
    return Application(
        router: router,
        server: server,
        configuration: .init(address: .hostname(host, port: port), serverName: "payments-gateway"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
        logger: logger
    )
}

/// The handlers of the fake gateway.
private enum PaymentsGatewayRoutes {
    struct Charge: Decodable {
        let orderId: String
        let amountCents: Int
    }

    struct Settings: Decodable {
        let latencyMs: Int
        let failureRate: Double
    }

    static func charge(_ request: Request, _ context: BasicRequestContext, _ ledger: PaymentsLedger) async throws
        -> Response
    {
        let charge = try await request.decode(as: Charge.self, context: context)
        let settings = await ledger.settings
        try await Task.sleep(for: settings.latency)
        if Double.random(in: 0..<1) < settings.failureRate {
            return try json(.serviceUnavailable, ["error": "injected failure"])
        }
        let (entry, replayed) = await ledger.charge(orderId: charge.orderId, amountCents: charge.amountCents)
        if entry.refunded { return try json(.conflict, entry) }
        return try json(replayed ? .ok : .created, entry)
    }

    static func refund(_ orderID: String, _ ledger: PaymentsLedger) async throws -> Response {
        try await Task.sleep(for: await ledger.settings.latency)
        return try json(.ok, await ledger.refund(orderId: orderID))
    }

    static func settings(_ request: Request, _ context: BasicRequestContext, _ ledger: PaymentsLedger) async throws
        -> Response
    {
        let body = try await request.decode(as: Settings.self, context: context)
        let settings = PaymentsGatewaySettings(latency: .milliseconds(body.latencyMs), failureRate: body.failureRate)
        guard settings.problems().isEmpty else {
            return try json(.badRequest, ["error": settings.problems().joined(separator: "; ")])
        }
        await ledger.update(settings)
        return Response(status: .noContent)
    }

    static func json(_ status: HTTPResponse.Status, _ value: some Encodable) throws -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(value)))
        )
    }
}
