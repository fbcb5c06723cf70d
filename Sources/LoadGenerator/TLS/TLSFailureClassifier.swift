import Foundation
import NIOSSL
import Profiler

/// Tells why a TLS handshake failed, from what NIOSSL reports and the certificate verification refused.
///
/// BoringSSL reports an unknown CA and an expired certificate alike (`CERTIFICATE_VERIFY_FAILED`); the
/// ``VerificationWitness`` keeps the certificate that failed, whose dates tell the two apart. This runs only when a
/// handshake fails, so reading the error's text costs nothing on the hot path.
enum TLSFailureClassifier {
    static func reason(of error: any Error, refused certificate: NIOSSLCertificate?) -> TLSFailureReason? {
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname { return .nameMismatch }
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            guard let certificate else { return .unknownAuthority }
            let now = time(nil)
            if certificate.notValidAfter < now { return .expired }
            if certificate.notValidBefore > now { return .notYetValid }
            return .unknownAuthority
        }
        if text.contains("WRONG_VERSION_NUMBER") || text.contains("HTTP_REQUEST") { return .notTLS }
        if text.contains("UNSUPPORTED_PROTOCOL") || text.contains("PROTOCOL_VERSION") { return .protocolVersion }
        if text.contains("CERTIFICATE_REQUIRED") || text.contains("ALERT_HANDSHAKE_FAILURE")
            || text.contains("ALERT_BAD_CERTIFICATE") || text.contains("ALERT_UNKNOWN_CA")
            || text.contains("ALERT_CERTIFICATE_UNKNOWN") || text.contains("ALERT_ACCESS_DENIED")
        {
            return .rejectedByPeer
        }
        if text.contains("BAD_CERTIFICATE") || text.contains("CERTIFICATE") { return .badCertificate }
        if error is NIOSSLError || error is BoringSSLError || text.contains("EOF during handshake") {
            return .other
        }
        return nil
    }
}

/// Keeps the certificate BoringSSL's own verification refused, without changing its verdict.
///
/// Lives on the connection's event loop and is touched only there, from NIOSSL's verification callback.
final class VerificationWitness {
    private(set) var refused: NIOSSLCertificate?

    func observe(_ verdict: NIOSSLVerificationResult, _ certificate: NIOSSLCertificate) -> NIOSSLVerificationResult {
        if case .failed = verdict, refused == nil { refused = certificate }
        return verdict
    }
}

/// Makes the generator's TLS handlers.
///
/// NIOSSL's observe-only verification callback is deprecated in favour of callbacks that replace BoringSSL's
/// verification, which is not wanted here; the deprecated call sits in a deprecated witness of this protocol, so
/// callers reach it without a warning.
protocol WitnessedHandlerMaking {
    func makeHandler(witness: VerificationWitness) throws -> NIOSSLClientHandler
}

extension TLSClient: WitnessedHandlerMaking {
    /// A client handler for one connection, reporting refused certificates to `witness`.
    @available(*, deprecated, message: "uses NIOSSL's observe-only verification callback on purpose")
    func makeHandler(witness: VerificationWitness) throws -> NIOSSLClientHandler {
        try NIOSSLClientHandler(context: context, serverHostname: serverName, verificationCallback: witness.observe)
    }
}
