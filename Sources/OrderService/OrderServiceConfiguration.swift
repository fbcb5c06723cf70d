/// Everything the order service needs to start; defaults run it out of the box on 127.0.0.1:8080.
public struct OrderServiceConfiguration: Sendable, Equatable {
    /// The address to listen on.
    public var host: String
    /// The port to listen on; 0 asks the system for a free one (tests).
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}
