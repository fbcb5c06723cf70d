import Foundation
import Hummingbird
import NIOCore

/// An error answered as RFC 9457 problem details, with a stable `code` that clients can switch on.
struct ServiceError: Error, HTTPResponseError, Equatable {
    let status: HTTPResponse.Status
    /// Stable, kebab-case, documented in the OpenAPI document; never changes meaning.
    let code: String
    /// A human explanation about the request, never about the server's insides.
    let detail: String

    init(_ status: HTTPResponse.Status, code: String, detail: String) {
        self.status = status
        self.code = code
        self.detail = detail
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        ProblemDetails(self).response()
    }
}

/// The JSON body of an error response (RFC 9457), served as `application/problem+json`.
struct ProblemDetails: Codable, Equatable {
    static let mediaType = "application/problem+json"

    let type: String
    let title: String
    let status: Int
    let detail: String
    let code: String

    init(_ error: ServiceError) {
        type = "urn:ordeal:order-service:problem:\(error.code)"
        title = error.status.reasonPhrase
        status = error.status.code
        detail = error.detail
        code = error.code
    }

    func response() -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let body = (try? encoder.encode(self)) ?? Data(#"{"code":"internal-error","status":500}"#.utf8)
        var headers: HTTPFields = [.contentType: Self.mediaType]
        if status == 401 { headers[.wwwAuthenticate] = "Bearer" }
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}
