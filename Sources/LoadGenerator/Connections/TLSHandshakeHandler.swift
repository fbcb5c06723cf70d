import NIOCore
import NIOSSL
import NIOTLS
import Profiler

/// Waits, right after NIOSSL's handler, for the handshake to end: reports the protocol ALPN chose, or why the
/// handshake failed, once; then steps out of the pipeline.
final class TLSHandshakeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let witness: VerificationWitness
    private var onDone: ((Result<String?, OpenFailure>) -> Void)?

    init(witness: VerificationWitness, onDone: @escaping (Result<String?, OpenFailure>) -> Void) {
        self.witness = witness
        self.onDone = onDone
    }

    private func finish(_ result: Result<String?, OpenFailure>) {
        guard let done = onDone else { return }
        onDone = nil
        done(result)
    }

    /// Gives up on a handshake that takes too long (counted as a connect timeout).
    func timeOut(context: ChannelHandlerContext) {
        guard onDone != nil else { return }
        finish(.failure(.error(.connectTimeout)))
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted(let negotiated) = event {
            finish(.success(negotiated))
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let reason = TLSFailureClassifier.reason(of: error, refused: witness.refused)
        finish(.failure(reason.map { .tls($0) } ?? .error(.reset)))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(.failure(.tls(.rejectedByPeer)))
        context.fireChannelInactive()
    }
}
