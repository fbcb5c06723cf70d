import NIOCore

/// Where a ``ToxicLink`` performs its emissions: the socket at the far end of its direction.
protocol LinkOutput: AnyObject {
    /// Queues bytes on the destination socket.
    func write(_ bytes: ByteBuffer)
    /// Flushes what was queued.
    func flush()
    /// Half-closes the destination (FIN), ending this direction.
    func endStream()
    /// Closes both sockets of the connection.
    func closeConnection()
    /// Closes both sockets with a TCP RST.
    func resetConnection()
    /// Called when the link drained below its buffer limit, so the source may read again.
    func linkHasCapacity()
}
