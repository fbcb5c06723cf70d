import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Synchronization

/// Reads one gateway response into a `PaymentsResponse`, and notes whether the request's head was written: no
/// error of the client says reliably whether a failed call reached the gateway, this does.
final class PaymentsResponseCollector: HTTPClientResponseDelegate {
    typealias Response = PaymentsResponse

    /// A response larger than this is cut off as an error: the gateway's answers are a few hundred bytes, its
    /// ledger a few megabytes at most.
    static let maxBodyBytes = 64 << 20

    private struct State {
        var sent = false
        var status: Int?
        var body = ByteBuffer()
    }

    private let state = Mutex(State())

    /// Whether any of the request was written to a connection.
    var wasSent: Bool { state.withLock { $0.sent } }

    func didSendRequestHead(task: HTTPClient.Task<Response>, _ head: HTTPRequestHead) {
        state.withLock { $0.sent = true }
    }

    func didReceiveHead(task: HTTPClient.Task<Response>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        state.withLock { $0.status = Int(head.status.code) }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Response>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let tooLarge = state.withLock { state in
            var buffer = buffer
            state.body.writeBuffer(&buffer)
            return state.body.readableBytes > Self.maxBodyBytes
        }
        if tooLarge { return task.eventLoop.makeFailedFuture(ResponseTooLarge()) }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didFinishRequest(task: HTTPClient.Task<Response>) throws -> PaymentsResponse {
        try state.withLock { state in
            guard let status = state.status else { throw HTTPClientError.remoteConnectionClosed }
            return PaymentsResponse(status: status, body: state.body)
        }
    }

    private struct ResponseTooLarge: Error, CustomStringConvertible {
        var description: String { "the gateway's response exceeded \(PaymentsResponseCollector.maxBodyBytes) bytes" }
    }
}
