import NIOCore

/// A planned request with its bytes encoded once (or, for a dynamic step, the encoder that renders them per
/// iteration), and what reading its response needs.
struct EncodedRequest {
    let plan: PlannedRequest
    /// The request's bytes; empty for a dynamic step.
    let bytes: ByteBuffer
    let dynamic: DynamicEncoder?
    let isHead: Bool
    /// Keep headers and body of the response (only when a check or capture needs them).
    let collectsResponse: Bool

    init(_ plan: PlannedRequest, target: HTTPTarget, allocator: ByteBufferAllocator) {
        self.plan = plan
        if let request = plan.dynamic {
            self.bytes = ByteBuffer()
            self.dynamic = DynamicEncoder(plan, request: request, target: target)
        } else {
            self.bytes = RequestEncoder.encode(plan, for: target, allocator: allocator)
            self.dynamic = nil
        }
        self.isHead = plan.method == "HEAD"
        self.collectsResponse = plan.dynamic?.keepsResponse ?? false
    }
}
