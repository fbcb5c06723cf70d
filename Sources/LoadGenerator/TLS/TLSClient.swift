import NIOSSL
import Profiler
import Scenarios

/// The TLS side of a run's connections, built once and shared by every loop: the NIOSSL context (trust roots,
/// client certificate, ALPN offer) and the name sent in SNI and verified in the server's certificate.
public struct TLSClient: Sendable {
    let context: NIOSSLContext
    /// The SNI and verification name; nil for an IP literal without `server-name` (then the certificate's IP
    /// addresses are matched against the peer's address).
    let serverName: String?
    /// Whether certificates go unverified (`insecure: true`, `-k`).
    public let isInsecure: Bool
    /// The protocols offered by ALPN, most preferred first.
    public let offeredProtocols: [String]

    /// Builds the context for `settings` towards `host`, offering the protocols `httpVersion` allows.
    ///
    /// Reads the PEM files named in `settings`; every problem names the file and where the scenario names it.
    public init(settings: TLSSettings, host: String, httpVersion: HTTPVersionPreference) throws(TLSSetupError) {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        configuration.maximumTLSVersion = .tlsv13
        switch httpVersion {
        case .auto: configuration.applicationProtocols = ["h2", "http/1.1"]
        case .http1: configuration.applicationProtocols = ["http/1.1"]
        case .http2: configuration.applicationProtocols = ["h2"]
        }
        if settings.insecure { configuration.certificateVerification = .none }
        if let ca = settings.ca {
            let roots = try Self.certificates(ca, what: "CA certificates")
            configuration.additionalTrustRoots = [.certificates(roots)]
        }
        if let certificate = settings.certificate, let key = settings.key {
            configuration.certificateChain = try Self.certificates(certificate, what: "a client certificate").map {
                .certificate($0)
            }
            configuration.privateKey = .privateKey(try Self.privateKey(key))
        }
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch NIOSSLError.failedToLoadPrivateKey {
            throw TLSSetupError(
                at: settings.key?.location ?? settings.location,
                "the private key \(settings.key?.path ?? "") does not match the certificate "
                    + (settings.certificate?.path ?? "")
            )
        } catch {
            throw TLSSetupError(at: settings.location, "cannot set up TLS: \(error)")
        }
        let name = settings.serverName ?? host
        serverName = Self.isIPAddress(name) ? nil : name
        isInsecure = settings.insecure
        offeredProtocols = configuration.applicationProtocols
    }

    private static func certificates(_ file: FileReference, what: String) throws(TLSSetupError) -> [NIOSSLCertificate] {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(file.path)
        } catch {
            throw TLSSetupError(at: file.location, "\(file.path) is not a PEM file of \(what)")
        }
        guard !certificates.isEmpty else {
            throw TLSSetupError(at: file.location, "\(file.path) holds no certificate (expected \(what) in PEM)")
        }
        return certificates
    }

    private static func privateKey(_ file: FileReference) throws(TLSSetupError) -> NIOSSLPrivateKey {
        do {
            return try NIOSSLPrivateKey(file: file.path, format: .pem)
        } catch {
            throw TLSSetupError(at: file.location, "\(file.path) is not a PEM private key")
        }
    }

    /// A client handler for one connection of the harness's own (readiness, metrics), verifying as the run does.
    public func makeClientHandler() throws -> NIOSSLClientHandler {
        try NIOSSLClientHandler(context: context, serverHostname: serverName)
    }

    /// Why a handshake failed, read from the error NIOSSL reported; nil when the error is not about TLS.
    public static func failureReason(of error: any Error) -> TLSFailureReason? {
        TLSFailureClassifier.reason(of: error, refused: nil)
    }

    /// Whether `name` is an IPv4 or IPv6 literal, which SNI must not carry.
    static func isIPAddress(_ name: String) -> Bool {
        if name.contains(":") { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { UInt8($0) != nil }
    }
}

/// Why TLS could not be set up for a run, with where the scenario or target file asked for it.
public struct TLSSetupError: Error, Equatable, CustomStringConvertible {
    public let location: SourceLocation?
    public let message: String

    init(at location: SourceLocation?, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { location.map { "\($0): \(message)" } ?? message }
}
