import Foundation
import Histogram
import LoadGenerator
import NIOCore
import Profiler
import Scenarios
import TestSupport
import Testing

/// HTTPS against real TLS servers on loopback: what is trusted, what is refused and why, mutual TLS, and the
/// protocol ALPN chooses, each counted in the run's statistics.
@Suite(.serialized, .timeLimit(.minutes(2))) struct TLSConnectionTests {
    static let certificates = Result { try TestCertificates() }

    /// Runs `users` users for `duration` against `server` over https with `settings`; returns the one step's totals.
    static func run(
        _ server: TestHTTPServer,
        settings: TLSSettings,
        http: HTTPVersionPreference = .auto,
        users: Int = 2,
        duration: Duration = .milliseconds(300),
        connections: Int? = nil
    ) async throws -> RequestStatistics {
        var plan = LoadPlan(
            target: try HTTPTarget(url: server.url(secure: true)),
            flow: [PlannedRequest(name: "get", path: "/", expectedStatuses: [200...200])],
            phases: [
                PlannedPhase(
                    name: "users",
                    load: .virtualUsers(.constant(users: users, duration: duration)),
                    connections: connections
                )
            ],
            timeout: .seconds(2),
            connectTimeout: .seconds(2)
        )
        plan.httpVersion = http
        plan.tls = try TLSClient(settings: settings, host: "127.0.0.1", httpVersion: http)
        let result = try await EngineGate.exclusive { try await LoadGenerator(plan: plan, loopCount: 2).collect() }
        return result.totals.requests[0]
    }

    static func trusting(_ certificates: TestCertificates) -> TLSSettings {
        TLSSettings(ca: FileReference(path: certificates.caFile))
    }

    static func server(
        _ identity: TestCertificates.ServerIdentity = .valid,
        alpn: [String] = ["h2", "http/1.1"],
        requireClientCertificate: Bool = false
    ) async throws -> TestHTTPServer {
        var options = TestHTTPServer.Options(
            tls: try certificates.get().serverConfiguration(
                identity,
                requireClientCertificate: requireClientCertificate
            )
        )
        options.alpn = alpn
        return try await TestHTTPServer.start(options)
    }

    @Test func aTrustedServerAnswersOverHTTP2ChosenByALPN() async throws {
        let server = try await Self.server()
        let statistics = try await Self.run(server, settings: Self.trusting(try Self.certificates.get()))
        await server.stop()
        #expect(statistics.errors == 0)
        #expect(statistics.count(ofStatus: 200) > 0)
        #expect(statistics.connections(using: .h2) >= 1)
        #expect(statistics.connections(using: .http1OverTLS) == 0)
        #expect(statistics.connectTime.totalCount == statistics.connectionsOpened)
        #expect(statistics.tlsHandshakeTime.totalCount == statistics.connectionsOpened)
        #expect(server.counts.protocols.allSatisfy { $0 == "h2" })
    }

    @Test func aServerWithoutH2IsSpokenToInHTTP1() async throws {
        let server = try await Self.server(alpn: ["http/1.1"])
        let statistics = try await Self.run(server, settings: Self.trusting(try Self.certificates.get()))
        await server.stop()
        #expect(statistics.errors == 0)
        #expect(statistics.count(ofStatus: 200) > 0)
        #expect(statistics.connections(using: .http1OverTLS) == 2)
        #expect(statistics.connections(using: .h2) == 0)
    }

    @Test func http1OnlyIsKeptEvenWhenTheServerOffersH2() async throws {
        let server = try await Self.server()
        let statistics = try await Self.run(server, settings: Self.trusting(try Self.certificates.get()), http: .http1)
        await server.stop()
        #expect(statistics.errors == 0)
        #expect(statistics.connections(using: .http1OverTLS) == 2)
        #expect(server.counts.protocols.allSatisfy { $0 == "http/1.1" })
    }

    @Test(arguments: [
        (TestCertificates.ServerIdentity.valid, TLSFailureReason.unknownAuthority),
        (.wrongName, .nameMismatch),
        (.expired, .expired),
        (.notYetValid, .notYetValid),
    ])
    func refusedCertificatesAreCountedByReason(
        identity: TestCertificates.ServerIdentity,
        reason: TLSFailureReason
    ) async throws {
        let server = try await Self.server(identity)
        let certificates = try Self.certificates.get()
        // The valid certificate is refused only because its CA is not trusted.
        let settings = identity == .valid ? TLSSettings() : Self.trusting(certificates)
        let statistics = try await Self.run(server, settings: settings)
        await server.stop()
        #expect(statistics.responses == 0)
        #expect(statistics.count(of: reason) > 0)
        #expect(statistics.count(of: .certificate) == statistics.count(of: reason))
        #expect(statistics.errors == statistics.count(of: .certificate))
        // Each refused user backs off 10 ms: two users over 300 ms stay far below a busy loop.
        #expect(statistics.count(of: .certificate) < 100)
    }

    /// `server-name` is the name sent and verified: a certificate for another host than the one connected to is
    /// accepted when the scenario names that host, and refused by name without it.
    @Test func serverNameIsTheNameVerified() async throws {
        let server = try await Self.server(.wrongName)
        var settings = Self.trusting(try Self.certificates.get())
        settings.serverName = "elsewhere.example"
        let named = try await Self.run(server, settings: settings)
        let unnamed = try await Self.run(server, settings: Self.trusting(try Self.certificates.get()))
        await server.stop()
        #expect(named.errors == 0)
        #expect(named.count(ofStatus: 200) > 0)
        #expect(unnamed.responses == 0)
        #expect(unnamed.count(of: .nameMismatch) > 0)
    }

    @Test func insecureSkipsVerification() async throws {
        let server = try await Self.server(.expired)
        let statistics = try await Self.run(server, settings: TLSSettings(insecure: true))
        await server.stop()
        #expect(statistics.errors == 0)
        #expect(statistics.count(ofStatus: 200) > 0)
    }

    @Test func mutualTLSAcceptsTheCAsClientCertificate() async throws {
        let certificates = try Self.certificates.get()
        let server = try await Self.server(requireClientCertificate: true)
        var settings = Self.trusting(certificates)
        settings.certificate = FileReference(path: certificates.clientCertificateFile)
        settings.key = FileReference(path: certificates.clientKeyFile)
        let statistics = try await Self.run(server, settings: settings)
        await server.stop()
        #expect(statistics.errors == 0)
        #expect(statistics.count(ofStatus: 200) > 0)
    }

    @Test(arguments: [false, true])
    func mutualTLSRefusesAMissingOrForeignClientCertificate(foreign: Bool) async throws {
        let certificates = try Self.certificates.get()
        let server = try await Self.server(requireClientCertificate: true)
        var settings = Self.trusting(certificates)
        if foreign {
            settings.certificate = FileReference(path: certificates.foreignClientCertificateFile)
            settings.key = FileReference(path: certificates.foreignClientKeyFile)
        }
        let statistics = try await Self.run(server, settings: settings, http: .http1)
        await server.stop()
        #expect(statistics.responses == 0)
        #expect(statistics.count(of: .tlsHandshake) + statistics.count(of: .reset) == statistics.errors)
        #expect(statistics.count(of: .rejectedByPeer) > 0)
    }

    @Test func aPlainHTTPServerIsNotTLS() async throws {
        let server = try await TestHTTPServer.start(TestHTTPServer.Options())
        let statistics = try await Self.run(server, settings: TLSSettings())
        await server.stop()
        #expect(statistics.responses == 0)
        #expect(statistics.count(of: .notTLS) > 0)
    }

    @Test func aKeyThatDoesNotMatchItsCertificateIsRefusedUpFront() throws {
        let certificates = try Self.certificates.get()
        let settings = TLSSettings(
            certificate: FileReference(path: certificates.clientCertificateFile),
            key: FileReference(path: certificates.serverKeyFile)
        )
        let error = #expect(throws: TLSSetupError.self) {
            try TLSClient(settings: settings, host: "127.0.0.1", httpVersion: .auto)
        }
        #expect(error?.message.contains("does not match") == true)
    }

    @Test func aFileThatIsNotPEMIsRefusedUpFront() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let garbage = try folder.write("not a certificate", to: "ca.pem")
        let error = #expect(throws: TLSSetupError.self) {
            try TLSClient(settings: TLSSettings(ca: FileReference(path: garbage)), host: "h", httpVersion: .auto)
        }
        #expect(error?.message.contains("not a PEM file") == true)
    }
}
