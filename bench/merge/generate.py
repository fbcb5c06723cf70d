#!/usr/bin/env python3
"""Writes simulated segment reports of one long distributed run, and the same run unsegmented, for `ordeal merge`.

    pip install hdrhistogram numpy
    python3 bench/merge/generate.py OUT_DIR [--seconds 3600] [--rate 600] [--segments 3] [--seed 1]

OUT_DIR/segment-<k>/report.json are the segments (segment k+1 of N, as `--segment auto` writes them with
JOB_COMPLETION_INDEX=k), OUT_DIR/whole/report.json one report with every iteration. One seeded stream of
iterations is dealt out as Ordeal deals a schedule: iteration n goes to segment n mod N, at its intended second.
Each iteration is two requests (login, create-order). Latencies: log-normal around 9 ms and 24 ms, a 0.4 % tail of
150-900 ms, a 1 % error rate on create-order, and one 4 s stall every 10 minutes (requests due then wait for it).
Histograms are HdrHistogram V2 compressed (HISTFAAA), 1 us to 60 s, 3 significant digits, as Ordeal records them.
"""
import argparse
import datetime
import json
import os

import numpy
from hdrh.histogram import HdrHistogram

NAMES = ["login", "create-order"]
PERCENTILES = [0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 95, 97.5, 99, 99.9, 99.99, 100]


def histogram():
    return HdrHistogram(1, 60_000_000, 3)


def record(target, values):
    unique, counts = numpy.unique(values, return_counts=True)
    for value, count in zip(unique.tolist(), counts.tolist()):
        target.record_value(min(max(value, 1), 60_000_000), count)


def latency_view(h):
    count = h.get_total_count()
    at = (lambda p: h.get_value_at_percentile(p) if count else 0)
    return {
        "count": count,
        "min": h.get_min_value() if count else 0,
        "max": h.get_max_value() if count else 0,
        "mean": h.get_mean_value() if count else 0,
        "p50": at(50), "p90": at(90), "p95": at(95), "p99": at(99), "p999": at(99.9), "p9999": at(99.99),
        "distribution": [{"percentile": p, "value": at(p)} for p in PERCENTILES],
        "histogram": h.encode().decode(),
    }


class Totals:
    def __init__(self, name):
        self.name = name
        self.response = histogram()
        self.service = histogram()
        self.requests = 0
        self.errors = 0

    def summary(self, seconds):
        ok = self.requests - self.errors
        return {
            "name": self.name,
            "requests": self.requests,
            "errors": self.errors,
            "errorRate": self.errors / self.requests if self.requests else 0,
            "throughput": self.requests / seconds,
            "bytesSent": self.requests * 180,
            "bytesReceived": self.requests * 320,
            "statusCodes": {k: v for k, v in (("201" if self.name == "create-order" else "200", ok),
                                              ("503", self.errors)) if v},
            "errorKinds": {"status": self.errors} if self.errors else {},
            "responseTime": latency_view(self.response),
            "serviceTime": latency_view(self.service),
        }


def stamp(epoch):
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--seconds", type=int, default=3600)
    parser.add_argument("--rate", type=int, default=600)
    parser.add_argument("--segments", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    random = numpy.random.default_rng(arguments.seed)
    parts = arguments.segments
    names = ["segment-%d" % k for k in range(parts)] + ["whole"]
    totals = {name: [Totals(n) for n in NAMES] + [Totals("*")] for name in names}
    timelines = {name: [] for name in names}
    start = 1_800_000_000.0
    every_response = []
    for second in range(arguments.seconds):
        rate = arguments.rate
        first = second * rate
        n = numpy.arange(first, first + rate)
        service = [numpy.rint(random.lognormal(numpy.log(9000), 0.35, rate)).astype(numpy.int64),
                   numpy.rint(random.lognormal(numpy.log(24000), 0.45, rate)).astype(numpy.int64)]
        for values in service:
            tail = random.random(rate) < 0.004
            values[tail] = random.integers(150_000, 900_000, tail.sum())
        response = [values.copy() for values in service]
        if second % 600 == 300:  # a 4 s stall: what was due in it waits for its end (measured from the intended start)
            offsets = (n - first) * 1_000_000 // rate
            for values in response:
                values += numpy.maximum(0, 4_000_000 - offsets)
        errors = random.random(rate) < 0.01
        every_response += response
        owner = n % parts
        for name in names:
            mine = numpy.ones(rate, bool) if name == "whole" else owner == int(name.split("-")[1])
            count = int(mine.sum())
            slice_requests = []
            overall_slice = histogram()
            overall_requests = overall_errors = 0
            for index, request in enumerate(NAMES):
                picked_response = response[index][mine]
                picked_service = service[index][mine]
                request_errors = int((errors & mine).sum()) if request == "create-order" else 0
                sliced = histogram()
                record(sliced, picked_response)
                record(overall_slice, picked_response)
                for target in (totals[name][index], totals[name][2]):
                    record(target.response, picked_response)
                    record(target.service, picked_service)
                    target.requests += count
                    target.errors += request_errors
                overall_requests += count
                overall_errors += request_errors
                slice_requests.append({
                    "name": request, "requests": count, "errors": request_errors,
                    "p50": sliced.get_value_at_percentile(50), "p90": sliced.get_value_at_percentile(90),
                    "p99": sliced.get_value_at_percentile(99), "max": sliced.get_max_value(),
                    "responseTime": sliced.encode().decode(),
                })
            timelines[name].append({
                "start": second, "end": second + 1,
                "iterationsStarted": count, "iterationsCompleted": count, "iterationsDropped": 0,
                "overall": {
                    "name": "*", "requests": overall_requests, "errors": overall_errors,
                    "p50": overall_slice.get_value_at_percentile(50), "p90": overall_slice.get_value_at_percentile(90),
                    "p99": overall_slice.get_value_at_percentile(99), "max": overall_slice.get_max_value(),
                    "responseTime": overall_slice.encode().decode(),
                },
                "requests": slice_requests,
            })
    seconds = float(arguments.seconds)
    for name in names:
        run = {
            "scenarioName": "simulated-hour", "scenarioHash": "5eed%012x" % arguments.seed,
            "target": "http://order-service:8080", "toolVersion": "0.1.0",
            "host": "generator-%s" % name.split("-")[-1],
            "startedAt": stamp(start), "endedAt": stamp(start + seconds), "loadStartedAt": stamp(start),
            "startAt": stamp(start),
            "phases": [{"name": "steady", "start": 0, "end": seconds}],
        }
        if name != "whole":
            run["segment"] = {"index": int(name.split("-")[1]) + 1, "count": parts}
        report = {
            "schemaVersion": 1, "run": run,
            "overall": totals[name][2].summary(seconds),
            "requests": [t.summary(seconds) for t in totals[name][:2]],
            "timeline": timelines[name], "faults": [], "resources": [],
            # Verdicts as the segment saw them; the merge evaluates the expressions again on the merged data.
            "slos": [
                {"expression": "p99 < 1s", "scope": "run", "metric": "p99", "comparison": "<", "threshold": 1e6,
                 "unit": "us", "status": "passed", "abortOnFail": False},
                {"expression": "error-rate < 1%", "scope": "run", "metric": "error-rate", "comparison": "<",
                 "threshold": 0.01, "unit": "fraction", "status": "passed", "abortOnFail": False},
            ],
        }
        os.makedirs(os.path.join(arguments.out, name), exist_ok=True)
        with open(os.path.join(arguments.out, name, "report.json"), "w") as handle:
            json.dump(report, handle)
    values = numpy.concatenate(every_response)
    exact = {"count": int(values.size), "p50": int(numpy.quantile(values, 0.5, method="inverted_cdf")),
             "p99": int(numpy.quantile(values, 0.99, method="inverted_cdf")),
             "p999": int(numpy.quantile(values, 0.999, method="inverted_cdf")), "max": int(values.max())}
    with open(os.path.join(arguments.out, "exact.json"), "w") as handle:
        json.dump(exact, handle)
    print("exact response times of every request (us): %s" % exact)
    print("wrote %d segments and the whole run, %d s at %d/s, into %s" % (parts, arguments.seconds, arguments.rate,
                                                                          arguments.out))


if __name__ == "__main__":
    main()
