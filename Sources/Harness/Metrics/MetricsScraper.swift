import Basics
import Profiler
import Scenarios
import ServiceLifecycle
import Synchronization

/// Scrapes the target's Prometheus metrics URLs once per interval for the whole run, keeping each counter's
/// increase and each gauge's changes (``ScrapedSeries``).
///
/// A URL that does not answer is skipped for that round; scraping never fails the run. At most ``maxSeries``
/// series are kept, the first ones seen, so a target with high-cardinality labels cannot bloat the report.
public final class MetricsScraper: Service, Sendable {
    private let sources: [(url: String, get: HTTPGet)]
    private let interval: Duration
    private let timeout: Duration
    private let clock: RunClock
    private let recorded = Mutex<(order: [String], series: [String: ScrapedSeries], scraped: Set<String>)>(
        ([], [:], [])
    )

    /// The most series kept over all URLs.
    public static let maxSeries = 200

    /// - Parameters:
    ///   - urls: `http://` or `https://host:port/path` URLs; others are ignored.
    ///   - tls: how https URLs are secured (the target's `tls:` block).
    ///   - timeout: how long one URL may take to answer before that round skips it.
    ///   - clock: the run's clock, whose offsets the samples carry.
    public init(
        urls: [String],
        tls: TLSSettings = TLSSettings(),
        interval: Duration = .seconds(1),
        timeout: Duration = .seconds(1),
        clock: RunClock = RunClock()
    ) {
        self.clock = clock
        sources = urls.compactMap { url in HTTPGet(url: url, security: TargetTLS(settings: tls)).map { (url, $0) } }
        self.interval = interval
        self.timeout = timeout
    }

    /// Every series seen so far, in the order first seen.
    public var series: [ScrapedSeries] {
        recorded.withLock { state in state.order.compactMap { state.series[$0] } }
    }

    /// Scrapes until cancelled or shut down gracefully; either ends it at once, not at the next round.
    public func run() async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let round = self.clock.elapsed
                await self.scrapeOnce()
                do {
                    try await self.clock.sleep(until: round + self.interval)
                } catch {
                    return
                }
            }
        }
    }

    /// Scrapes every URL once, now.
    public func scrapeOnce() async {
        for source in sources {
            guard let text = try? await source.get.body(timeout: timeout) else { continue }
            record(PrometheusText(parsing: text), from: source.url, at: clock.elapsed.inSeconds)
        }
    }

    private func record(_ text: PrometheusText, from url: String, at offset: Double) {
        recorded.withLock { state in
            let appeared = state.scraped.contains(url)
            state.scraped.insert(url)
            for sample in text.samples {
                let key = url + " " + sample.series
                if state.series[key] != nil {
                    state.series[key]?.add(offset: offset, value: sample.value)
                } else if state.order.count < Self.maxSeries {
                    state.order.append(key)
                    state.series[key] = ScrapedSeries(
                        source: url,
                        series: sample.series,
                        kind: sample.kind,
                        offset: offset,
                        value: sample.value,
                        appeared: appeared
                    )
                }
            }
        }
    }
}
