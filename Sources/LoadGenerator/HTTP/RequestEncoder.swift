import NIOCore

/// Turns a planned request into the exact bytes of an HTTP/1.1 request, once, so sending it is a reference-counted
/// buffer write.
enum RequestEncoder {
    static func encode(_ request: PlannedRequest, for target: HTTPTarget, allocator: ByteBufferAllocator) -> ByteBuffer
    {
        var buffer = allocator.buffer(capacity: 256 + request.body.count)
        let path = request.path.contains("://") ? request.path : target.basePath + request.path
        buffer.writeString("\(request.method) \(path.isEmpty ? "/" : path) HTTP/1.1\r\n")
        let names = Set(request.headers.map { $0.name.lowercased() })
        if !names.contains("host") { buffer.writeString("Host: \(target.hostHeader)\r\n") }
        if !names.contains("user-agent") { buffer.writeString("User-Agent: ordeal/0.1\r\n") }
        for header in request.headers { buffer.writeString("\(header.name): \(header.value)\r\n") }
        if !request.body.isEmpty || ["POST", "PUT", "PATCH"].contains(request.method) {
            if !names.contains("content-length") { buffer.writeString("Content-Length: \(request.body.count)\r\n") }
        }
        buffer.writeString("\r\n")
        buffer.writeBytes(request.body)
        return buffer
    }
}
