/// `junit.xml`: one test case per SLO verdict and per comparison verdict, so CI shows each objective as a test.
public enum JUnitRenderer {
    public static func render(_ report: Report) -> String {
        var cases: [String] = []
        for slo in report.slos {
            let observed = slo.observed.map { Format.slo($0, slo.unit) } ?? "no data"
            let failure: String? =
                slo.passed
                ? nil
                : (slo.note
                    ?? "observed \(observed), threshold \(slo.comparison) \(Format.slo(slo.threshold, slo.unit))")
            cases.append(testCase(name: slo.expression, className: "ordeal.slo", failure: failure, output: observed))
        }
        for metric in report.comparison?.metrics ?? [] {
            let detail =
                "\(Format.metric(metric.baseMedian, metric.metric)) → \(Format.metric(metric.newMedian, metric.metric)) "
                + "(\(Format.change(metric.change)), p=\(Format.pValue(metric.pValue))): \(metric.note)"
            cases.append(
                testCase(
                    name: "\(metric.request) \(metric.metric)",
                    className: "ordeal.comparison",
                    failure: metric.verdict == .regression ? "regression: \(detail)" : nil,
                    output: "\(metric.verdict.rawValue): \(detail)"
                )
            )
        }
        // A run cut short is a failed case of its own: its verdicts cover only part of the planned load.
        if let stopped = report.run.stopped {
            cases.append(
                testCase(
                    name: "run \(stopped.reason)",
                    className: "ordeal.run",
                    failure: stopped.summary,
                    output: stopped.summary
                )
            )
        }
        let failures =
            (report.run.stopped == nil ? 0 : 1) + report.slos.filter { !$0.passed }.count
            + (report.comparison?.metrics.filter { $0.verdict == .regression }.count ?? 0)
        let name = Format.escaped(report.run.title)
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="ordeal" tests="\(cases.count)" failures="\(failures)">
              <testsuite name="\(name)" tests="\(cases.count)" failures="\(failures)" timestamp="\(Format.date(report.run.startedAt))" \
            time="\(Format.significant(report.run.durationSeconds))">
            \(cases.joined(separator: "\n"))
              </testsuite>
            </testsuites>

            """
    }

    static func testCase(name: String, className: String, failure: String?, output: String) -> String {
        var xml = "    <testcase classname=\"\(className)\" name=\"\(Format.escaped(name))\">\n"
        if let failure { xml += "      <failure message=\"\(Format.escaped(failure))\"/>\n" }
        xml += "      <system-out>\(Format.escaped(output))</system-out>\n"
        return xml + "    </testcase>"
    }
}
