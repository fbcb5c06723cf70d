/// A strong entity tag for an order's representation: it changes whenever anything the client sees changes.
extension Order {
    var entityTag: String {
        // FNV-1a over a canonical text of every field the response shows; 64 bits are plenty for one order's
        // few versions, and the hash is stable across processes (Swift's Hasher is not).
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            hash ^= 0xff
            hash = hash &* 0x0000_0100_0000_01b3
        }
        mix(id)
        mix(status.rawValue)
        mix(String(userID))
        mix(String(totalCents))
        mix(String(createdAtMillis))
        for line in items {
            mix(line.productID)
            mix(String(line.quantity))
            mix(String(line.unitPriceCents))
        }
        return "\"" + String(hash, radix: 16) + "\""
    }
}
