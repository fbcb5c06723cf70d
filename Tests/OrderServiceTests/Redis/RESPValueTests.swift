import NIOCore
import Testing

@testable import OrderService

/// RESP2 framing: every reply kind, nested arrays, and replies cut anywhere waiting for their last byte.
@Suite struct RESPValueTests {
    static let reply = "*3\r\n:1\r\n$5\r\nhello\r\n*2\r\n+OK\r\n$-1\r\n-ERR oops\r\n"

    @Test func aPipelinedStreamDecodesValueByValue() throws {
        var buffer = ByteBuffer(string: Self.reply)
        #expect(
            try RESPValue.read(from: &buffer)
                == .array([
                    .integer(1), .bulkString(Array("hello".utf8)), .array([.simpleString("OK"), .bulkString(nil)]),
                ])
        )
        #expect(try RESPValue.read(from: &buffer) == .error("ERR oops"))
        #expect(try RESPValue.read(from: &buffer) == nil)
    }

    @Test func aReplyCutAnywhereIsIncompleteAndLeavesTheBufferAlone() throws {
        let bytes = Array(Self.reply.utf8)
        let firstEnd = Self.reply.utf8.count - "-ERR oops\r\n".utf8.count
        for cut in 0..<firstEnd {
            var buffer = ByteBuffer(bytes: bytes[..<cut])
            #expect(try RESPValue.read(from: &buffer) == nil, "cut at \(cut)")
            #expect(buffer.readableBytes == cut)
        }
    }

    @Test func aCommandIsAnArrayOfBulkStrings() {
        var buffer = ByteBuffer()
        RESPValue.writeCommand(["SET", "k", "héllo"], into: &buffer)
        #expect(String(buffer: buffer) == "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$6\r\nhéllo\r\n")
    }

    @Test func bytesThatAreNotRESPAreAnError() {
        var buffer = ByteBuffer(string: "HTTP/1.1 200 OK\r\n")
        #expect(throws: RESPProtocolError.self) { try RESPValue.read(from: &buffer) }
    }
}
