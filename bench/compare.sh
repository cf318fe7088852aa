#!/usr/bin/env bash
# Side-by-side benchmark: gorsc's examples/bench against the Next.js
# reference app (../shared/anchors/next-bench), same pages, same machine,
# same load, in one run; each case also with "Accept-Encoding: gzip, br"
# (cases ending in -z). Beside them: "plain", the same "/" page written
# with Go's html/template (HTML only, bench/plain), and "ceiling", a
# prepared body of the size gorsc sends for the case, served from memory
# by the same small Go server: the most this machine serves at that size.
# Prints one table with the ratios gorsc/Next and gorsc/ceiling.
#
#   bash bench/compare.sh               # everything (about 20 minutes)
#   RUNS=1 DURATION=3s WARMUP=2s bash bench/compare.sh   # a quick look
#   REPORT=bench/results/<time> bash bench/compare.sh     # that run's table again
#
# Knobs (environment): DURATION (10s), WARMUP (10s), RUNS (3), CONNS (20),
# THREADS (1), STARTUP_RUNS (3), GORSC_PORT (3200), NEXT_PORT (3100),
# PLAIN_PORT (3300), ONLY (case names to run, space-separated), ENCODING ("gzip, br": the Accept-Encoding of -z cases).
# All traffic goes to 127.0.0.1. Every server this script starts is
# stopped by its PID, also on error or Ctrl-C. Needs: go, node, npm, wrk, curl.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH_DIR=$ROOT/bench
export BENCH_DIR

DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-10s}"
RUNS="${RUNS:-3}"
CONNS="${CONNS:-20}"
THREADS="${THREADS:-1}"
STARTUP_RUNS="${STARTUP_RUNS:-3}"
GORSC_PORT="${GORSC_PORT:-3200}"
NEXT_PORT="${NEXT_PORT:-3100}"
PLAIN_PORT="${PLAIN_PORT:-3300}"
ENCODING="${ENCODING:-gzip, br}"
NEXT_SRC="${NEXT_SRC:-$ROOT/../shared/anchors/next-bench}"
WORK="$BENCH_DIR/.work"
OUT="$BENCH_DIR/results/$(date -u +%Y%m%dT%H%M%SZ)"
export NEXT_TELEMETRY_DISABLED=1
export GORSC_SECRET="bench-secret"

# case name | path | flags: RSC (Flight request), ACTION (the add-todo
# POST), Z (Accept-Encoding: $ENCODING), PLAIN (also run the html/template
# server), CEIL (also run the ceiling at gorsc's size for the case),
# CACHED (gorsc answers from its page cache: the same 200-item page at
# /cached, declared with gorsc.CachePage, against Next's "/", which Next
# renders statically at build time)
CASES=("home-html|/|PLAIN CEIL" "home-cached|/|CACHED" "home-rsc|/?_rsc|RSC CEIL" "slow-html|/slow|" "action|/todos|ACTION CEIL"
       "home-html-z|/|Z PLAIN CEIL" "home-cached-z|/|CACHED Z" "home-rsc-z|/?_rsc|RSC Z CEIL" "slow-html-z|/slow|Z" "action-z|/todos|ACTION Z CEIL")
has() { [[ " $1 " == *" $2 "* ]]; }
# ONLY="home-html action" runs just those cases (a quicker look at a few).
if [ -n "${ONLY:-}" ]; then
  kept=()
  for spec in "${CASES[@]}"; do has "$ONLY" "${spec%%|*}" && kept+=("$spec"); done
  CASES=("${kept[@]}")
fi

# The table, from $OUT/summary.txt (the wrk runs) and $OUT/sizes.txt (RES).
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
field() { # case name key -> median over runs
  { grep "^$1 $2 " "$OUT/summary.txt" || true; } | tr ' ' '\n' | { grep "^$3=" || true; } | cut -d= -f2 | median
}
cpu_per_req() { # case name -> server CPU per request in ms (user+system; the ceiling's is the plain server's)
  local t r
  t=$(field "$1" "$2" cpu_ticks); r=$(field "$1" "$2" requests)
  awk -v t="$t" -v r="$r" -v hz="$(getconf CLK_TCK)" 'BEGIN { if (t == "-" || r == "-" || r == 0) print "-"; else printf "%.3f", t * 1000 / hz / r }'
}
per_resp() { # case name -> median bytes per response (headers included)
  local b r
  b=$(field "$1" "$2" bytes); r=$(field "$1" "$2" requests)
  awk -v b="$b" -v r="$r" 'BEGIN { if (b == "-" || r == "-" || r == 0) print "-"; else printf "%.0f", b / r }'
}
# Ratios below 0.1 get three decimals: a goal such as "p99 at most 1/20"
# must not be met by rounding (0.053 is not 0.05).
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0 || a == "-" || b == "-") print "-"; else if (a / b < 0.1) printf "%.3f", a / b; else printf "%.2f", a / b }'; }

print_table() {
  {
    cat "$OUT/about.txt"
    echo
    row() { printf "| %-11s | %-18s | %10s | %10s | %10s | %10s | %10s | %10s |\n" "$@"; }
    row case metric gorsc next "gorsc/next" plain ceiling "gorsc/ceil"
    printf "|%s|%s|%s|%s|%s|%s|%s|%s|\n" ------------- -------------------- ------------ ------------ ------------ ------------ ------------ ------------
    for spec in "${CASES[@]}"; do
      c=${spec%%|*}
      for key in rps p50_ms p99_ms cpu_ms/req bytes/resp; do
        vals=()
        for name in gorsc next plain ceiling; do
          case $key in
            bytes/resp) vals+=("$(per_resp "$c" "$name")") ;;
            cpu_ms/req) vals+=("$(cpu_per_req "$c" "$name")") ;;
            *) vals+=("$(field "$c" "$name" "$key")") ;;
          esac
        done
        row "$c" "$key" "${vals[0]}" "${vals[1]}" "$(ratio "${vals[0]}" "${vals[1]}")" "${vals[2]}" "${vals[3]}" "$(ratio "${vals[0]}" "${vals[3]}")"
      done
    done
    for key in home_html home_html_gz9 home_html_gzip home_html_z home_rsc home_rsc_z scripts_z slow_html todos_html action_bytes_first action_bytes_z rss_idle_kb rss_load_kb startup_ms; do
      g=${RES[gorsc,$key]:--}; n=${RES[next,$key]:--}; p=${RES[plain,$key]:--}
      row "-" "$key" "$g" "$n" "$(ratio "$g" "$n")" "$p" "-" "-"
    done
  } | tee "$OUT/table.md"
}

# REPORT=bench/results/<time> prints the table of an earlier run again.
if [ -n "${REPORT:-}" ]; then
  OUT=$REPORT
  declare -A RES
  while read -r k v; do RES[$k]=$v; done < "$OUT/sizes.txt"
  print_table
  exit 0
fi

for tool in go node npm wrk curl; do
  command -v "$tool" >/dev/null || { echo "$tool not found (wrk: apt-get install wrk)" >&2; exit 1; }
done
mkdir -p "$OUT" "$WORK"

echo "== building gorsc examples/bench"
[ -d examples/bench/node_modules/react-server-dom-webpack ] || npm ci --prefix examples/bench --no-audit --no-fund --loglevel=error
# Production-like: the browser assets are built (and compressed) ahead of
# time, so the server needs no node_modules and does not bundle at start;
# -tags gorsc_prebuilt leaves the bundler (esbuild) out of the binary.
go build -tags gorsc_prebuilt -o "$WORK/gorsc-bench" ./examples/bench
go run ./cmd/gorsc build -types=false -dir examples/bench -out "$WORK/gorsc-dist" # writes no .props.ts into the example
go build -o "$WORK/plain" ./bench/plain

echo "== preparing the Next.js app (copied to $WORK/next-bench)"
if [ ! -d "$WORK/next-bench" ]; then
  cp -r "$NEXT_SRC" "$WORK/next-bench"
  chmod -R u+w "$WORK/next-bench"
fi
( cd "$WORK/next-bench"
  [ -d node_modules/next ] || npm install --no-audit --no-fund --loglevel=error
  [ -f .next/BUILD_ID ] || node node_modules/next/dist/bin/next build > "$OUT/next-build.log" 2>&1 )

{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "versions: $(go version | awk '{print $3}'), node $(node --version), next $(node -p "require('$WORK/next-bench/node_modules/next/package.json').version"), wrk $(wrk --version 2>&1 | head -1 | awk '{print $2}')"
  echo "load: wrk -t$THREADS -c$CONNS, warm-up $WARMUP, $RUNS x $DURATION alternating; medians; -z cases send Accept-Encoding: $ENCODING"
  echo "plain: the same / with Go's html/template, HTML only; ceiling: gorsc's body size for the case, prepared, served from memory"
} > "$OUT/about.txt"

declare -A PID URL
URL[gorsc]="http://127.0.0.1:$GORSC_PORT"
URL[next]="http://127.0.0.1:$NEXT_PORT"
URL[plain]="http://127.0.0.1:$PLAIN_PORT"

start() { # name
  case "$1" in
    gorsc) ( cd examples/bench && exec "$WORK/gorsc-bench" -addr "127.0.0.1:$GORSC_PORT" -assets "$WORK/gorsc-dist" ) >> "$OUT/gorsc.log" 2>&1 & ;;
    next)  ( cd "$WORK/next-bench" && exec node node_modules/next/dist/bin/next start -H 127.0.0.1 -p "$NEXT_PORT" ) >> "$OUT/next.log" 2>&1 & ;;
    plain) "$WORK/plain" -addr "127.0.0.1:$PLAIN_PORT" >> "$OUT/plain.log" 2>&1 & ;;
  esac
  PID[$1]=$!
}
stop() { # name
  local p="${PID[$1]:-}"
  if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
    kill "$p"
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$p" 2>/dev/null && kill -9 "$p"
    wait "$p" 2>/dev/null || true
  fi
  PID[$1]=""
}
cleanup() { stop gorsc; stop next; stop plain; }
trap cleanup EXIT INT TERM

for name in gorsc next plain; do
  if curl -s -o /dev/null "${URL[$name]}/" 2>/dev/null; then
    echo "something already listens on ${URL[$name]}" >&2; exit 1
  fi
done

# Starts a server and prints the milliseconds until GET / answers 200.
cold_start() { # name
  local t0 t1 code
  t0=$(date +%s%N)
  start "$1"
  for _ in $(seq 1 3000); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "${URL[$1]}/" 2>/dev/null || true)
    if [ "$code" = 200 ]; then t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); return 0; fi
    kill -0 "${PID[$1]}" 2>/dev/null || { echo "$1 died; see $OUT/$1.log" >&2; return 1; }
    sleep 0.005
  done
  echo "$1 did not answer 200 in time" >&2; return 1
}

declare -A RES   # RES[name,key] = value

echo "== cold start (start -> first 200 on /), $STARTUP_RUNS runs each"
for name in gorsc next; do
  : > "$OUT/$name-startup.txt"
  for _ in $(seq 1 "$STARTUP_RUNS"); do cold_start "$name" >> "$OUT/$name-startup.txt"; stop "$name"; done
  RES[$name,startup_ms]=$(median < "$OUT/$name-startup.txt")
  echo "$name: $(tr '\n' ' ' < "$OUT/$name-startup.txt")ms"
done

for name in gorsc next plain; do cold_start "$name" > /dev/null; done

echo "== response sizes"
size() { curl -s -o /dev/null -w '%{size_download}' "$@"; }   # bytes of the body on the wire
for name in gorsc next plain; do
  u=${URL[$name]}
  RES[$name,home_html]=$(size "$u/")
  RES[$name,home_html_gz9]=$(curl -s "$u/" | gzip -9 | wc -c)   # same compressor for all
  RES[$name,home_html_gzip]=$(size -H 'Accept-Encoding: gzip' "$u/")   # each server's own compression
  RES[$name,home_html_z]=$(size -H "Accept-Encoding: $ENCODING" "$u/")
  [ "$name" = plain ] && continue
  RES[$name,home_rsc_z]=$(size -H "Accept-Encoding: $ENCODING" -H 'RSC: 1' "$u/?_rsc")
  RES[$name,home_rsc]=$(curl -s -o /dev/null -w '%{size_download}' -H 'RSC: 1' "$u/?_rsc")
  RES[$name,slow_html]=$(curl -s -o /dev/null -w '%{size_download}' "$u/slow")
  RES[$name,todos_html]=$(curl -s -o /dev/null -w '%{size_download}' "$u/todos")
  RES[$name,rss_idle_kb]=$(ps -o rss= -p "${PID[$name]}" | tr -d ' ')
done
# Next answers an RSC request without its cache-busting param with a 307.
RES[next,home_rsc]=$(curl -s -o /dev/null -w '%{size_download}' -H 'RSC: 1' "${URL[next]}/?_rsc")
# Every script the browser loads for "/", on the wire, as a browser asks for them.
for name in gorsc next; do
  total=0
  for src in $(curl -s "${URL[$name]}/" | grep -o '<script[^>]* src="[^"]*"\|<link rel="modulepreload" href="[^"]*"' | grep -o '"/[^"]*"' | tr -d '"' | sort -u); do
    total=$(( total + $(size -H "Accept-Encoding: $ENCODING" "${URL[$name]}$src") ))
  done
  RES[$name,scripts_z]=$total
done

# The add-todo action, called the way each framework's browser runtime calls it.
GORSC_ACTION_ID=$(curl -s "${URL[gorsc]}/todos" | grep -o 'ACTION_ID_[0-9a-f]\{40\}' | head -1 | sed 's/ACTION_ID_//')
NEXT_ACTION_ID=$(curl -s "${URL[next]}/todos" | grep -o 'ACTION_ID_[0-9a-f]\{42\}' | head -1 | sed 's/ACTION_ID_//')
[ -n "$GORSC_ACTION_ID" ] && [ -n "$NEXT_ACTION_ID" ] || { echo "could not find the action ids" >&2; exit 1; }
NEXT_TREE='Next-Router-State-Tree: %5B%22%22%2C%7B%22children%22%3A%5B%22todos%22%2C%7B%22children%22%3A%5B%22__PAGE__%22%2C%7B%7D%5D%7D%5D%7D%5D'

action_env() { # name -> sets the action script's environment
  if [ "$1" = gorsc ]; then
    export ACTION_HEADER=Gorsc-Action ACTION_ID=$GORSC_ACTION_ID EXTRA_HEADER=""
  else
    export ACTION_HEADER=Next-Action ACTION_ID=$NEXT_ACTION_ID EXTRA_HEADER="$NEXT_TREE"
  fi
  export ORIGIN=${URL[$1]}
}
for name in gorsc next; do
  action_env "$name"
  args=(-X POST "${URL[$name]}/todos" -H "Accept: text/x-component" -H "$ACTION_HEADER: $ACTION_ID" -H "Origin: $ORIGIN"
        -F '_1_title=bench todo' -F '0=["$K1"]')
  [ -n "$EXTRA_HEADER" ] && args+=(-H "$EXTRA_HEADER")
  code=$(curl -s -o "$OUT/$name-action-body.txt" -w '%{http_code}' "${args[@]}")
  [ "$code" = 200 ] || { echo "$name action POST answered $code" >&2; exit 1; }
  RES[$name,action_bytes_first]=$(wc -c < "$OUT/$name-action-body.txt")
  RES[$name,action_bytes_z]=$(size "${args[@]}" -H "Accept-Encoding: $ENCODING")
done

server_of() { [ "$1" = ceiling ] && echo plain || echo "$1"; }
server_ticks() { awk '{print $14 + $15}' "/proc/${PID[$(server_of "$1")]}/stat"; }

# Sets CEIL_BYTES to the size of gorsc's answer body for a case, on the wire.
ceiling_size() { # case spec
  local c path flags args=()
  IFS='|' read -r c path flags <<< "$1"
  has "$flags" Z && args+=(-H "Accept-Encoding: $ENCODING")
  if has "$flags" ACTION; then
    action_env gorsc
    args+=(-X POST -H "Accept: text/x-component" -H "$ACTION_HEADER: $ACTION_ID" -H "Origin: $ORIGIN" -F '_1_title=bench todo' -F '0=["$K1"]')
  elif has "$flags" RSC; then
    args+=(-H 'RSC: 1')
  fi
  CEIL_BYTES=$(size "${args[@]}" "${URL[gorsc]}$path")
}

run_wrk() { # name case duration -> RESULT line
  local name=$1 spec=$2 dur=$3 c path flags url args=()
  IFS='|' read -r c path flags <<< "$spec"
  if [ "$name" = ceiling ]; then
    wrk -t"$THREADS" -c"$CONNS" -d"$dur" --latency -s "$BENCH_DIR/wrk-report.lua" "${URL[plain]}/ceiling/$CEIL_BYTES"
    return
  fi
  url="${URL[$name]}$path"
  has "$flags" CACHED && [ "$name" = gorsc ] && url="${URL[gorsc]}/cached"
  export ACCEPT_ENCODING=""
  if has "$flags" Z; then ACCEPT_ENCODING=$ENCODING; args+=(-H "Accept-Encoding: $ENCODING"); fi
  if has "$flags" ACTION; then
    action_env "$name"
    wrk -t"$THREADS" -c"$CONNS" -d"$dur" --latency -s "$BENCH_DIR/wrk-action.lua" "$url"
  else
    has "$flags" RSC && args+=(-H "RSC: 1")
    wrk -t"$THREADS" -c"$CONNS" -d"$dur" --latency -s "$BENCH_DIR/wrk-report.lua" "${args[@]}" "$url"
  fi
}

: > "$OUT/summary.txt"
for spec in "${CASES[@]}"; do
  IFS='|' read -r c _ flags <<< "$spec"
  names=(gorsc next)
  has "$flags" PLAIN && names+=(plain)
  echo "== $c (warm-up $WARMUP each, then $RUNS x $DURATION alternating ${names[*]}$(has "$flags" CEIL && echo " ceiling"), c=$CONNS t=$THREADS)"
  for name in "${names[@]}"; do run_wrk "$name" "$spec" "$WARMUP" > /dev/null; done
  if has "$flags" CEIL; then
    # After gorsc's warm-up, so that the size is the one under load (the
    # todo list is full by then).
    ceiling_size "$spec"
    echo "ceiling: $CEIL_BYTES bytes"
    names+=(ceiling)
    run_wrk ceiling "$spec" "$WARMUP" > /dev/null
  fi
  for i in $(seq 1 "$RUNS"); do
    for name in "${names[@]}"; do
      s0=$(server_ticks "$name")
      line=$(run_wrk "$name" "$spec" "$DURATION" | grep '^RESULT')
      s1=$(server_ticks "$name")
      echo "$c $name run=$i ${line#RESULT } cpu_ticks=$((s1 - s0))" | tee -a "$OUT/summary.txt"
    done
  done
done
for name in gorsc next plain; do RES[$name,rss_load_kb]=$(ps -o rss= -p "${PID[$name]}" | tr -d ' '); done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/about.txt"
for k in "${!RES[@]}"; do echo "$k ${RES[$k]}"; done > "$OUT/sizes.txt"
print_table
echo "results in $OUT"
