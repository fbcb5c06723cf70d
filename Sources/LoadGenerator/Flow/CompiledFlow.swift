import Scenarios

/// A plan's flow as one loop runs it: its requests encoded once for this loop, and what dynamic steps read (data
/// sources, the number of variable slots).
struct CompiledFlow {
    let requests: [EncodedRequest]
    let dataSources: [DataSource]
    let variableCount: Int
    /// Whether any step is rendered per iteration (and so needs variables and data rows).
    let hasDynamicSteps: Bool

    init(requests: [EncodedRequest], dataSources: [DataSource], variableCount: Int) {
        self.requests = requests
        self.dataSources = dataSources
        self.variableCount = variableCount
        hasDynamicSteps = requests.contains { $0.dynamic != nil }
    }
}
