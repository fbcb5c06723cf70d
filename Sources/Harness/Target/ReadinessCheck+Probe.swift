import Basics
import Foundation
import Scenarios

extension ReadinessCheck {
    /// The check a target file's `ready:` asks for; an https URL is checked with `tls` (the target's `tls:` block).
    public init(
        _ probe: Readiness.Probe,
        process: String,
        tls: TLSSettings = TLSSettings()
    ) throws(TargetSession.Failure) {
        switch probe {
        case .tcp(let host, let port):
            self = .tcp(host: host, port: port)
        case .http(let text):
            guard let get = HTTPGet(url: text, security: TargetTLS(settings: tls)) else {
                throw TargetSession.Failure(
                    description: "process \"\(process)\": readiness URL \"\(text)\" is not an http:// or https:// URL"
                )
            }
            self = .http(get)
        }
    }
}
