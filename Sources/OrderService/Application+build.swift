import Hummingbird
import Logging
import NIOCore

/// Builds the order service's HTTP application from its configuration.
///
/// - Parameters:
///   - configuration: where to listen and how to behave.
///   - onServerRunning: called with the bound port once the server listens (useful when the port is 0).
public func buildApplication(
    _ configuration: OrderServiceConfiguration,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    var logger = Logger(label: "order-service")
    logger.logLevel = .info
    return Application(
        router: buildRouter(),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: "order-service"
        ),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger
    )
}

/// The routes of the order service.
public func buildRouter() -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.addRoutes(HealthController<BasicRequestContext>().endpoints)
    return router
}
