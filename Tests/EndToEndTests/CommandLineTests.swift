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

    @Test func missingInputFileSaysSoAndExitsNoInput() async throws {
        let result = try await ChildProcess.run("ordeal", ["compare", "no-such-a.json", "no-such-b.json"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("no-such-a.json: no such file"))
    }
}
