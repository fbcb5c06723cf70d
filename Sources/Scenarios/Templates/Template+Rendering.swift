extension Template {
    /// Appends the rendered template to `out`: literals copied, holes filled from `values` and escaped.
    ///
    /// Allocation-free when `out` has capacity: numbers and UUIDs are written digit by digit, slots copied in place.
    @inlinable
    public func render(
        into out: inout [UInt8],
        values: borrowing TemplateValues,
        random: inout some RandomNumberGenerator
    ) {
        for segment in segments {
            switch segment {
            case .literal(let bytes):
                out.append(contentsOf: bytes)
            case .variable(let slot, _):
                guard let bytes = values.slots[slot] else { continue }
                if bytes.allSatisfy({ TemplateEscaper.isSafe($0, for: escaping) }) {
                    out.append(contentsOf: bytes)
                } else {
                    TemplateEscaper.append(bytes, escaping: escaping, to: &out)
                }
            case .function(let function):
                function.render(into: &out, values: values, escaping: escaping, random: &random)
            }
        }
    }

    /// The rendered template as a string; convenient for tests and one-off uses, not for the hot path.
    public func renderedString(values: TemplateValues, random: inout some RandomNumberGenerator) -> String {
        var bytes: [UInt8] = []
        render(into: &bytes, values: values, random: &random)
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension TemplateFunction {
    @usableFromInline static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    @inlinable
    func render(
        into out: inout [UInt8],
        values: borrowing TemplateValues,
        escaping: Template.Escaping,
        random: inout some RandomNumberGenerator
    ) {
        switch self {
        case .uuid: Self.appendUUID(to: &out, random: &random)
        case .randomInt(let low, let high): Self.appendDecimal(Int.random(in: low...high, using: &random), to: &out)
        case .randomChoice(let choices):
            TemplateEscaper.append(
                choices[Int.random(in: 0..<choices.count, using: &random)],
                escaping: escaping,
                to: &out
            )
        case .sequence: Self.appendDecimal(values.iteration, to: &out)
        case .timestamp(let unit): Self.appendDecimal(Int(values.unixNanoseconds / unit.nanoseconds), to: &out)
        }
    }

    /// Writes a decimal integer without building a String.
    @inlinable
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(0x2D) }
        var magnitude = value.magnitude
        let start = out.count
        repeat {
            out.append(0x30 + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        out[start...].reverse()
    }

    /// Writes a random version-4 UUID (8-4-4-4-12 lower-case hex), formatted on the stack and appended at once.
    @inlinable
    static func appendUUID(to out: inout [UInt8], random: inout some RandomNumberGenerator) {
        let high = ((random.next() as UInt64) & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let low = ((random.next() as UInt64) & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 36) { text in
            var position = 0
            for index in 0..<16 {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    text[position] = 0x2D
                    position += 1
                }
                let byte = UInt8(truncatingIfNeeded: (index < 8 ? high : low) >> UInt64((7 - index % 8) * 8))
                text[position] = hexDigits[Int(byte >> 4)]
                text[position + 1] = hexDigits[Int(byte & 0x0F)]
                position += 2
            }
            out.append(contentsOf: UnsafeBufferPointer(text))
        }
    }
}
