import Foundation
import Testing

@testable import Profiler

/// The rate chart adds up the slivers a phase boundary leaves inside a second, instead of charting a spike.
@Suite struct WholeSecondsTests {
    static func slice(_ start: Double, _ end: Double, requests: Int, errors: Int = 0) throws -> TimeSlice {
        let statistics =
            #"{"name":"*","requests":\#(requests),"errors":\#(errors),"p50":1,"p90":1,"p99":1,"max":1,"responseTime":""}"#
        let json =
            #"{"start":\#(start),"end":\#(end),"iterationsStarted":0,"iterationsCompleted":0,"iterationsDropped":0,"overall":\#(statistics),"requests":[]}"#
        return try JSONDecoder().decode(TimeSlice.self, from: Data(json.utf8))
    }

    @Test func aSliverAtAPhaseBoundaryIsAddedToItsSecond() throws {
        let timeline = [
            try Self.slice(8, 9, requests: 60),
            try Self.slice(9, 9.967, requests: 58, errors: 1),
            try Self.slice(9.967, 10, requests: 2),  // alone: 2 in 33 ms
            try Self.slice(10, 11, requests: 60),
        ]
        let seconds = HTMLRenderer.wholeSeconds(timeline)
        #expect(seconds.map(\.start) == [8, 9, 10])
        #expect(seconds.map(\.requests) == [60, 60, 60])
        #expect(seconds[1].errors == 1)
        #expect(abs(seconds[1].length - 1) < 1e-9)
        // Each second charts at 60/s; the sliver alone had only its own 33 ms to divide by.
        #expect(seconds.allSatisfy { abs(Double($0.requests) / $0.length - 60) < 1e-6 })
    }
}
