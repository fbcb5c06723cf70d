/// A CSV data file whose rows are handed to iterations, one row per iteration, in turn or at random.
public struct DataSource: Sendable {
    /// The source's name: columns are used as `${name.column}`.
    public var name: String
    /// The file, resolved relative to the scenario file.
    public var path: String
    public var order: Order
    /// Column names from the header row.
    public var columns: [String]
    /// The slot in ``TemplateValues`` each column fills, by column index.
    public var columnSlots: [Int]
    /// Data rows, each with exactly `columns.count` fields.
    public var rows: [[String]]

    public init(name: String, path: String, order: Order, columns: [String], columnSlots: [Int], rows: [[String]]) {
        self.name = name
        self.path = path
        self.order = order
        self.columns = columns
        self.columnSlots = columnSlots
        self.rows = rows
    }

    /// How rows are handed out.
    public enum Order: String, Sendable, CaseIterable {
        /// Row i goes to iteration i, wrapping around at the end.
        case sequential
        /// A uniformly random row per iteration.
        case random
    }

    /// The row for iteration `iteration` (0-based) under this source's order.
    public func row(forIteration iteration: Int, using random: inout some RandomNumberGenerator) -> [String] {
        switch order {
        case .sequential: rows[iteration % rows.count]
        case .random: rows[Int.random(in: 0..<rows.count, using: &random)]
        }
    }
}
