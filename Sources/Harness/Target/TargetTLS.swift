import Basics
import LoadGenerator
import NIOCore
import NIOSSL
import Scenarios

/// A target file's `tls:` block as the harness's own GETs (readiness, metrics) use it.
///
/// The TLS context is built for each GET, since a target may write its certificates only once it runs.
struct TargetTLS: HTTPGetSecurity {
    let settings: TLSSettings

    func makeHandler(host: String) throws -> any ChannelHandler {
        try TLSClient(settings: settings, host: host, httpVersion: .http1).makeClientHandler()
    }

    func isUncleanShutdown(_ error: any Error) -> Bool {
        (error as? NIOSSLError) == .uncleanShutdown
    }
}
