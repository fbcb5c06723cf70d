import NIOCore
import NIOHPACK
import Scenarios

#if canImport(Glibc)
import Glibc
#endif

/// What one virtual user keeps for dynamic steps: its variable slots and the buffers requests are rendered into,
/// all reused from one iteration to the next.
struct FlowState {
    var values: TemplateValues
    /// The rendered request; its storage is reused once the previous write has completed.
    var request = ByteBuffer()
    var head: [UInt8] = []
    var body: [UInt8] = []

    init(slotCount: Int) {
        values = TemplateValues(slotCount: slotCount)
        head.reserveCapacity(512)
    }

    /// Renders a dynamic step into ``request`` with this iteration's values.
    mutating func render(_ encoder: DynamicEncoder, random: inout some RandomNumberGenerator) {
        encoder.render(into: &request, head: &head, body: &body, values: values, random: &random)
    }

    /// Renders a dynamic step as HTTP/2 HEADERS and body with this iteration's values.
    mutating func renderHTTP2(
        _ encoder: DynamicEncoder,
        random: inout some RandomNumberGenerator
    ) -> (headers: HPACKHeaders, body: ByteBuffer?) {
        let headers = encoder.renderHTTP2(scratch: &head, body: &body, values: values, random: &random)
        return (headers, body.isEmpty ? nil : ByteBuffer(bytes: body))
    }

    /// Starts iteration `iteration` (numbered across the whole run): forgets the previous iteration's captures and
    /// fills each data source's columns from its row for this iteration.
    mutating func begin(
        iteration: Int,
        data: [DataSource],
        random: inout some RandomNumberGenerator
    ) {
        values.clear()
        values.iteration = iteration
        values.unixNanoseconds = Int64((WallClock.secondsSince1970 * 1e9).rounded())
        for source in data where !source.rows.isEmpty {
            let row = source.row(forIteration: iteration, using: &random)
            for (column, slot) in source.columnSlots.enumerated() { values.set(slot, to: row[column]) }
        }
    }
}

/// The wall clock, read once per iteration for `timestamp()` and `now()`.
private enum WallClock {
    static var secondsSince1970: Double {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
