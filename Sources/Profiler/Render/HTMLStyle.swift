/// The report page's stylesheet: system fonts, a light palette, and a layout that holds from phone width up.
enum HTMLStyle {
    static let css = """
        :root{--fg:#111827;--muted:#6b7280;--line:#e5e7eb;--bg:#f8fafc;--card:#fff;--pass:#047857;--fail:#b91c1c}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
        main{max-width:1200px;margin:0 auto;padding:24px 20px 40px}
        header{display:flex;flex-wrap:wrap;align-items:center;gap:8px 12px;margin-bottom:16px}
        h1{font-size:26px;margin:0}
        h2{font-size:18px;margin:28px 0 10px}
        .meta{flex-basis:100%;margin:0;color:var(--muted);word-break:break-all}
        .badge,.pill{display:inline-block;border-radius:999px;font-weight:600;white-space:nowrap}
        .badge{padding:4px 12px;font-size:14px}
        .pill{padding:1px 9px;font-size:12px}
        .pass{background:#d1fae5;color:var(--pass)}
        .fail{background:#fee2e2;color:var(--fail)}
        .neutral{background:#e5e7eb;color:#374151}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px}
        .card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px}
        .card span{display:block;color:var(--muted);font-size:13px}
        .card strong{font-size:22px;font-variant-numeric:tabular-nums}
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,520px),1fr));gap:16px}
        .chart{margin:0;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px}
        .chart figcaption{font-weight:600;margin-bottom:6px}
        .chart svg{width:100%;height:auto;display:block}
        .grid{stroke:var(--line);stroke-width:1}
        .axis{stroke:#9ca3af;stroke-width:1}
        .tick{fill:var(--muted);font-size:11px}
        rect.band{fill:#f59e0b;fill-opacity:.14}
        .legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:13px;color:#374151;margin-top:6px}
        .legend i{display:inline-block;width:14px;height:4px;border-radius:2px;margin-right:6px;vertical-align:middle}
        .legend i.band{height:12px;background:#f59e0b;opacity:.3}
        .scroll{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:10px}
        table{border-collapse:collapse;width:100%;font-size:14px}
        th,td{padding:7px 10px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}
        th{background:#f1f5f9;font-weight:600;font-size:13px;color:#374151}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        tbody tr:last-child td{border-bottom:none}
        code{font:13px ui-monospace,SFMono-Regular,Menlo,monospace}
        .empty,.note{color:var(--muted)}
        .warning{margin:0 0 16px;padding:10px 14px;border:1px solid #f59e0b;border-radius:10px;background:#fef3c7;color:#92400e}
        footer{margin-top:32px;color:var(--muted);font-size:13px}
        @media (max-width:600px){main{padding:16px 12px}h1{font-size:21px}.card strong{font-size:18px}.tick{font-size:17px}}
        """
}
