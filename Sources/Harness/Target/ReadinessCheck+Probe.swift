import Foundation
import Scenarios

extension ReadinessCheck {
    /// The check a target file's `ready:` asks for; an HTTP URL that names no port means port 80.
    public init(_ probe: Readiness.Probe, process: String) throws(TargetSession.Failure) {
        switch probe {
        case .tcp(let host, let port):
            self = .tcp(host: host, port: port)
        case .http(let text):
            guard let url = URL(string: text), url.scheme == "http", let host = url.host else {
                throw TargetSession.Failure(
                    description: "process \"\(process)\": readiness URL \"\(text)\" is not an http:// URL"
                )
            }
            let query = url.query.map { "?\($0)" } ?? ""
            self = .http(host: host, port: url.port ?? 80, path: (url.path.isEmpty ? "/" : url.path) + query)
        }
    }
}
