import Profiler

/// The counters and gauges of one Prometheus text exposition (format 0.0.4), in the order they appear.
///
/// Only samples whose exact name has a `# TYPE name counter|gauge` line are kept: histogram and summary samples
/// (`_bucket`, `_sum`, `_count`) and untyped ones are left out, which keeps a report's metrics few and meaningful.
struct PrometheusText: Equatable {
    /// One sample: the series as written (name and labels) and its value.
    struct Sample: Equatable {
        var series: String
        var kind: ScrapedKind
        var value: Double
    }

    var samples: [Sample]

    init(parsing text: String) {
        var kinds: [Substring: ScrapedKind] = [:]
        var samples: [Sample] = []
        for line in text.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("#") {
                let words = line.split(separator: " ", omittingEmptySubsequences: true)
                if words.count == 4, words[1] == "TYPE", let kind = ScrapedKind(rawValue: String(words[3])) {
                    kinds[words[2]] = kind
                }
                continue
            }
            guard let (series, name, rest) = Self.splitSeries(line), let kind = kinds[name],
                let value = rest.split(separator: " ").first.flatMap({ Double($0) })
            else { continue }
            samples.append(Sample(series: String(series), kind: kind, value: value))
        }
        self.samples = samples
    }

    /// `name{labels} value [timestamp]` → (`name{labels}`, `name`, `value [timestamp]`); label values may hold
    /// spaces and braces inside their quotes.
    private static func splitSeries(_ line: Substring) -> (Substring, Substring, Substring)? {
        guard let nameEnd = line.firstIndex(where: { $0 == "{" || $0 == " " }) else { return nil }
        let name = line[..<nameEnd]
        var end = nameEnd
        if line[nameEnd] == "{" {
            var quoted = false
            var escaped = false
            var index = line.index(after: nameEnd)
            while index < line.endIndex {
                let character = line[index]
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    quoted.toggle()
                } else if character == "}", !quoted {
                    break
                }
                index = line.index(after: index)
            }
            guard index < line.endIndex else { return nil }
            end = line.index(after: index)
        }
        return (line[..<end], name, line[end...].drop { $0 == " " })
    }
}

typealias ScrapedKind = ScrapedSeries.Kind
