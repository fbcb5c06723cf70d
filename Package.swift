// swift-tools-version: 6.1
import PackageDescription

// Module layout and import rules: ../shared/DESIGN.md ("Layout"), checked by Tests/EndToEndTests/ImportRulesTests.swift.
//   Basics                     imports none of ours (the shared leaf)
//   Scenarios, Profiler        import Basics at most
//   LoadGenerator              imports Basics, Scenarios, Profiler
//   FaultInjector              imports Basics, Scenarios
//   Harness                    imports all of the above
//   OrderService               imports Basics at most
//   ScenarioImport             imports Basics, Scenarios (HAR/OpenAPI → scenario YAML; only it uses OpenAPIKit)
// The generator, proxy and profiler stay free of the service's heavy packages (JWT, bcrypt, GRDB, Prometheus,
// PostgresNIO, AsyncHTTPClient).

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let nio: [Target.Dependency] = [
    .product(name: "NIOCore", package: "swift-nio"),
    .product(name: "NIOPosix", package: "swift-nio"),
]

/// TLS (BoringSSL) and HTTP/2 for the generator's connections, readiness checks and test servers.
let tlsAndHTTP2: [Target.Dependency] = [
    .product(name: "NIOSSL", package: "swift-nio-ssl"),
    .product(name: "NIOTLS", package: "swift-nio"),
    .product(name: "NIOHTTP2", package: "swift-nio-http2"),
    .product(name: "NIOHPACK", package: "swift-nio-http2"),
]

let package = Package(
    name: "Ordeal",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ordeal", targets: ["ordeal"]),
        .executable(name: "order-service", targets: ["order-service"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0", traits: [.defaults, "YAML"]),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-nio-http2.git", from: "1.46.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.0"),
        // `ordeal import openapi`; the ExternalLoading trait (async loading of external references) is off: slower to
        // build and not needed, since imported documents are read whole.
        .package(url: "https://github.com/mattpolzin/OpenAPIKit", from: "6.4.0", traits: []),
        // The order service's PostgreSQL store and its payments client (with mutual TLS); only OrderService uses them.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // MARK: Libraries
        // The leaf every module may share: host and port, base URL, seeded random, durations, JSONValue, one GET.
        .target(name: "Basics", dependencies: nio, swiftSettings: swiftSettings),
        .target(
            name: "Scenarios",
            dependencies: ["Basics", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Profiler",
            dependencies: [
                "Basics",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LoadGenerator",
            dependencies: [
                "Basics", "Scenarios", "Profiler",
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ] + nio + tlsAndHTTP2,
            swiftSettings: swiftSettings
        ),
        // Linux's splice(2), pipe2(2) and accept4(2) behind _GNU_SOURCE, which Swift's Glibc module is built without.
        .target(name: "CSplice"),
        .target(
            name: "FaultInjector",
            dependencies: [
                "Basics", "Scenarios", "CSplice",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ] + nio,
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Harness",
            dependencies: [
                "Basics", "Scenarios", "Profiler", "LoadGenerator", "FaultInjector",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                // The live dashboard and the Prometheus endpoint are small HTTP servers.
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ] + nio + tlsAndHTTP2,
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OrderService",
            dependencies: [
                "Basics",
                .product(name: "Hummingbird", package: "hummingbird"),
                // HTTPS with HTTP/2 and HTTP/1.1 chosen by ALPN; certificates for `order-service dev-cert`.
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdHTTP2", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                // The HTTP parts the lingering-close handler sees between Hummingbird's codec and its handlers.
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // SIGHUP reloads the feature flags.
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Configuration", package: "swift-configuration"),
                // Where each key of the configuration file is, to report unknown keys with their line.
                .product(name: "Yams", package: "Yams"),
                // HTTPMethod and response heads, the types AsyncHTTPClient's delegate speaks.
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ] + nio,
            swiftSettings: swiftSettings
        ),

        // HAR recordings and OpenAPI documents → scenario YAML (`ordeal import`, `ordeal init`).
        .target(
            name: "ScenarioImport",
            dependencies: [
                "Basics", "Scenarios",
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "OpenAPIKit30", package: "OpenAPIKit"),
                .product(name: "OpenAPIKitCompat", package: "OpenAPIKit"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Executables (argument parsing and printing only)
        .executableTarget(
            name: "ordeal",
            dependencies: [
                "Basics", "Harness", "Scenarios", "Profiler", "LoadGenerator", "FaultInjector", "ScenarioImport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "order-service",
            dependencies: [
                "OrderService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
        // Shared by the test targets: TLS and HTTP/2 test servers on loopback, test certificates.
        .target(
            name: "TestSupport",
            dependencies: [
                "Basics", "OrderService", "LoadGenerator",
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
            ] + nio + tlsAndHTTP2,
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "BasicsTests", dependencies: ["Basics"] + nio, swiftSettings: swiftSettings),
        .testTarget(
            name: "ScenariosTests",
            dependencies: ["Basics", "Scenarios", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ProfilerTests",
            dependencies: ["Basics", "Profiler", .product(name: "Histogram", package: "hdrhistogram-swift")],
            exclude: ["Golden"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoadGeneratorTests",
            dependencies: [
                "LoadGenerator", "Scenarios", "Profiler", "TestSupport",
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ] + nio + tlsAndHTTP2,
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FaultInjectorTests",
            dependencies: [
                "Basics", "FaultInjector", "Scenarios", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ] + nio,
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HarnessTests",
            dependencies: ["Harness", "FaultInjector", "Scenarios", "Profiler", "TestSupport"] + nio + tlsAndHTTP2,
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OrderServiceTests",
            dependencies: [
                "OrderService", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // The TLS tests read the development CA's certificates back.
                .product(name: "X509", package: "swift-certificates"),
                // The load targets' environments are read back to check that they raise the rate limits.
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ScenarioImportTests",
            dependencies: ["Basics", "ScenarioImport", "Scenarios", "TestSupport"] + nio,
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["Harness", "Profiler", "TestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
