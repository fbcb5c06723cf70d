import Foundation
import TestSupport
import Testing

@Suite struct CommandLineTests {
    @Test func helpListsEverySubcommand() async throws {
        let result = try await ChildProcess.run("ordeal", ["--help"])
        #expect(result.status == 0)
        for subcommand in ["run", "validate", "proxy", "stress", "report", "compare", "merge"] {
            #expect(result.stdout.contains("  \(subcommand) "), "missing \(subcommand) in:\n\(result.stdout)")
        }
        #expect(result.stdout.contains("Exit codes"))
    }

    @Test func unknownFlagIsAUsageError() async throws {
        let result = try await ChildProcess.run("ordeal", ["run", "smoke.yaml", "--no-such-flag"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("no-such-flag"))
    }

    @Test func loopsSetsTheGeneratorsEventLoopsAndZeroIsAUsageError() async throws {
        let refused = try await ChildProcess.run("ordeal", ["run", "--url", "http://127.0.0.1:9/", "--loops", "0"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--loops 0: expected 1 to 1024"), "\(refused.stderr)")
        let workspace = try Workspace()
        let server = try await TestHTTPServer.start(TestHTTPServer.Options())
        defer { Task { await server.stop() } }
        let run = try await ChildProcess.run(
            "ordeal",
            [
                "run", "--url", server.url(secure: false), "--loops", "1", "--rate", "20/s", "--duration", "1s",
                "--out", workspace.folder.appendingPathComponent("out").path,
            ]
        )
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("from 1 event loop"), "\(run.stderr)")
        #expect(server.counts.requests == 20)
    }

    @Test func missingInputFileSaysSoAndExitsNoInput() async throws {
        let result = try await ChildProcess.run("ordeal", ["compare", "no-such-a.json", "no-such-b.json"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("no-such-a.json: no such file"))
    }
}
