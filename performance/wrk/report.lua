-- Appended to every scenario: prints one JSON line that performance/bench.py reads.
-- Latencies in microseconds; "errors" counts socket errors, timeouts and non-2xx/3xx answers.
function done(summary, latency, requests)
  if bench_done then bench_done() end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"errors":%d,"non2xx":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout + e.status, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
