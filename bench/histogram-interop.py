#!/usr/bin/env python3
"""Decodes every HISTFAAA histogram of an Ordeal report.json with PyPI `hdrhistogram` and checks the figures.

    python3 -m venv /tmp/hdr && /tmp/hdr/bin/pip install hdrhistogram
    /tmp/hdr/bin/python bench/histogram-interop.py Tests/ProfilerTests/Golden/report.json

Total count and p50 must match exactly. Java/Python report the highest value of the top bucket as p99/max, while
hdrhistogram-swift clamps percentiles to the exact recorded maximum, so those may differ within one bucket (0.1 %).
"""
import json
import sys

from hdrh.histogram import HdrHistogram


def check(name, summary):
    histogram = HdrHistogram.decode(summary["histogram"])
    assert histogram.get_total_count() == summary["count"], (name, "count")
    if summary["count"]:
        assert histogram.get_value_at_percentile(50) == summary["p50"], (name, "p50")
        for key, percentile in (("p99", 99), ("max", 100)):
            theirs = histogram.get_value_at_percentile(percentile)
            assert abs(theirs - summary[key]) <= max(1, summary[key] // 1000) + 1, (name, key, theirs, summary[key])
    return histogram.get_total_count()


report = json.load(open(sys.argv[1]))
checked = 0
for summary in [report["overall"]] + report["requests"]:
    for view in ("responseTime", "serviceTime"):
        check(f"{summary['name']} {view}", summary[view])
        checked += 1
for second, timeslice in enumerate(report["timeline"]):
    for statistics in [timeslice["overall"]] + timeslice["requests"]:
        histogram = HdrHistogram.decode(statistics["responseTime"])
        assert histogram.get_total_count() >= statistics["requests"] - statistics["errors"], (second, statistics["name"])
        checked += 1
print(f"{checked} histograms decoded by PyPI hdrhistogram, all consistent")
