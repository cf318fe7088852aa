-- Prints one RESULT line per wrk run (same format as wrk-action.lua).
done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  local errs = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_s=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f bytes=%d non2xx3xx=%d sock_errors=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.bytes,
    errs.status, errs.connect + errs.read + errs.write + errs.timeout))
end
