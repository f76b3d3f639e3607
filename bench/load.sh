#!/usr/bin/env bash
# Load benchmark of issue 6: the same traffic straight to the Warp simulator ("direct") and through the
# gateway ("gateway"), alternating, in one run; prints gateway/direct ratios and appends a dated section
# to bench/results/<UTC date>.md (docs/PERFORMANCE.md says how to read it and keeps the current figures).
#
#   bench/load.sh              the full run (10-15 minutes, 20-30 with a mode below, more on a slow host)
#   bench/load.sh --quick      short runs (2 s runs, 30 TTFB samples, 200/400 streams): checks the script
#   bench/load.sh --no-record  do not write bench/results/
#   bench/load.sh --keys       ten named client keys exist (created through POST /admin/keys) and every request through
#                              the gateway carries one: the key check, its limits and the usage ledger on the path
#   bench/load.sh --redis      the gateway shares its state through a redis-server this script starts on a free loopback
#                              port (W2A_REDIS_URL, W2A_SECRET_KEY); REDIS_CAP=N also sets
#                              W2A_MAX_CONCURRENCY_PER_CREDENTIAL=N (a Redis round trip per request, measured apart)
#   bench/load.sh --tls        the production path: the gateway reaches a second simulator over TLS + HTTP/2
#                              (sim --tls, 100 streams per connection, WARP_INSECURE_TLS=true); the direct leg stays
#                              plain, so the ratios compare with a plain run's; the gateway's upstream connection
#                              counts (handshakes, streams per connection, GOAWAYs, resets) from its /metrics; and
#                              two more latency legs with one client, h2load (nghttp2): HTTP/2 over TLS straight to the
#                              TLS simulator, HTTP/1.1 straight to the plain one. Each gateway's added latency is then
#                              also taken over its own upstream reached directly, without the simulator's TLS
#   With --tls, --keys or --redis a second, plain gateway (the same simulator over plain HTTP/1.1, the file store, no
#   named keys) runs beside the one measured and takes the Responses route's place in every phase, so the mode and
#   plain are measured side by side in one run, on the same host minute (a virtual machine's speed drifts by 30%
#   between runs): "plain gateway" in the report. (e) is left out of such runs.
#
# Measures: (a) non-stream latency p50/p99 at concurrency 1 and 32 (bench/load/LatencyClient.java: wrk's latency
# figures are wrong on a 2-core machine, see docs/PERFORMANCE.md) and throughput at 32 (wrk + bench/load/post.lua),
# after a JIT warm-up until throughput settles, with the C2 compiler's CPU during the measured runs;
# (b) time to first byte of a stream p50/p99 (curl time_starttransfer); (c) N concurrent 5-second streams
# (bench/load/StreamClient.java, one NIO selector thread, opens them all)
# (simulator: 50 events x 100 ms): errors, p99 duration against the ideal 5.0 s, gateway CPU seconds and
# peak RSS (VmHWM); (d) start-up time of the gateway to its first successful proxied response; (e) the OpenAI
# Responses route (POST /v1/responses, store false) beside Chat Completions through the same gateway: (a), (b) and
# (c) again with the same turn, so its cost shows as a ratio to the Chat Completions figures.
#
# Loopback only. The one network use outside it: `apt-get install -y wrk` (and with --tls `nghttp2-client`, for
# h2load) from Debian's registry when missing. Every loop is bounded in count and time; the simulator and gateway it starts are killed on exit.
# Overrides (environment): SIM_PORT, GW_PORT, DURATION (s per measured run), ROUNDS, TTFB_SAMPLES,
# STREAM_COUNTS ("2000 4000"), MODEL, GW_JAVA_OPTS (extra JVM flags for the gateway only), WARM_RUN (s per warm-up
# wrk run), WARM_CAP (s of warm-up at most, each way), LAT_WARMUP (s of the latency client's own warm-up),
# STREAM_WARM_MAX (most unmeasured stream runs through the gateway before (c), default 8), CONN_WARM (s of requests
# on new connections each way before (b), default 8), WARM_RESTARTS (restarts of each gateway against the warm
# upstream, each followed by its warm-up; default 3 beside a plain gateway, else 1).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR="$ROOT/gateway/target/warp2api.jar"
LUA="$ROOT/bench/load/post.lua"
QUICK=0
RECORD=1
TLS=0
KEYS=0
REDIS=0
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    --no-record) RECORD=0 ;;
    --tls) TLS=1 ;;
    --keys) KEYS=1 ;;
    --redis) REDIS=1 ;;
    *) echo "usage: bench/load.sh [--quick] [--no-record] [--tls] [--keys] [--redis]" >&2; exit 2 ;;
  esac
done

SIM_PORT=${SIM_PORT:-28981}
GW_PORT=${GW_PORT:-28982}
SIM_TLS_PORT=${SIM_TLS_PORT:-28983}
REDIS_PORT=${REDIS_PORT:-28984}
BASE_PORT=${BASE_PORT:-28985}
BASE=$((TLS || KEYS || REDIS)) # a plain gateway beside the measured one (see the header)
WHOS="direct gateway responses"
((BASE)) && WHOS="direct base gateway"
ADMIN_KEY=bench-admin-key
MODEL=${MODEL:-auto}
QUERY="Say hello to the benchmark in about fifty words."
if ((QUICK)); then
  DURATION=${DURATION:-2}; ROUNDS=${ROUNDS:-1}; TTFB_SAMPLES=${TTFB_SAMPLES:-30}; STREAM_COUNTS=${STREAM_COUNTS:-"200 400"}
  WARM_RUN=${WARM_RUN:-2}; WARM_CAP=${WARM_CAP:-6}; LAT_WARMUP=${LAT_WARMUP:-1}; CONN_WARM=${CONN_WARM:-2}
else
  DURATION=${DURATION:-10}; ROUNDS=${ROUNDS:-2}; TTFB_SAMPLES=${TTFB_SAMPLES:-200}; STREAM_COUNTS=${STREAM_COUNTS:-"2000 4000"}
  WARM_RUN=${WARM_RUN:-5}; WARM_CAP=${WARM_CAP:-90}; LAT_WARMUP=${LAT_WARMUP:-2}; CONN_WARM=${CONN_WARM:-8}
fi
WARM_TOLERANCE=0.05 # warm-up ends when two consecutive warm-up runs differ in req/s by less than this fraction
                    # (and the server's C2 compiler was nearly idle in the last one)
# ---- simulator pacing (format: dev.warp2api.sim.SimConfigFile) ---------------------------------------------
# Open mode (any refresh token), no credits charged, so no run ever meets a quota.
# Fast: 4 text deltas, no gaps (the whole stream in one write) for latency, throughput, TTFB and start-up.
# Paced: 41 text deltas + 9 fixed events = 50 events, 100 ms apart, for the concurrent 5-second streams.
SIM_FAST='{"credits_per_request": 0, "reply_deltas": 4, "reply_gap": 0}'
SIM_PACED='{"credits_per_request": 0, "reply_deltas": 41, "reply_gap": 0.1}'
IDEAL_STREAM_S=5.0
# -------------------------------------------------------------------------------------------------------------

log() { printf '[load %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

TMP=$(mktemp -d /tmp/w2a-load.XXXXXX)
SIM_PID=""
SIM_TLS_PID=""
GW_PID=""
BASE_PID=""
REDIS_PID=""
GW_AUTH="" # with --keys: "Bearer <a named key's secret>", sent with every request through the gateway
stop_pid() { # stop_pid PID: TERM, up to 20 s, then KILL; only processes this script started
  # 20 s: a gateway writing its class-data archive at exit takes 2.5-4.5 s on a slow host; killed, it writes none.
  local pid=$1
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 200); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}
cleanup() {
  stop_pid "$GW_PID"; stop_pid "$BASE_PID"; stop_pid "$SIM_PID"; stop_pid "$SIM_TLS_PID"; stop_pid "$REDIS_PID"
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- tools --------------------------------------------------------------------------------------------------
find_java() { # a JDK >= 21, as the ./warp2api launcher looks for one
  local c v
  for c in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [[ -n "$c" && -x "$c" ]] || continue
    v=$("$c" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    [[ "${v%%.*}" =~ ^[0-9]+$ ]] && ((${v%%.*} >= 21)) && { echo "$c"; return; }
  done
  return 1
}
JAVA=$(find_java) || die "no JDK 21 or newer found (JAVA_HOME, PATH, /usr/lib/jvm)"
JAVA_MAJOR=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
JVM_FLAGS=()
((${JAVA_MAJOR%%.*} >= 25)) && JVM_FLAGS+=(-XX:+UseCompactObjectHeaders) # as ./warp2api does
# As ./warp2api does too: without it Netty (JDK 24+) has no Unsafe, keeps the JDK selector's selected-key HashSet,
# and after a burst of 4,000 connections iterates that set's whole grown table on every select (8% of the
# simulator's CPU in a 4,000-stream run).
((${JAVA_MAJOR%%.*} >= 24)) && JVM_FLAGS+=(--sun-misc-unsafe-memory-access=allow)
if ! command -v wrk >/dev/null; then
  log "installing wrk (apt-get)"
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y wrk >/dev/null; } ||
    die "cannot install wrk"
fi
if ((TLS)) && ! command -v h2load >/dev/null; then
  log "installing h2load (apt-get nghttp2-client)"
  apt-get install -y nghttp2-client >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y nghttp2-client >/dev/null; } ||
    die "cannot install h2load (nghttp2-client)"
fi
command -v curl >/dev/null || die "curl is needed"
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true
# Built here, before any timing, when missing or older than a source (the launcher's rule): a build the
# launcher started inside the gateway's 30 s start-up window would fail the run.
if [[ ! -f "$JAR" || -n "$(find "$ROOT/gateway/src" "$ROOT/bench/src" "$ROOT/pom.xml" "$ROOT/gateway/pom.xml" \
  "$ROOT/bench/pom.xml" -newer "$JAR" -print -quit 2>/dev/null)" ]]; then
  log "building $JAR"
  (cd "$ROOT" && ./mvnw -q -DskipTests package) || die "build failed"
fi
if ((REDIS)); then
  command -v redis-server >/dev/null || die "--redis needs redis-server (apt-get install -y redis-server)"
fi
for p in "$SIM_PORT" "$GW_PORT" $( ((BASE)) && echo "$BASE_PORT") $( ((TLS)) && echo "$SIM_TLS_PORT") $( ((REDIS)) && echo "$REDIS_PORT"); do
  (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && die "port $p is taken (set SIM_PORT / GW_PORT)"
done

# The load clients, compiled once (so no run pays for compiling them); the source launcher when there is no javac.
if [[ -x "${JAVA%/java}/javac" ]] && "${JAVA%/java}/javac" -d "$TMP/classes" "$ROOT/bench/load/LatencyClient.java" \
    "$ROOT/bench/load/StreamClient.java" 2>"$TMP/javac.log"; then
  LATENCY_CLIENT=("$JAVA" -cp "$TMP/classes" LatencyClient)
  STREAM_CLIENT=("$JAVA" -cp "$TMP/classes" StreamClient)
else
  LATENCY_CLIENT=("$JAVA" "$ROOT/bench/load/LatencyClient.java")
  STREAM_CLIENT=("$JAVA" "$ROOT/bench/load/StreamClient.java")
fi

# ---- request bodies (the same turn both ways) -----------------------------------------------------------------
SIM_URL="http://127.0.0.1:$SIM_PORT"
DIRECT_URL="$SIM_URL/ai/multi-agent"
# The gateway's upstream: the same simulator, or with --tls a second one serving TLS + HTTP/2.
SIM_TLS_URL="https://127.0.0.1:$SIM_TLS_PORT"
UPSTREAM_URL=$( ((TLS)) && echo "$SIM_TLS_URL/ai/multi-agent" || echo "$DIRECT_URL")
gateway_env() { # gateway_env KIND COMMAND...: becomes COMMAND (exec) in the working directory and environment of the
  # gateway measured (KIND gateway) or of the plain one beside it (KIND base: plain upstream, file store, no Redis)
  local kind=$1 dir=gw-cwd state=state port=$GW_PORT upstream=$UPSTREAM_URL insecure
  shift
  insecure=$( ((TLS)) && echo true || echo false)
  local own=("${REDIS_ENV[@]}") # this gateway's own settings, or what the plain one must not inherit
  if [[ $kind == base ]]; then
    dir=base-cwd state=state-base port=$BASE_PORT upstream=$DIRECT_URL insecure=false
    own=(-u W2A_REDIS_URL -u W2A_SECRET_KEY -u W2A_MAX_CONCURRENCY_PER_CREDENTIAL)
  fi
  mkdir -p "$TMP/$state" "$TMP/$dir"
  cd "$TMP/$dir" && exec env -u API_TOKEN -u W2A_ADMIN_TOKEN -u WARP_PERSONAL_TOKENS -u WARP_SHARED_TOKENS \
      -u WARP_ANONYMOUS_TOKEN -u WARP_JWT -u WARP_REFRESH_URL -u WARP_GRAPHQL_URL -u W2A_BRIDGE_PORT \
      "${own[@]}" WARP_API_URL="$upstream" WARP_INSECURE_TLS="$insecure" W2A_ADMIN_TOKEN="$ADMIN_KEY" \
      WARP_REFRESH_TOKEN=bench-token W2A_HOST=127.0.0.1 W2A_PORT="$port" \
      W2A_STATE_DIR="$TMP/$state" W2A_JAVA_OPTS="${GW_JAVA_OPTS:-}" JAVA_HOME="${JAVA%/bin/java}" "$@"
}
REDIS_ENV=()
if ((REDIS)); then
  REDIS_ENV=(W2A_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" W2A_SECRET_KEY="$(head -c 32 /dev/urandom | base64)")
  [[ -n "${REDIS_CAP:-}" ]] && REDIS_ENV+=(W2A_MAX_CONCURRENCY_PER_CREDENTIAL="$REDIS_CAP")
fi
# What the gateway sends upstream for this chat (body and identity headers, from the gateway's own settings): the
# direct leg sends exactly that, so the simulator does the same work both ways.
(gateway_env gateway "$JAVA" -cp "$JAR" "$ROOT/bench/load/RequestBody.java" "$TMP/direct.pb" "$TMP/direct.headers" \
  "$MODEL" "$QUERY") || die "cannot build the protobuf request body"
chat_json() { printf '{"model":"%s","stream":%s,"messages":[{"role":"user","content":"%s"}]}' "$MODEL" "$1" "$QUERY"; }
# (e) the same turn as a Responses request; store false, as Codex CLI sends it (nothing is kept per request)
responses_json() { printf '{"model":"%s","stream":%s,"store":false,"input":"%s"}' "$MODEL" "$1" "$QUERY"; }
chat_json false >"$TMP/chat.json"
chat_json true >"$TMP/chat-stream.json"
responses_json false >"$TMP/responses.json"
responses_json true >"$TMP/responses-stream.json"
GW_URL="http://127.0.0.1:$GW_PORT"
CHAT_URL="$GW_URL/v1/chat/completions"
RESPONSES_URL="$GW_URL/v1/responses"
BASE_URL="http://127.0.0.1:$BASE_PORT"
BASE_CHAT_URL="$BASE_URL/v1/chat/completions"

# ---- processes ------------------------------------------------------------------------------------------------
sim_token() { # sim_token PID BASE_URL LOG NAME: waits (<= 30 s) until the simulator PID at BASE_URL hands out a JWT
  # (each simulator signs its own) and prints it; dies naming NAME and the end of LOG if it exits or never does
  local pid=$1 url=$2 log=$3 name=$4 i jwt
  for i in $(seq 300); do
    kill -0 "$pid" 2>/dev/null || { tail -20 "$log" >&2; die "$name exited"; }
    jwt=$(curl -sk --max-time 1 -X POST "$url/proxy/token?key=bench" \
      -d 'grant_type=refresh_token&refresh_token=bench-token' 2>/dev/null |
      sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' || true)
    [[ -n "$jwt" ]] && { echo "$jwt"; return 0; }
    sleep 0.1
  done
  tail -20 "$log" >&2; die "$name did not answer on $url within 30 s"
}
start_sim() { # start_sim CONFIG_JSON: starts the simulator (and with --tls the TLS one) and takes a JWT from each
  printf '%s\n' "$1" >"$TMP/sim.json"
  "$JAVA" "${JVM_FLAGS[@]}" -jar "$JAR" sim --port "$SIM_PORT" --config "$TMP/sim.json" >>"$TMP/sim.log" 2>&1 &
  SIM_PID=$!
  JWT=$(sim_token "$SIM_PID" "$SIM_URL" "$TMP/sim.log" "the simulator")
  ((TLS)) || return 0
  "$JAVA" "${JVM_FLAGS[@]}" -jar "$JAR" sim --tls --h2-max-streams 100 --port "$SIM_TLS_PORT" \
    --config "$TMP/sim.json" >>"$TMP/sim-tls.log" 2>&1 &
  SIM_TLS_PID=$!
  JWT_TLS=$(sim_token "$SIM_TLS_PID" "$SIM_TLS_URL" "$TMP/sim-tls.log" "the TLS simulator")
}

upstream_counts() { # the gateway's upstream connection meters (its /metrics): "handshakes=N goaways=N resets=N ..."
  curl -s --max-time 5 -H "authorization: Bearer $ADMIN_KEY" "$GW_URL/metrics" 2>/dev/null | awk '
    /^warp2api_upstream_handshakes_seconds_count/ { h += $2 }
    /^warp2api_upstream_connections_open / { o = $2 }
    /^warp2api_upstream_streams_in_use_max / { m = $2 }
    /^warp2api_upstream_goaways_total / { g = $2 }
    /^warp2api_upstream_resets_total / { r = $2 }
    /^warp2api_upstream_refused_retries_total / { f = $2 }
    END { printf "handshakes=%d open=%d max_streams_per_connection=%d goaways=%d resets=%d refused_retries=%d\n", h, o, m, g, r, f }'
}

chat_once() { # chat_once [WHO]: one non-stream chat through the gateway (WHO base: the plain one); prints the HTTP status
  local who=${1:-gateway} auth
  auth=$(auth_of "$who")
  curl -s -o /dev/null -w '%{http_code}' --max-time 15 -H 'content-type: application/json' ${auth:+-H "authorization: $auth"} \
    --data-binary @"$TMP/chat.json" "$(url_of "$who")" 2>/dev/null || echo 000
}

start_gateway() { # start_gateway [KIND]: starts the gateway (KIND base: the plain one beside it), waits (<= 30 s) for
  # its first 200 to a proxied chat; sets STARTUP_MS and GW_PID (BASE_PID)
  local kind=${1:-gateway} t0 i pid
  t0=$(date +%s%N)
  gateway_env "$kind" "$ROOT/warp2api" serve >>"$TMP/$kind.log" 2>&1 & # the launcher: the JVM flags users get
  pid=$!
  if [[ $kind == base ]]; then BASE_PID=$pid; else GW_PID=$pid; fi
  for i in $(seq 3000); do
    kill -0 "$pid" 2>/dev/null || { tail -20 "$TMP/$kind.log" >&2; die "the gateway ($kind) exited"; }
    (($(date +%s%N) - t0 > 30000000000)) && break
    if [[ $(chat_once "$kind") == 200 ]]; then
      STARTUP_MS=$((($(date +%s%N) - t0) / 1000000))
      return 0
    fi
    sleep 0.01
  done
  tail -20 "$TMP/$kind.log" >&2; die "the gateway ($kind) proxied no chat within 30 s"
}

stop_all() {
  stop_pid "$GW_PID"; GW_PID=""; stop_pid "$BASE_PID"; BASE_PID=""
  stop_pid "$SIM_PID"; SIM_PID=""; stop_pid "$SIM_TLS_PID"; SIM_TLS_PID=""
}

cpu_seconds() { # utime + stime of PID, in seconds
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' "/proc/$1/stat"
}
peak_rss_mib() { awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
thread_ticks() { # thread_ticks PID NAME_PREFIX: "TID CPU_TICKS" per live thread of PID whose name starts with NAME_PREFIX
  local t comm
  for t in /proc/"$1"/task/*; do
    comm=$(cat "$t/comm" 2>/dev/null) || continue
    [[ $comm == "$2"* ]] || continue
    awk -v tid="${t##*/}" '{ sub(/^.*\) /, ""); print tid, $12 + $13 }' "$t/stat" 2>/dev/null || true
  done
}
loop_snapshot() { thread_ticks "$1" "vert.x-eventloo"; } # loop_snapshot PID: per Vert.x event loop thread of PID
busiest_loop_between() { # busiest_loop_between BEFORE AFTER: the busiest event loop's share (%) of the loops' CPU in between
  awk 'NR == FNR { before[$1] = $2; next } { d = $2 - before[$1]; s += d; if (d > m) m = d } END { printf "%.0f", s ? 100 * m / s : 0 }' \
    <(printf '%s\n' "$1") <(printf '%s\n' "$2")
}
c2_snapshot() { thread_ticks "$1" "C2 CompilerThre"; } # c2_snapshot PID: per live C2 compiler thread of PID
c2_seconds_between() { # c2_seconds_between BEFORE AFTER: C2 CPU seconds spent between two snapshots
  # A thread born in between counts whole; one that ended in between (the JVM can stop idle compiler threads)
  # is lost, so this is a lower bound; with one C2 thread (2 cores) it is exact.
  awk -v hz="$(getconf CLK_TCK)" 'NR == FNR { before[$1] = $2; next } { s += $2 - before[$1] } END { printf "%.2f", s / hz }' \
    <(printf '%s\n' "$1") <(printf '%s\n' "$2")
}

# ---- measurements ---------------------------------------------------------------------------------------------
wrk_to() { # wrk_to WHO GATEWAY_BODY SECONDS WRK_ARGS...: wrk with post.lua straight to the simulator (the protobuf body)
  # or through the gateway (GATEWAY_BODY; WHO responses: to /v1/responses); prints wrk's output, whatever its exit status
  local who=$1 body=$2 secs=$3
  shift 3
  if [[ $who == direct ]]; then
    BENCH_BODY="$TMP/direct.pb" BENCH_TYPE=application/x-protobuf BENCH_AUTH="Bearer $JWT" \
      BENCH_HEADERS="$TMP/direct.headers" timeout $((secs + 60)) wrk -d"${secs}s" --timeout 20s "$@" -s "$LUA" "$DIRECT_URL" || true
  else
    BENCH_BODY="$body" BENCH_TYPE=application/json BENCH_AUTH="$(auth_of "$who")" \
      timeout $((secs + 60)) wrk -d"${secs}s" --timeout 20s "$@" -s "$LUA" "$(url_of "$who")" || true
  fi
}
url_of() { # url_of WHO: where WHO (gateway, responses, base) is reached
  case $1 in responses) echo "$RESPONSES_URL" ;; base) echo "$BASE_CHAT_URL" ;; *) echo "$CHAT_URL" ;; esac
}
auth_of() { [[ $1 == base ]] || echo "$GW_AUTH"; } # auth_of WHO: the Authorization value its requests carry, if any
pid_of() { # pid_of WHO: the process that serves WHO's requests
  case $1 in direct | h2plain) echo "$SIM_PID" ;; h2tls) echo "$SIM_TLS_PID" ;; base) echo "$BASE_PID" ;; *) echo "$GW_PID" ;; esac
}
upstream_pid_of() { # upstream_pid_of WHO: the simulator behind WHO (none for direct)
  case $1 in direct | h2plain | h2tls) ;; base) echo "$SIM_PID" ;; *) if ((TLS)); then echo "$SIM_TLS_PID"; else echo "$SIM_PID"; fi ;; esac
}
body_of() { [[ $1 == responses ]] && echo "$TMP/responses${2:-}.json" || echo "$TMP/chat${2:-}.json"; } # body_of WHO [-stream]
wrk_run() { # wrk_run WHO CONNS SECONDS: one wrk run direct or through the gateway; prints its RESULT line
  local who=$1 conns=$2 secs=$3 out
  out=$(wrk_to "$who" "$(body_of "$who")" "$secs" -t1 -c"$conns" --latency)
  grep '^RESULT' <<<"$out" || die "wrk printed no result for $who c=$conns"
}
h2load_run() { # h2load_run WHO CONNS SECONDS [WARMUP_S] [STREAMS]: closed-loop latency straight to a simulator with h2load,
  # STREAMS (default 1) per connection at a time: WHO h2tls HTTP/2 over TLS to the TLS one, h2plain HTTP/1.1 to the plain one (the same client
  # both ways, so their difference is the simulator's own TLS + HTTP/2 cost); prints a RESULT line as lat_run does
  local who=$1 conns=$2 secs=$3 warm=${4:-$LAT_WARMUP} streams=${5:-1} url=$DIRECT_URL jwt=$JWT proto=(--h1) out log=$TMP/h2load.log
  local headers=()
  [[ $who == h2tls ]] && url="$SIM_TLS_URL/ai/multi-agent" jwt=$JWT_TLS proto=()
  ((warm > 0)) && proto+=(--warm-up-time "$warm")
  while IFS= read -r l; do [[ -n "$l" ]] && headers+=(-H "$l"); done <"$TMP/direct.headers"
  rm -f "$log"
  out=$(timeout $((secs + warm + 90)) h2load "${proto[@]}" -t1 -c"$conns" -m"$streams" -D "$secs" \
    --log-file "$log" -d "$TMP/direct.pb" -H 'content-type: application/x-protobuf' -H "authorization: Bearer $jwt" \
    "${headers[@]}" "$url" 2>&1 || true)
  [[ -s "$log" ]] || die "h2load wrote no log for $who c=$conns: $(tail -3 <<<"$out")"
  # Log columns: start (us since the epoch), status, us to the end of the response (warm-up not logged).
  local bad errored timeouts
  bad=$(awk '$2 != 200 { n++ } END { print n + 0 }' "$log")
  errored=$(sed -n 's/.* \([0-9]*\) errored.*/\1/p' <<<"$out" | head -1)
  timeouts=$(sed -n 's/.* \([0-9]*\) timeout.*/\1/p' <<<"$out" | head -1)
  local us=$TMP/h2load.us n
  awk '$2 == 200 { print $3 }' "$log" >"$us"
  n=$(wc -l <"$us")
  printf 'RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p99_us=%d max_us=%d connect=0 read=%d write=0 timeout=%d non2xx=%d\n' \
    "$n" "$secs" "$(awk -v n="$n" -v s="$secs" 'BEGIN { print n / s }')" "$(pct "$us" 50)" "$(pct "$us" 99)" \
    "$(pct "$us" 100)" "${errored:-0}" "${timeouts:-0}" "$bad"
}
lat_run() { # lat_run WHO CONNS SECONDS: closed-loop latency (bench/load/LatencyClient.java); prints its RESULT line
  local who=$1 conns=$2 secs=$3 out
  if [[ $who == h2tls || $who == h2plain ]]; then
    h2load_run "$who" "$conns" "$secs"
    return
  fi
  if [[ $who == direct ]]; then
    out=$(BENCH_HEADERS="$TMP/direct.headers" timeout $((secs + LAT_WARMUP + 90)) "${LATENCY_CLIENT[@]}" "$DIRECT_URL" "$conns" "$secs" "$LAT_WARMUP" \
      "$TMP/direct.pb" application/x-protobuf "Bearer $JWT" || true)
  else
    local auth
    auth=$(auth_of "$who")
    out=$(timeout $((secs + LAT_WARMUP + 90)) "${LATENCY_CLIENT[@]}" "$(url_of "$who")" "$conns" "$secs" "$LAT_WARMUP" \
      "$(body_of "$who")" application/json "${auth:--}" || true)
  fi
  grep '^RESULT' <<<"$out" || die "the latency client printed no result for $who c=$conns"
}
warm_up() { # warm_up WHO [LABEL]: wrk runs of WARM_RUN s at c=32 until settled (<= WARM_CAP s): the req/s of two runs in a
  # row agree within WARM_TOLERANCE and the C2 compiler of the server measured (the simulator direct, the gateway
  # through it) used under 2% of one core in the last run, so a plateau in the middle of compiling does not pass
  # (with 10%, the TLS gateway passed at its first plateau, then lost a quarter of it for 30 s while C2 recompiled).
  # Also reported: the plateau, the first run that reached 95% of the settled req/s (one run's noise can delay the
  # settling by a run or two while the throughput had long been there).
  local who=$1 label=${2:-$1} spent=0 prev="" rps pid c0 c2 history="" up u0 upc2=""
  pid=$(pid_of "$who"); up=$(upstream_pid_of "$who")
  while ((spent < WARM_CAP)); do
    c0=$(c2_snapshot "$pid"); [[ -n "$up" ]] && u0=$(c2_snapshot "$up")
    if [[ $who == h2tls ]]; then # as the gateway will reach it: 32 streams on 2 connections (one per event loop)
      rps=$(field "$(h2load_run h2tls 2 "$WARM_RUN" 0 16)" rps)
    else
      rps=$(field "$(wrk_run "$who" 32 "$WARM_RUN")" rps)
    fi
    c2=$(c2_seconds_between "$c0" "$(c2_snapshot "$pid")")
    [[ -n "$up" ]] && upc2="; its simulator's C2 $(c2_seconds_between "$u0" "$(c2_snapshot "$up")") s"
    spent=$((spent + WARM_RUN))
    history+="$spent $rps"$'\n'
    log "(a) warm-up $label: ${rps} req/s after ${spent} s (C2 ${c2} s in this run${upc2})"
    if [[ -n "$prev" ]] && awk -v a="$prev" -v b="$rps" -v t="$WARM_TOLERANCE" -v c="$c2" -v r="$WARM_RUN" \
        'BEGIN { d = a - b; if (d < 0) d = -d; exit !(a > 0 && d / a < t && c < 0.02 * r) }'; then
      PLATEAU[$label]=$(awk -v f="$rps" '$2 >= 0.95 * f { print $1; exit }' <<<"$history") SETTLED[$label]=$spent
      WARMED[$label]="settled after ${spent} s (${rps} req/s), plateau (95%) from ${PLATEAU[$label]} s"
      return
    fi
    prev=$rps
  done
  WARMED[$label]="not settled within ${WARM_CAP} s (${rps} req/s at the end)"
  PLATEAU[$label]=">${WARM_CAP}" SETTLED[$label]=">${WARM_CAP}"
  log "(a) warm-up $label: throughput still moving after ${WARM_CAP} s (the figures below may include JIT work)"
}
stream_run() { # stream_run WHO N: N streams opened at once, each read to its end (bench/load/StreamClient.java)
  local who=$1 n=$2
  if [[ $who == direct ]]; then
    BENCH_HEADERS="$TMP/direct.headers" timeout 150 "${STREAM_CLIENT[@]}" "$DIRECT_URL" "$n" "$TMP/direct.pb" application/x-protobuf \
      "Bearer $JWT" "data:" 60 || die "the stream client failed (direct, $n)"
  else # a gateway's stream ends with its dialect's last event
    local auth last="data: [DONE]"
    auth=$(auth_of "$who")
    [[ $who == responses ]] && last="event: response.completed"
    timeout 150 "${STREAM_CLIENT[@]}" "$(url_of "$who")" "$n" "$(body_of "$who" -stream)" application/json \
      "${auth:--}" "$last" 60 || die "the stream client failed ($who, $n)"
  fi
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; } # field RESULT_LINE NAME
errors_of() { local r=$1; echo $(($(field "$r" connect) + $(field "$r" read) + $(field "$r" write) + $(field "$r" timeout) + $(field "$r" non2xx))); }
mean() { awk '{ s += $1; n++ } END { if (n) printf "%.1f", s / n; else print "n/a" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
ms() { awk -v u="$1" 'BEGIN { printf "%.3f", u / 1000 }'; }
sec() { awk -v u="$1" 'BEGIN { printf "%.3f", u / 1e6 }'; }

conn_warm() { # conn_warm WHO SECONDS: unmeasured stream requests each on a new connection (wrk, Connection: close)
  # Each TTFB sample is a new curl connection, while the (a) warm-up keeps 32 connections open: the code that sets up a
  # connection would still run cold (interpreted) in (b) and add 0.6-0.8 ms that a long-running server never shows.
  local out
  out=$(wrk_to "$1" "$(body_of "$1" -stream)" "$2" -t1 -c4 -H 'Connection: close')
  log "(b) connection warm-up $1: $(field "$(grep '^RESULT' <<<"$out")" requests) requests on new connections"
}
ttfb_samples() { # alternating streams of each of WHOS; TTFB in microseconds into ttfb-<who>
  local i t who auth
  for who in direct gateway responses base; do : >"$TMP/ttfb-$who"; done
  for i in $(seq "$TTFB_SAMPLES"); do
    for who in $WHOS; do
      if [[ $who == direct ]]; then
        t=$(curl -s -N -o /dev/null --max-time 10 -w '%{time_starttransfer}' -H "authorization: Bearer $JWT" \
          -H @"$TMP/direct.headers" \
          -H 'content-type: application/x-protobuf' --data-binary @"$TMP/direct.pb" "$DIRECT_URL") || t=""
      else
        auth=$(auth_of "$who")
        t=$(curl -s -N -o /dev/null --max-time 10 -w '%{time_starttransfer}' -H 'content-type: application/json' \
          ${auth:+-H "authorization: $auth"} --data-binary @"$(body_of "$who" -stream)" "$(url_of "$who")") || t=""
      fi
      [[ -n "$t" ]] && awk -v t="$t" 'BEGIN { printf "%d\n", t * 1e6 }' >>"$TMP/ttfb-$who"
    done
  done
}
pct() { sort -n "$1" | awk -v p="$2" '{ v[NR] = $1 } END { if (!NR) { print 0; exit } i = int(NR * p / 100 + 0.999); if (i < 1) i = 1; print v[i] }'; }

# ---- run ------------------------------------------------------------------------------------------------------
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
# On a virtual machine the host may run our two vCPUs less than we ask (steal time): the same commit measured 21k
# and 13k direct req/s at c=32 an hour apart, on the same machine. The share stolen over the run is reported.
STAT_BEFORE=$(head -1 /proc/stat)
# Steal does not show everything: an hour later the simulator alone needed 129-166 instead of 89 us of CPU per request
# with under 1% steal. So the same fixed single-thread job (SHA-256 of 200 MB) is timed before and after the run.
speed_check() { # MB/s of sha256sum over 200 MB of zeros
  local t0 t1
  t0=$(date +%s%N); head -c 200000000 /dev/zero | sha256sum >/dev/null; t1=$(date +%s%N)
  awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.0f", 200 / (ns / 1e9) }'
}
SPEED_BEFORE=$(speed_check)
log "java: $JAVA ($JAVA_MAJOR); sim :$SIM_PORT, gateway :$GW_PORT; work dir $TMP"
start_redis() { # a throwaway redis-server on REDIS_PORT (no persistence), waited for (<= 10 s)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
    >"$TMP/redis.log" 2>&1 &
  REDIS_PID=$!
  local i
  for i in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null && return 0
    sleep 0.1
  done
  die "redis-server did not listen on :$REDIS_PORT within 10 s"
}
create_keys() { # ten named keys (no limits) through the admin API; GW_AUTH becomes the first one's secret
  local i answer secret first=""
  for i in $(seq 10); do
    answer=$(curl -s --max-time 10 -H "authorization: Bearer $ADMIN_KEY" -H 'content-type: application/json' \
      -d "{\"name\":\"bench-$i\"}" "$GW_URL/admin/keys") || die "cannot create key bench-$i"
    secret=$(sed -n 's/.*"secret":"\([^"]*\)".*/\1/p' <<<"$answer")
    [[ -n "$secret" ]] || die "POST /admin/keys gave no secret for bench-$i"
    [[ -n "$first" ]] || first=$secret
  done
  GW_AUTH="Bearer $first"
  [[ $(chat_once) == 200 ]] || die "a request with a named key was refused"
}
((REDIS)) && start_redis
log "phase 1: fast replies (${DURATION}s wrk runs x $ROUNDS rounds, $TTFB_SAMPLES TTFB samples)"
start_sim "$SIM_FAST"
JSA="${JAR%.jar}.jsa"
if [[ ! -f "$JSA" || "$JSA" -ot "$JAR" ]]; then
  # The launcher's class-data-sharing archive is made by a jar's first run: do that run unmeasured,
  # so (d) is the start-up every later run has.
  start_gateway
  log "first run of this jar (makes its class-data archive, not measured): ${STARTUP_MS} ms"
  stop_pid "$GW_PID"
  rm -rf "$TMP/state"
fi
start_gateway
log "(d) gateway start-up to first proxied response: ${STARTUP_MS} ms"
if ((BASE)); then
  STARTUP_D_MS=$STARTUP_MS
  start_gateway base
  log "(d) the plain gateway beside it, start-up to first proxied response: ${STARTUP_MS} ms"
  BASE_STARTUP_MS=$STARTUP_MS
  STARTUP_MS=$STARTUP_D_MS
fi
if ((KEYS)); then
  create_keys
  log "ten named keys created; every request through the gateway carries bench-1's"
fi

log "(a) JIT warm-up, not measured: ${WARM_RUN} s wrk runs at c=32 each way until two in a row differ by < 5% (<= ${WARM_CAP} s)"
declare -A WARMED PLATEAU SETTLED
# With --tls the TLS simulator is warmed straight too (h2load), before the gateways: Warp is always warm, so the
# first warm-up of each gateway faces a warm upstream, as the plain one's does after the direct leg's.
for who in $( ((TLS)) && echo "direct h2tls base gateway" || echo "$WHOS"); do warm_up "$who"; done
C2_GW0=$(c2_snapshot "$GW_PID"); C2_SIM0=$(c2_snapshot "$SIM_PID")
declare -A R
for round in $(seq "$ROUNDS"); do
  order=$WHOS
  # Beside a plain gateway, every other round takes the two gateways in the other order, so a host that speeds up or
  # slows down during the rounds favours neither.
  ((BASE && round % 2 == 0)) && order="direct gateway base"
  # With --tls the latency rows also take both simulators straight through h2load (see h2load_run), in turn.
  # (An if, not `((TLS)) && ...`: under set -e a substitution that ends false stops the whole script.)
  h2legs=$(if ((TLS)); then if ((round % 2)); then echo "h2plain h2tls"; else echo "h2tls h2plain"; fi; fi)
  for kind in lat1 lat32 wrk32; do
    for who in $order $([[ $kind == lat* ]] && echo "$h2legs"); do
      case $kind in
        lat1) line=$(lat_run "$who" 1 "$DURATION") ;;
        lat32) line=$(lat_run "$who" 32 "$DURATION") ;;
        wrk32) # with the CPU microseconds per request of the process serving it and of the simulator behind it, and
          # how evenly that simulator's event loops shared the work (an HTTP/2 connection is served by one loop)
          up=$(upstream_pid_of "$who")
          c0=$(cpu_seconds "$(pid_of "$who")"); u0=$([[ -n "$up" ]] && cpu_seconds "$up" || echo 0)
          l0=$(if [[ -n "$up" ]]; then loop_snapshot "$up"; fi)
          line=$(wrk_run "$who" 32 "$DURATION")
          c1=$(cpu_seconds "$(pid_of "$who")"); u1=$([[ -n "$up" ]] && cpu_seconds "$up" || echo 0)
          l1=$(if [[ -n "$up" ]]; then loop_snapshot "$up"; fi)
          line+=$(awk -v n="$(field "$line" requests)" -v c="$c0" -v d="$c1" -v u="$u0" -v v="$u1" \
            'BEGIN { if (n > 0) printf " cpu_us=%.1f upstream_cpu_us=%.1f", (d - c) * 1e6 / n, (v - u) * 1e6 / n }')
          if [[ -n "$up" ]]; then line+=" upstream_busiest_loop_pct=$(busiest_loop_between "$l0" "$l1")"; fi ;;
      esac
      log "(a) round $round $kind $who: $line"
      R[$who,$kind]+="$line"$'\n'
    done
  done
done
C2_GW=$(c2_seconds_between "$C2_GW0" "$(c2_snapshot "$GW_PID")")
C2_SIM=$(c2_seconds_between "$C2_SIM0" "$(c2_snapshot "$SIM_PID")")
log "(a) C2 compiler CPU during the measured runs: gateway ${C2_GW} s, simulator ${C2_SIM} s"
summarise_a() { # summarise_a WHO KIND FIELD: mean over rounds
  { grep "^RESULT" <<<"${R[$1,$2]:-}" || true; } | while read -r l; do field "$l" "$3"; done | mean
}
ERR_A=0
for k in "${!R[@]}"; do
  while read -r l; do [[ -n "$l" ]] && ERR_A=$((ERR_A + $(errors_of "$l"))); done <<<"${R[$k]}"
done

for who in $WHOS; do conn_warm "$who" "$CONN_WARM"; done
log "(b) time to first byte, $TTFB_SAMPLES streams each way, alternating"
ttfb_samples
TD50=$(pct "$TMP/ttfb-direct" 50); TD99=$(pct "$TMP/ttfb-direct" 99)
TG50=$(pct "$TMP/ttfb-gateway" 50); TG99=$(pct "$TMP/ttfb-gateway" 99)
TR50=$(pct "$TMP/ttfb-responses" 50); TR99=$(pct "$TMP/ttfb-responses" 99)
TB50=$(pct "$TMP/ttfb-base" 50); TB99=$(pct "$TMP/ttfb-base" 99)
TTFB_N="$(wc -l <"$TMP/ttfb-direct")/$(wc -l <"$TMP/ttfb-gateway")"
# The gateways' warm-up again, each restarted against the upstream that is now warm, as Warp always is. Beside a plain
# gateway both restart WARM_RESTARTS times (default 3), in turn and in alternating order: one warm-up's plateau moves by
# 10-30 s with the host, so the report gives each one and their median. (d) is each one's first restart.
WARM_RESTARTS=${WARM_RESTARTS:-$( ((BASE)) && echo 3 || echo 1)}
restart_and_warm() { # restart_and_warm WHO ROUND
  local label=restart
  if [[ $1 == base ]]; then
    stop_pid "$BASE_PID"; BASE_PID=""; start_gateway base; label=restart-base
    if (($2 == 1)); then BASE_RESTART_MS=$STARTUP_MS; fi
  else
    stop_pid "$GW_PID"; GW_PID=""; start_gateway
    if (($2 == 1)); then GW_RESTART_MS=$STARTUP_MS; fi
  fi
  log "(a) the $( [[ $1 == base ]] && echo "plain ")gateway restarted against the warm upstream (${STARTUP_MS} ms, restart $2 of $WARM_RESTARTS); its warm-up again"
  warm_up "$1" "$label$2"
  RESTART_PLATEAUS[$label]+="${PLATEAU[$label$2]} " RESTART_SETTLED[$label]+="${SETTLED[$label$2]} "
}
declare -A RESTART_PLATEAUS RESTART_SETTLED
for ((k = 1; k <= WARM_RESTARTS; k++)); do
  order="gateway base"; ((k % 2 == 0)) && order="base gateway"
  for who in $order; do
    if [[ $who == base ]] && ((!BASE)); then continue; fi
    restart_and_warm "$who" "$k"
  done
done
median_of() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for label in restart restart-base; do
  [[ -n "${RESTART_PLATEAUS[$label]:-}" ]] || continue
  plats=${RESTART_PLATEAUS[$label]% } setts=${RESTART_SETTLED[$label]% }
  WARMED[$label]="plateau (95%) from ${plats// /, } s (median $(median_of <<<"$plats") s), settled after ${setts// /, } s"
done
STARTUP_MS=$GW_RESTART_MS
if ((BASE)); then BASE_STARTUP_MS=$BASE_RESTART_MS; fi # (d) of the plain gateway: a restart too
stop_all

log "phase 2: paced replies (50 events x 100 ms); concurrent streams: $STREAM_COUNTS"
start_sim "$SIM_PACED"
STARTUP_FAST_MS=$STARTUP_MS
start_gateway # its first chat (one paced stream, ~5 s) also warms the token cache before the streams
log "gateway restarted with paced replies; first paced chat after ${STARTUP_MS} ms"
((BASE)) && start_gateway base
# Both processes are fresh here. Unmeasured runs of the largest count warm them: direct twice, through the gateway
# until its CPU seconds for a run settle (two runs in a row within 10%, and its C2 compiler under 0.3 CPU s in the
# last; at most STREAM_WARM_MAX runs). A cold gateway
# spends most of its first 4,000-stream run compiling (10.8 -> 5.5 -> 4.0 -> 3.4 CPU s over four runs), and the first
# run at a new high opens that many more upstream connections; the largest count also sets the peak RSS measured.
warm_n=0
for n in $STREAM_COUNTS; do ((n > warm_n)) && warm_n=$n; done
if ((warm_n > 0)); then
  log "(c) warm-up, not measured: $warm_n streams each way, the gateway until its CPU per run settles"
  stream_run direct "$warm_n" >/dev/null
  stream_run direct "$warm_n" >/dev/null
  for who in $WHOS; do
    [[ $who == direct || $who == responses ]] && continue
    prev=""
    for ((w = 1; w <= ${STREAM_WARM_MAX:-8}; w++)); do
      k0=$(c2_snapshot "$(pid_of "$who")"); c0=$(cpu_seconds "$(pid_of "$who")")
      stream_run "$who" "$warm_n" >/dev/null
      c1=$(cpu_seconds "$(pid_of "$who")"); k1=$(c2_snapshot "$(pid_of "$who")")
      used=$(awk -v a="$c0" -v b="$c1" 'BEGIN{printf "%.2f", b-a}')
      jit=$(c2_seconds_between "$k0" "$k1")
      log "(c) warm-up run $w through the $( [[ $who == base ]] && echo "plain ")gateway: $used CPU s ($jit s of it C2)"
      if [[ -n "$prev" ]] && awk -v p="$prev" -v u="$used" -v j="$jit" \
          'BEGIN{exit !(u <= p * 1.1 && u >= p * 0.9 && j < 0.3)}'; then
        break
      fi
      prev=$used
    done
  done
fi
STREAM_ROWS=""
RESP_STREAM_ROWS=""
BASE_STREAM_ROWS=""
CONN_ROWS=""
for n in $STREAM_COUNTS; do
  d=$(stream_run direct "$n")
  log "(c) $n streams direct: $d"
  if ((BASE)); then
    b0=$(cpu_seconds "$BASE_PID")
    b=$(stream_run base "$n")
    b1=$(cpu_seconds "$BASE_PID")
    log "(c) $n streams plain gateway: $b (cpu $(awk -v a="$b0" -v b="$b1" 'BEGIN{printf "%.2f", b-a}') s)"
    BASE_STREAM_ROWS+="| $n | $(field "$b" requests) / $(errors_of "$b") | $(sec "$(field "$b" p99_us)") | $(awk -v p="$(field "$b" p99_us)" -v i="$IDEAL_STREAM_S" 'BEGIN{printf "%.3f", p / 1e6 / i}') | $(awk -v a="$b0" -v b="$b1" 'BEGIN{printf "%.2f", b-a}') | $(peak_rss_mib "$BASE_PID") |"$'\n'
  fi
  cpu0=$(cpu_seconds "$GW_PID")
  h0=$(field " $(upstream_counts)" handshakes)
  g=$(stream_run gateway "$n")
  cpu1=$(cpu_seconds "$GW_PID")
  counts=$(upstream_counts)
  log "(c) $n streams gateway, upstream: $counts (handshakes during the run: $(($(field " $counts" handshakes) - h0)))"
  CONN_ROWS+="| $n | $(($(field " $counts" handshakes) - h0)) | $(field " $counts" open) | $(field " $counts" max_streams_per_connection) | $(field " $counts" goaways) / $(field " $counts" resets) / $(field " $counts" refused_retries) |"$'\n'
  rss=$(peak_rss_mib "$GW_PID")
  log "(c) $n streams gateway: $g (cpu $(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN{printf "%.2f", b-a}') s, peak RSS $rss MiB)"
  STREAM_ROWS+="| $n | $(field "$d" requests) / $(errors_of "$d") | $(sec "$(field "$d" p99_us)") | $(field "$g" requests) / $(errors_of "$g") | $(sec "$(field "$g" p99_us)") | $(awk -v p="$(field "$g" p99_us)" -v i="$IDEAL_STREAM_S" 'BEGIN{printf "%.3f", p / 1e6 / i}') | $(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN{printf "%.2f", b-a}') | $rss |"$'\n'
  ((BASE)) && continue # no (e) beside a plain gateway
  cpu2=$(cpu_seconds "$GW_PID")
  e=$(stream_run responses "$n")
  cpu3=$(cpu_seconds "$GW_PID")
  log "(e) $n streams responses: $e (cpu $(awk -v a="$cpu2" -v b="$cpu3" 'BEGIN{printf "%.2f", b-a}') s)"
  RESP_STREAM_ROWS+="| $n | $(field "$e" requests) / $(errors_of "$e") | $(sec "$(field "$e" p99_us)") | $(awk -v a="$cpu2" -v b="$cpu3" 'BEGIN{printf "%.2f", b-a}') | $(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN{printf "%.2f", b-a}') |"$'\n'
done
stop_all

# ---- report ---------------------------------------------------------------------------------------------------
D1_50=$(summarise_a direct lat1 p50_us); G1_50=$(summarise_a gateway lat1 p50_us)
D1_99=$(summarise_a direct lat1 p99_us); G1_99=$(summarise_a gateway lat1 p99_us)
D1_RPS=$(summarise_a direct lat1 rps); G1_RPS=$(summarise_a gateway lat1 rps)
D32_50=$(summarise_a direct lat32 p50_us); G32_50=$(summarise_a gateway lat32 p50_us)
D32_99=$(summarise_a direct lat32 p99_us); G32_99=$(summarise_a gateway lat32 p99_us)
D32_RPS=$(summarise_a direct wrk32 rps); G32_RPS=$(summarise_a gateway wrk32 rps)
E1_50=$(summarise_a responses lat1 p50_us); E1_99=$(summarise_a responses lat1 p99_us)
E32_50=$(summarise_a responses lat32 p50_us); E32_99=$(summarise_a responses lat32 p99_us)
E32_RPS=$(summarise_a responses wrk32 rps)
added() { awk -v g="$1" -v d="$2" 'BEGIN { printf "%+.3f", (g - d) / 1000 }'; }
G32_CPU=$(summarise_a gateway wrk32 cpu_us); G32_UP=$(summarise_a gateway wrk32 upstream_cpu_us)
D32_CPU=$(summarise_a direct wrk32 cpu_us)
SECTION_E=""
if ((!BASE)); then
  SECTION_E=$(cat <<EOF
| (e) Responses (\`/v1/responses\`, store false) | chat completions | responses | responses - chat / ratio |
|---|---|---|---|
| c=1 p50 ms (LatencyClient) | $(ms "$G1_50") | $(ms "$E1_50") | $(added "$E1_50" "$G1_50") ms |
| c=1 p99 ms (LatencyClient) | $(ms "$G1_99") | $(ms "$E1_99") | $(added "$E1_99" "$G1_99") ms |
| c=32 p50 ms (LatencyClient) | $(ms "$G32_50") | $(ms "$E32_50") | $(added "$E32_50" "$G32_50") ms |
| c=32 p99 ms (LatencyClient) | $(ms "$G32_99") | $(ms "$E32_99") | $(added "$E32_99" "$G32_99") ms |
| c=32 req/s (wrk) | $G32_RPS | $E32_RPS | x$(ratio "$E32_RPS" "$G32_RPS") |
| stream TTFB p50 ms | $(ms "$TG50") | $(ms "$TR50") | $(added "$TR50" "$TG50") ms |
| stream TTFB p99 ms | $(ms "$TG99") | $(ms "$TR99") | $(added "$TR99" "$TG99") ms |

| (e) Responses streams | done / errors | p99 s | gateway CPU s (responses) | gateway CPU s (chat, same N) |
|---|---|---|---|---|
${RESP_STREAM_ROWS%$'\n'}
EOF
)
  SECTION_E+=$'\n\n'
fi
SECTION_BASE=""
if ((BASE)); then
  B1_50=$(summarise_a base lat1 p50_us); B1_99=$(summarise_a base lat1 p99_us)
  B32_50=$(summarise_a base lat32 p50_us); B32_99=$(summarise_a base lat32 p99_us)
  B32_RPS=$(summarise_a base wrk32 rps)
  B32_CPU=$(summarise_a base wrk32 cpu_us); B32_UP=$(summarise_a base wrk32 upstream_cpu_us)
  B32_LOOP=$(summarise_a base wrk32 upstream_busiest_loop_pct); G32_LOOP=$(summarise_a gateway wrk32 upstream_busiest_loop_pct)
  pct_of() { awk -v m="$1" -v b="$2" 'BEGIN { if (b != 0) printf "%+.0f%%", 100 * (m - b) / (b < 0 ? -b : b); else print "n/a" }'; }
  TLS_ROWS="" TLS_NOTE=""
  if ((TLS)); then # each gateway's added latency over its own upstream reached straight by the same client, h2load
    minus() { awk -v a="$1" -v b="$2" 'BEGIN { print a - b }'; }
    for c in 1 32; do
      HP=$(summarise_a h2plain "lat$c" p50_us); HT=$(summarise_a h2tls "lat$c" p50_us)
      BP=$(summarise_a base "lat$c" p50_us); GP=$(summarise_a gateway "lat$c" p50_us)
      TLS_ROWS+="| c=$c added p50 ms over its upstream reached straight by h2load (plain: HTTP/1.1 to the plain simulator,"
      TLS_ROWS+=" $(ms "$HP") ms; this mode: HTTP/2 over TLS to the TLS one, $(ms "$HT") ms) | $(added "$BP" "$HP") |"
      TLS_ROWS+=" $(added "$GP" "$HT") | $(added "$(minus "$GP" "$HT")" "$(minus "$BP" "$HP")") ms"
      TLS_ROWS+=" ($(pct_of "$(minus "$GP" "$HT")" "$(minus "$BP" "$HP")") of plain's) |"$'\n'
    done
    TLS_NOTE=$'\n'"The h2load rows: the direct leg above is plain, so this mode's added latency there also holds the simulator's
own TLS + HTTP/2 work (encrypting, framing), which real Warp does on its own machines. h2load (nghttp2), one stream per
connection at a time, takes each simulator straight in the same rounds: HTTP/1.1 to the plain one, HTTP/2 over TLS to
the TLS one; the same client both ways, so each gateway's added latency over its own upstream compares like with like.
Before the gateways' first warm-up h2load warms the TLS simulator straight, 32 streams on 2 connections as the gateway
reaches it (${WARMED[h2tls]}), as the direct leg warms
the plain one: real Warp is always warm, so both gateways' first warm-ups face a warm upstream."
  fi
  SECTION_BASE=$(cat <<EOF
| side by side: this mode against a plain gateway (same run, alternating) | plain gateway | this mode | difference |
|---|---|---|---|
| c=1 added p50 / p99 ms | $(added "$B1_50" "$D1_50") / $(added "$B1_99" "$D1_99") | $(added "$G1_50" "$D1_50") / $(added "$G1_99" "$D1_99") | $(added "$G1_50" "$B1_50") / $(added "$G1_99" "$B1_99") ms |
| c=32 added p50 / p99 ms | $(added "$B32_50" "$D32_50") / $(added "$B32_99" "$D32_99") | $(added "$G32_50" "$D32_50") / $(added "$G32_99" "$D32_99") | $(added "$G32_50" "$B32_50") / $(added "$G32_99" "$B32_99") ms ($(pct_of "$(awk -v g="$G32_50" -v d="$D32_50" 'BEGIN { print g - d }')" "$(awk -v g="$B32_50" -v d="$D32_50" 'BEGIN { print g - d }')") of plain's added p50) |
| c=32 req/s (wrk) | $B32_RPS | $G32_RPS | x$(ratio "$G32_RPS" "$B32_RPS") |
| c=32 CPU us per request: the gateway / the simulator behind it | $B32_CPU / $B32_UP | $G32_CPU / $G32_UP | $(pct_of "$G32_CPU" "$B32_CPU") / $(pct_of "$G32_UP" "$B32_UP") |
| c=32: the simulator behind it, its busiest event loop's share of its $(nproc) loops' CPU (even: $((100 / $(nproc)))%; an HTTP/2 connection is served by one) | ${B32_LOOP}% | ${G32_LOOP}% | |
| stream TTFB added p50 / p99 ms | $(added "$TB50" "$TD50") / $(added "$TB99" "$TD99") | $(added "$TG50" "$TD50") / $(added "$TG99" "$TD99") | |
| JIT warm-up (first start; after ${WARM_RESTARTS} restarts against the warm upstream, in turn) | ${WARMED[base]}; ${WARMED[restart-base]} | ${WARMED[gateway]}; ${WARMED[restart]} | |
| start-up to first proxied chat | ${BASE_STARTUP_MS} ms | ${STARTUP_FAST_MS} ms | |
${TLS_ROWS}
| (c) streams, the plain gateway | done / errors | p99 s | p99 / ideal ${IDEAL_STREAM_S} s | CPU s | peak RSS MiB |
|---|---|---|---|---|---|
${BASE_STREAM_ROWS%$'\n'}

The plain gateway reaches the same simulator over plain HTTP/1.1, keeps its state in files and has no named keys; it and
the gateway measured take turns in every phase, so both see the same host. CPU per request: the process's user + system
CPU over the measured wrk runs divided by their requests (the direct leg's simulator: ${D32_CPU} us).${TLS_NOTE}
EOF
)
  SECTION_BASE+=$'\n\n'
fi

SPEED_AFTER=$(speed_check)
STEAL_PCT=$(awk 'NR == 1 { for (i = 2; i <= 9; i++) a += $i; s = $9 } NR == 2 { for (i = 2; i <= 9; i++) b += $i;
  printf "%.1f", (b - a > 0) ? 100 * ($9 - s) / (b - a) : 0 }' <(echo "$STAT_BEFORE") <(head -1 /proc/stat))
REPORT=$(cat <<EOF
### $(date -u +%Y-%m-%dT%H:%MZ) — bench/load.sh$( ((QUICK)) && echo ' --quick')$( ((TLS)) && echo ' --tls (gateway to a TLS + HTTP/2 simulator, 100 streams per connection; direct leg plain)')$( ((KEYS)) && echo ' --keys (ten named keys; requests carry one)')$( ((REDIS)) && echo " --redis (state shared through a local redis-server${REDIS_CAP:+, W2A_MAX_CONCURRENCY_PER_CREDENTIAL=$REDIS_CAP})")

Machine: $(nproc) cores, $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo), memory $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}');
$("$JAVA" -version 2>&1 | head -1); wrk $(wrk --version 2>&1 | awk 'NR==1 {print $2}'); load average before the run $LOAD_BEFORE;
CPU time the host took from this machine during the run (steal): ${STEAL_PCT}% (above a few per cent, the figures are the host's);
CPU speed check (sha256sum of 200 MB, one thread) before / after the run: ${SPEED_BEFORE} / ${SPEED_AFTER} MB/s;
commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown). Simulator, gateway and load generator share the machine.
Command: \`bench/load.sh${*:+ $*}\` (${DURATION} s per measured run, $ROUNDS alternating rounds, means over rounds).

| (a) non-stream | direct | gateway | added / ratio |
|---|---|---|---|
| c=1 p50 ms (LatencyClient) | $(ms "$D1_50") | $(ms "$G1_50") | $(added "$G1_50" "$D1_50") ms |
| c=1 p99 ms (LatencyClient) | $(ms "$D1_99") | $(ms "$G1_99") | $(added "$G1_99" "$D1_99") ms |
| c=1 req/s (LatencyClient) | $D1_RPS | $G1_RPS | x$(ratio "$G1_RPS" "$D1_RPS") |
| c=32 p50 ms (LatencyClient) | $(ms "$D32_50") | $(ms "$G32_50") | $(added "$G32_50" "$D32_50") ms |
| c=32 p99 ms (LatencyClient) | $(ms "$D32_99") | $(ms "$G32_99") | $(added "$G32_99" "$D32_99") ms |
| c=32 req/s (wrk) | $D32_RPS | $G32_RPS | x$(ratio "$G32_RPS" "$D32_RPS") |
| c=32 CPU us per request (wrk runs): the serving process; the gateway's simulator | $D32_CPU | $G32_CPU; $G32_UP | |
| errors (all runs) | | | $ERR_A |

(a) JIT warm-up (wrk, ${WARM_RUN} s runs at c=32, not measured): direct ${WARMED[direct]}, gateway ${WARMED[gateway]}, the gateway again after restarts against the now warm upstream: ${WARMED[restart]}; C2 compiler CPU during the measured runs: gateway ${C2_GW} s, simulator ${C2_SIM} s.

| (b) stream TTFB ($TTFB_N samples) | direct | gateway | added |
|---|---|---|---|
| p50 ms | $(ms "$TD50") | $(ms "$TG50") | $(added "$TG50" "$TD50") ms |
| p99 ms | $(ms "$TD99") | $(ms "$TG99") | $(added "$TG99" "$TD99") ms |

| (c) streams | direct done / errors | direct p99 s | gateway done / errors | gateway p99 s | gateway p99 / ideal ${IDEAL_STREAM_S} s | gateway CPU s | gateway peak RSS MiB |
|---|---|---|---|---|---|---|---|
${STREAM_ROWS%$'\n'}

| (c) upstream connections (gateway's /metrics) | handshakes during the run | open after | most streams on one connection | GOAWAYs / resets / refused resends (total) |
|---|---|---|---|---|
${CONN_ROWS%$'\n'}

(c) all N streams opened (at most 3,072 awaiting their first byte) and each read to its end (\`bench/load/StreamClient.java\`, 60 s timeout); "done" counts streams that ended normally (200 and, through the gateway, \`[DONE]\`); errors are every other outcome.

${SECTION_E}${SECTION_BASE}(d) start-up, gateway process launch (JVM start included) to its first successful proxied chat: ${STARTUP_FAST_MS} ms.
EOF
)
echo
echo "$REPORT"
if ((RECORD)); then
  RESULTS="$ROOT/bench/results/$(date -u +%F).md"
  mkdir -p "$(dirname "$RESULTS")"
  [[ -f "$RESULTS" ]] || printf '# Load and JMH results, %s\n' "$(date -u +%F)" >"$RESULTS"
  printf '\n%s\n' "$REPORT" >>"$RESULTS"
  log "appended to ${RESULTS#"$ROOT"/}"
fi
