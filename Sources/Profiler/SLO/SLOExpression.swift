/// One parsed service-level objective, such as `during faults: create-order p99 < 250ms`.
///
/// Grammar (k6 threshold style; keywords are case-sensitive, whitespace is free between tokens):
///
/// ```
/// slo        = [ scope ":" ] [ request ] metric operator threshold [ "abort-on-fail" ]
/// scope      = ( "before" | "during" | "after" ) "faults"
///            | "phase" name
/// request    = name                          ; a request name of the flow; absent = all requests
/// metric     = percentile | "mean" | "min" | "max" | "error-rate" | "rps" | "count"
/// percentile = "p" digits [ "." digits ]     ; p50, p99, p99.9, p99.99 (0 < N <= 100)
/// operator   = "<" | "<=" | ">" | ">=" | "=="
/// threshold  = number [ unit ]
/// unit       = "us" | "µs" | "ms" | "s"      ; required for percentiles, mean, min, max
///            | "%"                           ; error-rate as a percentage (a bare number is a fraction, 0...1)
///            | "/s"                          ; optional for rps
/// name       = letter { letter | digit | "-" | "_" | "." }
/// ```
///
/// Thresholds are kept in canonical units: microseconds for latencies, a fraction for the error rate, requests per
/// second for `rps`, a plain number for `count`.
public struct SLOExpression: Sendable, Equatable {
    /// The expression as written.
    public var text: String
    public var scope: SLOScope
    /// The request name it is restricted to, or nil for all requests together.
    public var request: String?
    public var metric: SLOMetric
    public var comparison: SLOComparison
    public var threshold: Double
    /// Whether the harness should stop the run as soon as this objective fails.
    public var abortOnFail: Bool
}

/// Which part of the run an objective is checked over.
public enum SLOScope: Sendable, Equatable, CustomStringConvertible {
    case wholeRun
    case phase(String)
    case beforeFaults
    case duringFaults
    case afterFaults

    public var description: String {
        switch self {
        case .wholeRun: "run"
        case .phase(let name): "phase \(name)"
        case .beforeFaults: "before faults"
        case .duringFaults: "during faults"
        case .afterFaults: "after faults"
        }
    }
}

/// What an objective measures.
public enum SLOMetric: Sendable, Equatable, CustomStringConvertible {
    case percentile(Double)
    case mean, min, max, errorRate, throughput, count

    public var description: String {
        switch self {
        case .percentile(let value): "p" + SLOMetric.format(value)
        case .mean: "mean"
        case .min: "min"
        case .max: "max"
        case .errorRate: "error-rate"
        case .throughput: "rps"
        case .count: "count"
        }
    }

    /// The canonical unit of the metric's values, as written in verdicts.
    public var unit: SLOUnit {
        switch self {
        case .percentile, .mean, .min, .max: .microseconds
        case .errorRate: .fraction
        case .throughput: .perSecond
        case .count: .count
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

/// The unit of an objective's threshold, observed value and margin.
public enum SLOUnit: String, Codable, Sendable {
    case microseconds = "us"
    case fraction
    case perSecond = "per-second"
    case count
}

/// How the observed value must compare with the threshold.
public enum SLOComparison: String, Sendable, CaseIterable {
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case equal = "=="

    /// Whether `observed` meets `threshold` under this comparison.
    public func holds(_ observed: Double, _ threshold: Double) -> Bool {
        switch self {
        case .less: observed < threshold
        case .lessOrEqual: observed <= threshold
        case .greater: observed > threshold
        case .greaterOrEqual: observed >= threshold
        case .equal: observed == threshold
        }
    }

    /// How much room is left: positive when the objective holds with room to spare, negative by how much it missed.
    public func margin(_ observed: Double, _ threshold: Double) -> Double {
        switch self {
        case .less, .lessOrEqual: threshold - observed
        case .greater, .greaterOrEqual: observed - threshold
        case .equal: -abs(observed - threshold)
        }
    }
}
