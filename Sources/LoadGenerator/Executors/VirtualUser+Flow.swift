import NIOCore
import Profiler
import Scenarios

extension VirtualUser {
    /// Renders a dynamic step into the user's request buffer; false when a variable it reads is unset.
    func render(_ encoder: DynamicEncoder) -> Bool {
        guard encoder.missingSlot(in: state.values) == nil else { return false }
        state.render(encoder, random: &random)
        return true
    }

    /// Writes the current step's request: the pre-encoded one, or the one just rendered; over HTTP/2, as a new
    /// stream, whose id is returned (0 for HTTP/1.1).
    func transmit(_ step: Int, on connection: Connection) -> Int32 {
        let request = flow.requests[step]
        switch connection {
        case .http1(let connection):
            let bytes = request.dynamic == nil ? request.bytes : state.request
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
            let rendered = state.renderHTTP2(encoder, random: &random)
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
        let request = flow.requests[step]
        return request.dynamic == nil ? request.bytes.readableBytes : state.request.readableBytes
    }

    /// A request could not be built (a variable it reads is unset): it counts as a missing value and the iteration
    /// ends. The end is reported on the next loop tick, so that an executor restarting the user at once cannot
    /// recurse without bound.
    func missingValue(at step: Int) {
        recorder[step: step].recordError(.missingValue)
        eventLoop.assumeIsolated().execute { [self] in
            guard self.step == step, !isAwaitingResponse else { return }
            endIteration(at: NIODeadline.now())
        }
    }

    /// Applies a dynamic step's checks and captures; false when a capture found nothing (the iteration must end).
    func evaluate(_ response: HTTPResponse, of request: DynamicRequest, at step: Int, statusPassed: Bool) -> Bool {
        let outcome = request.evaluate(response, into: &state.values)
        if statusPassed && !outcome.checksPassed { recorder[step: step].recordCheckFailure() }
        if !outcome.capturesFound { recorder[step: step].recordError(.missingValue) }
        return outcome.capturesFound
    }
}
