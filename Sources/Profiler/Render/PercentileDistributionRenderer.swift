import Histogram

/// HdrHistogram's percentile-distribution text (as wrk2 `--latency` and the HdrHistogram plotter read it), in ms.
public enum PercentileDistributionRenderer {
    /// The distribution of one latency summary's full histogram, values in milliseconds.
    public static func render(_ summary: LatencySummary) throws(HistogramDecodingError) -> String {
        let histogram = try summary.decodedHistogram()
        var text = ""
        histogram.outputPercentileDistribution(to: &text, outputValueUnitScalingRatio: 1_000)
        return text
    }

    /// The response-time distribution of every request name of a report, each under a `#` title line.
    public static func render(_ report: Report) throws(HistogramDecodingError) -> String {
        var text = ""
        for summary in [report.overall] + report.requests {
            let title = summary.name == RequestSummary.overallName ? "all requests" : summary.name
            text += "# \(title): response time (ms)\n"
            text += try render(summary.responseTime)
            text += "\n"
        }
        return text
    }
}
