/// How connections to an `https://` target are secured (`tls:` in a scenario or target file): extra trusted CAs,
/// verification, the name to verify, and a client certificate for mutual TLS.
///
/// Files are kept as paths with the place they were written, so the module that loads them (the generator's TLS
/// context) reports a bad PEM or a key that does not match its certificate at file:line:column.
public struct TLSSettings: Sendable, Equatable {
    /// A PEM bundle of CA certificates trusted in addition to the system's (`ca:`).
    public var ca: FileReference?
    /// Skip certificate verification (`insecure: true`); reports and the console say so.
    public var insecure: Bool
    /// The name sent in SNI and verified in the certificate, instead of the URL's host (`server-name:`).
    public var serverName: String?
    /// A client certificate chain and its private key for mutual TLS (`certificate:` and `key:`).
    public var certificate: FileReference?
    public var key: FileReference?
    /// Where the `tls:` block is written.
    public var location: SourceLocation?

    /// The files named, in the order they are read.
    public var files: [FileReference] { [ca, certificate, key].compactMap { $0 } }

    public init(
        ca: FileReference? = nil,
        insecure: Bool = false,
        serverName: String? = nil,
        certificate: FileReference? = nil,
        key: FileReference? = nil,
        location: SourceLocation? = nil
    ) {
        self.ca = ca
        self.insecure = insecure
        self.serverName = serverName
        self.certificate = certificate
        self.key = key
        self.location = location
    }
}

/// A file named in a scenario or target file: its resolved path and where it was named (nil for a command-line flag).
public struct FileReference: Sendable, Equatable {
    public var path: String
    public var location: SourceLocation?

    public init(path: String, location: SourceLocation? = nil) {
        self.path = path
        self.location = location
    }
}
