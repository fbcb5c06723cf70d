import Basics
import Foundation
import Histogram
import Profiler
import Synchronization

/// The run's live numbers as Prometheus text, named after k6's Prometheus output (`k6_` becomes `ordeal_`) so its
/// Grafana dashboards adapt by a prefix. Fed one second at a time; scraped at `/metrics` while the run lasts.
final class PrometheusExporter: Sendable {
    /// Bucket bounds of the latency histograms, in seconds.
    static let bounds: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

    private struct Series: Hashable {
        var name: String
        var labels: [String]
    }

    private struct Buckets {
        var counts = Array(repeating: UInt64(0), count: PrometheusExporter.bounds.count)
        var count: UInt64 = 0
        var sum = 0.0

        mutating func add(_ histogram: LatencyHistogram) {
            for recorded in histogram.recordedValues() where recorded.count > 0 {
                let seconds = Double(recorded.value) / 1e6
                for (index, bound) in PrometheusExporter.bounds.enumerated() where seconds <= bound {
                    counts[index] += recorded.count
                }
                count += recorded.count
                sum += seconds * Double(recorded.count)
            }
        }
    }

    private struct State {
        var requests: [Series: UInt64] = [:]
        var failures: [Series: UInt64] = [:]
        var duration: [String: Buckets] = [:]
        var service: [String: Buckets] = [:]
        var iterations: UInt64 = 0
        var dropped: UInt64 = 0
        var vus: UInt64 = 0
        var inFlight: UInt64 = 0
        var faults: [String: Bool] = [:]
        var phase = ""
    }

    private let state = Mutex(State())

    func add(_ second: LiveSecond) {
        guard let recording = second.recording else { return }
        state.withLock { state in
            state.phase = second.phase
            state.iterations += second.iterationsStarted
            state.dropped += second.iterationsDropped
            state.vus = second.vus
            state.inFlight = second.inFlight
            for (name, statistics) in zip(recording.requestNames, recording.requests) {
                for (status, count) in statistics.statuses {
                    state.requests[Series(name: name, labels: [String(status), second.phase]), default: 0] += count
                }
                for kind in ErrorKind.allCases where statistics.count(of: kind) > 0 {
                    state.failures[Series(name: name, labels: [kind.rawValue, second.phase]), default: 0] +=
                        statistics.count(of: kind)
                }
                state.duration[name, default: Buckets()].add(statistics.responseTime)
                state.service[name, default: Buckets()].add(statistics.serviceTime)
            }
            for fault in second.faults { state.faults[fault.description] = fault.end == nil }
        }
    }

    /// The exposition, in Prometheus's text format 0.0.4.
    func exposition() -> String {
        state.withLock { state in
            var out = ""
            out += "# HELP ordeal_http_reqs_total Responses received, by request name, status and phase.\n"
            out += "# TYPE ordeal_http_reqs_total counter\n"
            for (series, count) in state.requests.sorted(by: { "\($0.key)" < "\($1.key)" }) {
                out +=
                    "ordeal_http_reqs_total{name=\"\(Self.escaped(series.name))\",status=\"\(series.labels[0])\",phase=\"\(Self.escaped(series.labels[1]))\"} \(count)\n"
            }
            out += "# HELP ordeal_http_req_failed_total Failed requests, by request name, kind and phase.\n"
            out += "# TYPE ordeal_http_req_failed_total counter\n"
            for (series, count) in state.failures.sorted(by: { "\($0.key)" < "\($1.key)" }) {
                out +=
                    "ordeal_http_req_failed_total{name=\"\(Self.escaped(series.name))\",kind=\"\(series.labels[0])\",phase=\"\(Self.escaped(series.labels[1]))\"} \(count)\n"
            }
            out += Self.histogram(
                "ordeal_http_req_duration_seconds",
                "Response time from the intended start (coordinated-omission corrected).",
                state.duration
            )
            out += Self.histogram(
                "ordeal_http_req_service_seconds",
                "Time from sending to the response.",
                state.service
            )
            out += "# TYPE ordeal_iterations_total counter\nordeal_iterations_total \(state.iterations)\n"
            out += "# TYPE ordeal_iterations_dropped_total counter\nordeal_iterations_dropped_total \(state.dropped)\n"
            out += "# HELP ordeal_vus Virtual users inside an iteration.\n# TYPE ordeal_vus gauge\n"
            out += "ordeal_vus{phase=\"\(Self.escaped(state.phase))\"} \(state.vus)\n"
            out += "# HELP ordeal_in_flight Requests sent and not yet answered.\n# TYPE ordeal_in_flight gauge\n"
            out += "ordeal_in_flight{phase=\"\(Self.escaped(state.phase))\"} \(state.inFlight)\n"
            out += "# HELP ordeal_fault_active 1 while a fault is on.\n# TYPE ordeal_fault_active gauge\n"
            for (fault, on) in state.faults.sorted(by: { $0.key < $1.key }) {
                out += "ordeal_fault_active{fault=\"\(Self.escaped(fault))\"} \(on ? 1 : 0)\n"
            }
            out += "# TYPE ordeal_phase_info gauge\nordeal_phase_info{phase=\"\(Self.escaped(state.phase))\"} 1\n"
            return out
        }
    }

    private static func histogram(_ metric: String, _ help: String, _ series: [String: Buckets]) -> String {
        var out = "# HELP \(metric) \(help)\n# TYPE \(metric) histogram\n"
        for (name, buckets) in series.sorted(by: { $0.key < $1.key }) {
            let label = "name=\"\(escaped(name))\""
            for (index, bound) in bounds.enumerated() {
                out += "\(metric)_bucket{\(label),le=\"\(bound)\"} \(buckets.counts[index])\n"
            }
            out += "\(metric)_bucket{\(label),le=\"+Inf\"} \(buckets.count)\n"
            out += "\(metric)_sum{\(label)} \(buckets.sum)\n\(metric)_count{\(label)} \(buckets.count)\n"
        }
        return out
    }

    static func escaped(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
