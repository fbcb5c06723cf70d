import Foundation

/// The mapping from data to pixels of one ``SVGChart``: ranges, ticks and the percentile transform.
struct ChartFrame {
    let xAxis: SVGChart.XAxis
    let xMin: Double
    let xMax: Double
    let yMin: Double
    let yMax: Double
    let yTicks: [Double]
    let yLogarithmic: Bool

    init(xAxis: SVGChart.XAxis, yLogarithmic: Bool, series: [SVGChart.Series], bands: [SVGChart.Band]) {
        self.xAxis = xAxis
        self.yLogarithmic = yLogarithmic
        let xs = series.flatMap { $0.points.map { Self.position($0.x, xAxis) } } + bands.flatMap { [$0.start, $0.end] }
        let ys = series.flatMap { $0.points.map(\.y) }
        xMin = xAxis == .percentile ? 0 : (xs.min() ?? 0)
        let rawMax = xs.max() ?? 1
        let xMin = self.xMin
        xMax =
            xAxis == .percentile
            ? max(2, rawMax.rounded(.up)) : xMin + (Self.niceTicks(upTo: max(rawMax - xMin, 1)).last ?? 1)
        if yLogarithmic {
            yTicks = Self.logTicks(ys.filter { $0 > 0 })
            yMin = yTicks.first ?? 1
        } else {
            yTicks = Self.niceTicks(upTo: max(ys.max() ?? 1, 1e-9))
            yMin = 0
        }
        yMax = yTicks.last ?? 1
    }

    /// Ticks at 1, 2 and 5 times powers of ten (only powers of ten when the range spans more than three decades).
    static func logTicks(_ values: [Double]) -> [Double] {
        let low = floor(log10(values.min() ?? 1))
        let high = max(ceil(log10(values.max() ?? 10)), low + 1)
        let steps: [Double] = high - low > 3 ? [1] : [1, 2, 5]
        var ticks: [Double] = []
        for decade in Int(low)..<Int(high) { ticks += steps.map { $0 * pow(10, Double(decade)) } }
        return ticks + [pow(10, high)]
    }

    /// Where an x value sits on the axis: seconds as they are, a percentile at log10(1 / (1 - p)), capped at 99.9999 %.
    static func position(_ x: Double, _ axis: SVGChart.XAxis) -> Double {
        guard axis == .percentile else { return x }
        let fraction = min(x / 100, 0.999_999)
        return log10(1 / (1 - fraction))
    }

    func x(_ value: Double) -> Double {
        let plotWidth = SVGChart.width - SVGChart.left - SVGChart.right
        return SVGChart.left + (Self.position(value, xAxis) - xMin) / (xMax - xMin) * plotWidth
    }

    func y(_ value: Double) -> Double {
        let plotHeight = SVGChart.height - SVGChart.top - SVGChart.bottom
        let fraction =
            yLogarithmic
            ? (log10(max(value, yMin)) - log10(yMin)) / (log10(yMax) - log10(yMin)) : (value - yMin) / (yMax - yMin)
        return SVGChart.height - SVGChart.bottom - fraction * plotHeight
    }

    /// The x ticks as (data value, label): percentiles 0 %, 90 %, 99 %…, or round numbers of seconds.
    var xTicks: [(Double, String)] {
        switch xAxis {
        case .percentile:
            let labels = ["0%", "90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%"]
            return (0...Int(xMax)).map { decade in
                (100 * (1 - pow(10, -Double(decade))), labels[min(decade, labels.count - 1)])
            }
        case .seconds:
            return Self.niceTicks(upTo: xMax - xMin).map { tick in
                (xMin + tick, Self.secondsLabel(xMin + tick))
            }
        }
    }

    static func secondsLabel(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole < 120 { return "\(whole)s" }
        return whole % 60 == 0 ? "\(whole / 60)m" : "\(whole / 60)m\(whole % 60)s"
    }

    /// About five round ticks from 0 to at least `maximum` (steps of 1, 2 or 5 times a power of ten).
    static func niceTicks(upTo maximum: Double) -> [Double] {
        let rough = maximum / 5
        let power = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= rough } ?? 10 * power
        let count = Int((maximum / step).rounded(.up))
        return (0...max(count, 1)).map { Double($0) * step }
    }
}
