import Basics
import Scenarios
import Testing

@Suite struct ScenarioLoaderTests {
    static let minimal = """
        name: t
        url: http://127.0.0.1:9000/base
        load:
          - { name: p, arrival-rate: 10/s, duration: 1s }
        flow:
          - get: /health
        """

    @Test func loadsAMinimalScenario() throws {
        let scenario = try Fixture.scenario(Self.minimal)
        #expect(scenario.name == "t")
        #expect(scenario.target.baseURL == BaseURL(host: "127.0.0.1", port: 9000, pathPrefix: "/base"))
        #expect(scenario.requests.map(\.name) == ["GET /health"])
        #expect(scenario.requests[0].url.path.constantBytes == Array("/base/health".utf8))
        #expect(scenario.requests[0].isConstant)
        guard case .constantArrivalRate(let phase) = scenario.load[0].kind else {
            Issue.record("expected a constant arrival rate")
            return
        }
        #expect(
            phase == ConstantArrivalRate(rate: Rate(count: 10), duration: .seconds(1), maxInFlight: defaultMaxInFlight)
        )
    }

    @Test func readsEveryPhaseKind() throws {
        let scenario = try Fixture.scenario(
            """
            name: phases
            url: http://127.0.0.1:9000
            load:
              - { name: a, arrival-rate: 50/s, duration: 10s, max-in-flight: 20 }
              - { name: b, arrival-rate: { from: 50/s, to: 500/s }, duration: 30s }
              - { name: c, arrival-rate: 10/s, stages: [ { to: 100/s, duration: 5s }, { to: 0/s, duration: 5s } ] }
              - { name: d, vus: 5, duration: 3s }
              - { name: e, vus: 0, stages: [ { to: 10, duration: 2s } ] }
              - { name: f, iterations: 100, vus: 4 }
              - { name: g, iterations-per-vu: 3, vus: 2, max-duration: 1m }
            flow:
              - get: /
            """
        )
        let kinds = scenario.load.map(\.kind)
        guard case .constantArrivalRate(let a) = kinds[0], case .rampingArrivalRate(let b) = kinds[1],
            case .rampingArrivalRate(let c) = kinds[2], case .constantVirtualUsers(let d) = kinds[3],
            case .rampingVirtualUsers(let e) = kinds[4], case .iterations(let f) = kinds[5],
            case .iterations(let g) = kinds[6]
        else {
            Issue.record("unexpected kinds \(kinds)")
            return
        }
        #expect(a.maxInFlight == 20)
        #expect(b.start == Rate(count: 50) && b.stages == [RateStage(target: Rate(count: 500), duration: .seconds(30))])
        #expect(c.stages.count == 2 && scenario.load[2].duration == .seconds(10))
        #expect(d == ConstantVirtualUsers(virtualUsers: 5, duration: .seconds(3)))
        #expect(e == RampingVirtualUsers(start: 0, stages: [VirtualUserStage(target: 10, duration: .seconds(2))]))
        #expect(f.totalIterations == 100 && f.distribution == .shared)
        #expect(g.totalIterations == 6 && g.distribution == .perVirtualUser && g.maxDuration == .seconds(60))
    }

    @Test func compilesStepsWithCapturesChecksAndData() throws {
        let scenario = try Fixture.scenario(
            """
            name: flow
            url: http://127.0.0.1:9000
            defaults: { headers: { X-Client: ordeal }, think: 10ms..20ms, timeout: 2s }
            data:
              users: { csv: data/users.csv, order: random }
            load:
              - { name: p, iterations: 1 }
            flow:
              - name: login
                post: /login
                json: { username: "${users.username}", n: 2, ok: true, none: null, list: [1, "x"] }
                capture: { token: $.token, etag: { header: ETag } }
                check: { status: [200, 2xx, 300-302], header: { ETag: { exists: true } }, body: { contains: ok }, json: { $.ok: true } }
              - think: 5ms
              - name: order
                get: /orders/${token}?a=1
                query: { q: "x y&${etag}", tag: [a, b] }
                headers: { Authorization: "Bearer ${token}", X-Client: mine }
            """
        )
        #expect(scenario.data[0].rows.count == 8 && scenario.data[0].order == .random)
        #expect(scenario.variables.names == ["users.username", "users.password", "token", "etag"])
        let login = scenario.requests[0]
        #expect(login.body?.kind == .json)
        #expect(
            login.body?.template.source
                == #"{"username":"${users.username}","n":2,"ok":true,"none":null,"list":[1,"x"]}"#
        )
        #expect(login.headers.map(\.name) == ["X-Client", "Content-Type"])
        #expect(login.captures.map(\.source) == [.json(try JSONPath.parse("$.token")), .header("ETag")])
        #expect(login.checks.map(\.condition).count == 4)
        #expect(login.think == ThinkTime(minimum: .milliseconds(10), maximum: .milliseconds(20)))
        #expect(login.timeout == .seconds(2))
        guard case .think(let pause, _) = scenario.flow[1] else {
            Issue.record("expected a think step")
            return
        }
        #expect(pause == ThinkTime(.milliseconds(5)))
        let order = scenario.requests[1]
        #expect(order.headers.map(\.name) == ["Authorization", "X-Client"])
        var values = TemplateValues(slotCount: scenario.variables.count)
        values.set(2, to: "t/1")
        values.set(3, to: "e 1")
        var random = SplitMix64(seed: 1)
        var target: [UInt8] = []
        order.url.render(into: &target, values: values, random: &random)
        #expect(String(decoding: target, as: UTF8.self) == "/orders/t%2F1?a=1&q=x%20y%26e%201&tag=a&tag=b")
    }

    @Test func aTargetFileGivesTheBaseURLAndProxies() throws {
        let scenario = try Fixture.scenario(
            """
            name: t
            target: ../targets/order-service.yaml
            load: [ { name: p, iterations: 1 } ]
            flow: [ { get: /health } ]
            faults:
              - { at: 1s, for: 2s, proxy: api, latency: { delay: 200ms, jitter: 50ms } }
              - { at: 0s, for: 1s, proxy: api, stream: upstream, toxicity: 0.5, corrupt: { probability: 0.001 } }
              - { at: 3s, for: 1s, proxy: api, down: true }
              - { at: 4s, for: 1s, cpu: { percent: 80, cores: 1 } }
              - { at: 5s, for: 1s, proxy: api, slicer: { average_size: 64, size_variation: 8, delay: 1ms } }
              - { at: 6s, for: 1s, cpu: { percent: 50 } }
            """
        )
        #expect(scenario.target.baseURL.port == 18081)
        let actions = scenario.faults.map(\.action)
        guard case .toxic("api", let latency) = actions[0], case .toxic("api", let corrupt) = actions[1],
            case .toxic("api", let slicer) = actions[4]
        else {
            Issue.record("expected toxics on api: \(actions)")
            return
        }
        // Toxics stay as written, for the fault injector to decode: type, envelope, attribute text, places.
        #expect(latency.type == "latency" && latency.stream == .downstream && latency.toxicity == 1)
        #expect(latency.attributes.map { [$0.name, $0.text] } == [["delay", "200ms"], ["jitter", "50ms"]])
        #expect(latency.attributes[0].location.line == 6 && latency.typeLocation.line == 6)
        #expect(corrupt.type == "corrupt" && corrupt.stream == .upstream && corrupt.toxicity == 0.5)
        #expect(slicer.attributes.map(\.name) == ["average_size", "size_variation", "delay"])
        #expect(actions[2] == .down(proxy: "api"))
        #expect(actions[3] == .cpu(CPUPressureSpec(percent: 80, cores: 1)))
        // Without `cores` the pressure is on every core; the fault is kept, not silently dropped.
        #expect(actions[5] == .cpu(CPUPressureSpec(percent: 50, cores: nil)))
    }

    @Test func processAndMemoryFaultsAndTheEnvelopeInsideAToxic() throws {
        let scenario = try Fixture.scenario(
            """
            name: t
            target: ../targets/order-service.yaml
            load: [ { name: p, iterations: 1 } ]
            flow: [ { get: /health } ]
            faults:
              - { at: 1s, for: 1s, process: order-service, pause: true }
              - { at: 2s, process: order-service, kill: true, restart-after: 2s }
              - { at: 3s, process: order-service, kill: true }
              - { at: 4s, process: order-service, signal: hup }
              - { at: 5s, for: 2s, memory: { bytes: 512MiB } }
              - { at: 6s, for: 2s, memory: { percent: 50 } }
              - { at: 7s, for: 2s, proxy: api, http_status: { status: 503, path: "/api/v1/orders", toxicity: 5% } }
            """
        )
        let actions = scenario.faults.map(\.action)
        #expect(actions[0] == .process(name: "order-service", .pause))
        #expect(actions[1] == .process(name: "order-service", .kill(restartAfter: .seconds(2))))
        #expect(actions[2] == .process(name: "order-service", .kill(restartAfter: nil)))
        #expect(actions[3] == .process(name: "order-service", .signal("HUP")))
        #expect(actions[4] == .memory(.bytes(512 << 20)))
        #expect(actions[5] == .memory(.percent(50)))
        #expect(scenario.faults.map(\.duration) == [.seconds(1), nil, nil, nil, .seconds(2), .seconds(2), .seconds(2)])
        guard case .toxic(_, let status) = actions[6] else {
            Issue.record("expected a toxic: \(actions[6])")
            return
        }
        #expect(status.type == "http_status" && status.toxicity == 0.05)
        #expect(status.attributes.map(\.name) == ["status", "path"])
    }

    @Test func readsProcessAndMemoryFaults() throws {
        let scenario = try Fixture.scenario(
            """
            name: t
            target: ../targets/order-service.yaml
            load: [ { name: p, iterations: 1 } ]
            flow: [ { get: /health } ]
            faults:
              - { at: 1s, for: 1s, process: order-service, pause: true }
              - { at: 2s, process: order-service, kill: true, restart-after: 2s }
              - { at: 3s, process: payments, kill: true }
              - { at: 4s, process: order-service, signal: HUP }
              - { at: 5s, process: order-service, signal: SIGterm }
              - { at: 6s, for: 10s, memory: { bytes: 512MiB } }
              - { at: 7s, for: 10s, memory: { percent: 50 } }
            """
        )
        #expect(
            scenario.faults.map(\.action) == [
                .process(name: "order-service", .pause),
                .process(name: "order-service", .kill(restartAfter: .seconds(2))),
                .process(name: "payments", .kill(restartAfter: nil)),
                .process(name: "order-service", .signal("HUP")),
                .process(name: "order-service", .signal("TERM")),
                .memory(.bytes(512 << 20)),
                .memory(.percent(50)),
            ]
        )
        #expect(scenario.faults.map(\.duration) == [.seconds(1), nil, nil, nil, nil, .seconds(10), .seconds(10)])
        #expect(scenario.faults[1].summary == "order-service killed at 2s, restarted after 2s")
    }

    @Test func keepsSLOTextWithItsLocation() throws {
        let scenario = try Fixture.scenario(
            Self.minimal + "\nslo:\n  - p99 < 250ms\n  - \"create p95 < 1s\"\n  - during faults: p99 < 2s\n"
        )
        #expect(
            scenario.slo == [
                SLOSpec(text: "p99 < 250ms", location: SourceLocation(file: "test.yaml", line: 8, column: 5)),
                SLOSpec(text: "create p95 < 1s", location: SourceLocation(file: "test.yaml", line: 9, column: 5)),
                SLOSpec(
                    text: "during faults: p99 < 2s",
                    location: SourceLocation(file: "test.yaml", line: 10, column: 5)
                ),
            ]
        )
    }

    @Test func summaryDescribesThePlan() throws {
        let summary = try Fixture.scenario(Self.minimal).summary
        #expect(summary.contains("1 request per iteration (GET /health)"))
        #expect(summary.contains("p: 10/s for 1s (max 1000 in flight)"))
    }
}

/// `loops:`, the scenario's say in how many event loops generate its load.
@Suite struct LoopsKeyTests {
    @Test func loopsIsReadAndAbsentMeansOnePerCore() throws {
        #expect(try Fixture.scenario(ScenarioLoaderTests.minimal).loops == nil)
        #expect(try Fixture.scenario(ScenarioLoaderTests.minimal + "\nloops: 1").loops == 1)
    }

    @Test(arguments: ["0", "-2", "two", "5000"])
    func aBadLoopsCountIsAnErrorAtItsLine(value: String) {
        let diagnostics = Fixture.diagnostics(ScenarioLoaderTests.minimal + "\nloops: \(value)")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.location.line == 7, "\(diagnostics)")
        #expect(diagnostics.first?.message.contains("event loops") == true, "\(diagnostics)")
    }
}
