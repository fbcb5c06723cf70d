import Foundation

/// The live dashboard: one self-contained page (inline styles and script, no external request) that draws the run's
/// charts from `/events` as each second arrives, and shows the final report when the run ends.
enum DashboardPage {
    /// The page with the seconds so far (`initial`, a JSON array) drawn as it loads; `/events?after=N` then sends
    /// only what follows them.
    static func html(title: String, initial: String = "[]", count: Int = 0) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Ordeal live: \(escaped(title))</title>
        <style>
        :root { --ink:#0f172a; --muted:#64748b; --line:#e2e8f0; --bg:#f8fafc; --fault:rgba(220,38,38,.12) }
        * { box-sizing: border-box }
        body { margin:0; font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif; color:var(--ink); background:var(--bg) }
        header { padding:16px 20px; background:#0f172a; color:#fff }
        header h1 { margin:0; font-size:18px } header p { margin:4px 0 0; color:#cbd5e1 }
        main { padding:16px 20px; display:grid; gap:16px; grid-template-columns:repeat(auto-fit,minmax(340px,1fr)) }
        .cards { display:grid; grid-template-columns:repeat(auto-fit,minmax(120px,1fr)); gap:10px; grid-column:1/-1 }
        .card, section { background:#fff; border:1px solid var(--line); border-radius:8px; padding:12px }
        .card b { display:block; font-size:22px } .card span { color:var(--muted); font-size:12px }
        section h2 { margin:0 0 8px; font-size:14px }
        svg { width:100%; height:180px; display:block }
        ul { margin:0; padding-left:18px } .passed { color:#059669 } .failed { color:#dc2626 } .no-data { color:#d97706 }
        .legend span { margin-right:10px; font-size:12px } .legend i { display:inline-block; width:10px; height:3px; margin-right:4px; vertical-align:middle }
        </style></head><body>
        <header><h1>\(escaped(title))</h1><p id="status">waiting for the first second…</p></header>
        <main>
        <div class="cards">
          <div class="card"><b id="requests">0</b><span>requests</span></div>
          <div class="card"><b id="errors">0</b><span>errors</span></div>
          <div class="card"><b id="rps">—</b><span>req/s (last second)</span></div>
          <div class="card"><b id="p99">—</b><span>p99 (last second)</span></div>
          <div class="card"><b id="dropped">0</b><span>dropped iterations</span></div>
        </div>
        <section><h2>Response time (ms, from the intended start)</h2><svg id="latency"></svg><div class="legend" id="latency-legend"></div></section>
        <section><h2>Throughput (req/s)</h2><svg id="throughput"></svg></section>
        <section><h2>Concurrency (at each second's end)</h2><svg id="concurrency"></svg><div class="legend" id="concurrency-legend"></div></section>
        <section><h2>Errors by kind (per second)</h2><svg id="errorchart"></svg><div class="legend" id="errors-legend"></div></section>
        <section><h2>Target CPU (% of a core)</h2><svg id="cpu"></svg><div class="legend" id="cpu-legend"></div></section>
        <section><h2>SLOs as they stand</h2><ul id="slos"><li>none</li></ul></section>
        <section><h2>Faults</h2><ul id="faults"><li>none yet</li></ul></section>
        </main>
        <script>
        const palette = ["#2563eb","#db2777","#059669","#d97706","#7c3aed","#0891b2"];
        const seconds = \(initial.replacingOccurrences(of: "</", with: "<\\/"));
        const $ = id => document.getElementById(id);
        function text(id, value) { $(id).textContent = value; }
        function chart(id, series, legendId) {
          const svg = $(id), w = 600, h = 180, pad = 28;
          svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
          const xs = seconds.map(s => s.end), x0 = Math.min(...xs, 0), x1 = Math.max(...xs, 1);
          let y1 = 0; for (const s of series) for (const v of s.values) if (v != null && v > y1) y1 = v;
          y1 = y1 || 1;
          const X = t => pad + (t - x0) / (x1 - x0 || 1) * (w - pad - 4), Y = v => h - 16 - v / y1 * (h - 28);
          let out = "";
          const last = seconds.length ? seconds[seconds.length - 1] : null;
          for (const f of (last ? last.faults : [])) {
            const a = X(f.start), b = X(f.end == null ? x1 : f.end);
            out += `<rect x="${a}" y="4" width="${Math.max(1, b - a)}" height="${h - 20}" fill="var(--fault)"><title>${f.description}</title></rect>`;
          }
          out += `<line x1="${pad}" y1="${h - 16}" x2="${w}" y2="${h - 16}" stroke="#cbd5e1"/>`;
          out += `<text x="2" y="12" font-size="10" fill="#64748b">${+y1.toPrecision(3)}</text>`;
          out += `<text x="${pad}" y="${h - 2}" font-size="10" fill="#64748b">${x0.toFixed(0)} s</text><text x="${w - 40}" y="${h - 2}" font-size="10" fill="#64748b">${x1.toFixed(0)} s</text>`;
          series.forEach((s, i) => {
            const pts = s.values.map((v, j) => v == null ? null : `${X(xs[j]).toFixed(1)},${Y(v).toFixed(1)}`).filter(p => p);
            if (pts.length) out += `<polyline fill="none" stroke="${palette[i % palette.length]}" stroke-width="1.5" points="${pts.join(" ")}"/>`;
          });
          svg.innerHTML = out;
          if (legendId) $(legendId).innerHTML = series.map((s, i) => `<span><i style="background:${palette[i % palette.length]}"></i>${s.name}</span>`).join("");
        }
        function draw() {
          const last = seconds[seconds.length - 1];
          text("requests", last.total.requests.toLocaleString());
          text("errors", last.total.errors.toLocaleString());
          text("dropped", last.total.iterationsDropped.toLocaleString());
          text("rps", Math.round(last.requestRate).toLocaleString());
          text("p99", last.latency ? last.latency.p99.toFixed(2) + " ms" : "—");
          text("status", `${last.end.toFixed(0)} s · phase ${last.phase}`);
          chart("latency", ["p50", "p90", "p99", "max"].map(k => ({ name: k, values: seconds.map(s => s.latency ? s.latency[k] : null) })), "latency-legend");
          chart("throughput", [{ name: "req/s", values: seconds.map(s => s.requestRate) }]);
          chart("concurrency", [
            { name: "virtual users in an iteration", values: seconds.map(s => s.vus) },
            { name: "requests in flight", values: seconds.map(s => s.inFlight) },
          ], "concurrency-legend");
          const kinds = [...new Set(seconds.flatMap(s => Object.keys(s.errorsByKind)))];
          chart("errorchart", kinds.map(k => ({ name: k, values: seconds.map(s => s.errorsByKind[k] || 0) })), "errors-legend");
          const procs = [...new Set(seconds.flatMap(s => s.resources.map(r => r.process)))];
          chart("cpu", procs.map(p => ({ name: p, values: seconds.map(s => { const r = s.resources.find(r => r.process == p); return r ? r.cpuPercent : null; }) })), "cpu-legend");
          $("slos").innerHTML = last.slos.length ? last.slos.map(s => `<li class="${s.status}">${s.status.toUpperCase()} ${s.expression}${s.observed == null ? "" : " (observed " + (+s.observed.toPrecision(4)) + ")"}</li>`).join("") : "<li>none</li>";
          $("faults").innerHTML = last.faults.length ? last.faults.map(f => `<li>${f.description}: ${f.start.toFixed(1)} s → ${f.end == null ? "on" : f.end.toFixed(1) + " s"}</li>`).join("") : "<li>none yet</li>";
        }
        if (seconds.length) draw();
        const events = new EventSource("/events?after=\(count)");
        events.onmessage = e => { seconds.push(JSON.parse(e.data)); draw(); };
        events.addEventListener("end", () => {
          events.close();
          text("status", "run finished; loading the report…");
          fetch("/report").then(r => r.ok ? r.text() : Promise.reject()).then(html => {
            document.open(); document.write(html); document.close();
          }).catch(() => text("status", "run finished"));
        });
        </script></body></html>
        """
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
