#!/usr/bin/env bash
# Benchmarks of kg at scale. Generates synthetic corpora (kg synth), builds them on 1 and 2
# threads, times snapshot save and load, query latencies on the largest graph, peak memory
# of build and REPL, and REPL start-up on the seeds. Prints the figures and writes them to
# docs/PERFORMANCE.md with the machine they ran on.
#
#   bench/run.sh                 # 1 000, 10 000 and 100 000 articles (about 10 minutes)
#   bench/run.sh 1000 5000       # other sizes; the largest one gets the query figures
#   BENCH_DIR=/data/kg bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
work="${BENCH_DIR:-/tmp/kg-bench}"
mkdir -p "$work"
out=docs/PERFORMANCE.md

command -v /usr/bin/time >/dev/null 2>&1 || [ -x /usr/bin/time ] || {
  apt-get update -qq && apt-get install -y -qq time
}
cargo build --release -q
kg=./target/release/kg

# Runs a command under /usr/bin/time; sets $wall (seconds) and $rss (peak KiB).
measure() {
  local f="$work/time.txt"
  /usr/bin/time -f "%e %M" -o "$f" "$@" >"$work/out.txt" 2>"$work/err.txt"
  read -r wall rss <"$f"
}

# Runs a query 30 times on a snapshot; prints "median p99" in ms.
latency() {
  "$kg" query "$1" --repeat 30 -c "$2" 2>&1 >/dev/null | sed -E 's/.*median ([0-9.]+) ms, p99 ([0-9.]+) ms.*/\1 \2/'
}

rows=()
declare -A t1 mbps
for n in "${sizes[@]}"; do
  corpus="$work/c$n"
  if [ "$(find "$corpus" -name '*.txt' 2>/dev/null | wc -l)" -ne "$n" ]; then
    rm -rf "$corpus"
    "$kg" synth --articles "$n" --seed 1 -o "$corpus" >/dev/null
  fi
  bytes=$(find "$corpus" -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')
  mb=$(python3 -c "print(f'{$bytes/1e6:.1f}')")
  for j in 1 2; do
    measure "$kg" build "$corpus" -o "$work/g$n.kg" -j "$j"
    save=$(awk '/^save:/ {print $2}' "$work/out.txt")
    line=$(python3 -c "print(f'| {$n:,} | {$mb} | $j | {$wall:.2f} | {$bytes/1e6/$wall:.2f} | {$n/$wall:,.0f} | {$rss/1024:,.0f} |')")
    rows+=("$line")
    [ "$j" = 1 ] && t1[$n]=$wall
    mbps[$n,$j]=$(python3 -c "print(f'{$bytes/1e6/$wall:.1f}')")
    echo "build $n articles ($mb MB), -j $j: ${wall} s, peak ${rss} KiB, save ${save} s"
  done
done

largest="${sizes[${#sizes[@]}-1]}"
snap="$work/g$largest.kg"
measure "$kg" stats "$snap"
size=$(awk '/^size:/ {print $2}' "$work/out.txt")
load=$(awk '/^load:/ {print $2}' "$work/out.txt")
nodes=$(awk '/^nodes:/ {print $2}' "$work/out.txt")
edges=$(awk '/^edges:/ {print $2}' "$work/out.txt")
measure "$kg" build "$work/c$largest" -o "$work/g$largest.kg" -j 2
save=$(awk '/^save:/ {print $2}' "$work/out.txt")
build_rss=$rss
echo "snapshot of $largest articles: $size bytes, $nodes nodes, $edges edges, save $save s, load $load s"

person=$("$kg" query "$snap" --format csv -c "MATCH (p:Person)-[:CHAIRED]->() RETURN p.name AS n, count(*) AS c ORDER BY c DESC LIMIT 1;" 2>/dev/null | sed -n 2p | cut -d, -f1)
declare -A q
q[name]="MATCH (p:Person {name: '$person'}) RETURN p.name, id(p);"
q[onehop]="MATCH (p:Person {name: '$person'})-[h:HOLDS]->(b) RETURN h.title, h.as_of, b.name;"
q[who]="who chaired"
q[twohop]="MATCH (p:Person {name: '$person'})-[:CHAIRED]->(m:Meeting)<-[:CONVENED]-(c:PartyCommittee)-[:IN]->(d:District) RETURN m.date, c.name, d.name;"
q[varlen]="MATCH (p:Person {name: '$person'})-[:HOLDS|IN*1..3]->(x:Province) RETURN DISTINCT x.name;"
declare -A lat
for k in name onehop who twohop varlen; do
  lat[$k]=$(latency "$snap" "${q[$k]}")
  echo "query $k: median/p99 ms ${lat[$k]}"
done

printf 'MATCH (p:Person) RETURN count(*);\nwho chaired\n' >"$work/script.txt"
measure "$kg" repl "$snap" <"$work/script.txt"
repl_rss=$rss
"$kg" build >/dev/null
start=$(python3 - "$kg" <<'PY'
import statistics, subprocess, sys, time
runs = []
for _ in range(20):
    t = time.perf_counter()
    subprocess.run([sys.argv[1], "repl", "graph/seeds.kg"], stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    runs.append((time.perf_counter() - t) * 1000)
print(f"{statistics.median(runs):.1f} ms")
PY
)
echo "REPL peak memory on $largest articles: $repl_rss KiB; start on the seeds: $start (median of 20)"

# One article that is a single long line: its cost must grow linearly.
long=()
for n in 5000 20000; do
  python3 -c "import sys; print('Tin\n\n' + 'Đồng chí Lò Văn Pả - Bí thư Huyện ủy Mê Linh phát biểu tại hội nghị, ' * $n)" >"$work/long$n.txt"
  measure "$kg" build "$work/long$n.txt" -o "$work/long.kg" -j 1
  long+=("$wall")
done
echo "one line of 5 000 and 20 000 mentions: ${long[0]} s and ${long[1]} s"
text_figures=$(bench/text.sh "$kg")
echo "$text_figures"

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
mem=$(free -g | awk '/^Mem:/ {print $2}')
cell() { echo "$1" | awk '{printf "%s / %s", $1, $2}'; }
{
  echo "# Performance"
  echo
  echo "Measured by \`bench/run.sh ${sizes[*]}\` on $(date -u +%Y-%m-%d): $cpu, $(nproc) cores,"
  echo "${mem} GiB of memory, $(uname -sr). Corpora from \`kg synth --seed 1\`; times are wall"
  echo "clock, memory is peak resident set (\`/usr/bin/time\`)."
  echo
  echo "## Build (read, extract, merge, save)"
  echo
  echo "| articles | MB | threads | seconds | MB/s | articles/s | peak MiB |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "## Snapshot of $largest articles"
  echo
  echo "| nodes | edges | size (bytes) | save (s) | load (s) | build peak MiB (-j 2) |"
  echo "|---:|---:|---:|---:|---:|---:|"
  echo "| $nodes | $edges | $size | $save | $load | $((build_rss / 1024)) |"
  echo
  echo "## Queries on that graph (30 runs each; engine and output, median / p99 ms)"
  echo
  echo "| query | median / p99 ms |"
  echo "|---|---:|"
  echo "| name lookup: \`${q[name]}\` | $(cell "${lat[name]}") |"
  echo "| one hop: positions of that person | $(cell "${lat[onehop]}") |"
  echo "| \`who chaired\` over everything (capped at 10 000 rows) | $(cell "${lat[who]}") |"
  echo "| two hops: person → meeting → committee → district | $(cell "${lat[twohop]}") |"
  echo "| variable length: \`-[:HOLDS\\|IN*1..3]->(x:Province)\` | $(cell "${lat[varlen]}") |"
  echo
  echo "## REPL"
  echo
  echo "- peak memory with the $largest-article graph loaded and two queries run: $((repl_rss / 1024)) MiB"
  echo "  (snapshot $((size / 1024 / 1024)) MiB)"
  echo "- start on the seeds, process start to exit with nothing to do (median of 20 runs): $start"
  echo
  echo "## Pathological text (\`bench/text.sh\`)"
  echo
  echo "$text_figures" | sed 's/^/- /'
  echo
  echo "## Targets"
  echo
  verdict() { python3 -c "print('met' if $1 else 'missed')"; }
  echo "| target | measured | |"
  echo "|---|---|---|"
  echo "| build ≥ 20 MB/s per thread | ${mbps[$largest,1]} MB/s on 1 thread, ${mbps[$largest,2]} MB/s on 2 | $(verdict "${mbps[$largest,1]} >= 20") |"
  if [ ${#sizes[@]} -ge 2 ]; then
    prev="${sizes[${#sizes[@]}-2]}"
    ratio=$(python3 -c "print(f'{${t1[$largest]}/${t1[$prev]}:.1f}')")
    scale=$(python3 -c "print(f'{$largest/$prev:.0f}')")
    echo "| linear: ${scale}× the articles cost ≤ ~${scale}× the time | ${ratio}× | $(verdict "$ratio <= $scale * 1.15") |"
  fi
  echo "| snapshot loads in < 1 s | $load s | $(verdict "$load < 1") |"
  echo "| REPL peak memory < 3× the snapshot | $(python3 -c "print(f'{$repl_rss*1024/$size:.1f}')")× | $(verdict "$repl_rss*1024 < 3*$size") |"
  echo "| name lookup < 5 ms | $(echo "${lat[name]}" | cut -d' ' -f1) ms | $(verdict "$(echo "${lat[name]}" | cut -d' ' -f1) < 5") |"
  echo "| one hop < 5 ms | $(echo "${lat[onehop]}" | cut -d' ' -f1) ms | $(verdict "$(echo "${lat[onehop]}" | cut -d' ' -f1) < 5") |"
  echo "| \`who chaired\` over everything < 100 ms | $(echo "${lat[who]}" | cut -d' ' -f1) ms | $(verdict "$(echo "${lat[who]}" | cut -d' ' -f1) < 100") |"
  echo "| REPL ready on the seeds < 50 ms | $start | $(verdict "${start% ms} < 50") |"
  echo "| a file with no line break: 4× the text ≤ ~4× the time | ${long[0]} s → ${long[1]} s | $(verdict "${long[1]} <= 4.6 * max(${long[0]}, 0.05)") |"
  if [ -f bench/NOTES.md ]; then
    echo
    cat bench/NOTES.md
  fi
  # the section bench/identity.sh writes is kept as it is
  if [ -f "$out" ]; then
    sed -n '/<!-- identity:begin/,/<!-- identity:end -->/p' "$out" | sed '1s/^/\n/'
  fi
} >"$out.new"
mv "$out.new" "$out"
echo "wrote $out"
