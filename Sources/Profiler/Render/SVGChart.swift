import Foundation

/// A line chart drawn as inline SVG, with optional shaded bands (fault windows) and an HTML legend.
///
/// Only layout happens here: the values come from the report as they are. The x axis is linear (time) or the
/// HdrHistogram percentile axis, where a percentile p sits at log10(1 / (1 - p)), so 90 %, 99 %, 99.9 % are evenly
/// spaced and the tail gets the room it deserves.
struct SVGChart {
    enum XAxis {
        case seconds
        case percentile
    }

    struct Series {
        var name: String
        var color: String
        var points: [(x: Double, y: Double)]
        var dashed = false
        var filled = false
    }

    struct Band {
        var start: Double
        var end: Double
        var label: String
    }

    var title: String
    var xAxis: XAxis
    var series: [Series]
    var bands: [Band] = []
    /// Latency spans decades (a 5 s timeout next to 10 ms responses), so latency charts use a logarithmic y axis.
    var yLogarithmic = false
    var yFormat: (Double) -> String

    static let width = 640.0
    static let height = 260.0
    static let left = 72.0  // room for "100 ms" at the narrow widths where tick text is drawn larger
    static let right = 30.0
    static let top = 14.0
    static let bottom = 34.0

    /// The chart as a `<figure>`: caption, SVG and legend.
    func html() -> String {
        let drawn = series.filter { !$0.points.isEmpty }
        guard !drawn.isEmpty else {
            return "<figure class=\"chart\"><figcaption>\(Format.escaped(title))</figcaption>"
                + "<p class=\"empty\">No data.</p></figure>"
        }
        let frame = ChartFrame(xAxis: xAxis, yLogarithmic: yLogarithmic, series: drawn, bands: bands)
        var svg =
            "<svg viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" role=\"img\" aria-label=\""
            + "\(Format.escaped(title))\" preserveAspectRatio=\"xMidYMid meet\">"
        svg += bands.map { band(frame, $0) }.joined()
        svg += grid(frame)
        for line in drawn { svg += path(frame, line) }
        svg += "</svg>"
        let legend = drawn.map { line in
            "<span><i style=\"background:\(line.color)\(line.dashed ? ";opacity:.55" : "")\"></i>"
                + "\(Format.escaped(line.name))</span>"
        }
        let bandLegend = bands.isEmpty ? "" : "<span><i class=\"band\"></i>fault window</span>"
        return "<figure class=\"chart\"><figcaption>\(Format.escaped(title))</figcaption>\(svg)"
            + "<div class=\"legend\">\(legend.joined())\(bandLegend)</div></figure>"
    }

    private func band(_ frame: ChartFrame, _ band: Band) -> String {
        let x0 = frame.x(band.start)
        let x1 = max(frame.x(band.end), x0 + 1)
        let height = Self.height - Self.top - Self.bottom
        return
            "<rect class=\"band\" x=\"\(f(x0))\" y=\"\(f(Self.top))\" width=\"\(f(x1 - x0))\" height=\"\(f(height))\">"
            + "<title>\(Format.escaped(band.label))</title></rect>"
    }

    private func grid(_ frame: ChartFrame) -> String {
        var svg = ""
        let bottomY = Self.height - Self.bottom
        for tick in frame.yTicks {
            let y = frame.y(tick)
            svg +=
                "<line class=\"grid\" x1=\"\(f(Self.left))\" x2=\"\(f(Self.width - Self.right))\" y1=\"\(f(y))\" y2=\"\(f(y))\"/>"
            svg +=
                "<text class=\"tick\" x=\"\(f(Self.left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(Format.escaped(yFormat(tick)))</text>"
        }
        for (value, label) in frame.xTicks {
            let x = frame.x(value)
            svg += "<line class=\"axis\" x1=\"\(f(x))\" x2=\"\(f(x))\" y1=\"\(f(bottomY))\" y2=\"\(f(bottomY + 4))\"/>"
            svg += "<text class=\"tick\" x=\"\(f(x))\" y=\"\(f(bottomY + 18))\" text-anchor=\"middle\">\(label)</text>"
        }
        svg +=
            "<line class=\"axis\" x1=\"\(f(Self.left))\" x2=\"\(f(Self.width - Self.right))\" y1=\"\(f(bottomY))\" y2=\"\(f(bottomY))\"/>"
        return svg
    }

    private func path(_ frame: ChartFrame, _ line: Series) -> String {
        let points = line.points.map { "\(f(frame.x($0.x))),\(f(frame.y($0.y)))" }
        var svg = ""
        if line.filled, let first = line.points.first, let last = line.points.last {
            let base = f(frame.y(frame.yMin))
            svg +=
                "<path d=\"M\(f(frame.x(first.x))),\(base) L\(points.joined(separator: " L")) L\(f(frame.x(last.x))),\(base) Z\" "
                + "fill=\"\(line.color)\" fill-opacity=\"0.15\" stroke=\"none\"/>"
        }
        let dash = line.dashed ? " stroke-dasharray=\"5 4\"" : ""
        svg +=
            "<path d=\"M\(points.joined(separator: " L"))\" fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"1.8\""
            + "\(dash) stroke-linejoin=\"round\"><title>\(Format.escaped(line.name))</title></path>"
        return svg
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
