import Basics
import Foundation
import Scenarios
import Testing

/// The `tls:` block, `defaults.http` and a phase's `connections` as the generator reads them.
@Suite struct TLSSettingsTests {
    static let load = "load: [ { name: p, vus: 20, duration: 1s, connections: 2 } ]\n"
    static let flow = "flow: [ { name: g, get: / } ]\n"

    static func scenario(_ yaml: String, files: [String: String] = [:]) throws -> Scenario {
        let folder = NSTemporaryDirectory() + "ordeal-tls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        return try ScenarioLoader.parse(yaml: yaml, file: folder + "/s.yaml", directory: folder)
    }

    @Test func httpsURLsDefaultToPort443AndKeepTheirScheme() throws {
        let scenario = try Self.scenario("name: t\nurl: https://api.example.com/v1\n" + Self.load + Self.flow)
        let base = scenario.target.baseURL
        #expect(base.isSecure && base.port == 443 && base.hostHeader == "api.example.com")
        #expect(base.description == "https://api.example.com/v1")
        #expect(BaseURL(scheme: "https", host: "::1", port: 8443).hostHeader == "[::1]:8443")
    }

    @Test func theTLSBlockResolvesItsFilesNextToTheScenario() throws {
        let yaml =
            "name: t\nurl: https://127.0.0.1:8443\n"
            + "tls: { ca: ca.pem, server-name: api.test, certificate: c.pem, key: k.pem }\n" + Self.load + Self.flow
        let scenario = try Self.scenario(yaml, files: ["ca.pem": "x", "c.pem": "x", "k.pem": "x"])
        let tls = try #require(scenario.tls)
        #expect(tls.ca?.path.hasSuffix("/ca.pem") == true)
        #expect(tls.ca?.location?.line == 3)
        #expect(tls.serverName == "api.test")
        #expect(tls.certificate?.path.hasSuffix("/c.pem") == true && tls.key?.path.hasSuffix("/k.pem") == true)
        #expect(!tls.insecure)
        #expect(scenario.effectiveTLS == tls)
    }

    @Test func insecureAndCAAreRefusedTogether() {
        let yaml = "name: t\nurl: https://h:1\ntls: { insecure: true, ca: ca.pem }\n" + Self.load + Self.flow
        #expect(throws: ScenarioError.self) { try Self.scenario(yaml, files: ["ca.pem": "x"]) }
    }

    @Test(arguments: [("auto", HTTPVersionPreference.auto), ("1.1", .http1), ("2", .http2), ("h2", .http2)])
    func httpVersionIsRead(text: String, expected: HTTPVersionPreference) throws {
        // No `connections`: over a forced 1.1 each user has its own, and the key is refused.
        let load = "load: [ { name: p, vus: 20, duration: 1s } ]\n"
        let yaml = "name: t\nurl: https://h:1\ndefaults: { http: \(text) }\n" + load + Self.flow
        #expect(try Self.scenario(yaml).defaults.http == expected)
    }

    @Test func aPhaseNamesItsConnections() throws {
        let scenario = try Self.scenario("name: t\nurl: https://h:1\n" + Self.load + Self.flow)
        #expect(scenario.load[0].connections == 2)
        #expect(scenario.defaults.http == .auto)
    }
}
