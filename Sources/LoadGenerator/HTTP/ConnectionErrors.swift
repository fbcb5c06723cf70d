import NIOCore
import NIOPosix
import Profiler

#if canImport(Glibc)
import Glibc
#endif

/// Maps what NIO reports when a connection cannot be opened to the error kinds reports count.
enum ConnectionErrors {
    static func kind(ofConnectError error: any Error) -> ErrorKind {
        if let error = error as? ChannelError, case .connectTimeout = error { return .connectTimeout }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return .connectRefused
            case ETIMEDOUT: return .connectTimeout
            case ECONNRESET, EPIPE: return .reset
            default: return .other
            }
        }
        if let error = error as? NIOConnectionError {
            return error.connectionErrors.map { kind(ofConnectError: $0.error) }.first ?? .connectRefused
        }
        return .other
    }
}
