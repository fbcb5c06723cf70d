import Foundation
import HTTPTypes

/// The faults one request asks for through headers, as grafana/quickpizza does (`x-delay-<step>`,
/// `x-error-<step>` and their `-percentage`), honoured only when the `faultSwitches` feature is on:
///
///     X-Delay-Charge-Payment: 250ms            delay before the step (ms, s; a bare number is ms)
///     X-Delay-Charge-Payment-Percentage: 50    for this share of requests (default 100)
///     X-Error-Confirm-Order: boom              fail the step with this message
///     X-Error-Confirm-Order-Percentage: 100
///
/// At 0 % or 100 % the outcome is fixed, which is what CI wants; in between each request draws.
struct FaultSwitches: Sendable {
    struct Fault: Sendable, Equatable {
        var delay: Duration?
        var delayPercentage = 100.0
        var error: String?
        var errorPercentage = 100.0
    }

    /// A fault asked of a step, failing it; answered 500 `injected-fault` after compensation.
    struct InjectedError: Error, Equatable {
        let step: OrderFlowStep
        let message: String
    }

    private(set) var faults: [OrderFlowStep: Fault] = [:]
    private let metrics: ServiceMetrics?

    static let none = FaultSwitches(faults: [:], metrics: nil)

    private init(faults: [OrderFlowStep: Fault], metrics: ServiceMetrics?) {
        self.faults = faults
        self.metrics = metrics
    }

    /// Reads the fault headers of a request; a malformed value is a 400 naming the header.
    init(headers: HTTPFields, metrics: ServiceMetrics) throws(ServiceError) {
        self.metrics = metrics
        for step in OrderFlowStep.allCases {
            var fault = Fault()
            let delayName = "X-Delay-\(step.rawValue)"
            let errorName = "X-Error-\(step.rawValue)"
            if let raw = headers[HTTPField.Name(delayName)!] {
                fault.delay = try Self.duration(raw, header: delayName)
                fault.delayPercentage = try Self.percentage(headers, delayName + "-Percentage")
            }
            if let message = headers[HTTPField.Name(errorName)!] {
                fault.error = message.isEmpty ? "injected error" : message
                fault.errorPercentage = try Self.percentage(headers, errorName + "-Percentage")
            }
            if fault != Fault() { faults[step] = fault }
        }
    }

    /// Applies the step's faults: sleeps for an asked delay, then throws an asked error.
    func apply(_ step: OrderFlowStep) async throws(InjectedError) {
        guard let fault = faults[step] else { return }
        if let delay = fault.delay, Self.draw(fault.delayPercentage) {
            metrics?.recordInjectedFault(step: step.rawValue, kind: "delay")
            try? await Task.sleep(for: delay)
        }
        if let message = fault.error, Self.draw(fault.errorPercentage) {
            metrics?.recordInjectedFault(step: step.rawValue, kind: "error")
            throw InjectedError(step: step, message: message)
        }
    }

    private static func draw(_ percentage: Double) -> Bool {
        percentage >= 100 || (percentage > 0 && Double.random(in: 0..<100) < percentage)
    }

    private static func percentage(_ headers: HTTPFields, _ name: String) throws(ServiceError) -> Double {
        guard let raw = headers[HTTPField.Name(name)!] else { return 100 }
        guard let value = Double(raw.trimmingCharacters(in: .whitespaces)), (0...100).contains(value) else {
            throw ServiceError.invalidFaultSwitch(name, "a percentage from 0 to 100", raw)
        }
        return value
    }

    private static func duration(_ raw: String, header: String) throws(ServiceError) -> Duration {
        let text = raw.trimmingCharacters(in: .whitespaces).lowercased()
        let (number, scale): (Substring, Double) =
            text.hasSuffix("ms")
            ? (text.dropLast(2), 1) : text.hasSuffix("s") ? (text.dropLast(1), 1000) : (Substring(text), 1)
        guard let value = Double(number), value >= 0, value * scale <= 60_000 else {
            throw ServiceError.invalidFaultSwitch(header, "a duration up to 60s such as 250ms or 1.5s", raw)
        }
        return .milliseconds(value * scale)
    }
}
