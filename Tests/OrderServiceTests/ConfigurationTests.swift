import Foundation
import Logging
import Testing
import Yams

@testable import OrderService

@Suite struct ConfigurationTests {
    static let strongSecret = "a-production-secret-of-more-than-32-bytes"

    @Test func theDefaultsRunOutOfTheBox() throws {
        let configuration = OrderServiceConfiguration()
        #expect(configuration.problems().isEmpty)
        #expect(configuration.http.host == "127.0.0.1" && configuration.http.port == 8080)
        #expect(configuration.mode == .development)
    }

    @Test(arguments: [
        (nil as String?, "jwt.secret: required in production mode"),
        ("secret", "jwt.secret: must be at least 32 bytes, got 6"),
        ("test-secret-that-is-at-least-32-bytes-long", "jwt.secret: a well-known value is refused in production mode"),
    ])
    func productionRefusesMissingWeakOrWellKnownSecrets(secret: String?, problem: String) {
        let configuration = OrderServiceConfiguration(mode: .production, security: SecuritySettings(jwtSecret: secret))
        #expect(configuration.problems().contains(problem), "\(configuration.problems())")
    }

    @Test func everyProblemIsReportedAtOnce() {
        let configuration = OrderServiceConfiguration(
            http: HTTPSettings(port: 70000),
            security: SecuritySettings(jwtSecret: "short", tokenLifetimeSeconds: 0, bcryptCost: 3)
        )
        let problems = configuration.problems()
        #expect(problems.count == 4, "\(problems)")
        #expect(problems.contains("http.port: expected 0...65535, got 70000"))
        #expect(problems.contains("bcrypt.cost: expected 4...31, got 3"))
    }

    @Test func aYAMLFileIsOverriddenByTheEnvironment() async throws {
        let file = try Self.write(
            """
            http:
              host: 0.0.0.0
              port: 9000
            database:
              path: /tmp/orders.sqlite
            mode: production
            jwt:
              secret: \(Self.strongSecret)
            bcrypt:
              cost: 6
            """
        )
        let configuration = try await OrderServiceConfiguration.load(
            file: file,
            environment: ["ORDERPROCESSING_HTTP_PORT": "9100", "ORDERPROCESSING_LOG_LEVEL": "debug"]
        )
        #expect(configuration.http.host == "0.0.0.0")
        #expect(configuration.http.port == 9100)
        #expect(configuration.databasePath == "/tmp/orders.sqlite")
        #expect(configuration.mode == .production)
        #expect(configuration.security.jwtSecret == Self.strongSecret)
        #expect(configuration.security.bcryptCost == 6)
        #expect(configuration.logLevel == .debug)
    }

    @Test func theEnvironmentAloneConfiguresEverything() async throws {
        let configuration = try await OrderServiceConfiguration.load(
            file: nil,
            environment: [
                "ORDERPROCESSING_MODE": "production", "ORDERPROCESSING_JWT_SECRET": Self.strongSecret,
                "ORDERPROCESSING_DATABASE_PATH": ":memory:", "ORDERPROCESSING_ADMIN_USERNAME": "root",
                "ORDERPROCESSING_ADMIN_PASSWORD": "root-password",
            ]
        )
        #expect(configuration.mode == .production)
        #expect(configuration.databasePath == ":memory:")
        #expect(configuration.security.admin == AdminAccount(username: "root", password: "root-password"))
    }

    @Test func wrongTypesAndValuesNameTheirKeys() async throws {
        let file = try Self.write("http:\n  port: eighty\nmode: staging\n")
        let error = await #expect(throws: ConfigurationError.self) {
            try await OrderServiceConfiguration.load(file: file, environment: ["ORDERPROCESSING_BCRYPT_COST": "2"])
        }
        let problems = error?.problems ?? []
        #expect(problems.contains("http.port: expected an integer, got 'eighty'"), "\(problems)")
        #expect(problems.contains("mode: expected one of development, production, got 'staging'"), "\(problems)")
        #expect(problems.contains("bcrypt.cost: expected 4...31, got 2"), "\(problems)")
    }

    @Test func aMissingOrMalformedFileIsAClearError() async throws {
        let missing = await #expect(throws: ConfigurationError.self) {
            try await OrderServiceConfiguration.load(file: "/nonexistent/order-service.yaml", environment: [:])
        }
        #expect(missing?.problems == ["/nonexistent/order-service.yaml: no such configuration file"])
        let malformed = try Self.write("http: [unclosed\n")
        let error = await #expect(throws: ConfigurationError.self) {
            try await OrderServiceConfiguration.load(file: malformed, environment: [:])
        }
        #expect(error?.problems.first?.hasPrefix(malformed + ": not a valid YAML mapping") == true)
    }

    @Test func secretsNeverAppearInProblems() async throws {
        let error = await #expect(throws: ConfigurationError.self) {
            try await OrderServiceConfiguration.load(
                file: nil,
                environment: ["ORDERPROCESSING_MODE": "production", "ORDERPROCESSING_JWT_SECRET": "hunter2-hunter2"]
            )
        }
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test func theServiceRefusesToBuildWithAnInvalidConfiguration() async throws {
        await #expect(throws: ConfigurationError.self) {
            _ = try await buildApplication(OrderServiceConfiguration(mode: .production))
        }
    }

    @Test func rateLimitsCacheAndFeatureFlagsLoadFromYAMLAndTheEnvironment() async throws {
        let file = try Self.write(
            """
            rateLimit:
              ip: { readsPerSecond: 2.5, readBurst: 5, writesPerSecond: 1, writeBurst: 2 }
              user: { writeBurst: 7 }
              maxClients: 300
              idleSeconds: 9
            cache: { ttlMs: 1500, maxEntries: 40 }
            features: { cache: false, faultSwitches: true }
            """
        )
        let configuration = try await OrderServiceConfiguration.load(
            file: file,
            environment: ["ORDERPROCESSING_FEATURES_RATE_LIMITS": "false"]
        )
        #expect(configuration.rateLimit.perIP.read == RateLimitRule(perSecond: 2.5, burst: 5))
        #expect(configuration.rateLimit.perIP.write == RateLimitRule(perSecond: 1, burst: 2))
        #expect(configuration.rateLimit.perUser.write.burst == 7)
        #expect(configuration.rateLimit.perUser.read == RateLimitSettings().perUser.read)
        #expect(configuration.rateLimit.maxClients == 300 && configuration.rateLimit.idleTimeout == .seconds(9))
        #expect(configuration.cache == CacheSettings(ttl: .milliseconds(1500), maxEntries: 40))
        #expect(
            configuration.features == FeatureFlags(payments: true, cache: false, rateLimits: false, faultSwitches: true)
        )
    }

    @Test func wrongTypesAndRangesInTheNewSectionsAreAllReported() async throws {
        let file = try Self.write(
            """
            rateLimit: { ip: { readBurst: 0, writesPerSecond: fast }, maxClients: 0 }
            cache: { ttlMs: 0 }
            features: { cache: maybe }
            """
        )
        await #expect {
            _ = try await OrderServiceConfiguration.load(file: file, environment: [:])
        } throws: { error in
            let problems = (error as? ConfigurationError)?.problems ?? []
            return problems.contains("rateLimit.ip.writesPerSecond: expected a number, got 'fast'")
                && problems.contains("features.cache: expected true or false, got 'maybe'")
                && problems.contains("rateLimit.ip.read: the burst must be at least 1, got 0")
                && problems.contains("rateLimit.maxClients: expected at least 1, got 0")
                && problems.contains("cache.ttlMs: expected a positive number")
        }
    }

    @Test func unknownKeysInTheFileAreReportedWithTheirLineAndTheNearestKnownKey() async throws {
        let file = try Self.write(
            """
            http:
              port: 0
              maxBodySize: 2048
            rateLimit:
              ip: { readsPerSecnd: 5 }
              ipp: { readBurst: 1 }
            features: { cache: true }
            colour: blue
            """
        )
        await #expect {
            _ = try await OrderServiceConfiguration.load(file: file, environment: [:])
        } throws: { error in
            let problems = (error as? ConfigurationError)?.problems ?? []
            return problems == [
                "\(file):3: unknown key 'http.maxBodySize' (did you mean 'http.maxBodyBytes'?)",
                "\(file):5: unknown key 'rateLimit.ip.readsPerSecnd' (did you mean 'rateLimit.ip.readsPerSecond'?)",
                "\(file):6: unknown key 'rateLimit.ipp' (did you mean 'rateLimit.ip'?)",
                "\(file):8: unknown key 'colour'",
            ]
        }
    }

    @Test func everyKeyOfTheSampleFileIsKnown() async throws {
        // The sample documents every key (commented out); uncommented, none of them may be unknown.
        let sample = try String(contentsOfFile: Self.repository + "/config/order-service.yaml", encoding: .utf8)
        let uncommented = sample.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { $0.hasPrefix("#") }  // the prose at the top
            .map { line -> String in
                let text = String(line)
                guard let hash = text.firstIndex(of: "#"), text[..<hash].allSatisfy({ $0 == " " }) else { return text }
                // "  #   key: value" → "    key: value": the indentation after the hash is the key's.
                return String(text[..<hash]) + String(text[text.index(after: hash)...].dropFirst())
            }
            .joined(separator: "\n")
        let known = OrderServiceConfiguration.knownKeys
        let problems = UnknownKeys.problems(inYAML: uncommented, file: "sample", known: known)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test(arguments: ["targets/order-service.yaml", "targets/order-service-tls.yaml"])
    func theLoadTargetsRaiseEveryRateLimitThroughTheEnvironment(target: String) async throws {
        let text = try String(contentsOfFile: Self.repository + "/" + target, encoding: .utf8)
        let root = try #require(try Yams.load(yaml: text) as? [String: Any])
        let processes = try #require(root["processes"] as? [[String: Any]])
        let service = try #require(processes.first { $0["name"] as? String == "order-service" })
        let environment = try #require(service["environment"] as? [String: String])
        let configuration = try await OrderServiceConfiguration.load(file: nil, environment: environment)
        #expect(configuration.rateLimit == RateLimitSettings.beyondAnyLoad)
    }

    /// The repository's root, found from this file's path.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static func write(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("order-service-\(UUID()).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}
