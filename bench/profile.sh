#!/usr/bin/env bash
# Where the time goes: profiles a build on one thread, opening a graph, and a whole-graph
# query with `perf record --call-graph dwarf`, and writes the top entries of each (kg's own
# functions, inclusive time) to bench/NOTES.md, which bench/run.sh appends to
# docs/PERFORMANCE.md. The release profile keeps line tables for this.
#
#   bench/profile.sh            # a 2 000-article corpus
#   bench/profile.sh 5000
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-2000}"
command -v perf >/dev/null || {
  echo "bench/profile.sh needs perf (apt-get install linux-perf, or linux-tools-\$(uname -r))" >&2
  exit 2
}
work="${BENCH_DIR:-/tmp/kg-bench}/profile"
mkdir -p "$work"
cargo build --release -q
kg=./target/release/kg
corpus="$work/c$n"
[ -d "$corpus" ] || "$kg" synth --articles "$n" --seed 1 -o "$corpus" >/dev/null
top() { # perf data file → markdown rows of the top inclusive entries of kg's functions
  perf report -i "$1" --children --percent-limit 2 --stdio -g none 2>/dev/null |
    grep -E '\] (kg::|<kg::)' | grep -v -E 'closure|inlined|kg::main$|kg::cli::' |
    awk '{c=$1; s=$2; $1=$2=$3=$4=$5=""; sub(/^ +/, ""); if (seen[$0]++) next; printf "| %s | %s | `%s` |\n", c, s, $0}' |
    sed -E 's/\| `\[\.\] /| `/' | head -"${2:-14}"
}
record() { # name, command…
  local name="$1"
  shift
  perf record -F 999 --call-graph dwarf -o "$work/$name.data" "$@" >/dev/null 2>&1
}
record build "$kg" build "$corpus" -o "$work/g.kg" -j 1
record open "$kg" stats "$work/g.kg"
q="MATCH (p:Person)-[:CHAIRED]->(m:Meeting) RETURN p.name AS person, m.name AS meeting, m.date AS date"
record query "$kg" query "$work/g.kg" --repeat 20 -c "$q;"
{
  echo "## Where the time goes (\`bench/profile.sh $n\`)"
  echo
  echo "\`perf record --call-graph dwarf\` on $(date -u +%Y-%m-%d), a $n-article corpus of"
  echo "\`kg synth --seed 1\`; the top entries among kg's own functions, inclusive (with"
  echo "what they call) and self time, in percent of the samples."
  for part in "build:kg build CORPUS -j 1" "open:kg stats SNAPSHOT (open and count)" \
    "query:who chaired, 20 times, after opening"; do
    echo
    echo "### ${part#*:}"
    echo
    echo "| inclusive | self | function |"
    echo "|---:|---:|---|"
    top "$work/${part%%:*}.data"
  done
} >bench/NOTES.md
echo "wrote bench/NOTES.md"
