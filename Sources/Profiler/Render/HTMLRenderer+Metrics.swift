extension HTMLRenderer {
    /// The target's scraped counters (increase over the run) and gauges (range, and when they changed).
    static func metricsTable(_ series: [ScrapedSeries]) -> String {
        let rows = series.map { item -> [String] in
            let change: String
            switch item.kind {
            case .counter:
                change = "+" + Format.significant(item.increase ?? 0)
            case .gauge:
                let points = (item.changes ?? []).map {
                    "\(Format.significant($0.value)) at \(Format.significant($0.offset)) s"
                }
                change = points.count > 12 ? "\(points.count) changes" : points.joined(separator: " → ")
            }
            return [
                "<code>\(Format.escaped(item.series))</code>", item.kind.rawValue, Format.escaped(change),
                Format.significant(item.min), Format.significant(item.max),
            ]
        }
        let note =
            "<p class=\"note\">Scraped once a second; counters show their increase over the run, gauges each change.</p>"
        return note + table(["Series", "Type", "Change", "Min", "Max"], rows, numericFrom: 3)
    }
}
