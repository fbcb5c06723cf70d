import Basics
import Foundation
import Scenarios
import Testing

/// Every scenario and target file shipped in the repository loads without a problem.
@Suite struct ShippedFilesTests {
    static var scenarioFiles: [String] {
        let folder = Fixture.path("scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { "\(folder)/\($0)" }
    }

    @Test func thereAreShippedScenarios() {
        #expect(Self.scenarioFiles.count >= 1)
    }

    @Test(arguments: scenarioFiles)
    func shippedScenarioLoads(path: String) throws {
        do {
            let scenario = try ScenarioLoader.load(path: path)
            #expect(!scenario.flow.isEmpty)
            #expect(!scenario.load.isEmpty)
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func orderServiceTargetLoads() throws {
        let target = try TargetLoader.load(path: Fixture.path("targets/order-service.yaml"))
        #expect(target.baseURL == BaseURL(host: "127.0.0.1", port: 18081))
        // The API behind "api"; the service charges through "payments", in front of the gateway started first.
        #expect(
            target.proxies == [
                ProxySpec(name: "api", listen: "127.0.0.1:18081", upstream: "127.0.0.1:18080", protocol: .http),
                ProxySpec(name: "payments", listen: "127.0.0.1:18083", upstream: "127.0.0.1:18082"),
            ]
        )
        #expect(target.processes.map(\.name) == ["payments", "order-service"])
        #expect(target.processes.first?.arguments == ["payments", "--port", "18082"])
        #expect(target.processes.first?.readiness?.probe == .http("http://127.0.0.1:18082/health"))
        #expect(
            target.processes.last?.arguments == [
                "--port", "18080", "--database", ":memory:", "--payments-url", "http://127.0.0.1:18083",
            ]
        )
        #expect(target.processes.last?.readiness?.probe == .http("http://127.0.0.1:18080/ready"))
        #expect(target.metrics == ["http://127.0.0.1:18080/metrics"])
    }
}
