import Basics
import Foundation
import Profiler
import TestSupport
import Testing

@testable import Harness

/// Scraping a target's Prometheus metrics: the text format, the HTTP answer, and a real endpoint on loopback.
@Suite struct MetricsScraperTests {
    static func exposition(requests: Int, circuit: Int) -> String {
        """
        # HELP http_requests_total Requests served.
        # TYPE http_requests_total counter
        http_requests_total{route="/orders",status="201"} \(requests)
        http_requests_total{route="/odd path {x}",status="503"} 2
        # TYPE payments_circuit_state gauge
        payments_circuit_state \(circuit)
        # TYPE http_request_duration_seconds histogram
        http_request_duration_seconds_bucket{le="0.005"} 7
        http_request_duration_seconds_sum 0.5
        http_request_duration_seconds_count 7
        untyped_thing 3
        """
    }

    @Test func keepsOnlyTypedCountersAndGauges() {
        let text = PrometheusText(parsing: Self.exposition(requests: 5, circuit: 1))
        #expect(
            text.samples == [
                .init(series: #"http_requests_total{route="/orders",status="201"}"#, kind: .counter, value: 5),
                .init(series: #"http_requests_total{route="/odd path {x}",status="503"}"#, kind: .counter, value: 2),
                .init(series: "payments_circuit_state", kind: .gauge, value: 1),
            ]
        )
    }

    @Test func readsPlainAndChunkedAnswersAndRefusesErrors() throws {
        #expect(try HTTPGet.body(of: "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc") == "abc")
        let chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
        #expect(try HTTPGet.body(of: chunked) == "abcde")
        #expect(throws: HTTPGet.Problem.self) { try HTTPGet.body(of: "HTTP/1.1 503 No\r\n\r\nx") }
        #expect(HTTPGet(url: "http://127.0.0.1:9/metrics")?.path == "/metrics")
        #expect(HTTPGet(url: "https://127.0.0.1/metrics")?.port == 443)
        #expect(HTTPGet(url: "ftp://127.0.0.1/metrics") == nil)
    }

    @Test func countersKeepTheirIncreaseAndGaugesTheirChanges() {
        var counter = ScrapedSeries(source: "u", series: "c_total", kind: .counter, offset: 0, value: 10)
        for (offset, value) in [(1.0, 15.0), (2, 15), (3, 4)] { counter.add(offset: offset, value: value) }
        // 10 → 15 is +5; the drop to 4 is a restart, counted from zero: +4.
        #expect(counter.increase == 9 && counter.last == 4 && counter.min == 4 && counter.max == 15)
        var gauge = ScrapedSeries(source: "u", series: "g", kind: .gauge, offset: 0, value: 0)
        for (offset, value) in [(1.0, 0.0), (2, 1), (3, 1), (4, 0)] { gauge.add(offset: offset, value: value) }
        #expect(gauge.changes?.map(\.offset) == [0, 2, 4] && gauge.changes?.map(\.value) == [0, 1, 0])
        #expect(gauge.increase == nil)
        // A counter first seen after its source's first scrape was created at zero since then.
        let late = ScrapedSeries(source: "u", series: "c2_total", kind: .counter, offset: 5, value: 3, appeared: true)
        #expect(late.increase == 3)
    }

    static func server() async throws -> (FixedResponseServer, Task<Void, any Error>) {
        try await FixedResponseServer.start { number in
            let body = Self.exposition(requests: 10 * number, circuit: number >= 2 ? 1 : 0)
            return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        }
    }

    /// A real endpoint on 127.0.0.1 whose counter grows by 10 per scrape and whose gauge opens on the third; the
    /// scrapes are made one by one, with a timeout far past a starved machine, so nothing depends on timing.
    @Test func scrapesARealEndpoint() async throws {
        let (server, task) = try await Self.server()
        defer { task.cancel() }
        let url = "http://127.0.0.1:\(server.port)/metrics"
        let scraper = MetricsScraper(urls: [url], timeout: .seconds(30))
        for _ in 0..<4 { await scraper.scrapeOnce() }
        let series = scraper.series
        #expect(series.map(\.series).last == "payments_circuit_state")
        let requests = try #require(series.first)
        #expect(requests.kind == .counter && requests.first == 0 && requests.last == 30 && requests.increase == 30)
        let circuit = try #require(series.last)
        #expect(circuit.changes?.map(\.value) == [0, 1] && circuit.last == 1)
        #expect(series.allSatisfy { $0.source == url })
    }

    /// The service loop scrapes at once, then once per interval, until it is cancelled.
    @Test func runScrapesUntilCancelled() async throws {
        let (server, task) = try await Self.server()
        defer { task.cancel() }
        let scraper = MetricsScraper(
            urls: ["http://127.0.0.1:\(server.port)/metrics"],
            interval: .milliseconds(100),
            timeout: .seconds(30)
        )
        let run = Task { await scraper.run() }
        let deadline = ContinuousClock.now + .seconds(120)
        while (scraper.series.first?.last ?? 0) < 20, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        run.cancel()
        _ = await run.result
        #expect((scraper.series.first?.last ?? 0) >= 20, "at least three rounds")
    }

    @Test func anEndpointThatIsDownIsSkippedNotFatal() async throws {
        let scraper = MetricsScraper(urls: ["http://127.0.0.1:1/metrics", "not a url"])
        await scraper.scrapeOnce()
        #expect(scraper.series.isEmpty)
    }
}
