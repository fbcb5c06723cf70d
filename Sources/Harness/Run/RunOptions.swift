/// What `ordeal run` was asked to do.
public struct RunOptions: Sendable {
    /// The scenario file.
    public var scenarioPath: String
    /// Send the load to this base URL and start nothing (overrides the scenario's target).
    public var url: String?
    /// A target file to start instead of the one the scenario names.
    public var targetPath: String?
    /// Where the reports go; `reports/<scenario>-<timestamp>/` when nil.
    public var outputDirectory: String?
    /// A previous report.json to compare this run against.
    public var baselinePath: String?
    /// The share of the load this machine generates.
    public var segment: Segment
    /// Also write junit.xml and summary.md.
    public var writeJUnit: Bool
    public var writeMarkdown: Bool
    /// Folders put in front of PATH when starting target processes, so this build's own executables are found.
    public var searchPath: [String]

    public init(
        scenarioPath: String,
        url: String? = nil,
        targetPath: String? = nil,
        outputDirectory: String? = nil,
        baselinePath: String? = nil,
        segment: Segment = .whole,
        writeJUnit: Bool = false,
        writeMarkdown: Bool = false,
        searchPath: [String] = []
    ) {
        self.scenarioPath = scenarioPath
        self.url = url
        self.targetPath = targetPath
        self.outputDirectory = outputDirectory
        self.baselinePath = baselinePath
        self.segment = segment
        self.writeJUnit = writeJUnit
        self.writeMarkdown = writeMarkdown
        self.searchPath = searchPath
    }
}
