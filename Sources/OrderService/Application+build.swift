import Foundation
import Hummingbird
import HummingbirdCore  // HTTPServerBuilder; a module of the hummingbird package the HummingbirdHTTP2 product brings
import HummingbirdHTTP2
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

/// Builds the order service's HTTP application from its configuration.
///
/// - Parameters:
///   - configuration: where to listen and how to behave; validated here, every problem reported at once. With
///     `http.tls` a certificate and key, it serves HTTPS with HTTP/2 and HTTP/1.1 chosen by ALPN.
///   - file: the configuration file it came from, read again (with the environment) to reload feature flags on
///     SIGHUP or when the file changes.
///   - metrics: where the service's metrics go; a fresh registry unless the caller shares one.
///   - onServerRunning: called with the bound port once the server listens (useful when the port is 0).
public func buildApplication(
    _ configuration: OrderServiceConfiguration,
    file: String? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    metrics: ServiceMetrics = ServiceMetrics(),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "order-service")
    logger.logLevel = configuration.logLevel
    try configuration.validate()
    // The certificate files are read (and a mismatched key refused) before the database is touched.
    // Early error responses close the connection after a bounded lingering read (LingeringCloseHandler).
    let http1 = HTTP1Channel.Configuration(additionalChannelHandlers: [LingeringCloseHandler()])
    let server: HTTPServerBuilder =
        if let tls = try configuration.http.tls.serverConfiguration() {
            try .http2Upgrade(tlsConfiguration: tls, configuration: .init(streamConfiguration: http1))
        } else {
            .http1(configuration: http1)
        }
    let services = try await buildServices(configuration, metrics: metrics, logger: logger)
    let reloader = FeatureFlagReloader(file: file, environment: environment, store: services.flags, logger: logger)
    return Application(
        router: services.router(maxBodyBytes: configuration.http.maxBodyBytes),
        server: server,
        configuration: .init(
            address: .hostname(configuration.http.host, port: configuration.http.port),
            serverName: "order-service"
        ),
        services: services.background(configuration, reloader: reloader, logger: logger),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.http.port) },
        logger: logger
    )
}

extension ServiceDependencies {
    /// What runs beside the server: the feature-flag reloader, the store's lifetime and, on a shared store, the
    /// takeover of abandoned sagas.
    func background(_ configuration: OrderServiceConfiguration, reloader: FeatureFlagReloader, logger: Logger)
        -> [any Service]
    {
        var services: [any Service] = [reloader, StoreLifetime(store: store, redis: redis, payments: payments)]
        if let saga, store.isShared {
            services.append(
                SagaRecoveryService(saga: saga, interval: configuration.saga.recoveryInterval, logger: logger)
            )
        }
        return services
    }
}

/// The routes of the order service, over a database opened (and migrated) from the configuration.
public func buildRouter(
    _ configuration: OrderServiceConfiguration,
    metrics: ServiceMetrics = ServiceMetrics(),
    logger: Logger = Logger(label: "order-service")
) async throws -> Router<OrderServiceRequestContext> {
    try await buildServices(configuration, metrics: metrics, logger: logger)
        .router(maxBodyBytes: configuration.http.maxBodyBytes)
}

/// Validates the configuration, opens (and migrates) the database, creates the administrator, and finishes
/// the sagas a previous process left, before anything is served.
func buildServices(_ configuration: OrderServiceConfiguration, metrics: ServiceMetrics, logger: Logger)
    async throws -> ServiceDependencies
{
    try configuration.validate()
    let store = try await Store.open(configuration, logger: logger)
    let services = try await ServiceDependencies(configuration, store: store, metrics: metrics, logger: logger)
    try await services.createAdministrator(configuration.security.admin, logger: logger)
    try await services.recoverSagas(logger: logger)
    return services
}
