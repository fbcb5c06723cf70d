import NIOCore
import Profiler
import Scenarios

extension VirtualUser {
    /// Renders a dynamic step into the user's request buffer; false when a variable it reads is unset.
    func render(_ encoder: DynamicEncoder) -> Bool {
        guard encoder.missingSlot(in: flow!.values) == nil else { return false }
        flow!.render(encoder, random: &worker.random)
        return true
    }

    /// Writes the current step's request: the pre-encoded one, or the one just rendered; over HTTP/2, as a new
    /// stream, whose id is returned (0 for HTTP/1.1).
    func transmit(_ step: Int, on connection: Connection) -> Int32 {
        let request = worker.requests[step]
        switch connection {
        case .http1(let connection):
            let bytes = request.dynamic == nil ? request.bytes : flow!.request
            connection.send(bytes, collectingResponse: request.collectsResponse, isHead: request.isHead)
            return 0
        case .http2(let connection):
            guard let encoder = request.dynamic else {
                return connection.send(
                    headers: request.http2Headers,
                    body: request.http2Body,
                    collecting: request.collectsResponse,
                    for: self
                )
            }
            let rendered = flow!.renderHTTP2(encoder, random: &worker.random)
            return connection.send(
                headers: rendered.headers,
                body: rendered.body,
                collecting: request.collectsResponse,
                for: self
            )
        }
    }

    /// The size of the current step's request on the wire.
    func outgoingBytes(_ step: Int) -> Int {
        let request = worker.requests[step]
        return request.dynamic == nil ? request.bytes.readableBytes : flow!.request.readableBytes
    }

    /// A request could not be built (a variable it reads is unset): it counts as a missing value and the iteration
    /// ends. The end is reported on the next loop tick, so that an executor restarting the user at once cannot
    /// recurse without bound.
    func missingValue(at step: Int) {
        worker.recording.requests[step].recordError(.missingValue)
        worker.eventLoop.assumeIsolated().execute { [self] in
            guard self.step == step, !isAwaitingResponse else { return }
            endIteration(at: NIODeadline.now())
        }
    }

    /// Applies a dynamic step's checks and captures; false when a capture found nothing (the iteration must end).
    func evaluate(_ response: HTTPResponse, of request: DynamicRequest, at step: Int, statusPassed: Bool) -> Bool {
        let outcome = request.evaluate(response, into: &flow!.values)
        if statusPassed && !outcome.checksPassed { worker.recording.requests[step].recordCheckFailure() }
        if !outcome.capturesFound { worker.recording.requests[step].recordError(.missingValue) }
        return outcome.capturesFound
    }
}
