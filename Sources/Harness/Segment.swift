/// One part of a run split across several generator machines: `--segment 2/4` runs the second quarter of the load.
///
/// Every machine computes its own share from its segment alone, as k6's execution segments do, so no coordinator is
/// needed; `ordeal merge` joins the reports afterwards.
public struct Segment: Sendable, Equatable, CustomStringConvertible {
    /// Which part this is, counted from 1.
    public let index: Int
    /// How many parts the load is split into.
    public let count: Int

    /// The whole run, unsplit.
    public static let whole = Segment(uncheckedIndex: 1, count: 1)

    private init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Why a segment literal was refused.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let text: String
        public init(text: String) { self.text = text }
        public var description: String {
            "expected a segment such as 1/4 (part i of n, 1 <= i <= n), found \"\(text)\""
        }
    }

    /// Parses `i/n` with 1 <= i <= n.
    public init(parsing text: String) throws(Failure) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1,
            (1...count).contains(index)
        else { throw Failure(text: text) }
        self.init(uncheckedIndex: index, count: count)
    }

    /// The share of the load this segment carries.
    public var fraction: Double { 1 / Double(count) }

    /// This segment's share of a whole number of things (virtual users, iterations), spread so the parts add up to it.
    public func share(of total: Int) -> Int {
        total * index / count - total * (index - 1) / count
    }

    public var description: String { "\(index)/\(count)" }
}
