import Basics
import Scenarios

extension ScheduledFault {
    /// The timeline entry for a scenario's `faults:` item; a toxic is decoded and checked through the registry, and
    /// every problem points at the file.
    ///
    /// Its toxic is named after its type, stream and start (`latency_downstream_at40000ms`), so two faults of one
    /// type on one proxy can overlap.
    public init(_ spec: FaultSpec) throws(ScenarioError) {
        let action: Action
        switch spec.action {
        case .toxic(let proxy, let raw):
            let definition: any ToxicDefinition
            switch ToxicDecoding.decode(raw) {
            case .success(let decoded): definition = decoded
            case .failure(let error): throw error
            }
            let stream: ToxicStream = raw.stream == .upstream ? .upstream : .downstream
            let name = "\(raw.type)_\(stream.rawValue)_at\(spec.at.nanosecondsClamped / 1_000_000)ms"
            do {
                action = .toxic(
                    proxy: proxy,
                    try ToxicSpec(name: name, stream: stream, toxicity: raw.toxicity, definition: definition)
                )
            } catch {
                throw .invalid([Diagnostic(raw.typeLocation, "\(error)")])
            }
        case .down(let proxy):
            action = .down(proxy: proxy)
        case .cpu(let cpu):
            do {
                action = .cpu(try CPUPressure(percent: Int(cpu.percent.rounded(.up)), cores: cpu.cores))
            } catch {
                throw .invalid([Diagnostic(spec.location, "\(error)")])
            }
        case .memory(let memory):
            let size: MemoryPressure.Size =
                switch memory {
                case .bytes(let bytes): .bytes(bytes)
                case .percent(let percent): .percentOfAvailable(percent)
                }
            do {
                action = .memory(try MemoryPressure(size))
            } catch {
                throw .invalid([Diagnostic(spec.location, "\(error)")])
            }
        case .process(let name, .pause):
            action = .process(name: name, .pause)
        case .process(let name, .kill(let restartAfter)):
            action = .process(name: name, .kill(restartAfter: restartAfter))
        case .process(let name, .signal(let signalName)):
            guard let signal = ProcessSignal(rawValue: signalName) else {
                throw .invalid([Diagnostic(spec.location, "unknown signal \"\(signalName)\"")])
            }
            action = .process(name: name, .signal(signal))
        }
        self.init(offset: spec.at, duration: spec.duration, action: action)
    }

    /// Every problem of a scenario's faults, in file order; empty when the timeline can be built. With the target
    /// file, an HTTP toxic on a proxy that does not frame HTTP is one too.
    @Sendable public static func problems(of specs: [FaultSpec], target: Target? = nil) -> [Diagnostic] {
        specs.flatMap { spec -> [Diagnostic] in
            let fault: ScheduledFault
            do throws(ScenarioError) {
                fault = try ScheduledFault(spec)
            } catch {
                return error.diagnostics
            }
            guard case .toxic(let proxy, let toxic) = fault.action, toxic.toxic is any HTTPToxic,
                case .toxic(_, let raw) = spec.action,
                let declared = target?.proxies.first(where: { $0.name == proxy }), declared.protocol != .http
            else { return [] }
            return [
                Diagnostic(
                    raw.typeLocation,
                    "\(raw.type) acts on HTTP requests: give proxy \"\(proxy)\" protocol: http in the target file"
                )
            ]
        }
    }
}
