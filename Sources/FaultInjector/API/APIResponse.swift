import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A Toxiproxy-style error: `{"error": "...", "status": N}` and a newline, with the status as the HTTP status.
struct APIError: HTTPResponseError {
    let message: String
    let code: Int
    /// Proxies handled before a failed `/populate`.
    var proxies: [ProxyJSON]?

    init(_ error: FaultInjectorError, proxies: [ProxyJSON]? = nil) {
        self.message = error.description
        self.code = error.status
        self.proxies = proxies
    }

    init(message: String, code: Int) {
        self.message = message
        self.code = code
    }

    var status: HTTPResponse.Status { .init(code: code) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        APIResponse.json(ErrorBody(error: message, status: code, proxies: proxies), status: status)
    }
}

/// Toxiproxy's error body; `proxies` only after a failed `/populate`.
private struct ErrorBody: Encodable {
    var error: String
    var status: Int
    var proxies: [ProxyJSON]?
}

/// JSON responses in Toxiproxy's framing: a JSON body followed by a newline.
enum APIResponse {
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        data.append(UInt8(ascii: "\n"))
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    static func noContent() -> Response { Response(status: .noContent) }
}

/// Decodes a request body, turning every failure into Toxiproxy's `bad request body` error.
func decodeBody<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
    var request = request
    let buffer = try await request.collectBody(upTo: 1 << 20)
    do {
        return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
    } catch {
        throw APIError(.badRequest(ToxicDecoding.describe(error)))
    }
}

/// Runs an operation of the proxy layer, reporting its errors as API errors.
func apiCall<T>(_ body: () async throws(FaultInjectorError) -> T) async throws(APIError) -> T {
    do {
        return try await body()
    } catch {
        throw APIError(error)
    }
}

/// Refuses browsers, as Toxiproxy does, so a web page cannot drive the proxy (a cross-site request).
struct RefuseBrowsersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        if request.headers[.userAgent]?.hasPrefix("Mozilla/") == true {
            return Response(
                status: .forbidden,
                headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "User agent not allowed\n"))
            )
        }
        return try await next(request, context)
    }
}
