import Foundation
import TestSupport
import Testing

/// `ordeal run` over HTTPS end to end: the shipped HTTPS smoke scenario against the reference service serving TLS,
/// and HTTPS load through a fault proxy whose latency toxic acts on the encrypted bytes.
@Suite struct HTTPSRunTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theShippedHTTPSSmokeScenarioPassesOverHTTP2() async throws {
        let workspace = try Workspace()
        let smoke = Self.repository.appendingPathComponent("scenarios/smoke-https.yaml").path
        let result = try await ChildProcess.run(
            "ordeal",
            ["run", smoke, "--out", workspace.path("out")],
            timeout: .seconds(120)
        )
        #expect(result.status == 0, "stderr: \(result.stderr)\nstdout: \(result.stdout)")
        #expect(result.stderr.contains("over TLS, certificates verified"))
        let report = try RunCommandTests.report(workspace, "out")
        #expect((report["run"] as? [String: Any])?["tlsVerification"] as? String == "verified")
        // The service's metrics were scraped over HTTPS too.
        #expect(((report["targetMetrics"] as? [Any]) ?? []).isEmpty == false)
        let requests = try #require(report["requests"] as? [[String: Any]])
        #expect(requests.count == 6)
        #expect(requests.allSatisfy { $0["requests"] as? Int == 1 && $0["errors"] as? Int == 0 })
        // One user, one HTTP/2 connection opened by the first step and reused by the five after it.
        let first = try #require(requests.first?["connections"] as? [String: Any])
        #expect((first["protocols"] as? [String: Int]) == ["h2": 1])
        #expect((first["tlsHandshakeTime"] as? [String: Any])?["count"] as? Int == 1)
        #expect(requests.dropFirst().allSatisfy { $0["connections"] == nil })
    }

    @Test func httpsLoadPassesThroughTheProxyAndItsLatencyToxic() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = try await TestHTTPServer.start(.init(tls: try certificates.serverConfiguration()))
        let workspace = try Workspace()
        let proxy = try RefusingPort.free()
        try workspace.write(
            "target.yaml",
            """
            name: tls-upstream
            url: https://127.0.0.1:\(proxy)
            tls: { ca: \(certificates.caFile) }
            proxies:
              - { name: api, listen: "127.0.0.1:\(proxy)", upstream: "127.0.0.1:\(server.port)" }
            """
        )
        let scenario = try workspace.write(
            "scenario.yaml",
            """
            name: https-latency
            target: target.yaml
            load:
              - { name: clean, vus: 2, duration: 1s }
              - { name: slowed, vus: 2, duration: 2s }
            flow:
              - { name: get, get: /, check: { status: 200 } }
            faults:
              - { at: 1s, for: 10s, proxy: api, latency: { delay: 150ms } }
            slo:
              - error-rate == 0%
              - "phase clean: p50 < 100ms"
              - "phase slowed: p50 > 140ms"
            """
        )
        let result = try await ChildProcess.run(
            "ordeal",
            ["run", scenario, "--out", workspace.path("out")],
            timeout: .seconds(90)
        )
        await server.stop()
        #expect(result.status == 0, "stderr: \(result.stderr)\nstdout: \(result.stdout)")
        let report = try RunCommandTests.report(workspace, "out")
        let overall = try #require(report["overall"] as? [String: Any])
        #expect(overall["errors"] as? Int == 0)
        #expect((overall["requests"] as? Int ?? 0) > 20)
        #expect(server.counts.protocols.allSatisfy { $0 == "h2" })
    }
}

/// The command line's TLS and HTTP version flags (curl's names), and TLS problems caught before a run starts.
@Suite struct TLSCommandLineTests {
    @Test func insecureQuickRunsSaySoInTheSummaryAndTheReport() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = try await TestHTTPServer.start(.init(tls: try certificates.serverConfiguration(.expired)))
        let workspace = try Workspace()
        let result = try await ChildProcess.run(
            "ordeal",
            [
                "run", "--url", server.url(secure: true) + "/", "--vus", "2", "--duration", "1s", "-k", "--http1.1",
                "--out", workspace.path("out"),
            ],
            timeout: .seconds(60)
        )
        await server.stop()
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("TLS certificates were NOT verified (insecure)"))
        #expect(result.stdout.contains("http/1.1+tls ×2"))
        let report = try RunCommandTests.report(workspace, "out")
        #expect((report["run"] as? [String: Any])?["tlsVerification"] as? String == "insecure")
        let html = try String(contentsOfFile: workspace.path("out/report.html"), encoding: .utf8)
        #expect(html.contains("not verified"))
    }

    @Test func anUntrustedServerFailsTheRunWithTheReasonInTheSummary() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = try await TestHTTPServer.start(.init(tls: try certificates.serverConfiguration()))
        let workspace = try Workspace()
        let result = try await ChildProcess.run(
            "ordeal",
            [
                "run", "--url", server.url(secure: true) + "/", "--vus", "1", "--duration", "500ms",
                "--out", workspace.path("out"),
            ],
            timeout: .seconds(60)
        )
        await server.stop()
        #expect(result.stdout.contains("TLS failed:"), "stdout: \(result.stdout)")
        #expect(result.stdout.contains("unknown CA"))
        // Trusting its CA makes the same run pass.
        let trusted = try await TestHTTPServer.start(.init(tls: try certificates.serverConfiguration()))
        let second = try await ChildProcess.run(
            "ordeal",
            [
                "run", "--url", trusted.url(secure: true) + "/", "--vus", "1", "--duration", "500ms",
                "--cacert", certificates.caFile, "--out", workspace.path("out2"),
            ],
            timeout: .seconds(60)
        )
        await trusted.stop()
        #expect(second.status == 0, "stderr: \(second.stderr)")
        #expect(second.stdout.contains("0 errors"))
    }

    @Test func priorKnowledgeSpeaksH2cToAPlainServer() async throws {
        var options = TestHTTPServer.Options()
        options.plaintextHTTP2 = true
        let server = try await TestHTTPServer.start(options)
        let workspace = try Workspace()
        let result = try await ChildProcess.run(
            "ordeal",
            [
                "run", "--url", server.url(secure: false) + "/", "--vus", "20", "--connections", "2",
                "--duration", "500ms", "--http2-prior-knowledge", "--out", workspace.path("out"),
            ],
            timeout: .seconds(60)
        )
        await server.stop()
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("h2c ×2"), "stdout: \(result.stdout)")
        #expect(server.counts.connections == 2)
    }

    @Test func validateReportsAKeyThatDoesNotMatchItsCertificateWhereItIsNamed() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let workspace = try Workspace()
        let scenario = try workspace.write(
            "scenario.yaml",
            """
            name: mtls
            url: https://127.0.0.1:9
            tls:
              certificate: \(certificates.clientCertificateFile)
              key: \(certificates.serverKeyFile)
            load: [ { name: once, iterations: 1, vus: 1, max-duration: 5s } ]
            flow: [ { name: get, get: / } ]
            """
        )
        let result = try await ChildProcess.run("ordeal", ["validate", scenario])
        #expect(result.status == 65, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("scenario.yaml:5:8"), "stderr: \(result.stderr)")
        #expect(result.stderr.contains("does not match the certificate"))
    }

    @Test func validateReportsAMissingCAFile() async throws {
        let workspace = try Workspace()
        let scenario = try workspace.write(
            "scenario.yaml",
            """
            name: ca
            url: https://127.0.0.1:9
            tls: { ca: missing-ca.pem }
            load: [ { name: once, iterations: 1, vus: 1, max-duration: 5s } ]
            flow: [ { name: get, get: / } ]
            """
        )
        let result = try await ChildProcess.run("ordeal", ["validate", scenario])
        #expect(result.status == 65, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("scenario.yaml:3:12"), "stderr: \(result.stderr)")
        #expect(result.stderr.contains("missing-ca.pem: no such file"))
    }
}

/// Quick mode speaks wrk's, hey's and oha's request flags.
@Suite struct QuickRequestFlagsTests {
    @Test func methodHeadersBodyAndACountAreSent() async throws {
        let server = try await TestHTTPServer.start(.init())
        let workspace = try Workspace()
        let result = try await ChildProcess.run(
            "ordeal",
            [
                "run", "--url", server.url(secure: false) + "/orders", "-c", "5", "-n", "50", "-m", "post",
                "-H", "X-Test: yes", "-H", "Content-Type: application/json", "-d", #"{"a":1}"#, "--timeout", "2s",
                "--out", workspace.path("out"),
            ],
            timeout: .seconds(60)
        )
        await server.stop()
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let counts = server.counts
        #expect(counts.requests == 50)
        #expect(counts.lastMethod == "POST")
        #expect(counts.lastHeaders["x-test"] == "yes")
        #expect(counts.lastHeaders["content-type"] == "application/json")
        #expect(counts.lastBodyBytes == 7)
        let requests = try #require(RunCommandTests.report(workspace, "out")["requests"] as? [[String: Any]])
        #expect(requests.first?["name"] as? String == "POST /orders")
    }

    @Test(arguments: [
        (["-n", "10", "--rate", "10/s"], "give it with -c/--vus, not --rate"),
        (["-c", "1", "-H", "no colon"], "expected 'Name: value'"),
        (["-c", "1", "-d", "x", "--body-file", "/etc/hostname"], "not both"),
        (["-c", "4", "--connections", "2"], "over HTTP/1.1 each user has its own"),
        (["-c", "1", "-m", ""], "expected an HTTP method"),
        (["-c", "1", "-m", "GE T"], "expected an HTTP method"),
    ])
    func badCombinationsExit64WithOneLine(flags: [String], message: String) async throws {
        let result = try await ChildProcess.run("ordeal", ["run", "--url", "http://127.0.0.1:9/"] + flags)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 1, "stderr: \(result.stderr)")
    }

    /// Over HTTP/1.1, wrk's `--connections N` is N users, each on a connection of its own.
    @Test func connectionsOverHTTP1AreUsersAsInWrk() async throws {
        let server = try await TestHTTPServer.start(.init())
        let workspace = try Workspace()
        let result = try await ChildProcess.run(
            "ordeal",
            [
                "run", "--url", server.url(secure: false) + "/", "--connections", "3", "-n", "30", "--out",
                workspace.path("out"),
            ],
            timeout: .seconds(60)
        )
        await server.stop()
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(server.counts.requests == 30)
        #expect(server.counts.connections == 3)
    }

    @Test func aBodyFileIsSentAsIs() async throws {
        let server = try await TestHTTPServer.start(.init())
        let workspace = try Workspace()
        let file = try workspace.write("body.json", #"{"items":[1,2,3]}"#)
        let result = try await ChildProcess.run(
            "ordeal",
            [
                "run", "--url", server.url(secure: false) + "/in", "-c", "1", "-n", "3", "-m", "PUT", "--body-file",
                file,
                "--out", workspace.path("out"),
            ],
            timeout: .seconds(60)
        )
        await server.stop()
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(server.counts.requests == 3)
        #expect(server.counts.lastMethod == "PUT")
        #expect(server.counts.lastBodyBytes == 17)
    }
}
