import NIOCore

/// A planned request with its bytes encoded once, and what reading its response needs.
struct EncodedRequest {
    let plan: PlannedRequest
    let bytes: ByteBuffer
    let isHead: Bool
    /// Keep headers and body of the response (only when a check or capture needs them).
    let collectsResponse: Bool

    init(_ plan: PlannedRequest, target: HTTPTarget, allocator: ByteBufferAllocator) {
        self.plan = plan
        self.bytes = RequestEncoder.encode(plan, for: target, allocator: allocator)
        self.isHead = plan.method == "HEAD"
        self.collectsResponse = false
    }
}
