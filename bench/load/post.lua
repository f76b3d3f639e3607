-- wrk script for bench/load.sh: POSTs one fixed body and prints one machine-readable RESULT line.
-- Environment: BENCH_BODY (file holding the body, read once, binary-safe), BENCH_TYPE (content-type),
-- BENCH_AUTH (an Authorization header value, optional), BENCH_HEADERS (below). The URL (and so the path) comes from wrk's
-- command line. Every response is read to its end, including a streamed (chunked) one.
local path = assert(os.getenv("BENCH_BODY"), "BENCH_BODY is not set")
local file = assert(io.open(path, "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = os.getenv("BENCH_TYPE") or "application/json"
-- BENCH_HEADERS (optional): a file of "name: value" lines sent with every request (the identity headers
-- the gateway sends upstream, so that the direct leg carries the same request).
local extra = os.getenv("BENCH_HEADERS")
if extra ~= nil and extra ~= "" then
  for line in assert(io.open(extra, "r")):lines() do
    local name, value = line:match("^%s*([^:%s]+)%s*:%s*(.-)%s*$")
    if name ~= nil then
      wrk.headers[name] = value
    end
  end
end
local auth = os.getenv("BENCH_AUTH")
if auth ~= nil and auth ~= "" then
  wrk.headers["Authorization"] = auth
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p99_us=%d max_us=%d connect=%d read=%d write=%d timeout=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.timeout, e.status))
end
