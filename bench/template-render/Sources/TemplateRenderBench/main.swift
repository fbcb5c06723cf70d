import Foundation
import Scenarios

// Renders a realistic request body template (a data column, a capture, uuid(), randomInt()) many times into one
// reused buffer, and builds the same text with String interpolation as the peer, alternating rounds.

struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let yaml = """
    name: bench
    url: http://127.0.0.1:1
    data: { users: { csv: users.csv } }
    load: [ { name: p, iterations: 1 } ]
    flow:
      - name: login
        post: /login
        json: { username: "${users.username}", password: "${users.password}" }
        capture: { token: $.token }
      - name: order
        post: /api/v1/orders
        json: { owner: "${users.username}", token: "${token}", key: "${uuid()}", items: [ { productId: "p-${randomInt(1, 100)}", quantity: 2 } ] }
    """
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("template-bench")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
try "username,password\nalice,secret\n".write(to: folder.appendingPathComponent("users.csv"), atomically: true, encoding: .utf8)
let scenario = try ScenarioLoader.parse(yaml: yaml, file: "bench.yaml", directory: folder.path)
let template = scenario.requests[1].body!.template
var values = TemplateValues(slotCount: scenario.variables.count)
values.set(scenario.variables.slot(of: "users.username")!, to: "alice")
values.set(scenario.variables.slot(of: "token")!, to: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl")

/// The two loops under test, sharing one buffer and one seeded generator.
struct Bench {
    static let iterations = 2_000_000
    let template: Template
    let values: TemplateValues
    var random = SplitMix(state: 1)
    var buffer: [UInt8] = []
    var sink = 0

    mutating func ordeal() -> Duration {
        buffer.reserveCapacity(512)
        let start = ContinuousClock.now
        for _ in 0..<Self.iterations {
            buffer.removeAll(keepingCapacity: true)
            template.render(into: &buffer, values: values, random: &random)
            sink &+= buffer.count
        }
        return ContinuousClock.now - start
    }

    mutating func naive() -> Duration {
        let start = ContinuousClock.now
        for _ in 0..<Self.iterations {
            let text = """
                {"owner":"alice","token":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl",\
                "key":"\(UUID().uuidString.lowercased())","items":[{"productId":"p-\(Int.random(in: 1...100, using: &random))",\
                "quantity":2}]}
                """
            buffer = Array(text.utf8)
            sink &+= buffer.count
        }
        return ContinuousClock.now - start
    }
}

func nanosPerOp(_ duration: Duration) -> Double {
    (Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) / 1e9) / Double(Bench.iterations)
}

var bench = Bench(template: template, values: values)
var ordealRounds: [Double] = []
var naiveRounds: [Double] = []
for _ in 0..<5 {
    ordealRounds.append(nanosPerOp(bench.ordeal()))
    naiveRounds.append(nanosPerOp(bench.naive()))
}
let best = (ordeal: ordealRounds.min()!, naive: naiveRounds.min()!)
print("template: \(template.source)")
print("segments: \(template.segments.count), rendered bytes: \(bench.buffer.count), checksum \(bench.sink % 1000)")
print("Template.render   ns/op per round: \(ordealRounds.map { String(format: "%.0f", $0) }.joined(separator: " ")) best \(String(format: "%.0f", best.ordeal))")
print("String + UUID()   ns/op per round: \(naiveRounds.map { String(format: "%.0f", $0) }.joined(separator: " ")) best \(String(format: "%.0f", best.naive))")
print("ratio naive/ordeal (best): \(String(format: "%.2f", best.naive / best.ordeal))x")
