import Foundation
import Yams

extension ScenarioBuilder {
    mutating func readData(_ node: Node) -> [DataSource] {
        guard let fields = context.mapping(node, "data sources", allowed: []) else { return [] }
        return fields.entries.compactMap { entry in
            readDataSource(name: entry.key, keyNode: entry.keyNode, node: entry.value)
        }
    }

    private mutating func readDataSource(name: String, keyNode: Node, node: Node) -> DataSource? {
        guard TemplateExpression.isVariableName(name), !name.contains(".") else {
            context.error(keyNode, "\"\(name)\" is not a data source name: expected letters, digits, _ or -")
            return nil
        }
        guard let fields = context.mapping(node, "a data source", allowed: ["csv", "order"]) else { return nil }
        let order = fields["order"].flatMap { node -> DataSource.Order? in
            guard let text = context.string(node, "an order") else { return nil }
            guard let order = DataSource.Order(rawValue: text) else {
                context.error(node, "expected order sequential or random, found \"\(text)\"")
                return nil
            }
            return order
        }
        guard let pathNode = fields.require("csv", context, expected: "the CSV file, relative to the scenario"),
            let path = context.string(pathNode, "a CSV file path")
        else { return nil }
        let resolved = resolve(path)
        guard let (columns, rows) = readCSV(resolved, node: pathNode) else { return nil }
        let slots = columns.map { variables.declare("\(name).\($0)") }
        for column in columns { known.insert("\(name).\(column)") }
        return DataSource(
            name: name,
            path: resolved,
            order: order ?? .sequential,
            columns: columns,
            columnSlots: slots,
            rows: rows
        )
    }

    /// The header and rows of a CSV file; problems inside it are reported at the CSV file's own line and column.
    private func readCSV(_ path: String, node: Node) -> (columns: [String], rows: [[String]])? {
        let text: String
        do {
            text = try YAMLDocument.read(path: path)
        } catch .unreadable(_, let reason) {
            context.error(node, "cannot read data file \(path): \(reason)")
            return nil
        } catch {
            context.error(node, "data file \(path) is not valid UTF-8 text")
            return nil
        }
        let rows: [CSVParser.Row]
        do {
            rows = try CSVParser.parse(text)
        } catch {
            context.error(SourceLocation(file: path, line: error.line, column: error.column), error.message)
            return nil
        }
        guard let header = rows.first else {
            context.error(node, "data file \(path) is empty: expected a header row and at least one data row")
            return nil
        }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var valid = true
        for (index, column) in columns.enumerated()
        where !TemplateExpression.isVariableName(column) || column.contains(".") || columns[..<index].contains(column) {
            context.error(
                SourceLocation(file: path, line: header.line, column: 1),
                "column \(index + 1) \"\(column)\" is not a usable, unique column name (letters, digits, _ or -)"
            )
            valid = false
        }
        for row in rows.dropFirst() where row.fields.count != columns.count {
            context.error(
                SourceLocation(file: path, line: row.line, column: 1),
                "expected \(columns.count) fields as in the header, found \(row.fields.count)"
            )
            valid = false
        }
        if rows.count < 2 { context.error(node, "data file \(path) has a header but no data rows") }
        guard valid, rows.count >= 2 else { return nil }
        return (columns, rows.dropFirst().map(\.fields))
    }
}
