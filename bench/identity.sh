#!/usr/bin/env bash
# Identity at scale: generates corpora with `kg synth` (which writes truth.tsv, who each
# name of each article is), builds each, and scores the Person nodes against the truth with
# B-cubed precision, recall and F1 over name mentions (bench/identity.py). Prints the
# figures and writes them into docs/PERFORMANCE.md, between its identity markers.
#
#   bench/identity.sh                 # 3 000, 10 000 and 100 000 articles
#   bench/identity.sh 3000            # other sizes
#   BENCH_DIR=/data/kg bench/identity.sh
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(3000 10000 100000)
work="${BENCH_DIR:-/tmp/kg-bench}"
mkdir -p "$work"
out=docs/PERFORMANCE.md
cargo build --release -q
kg=./target/release/kg

lines=()
for n in "${sizes[@]}"; do
  corpus="$work/id$n"
  rm -rf "$corpus"
  "$kg" synth --articles "$n" --seed 1 -o "$corpus" >/dev/null
  "$kg" build "$corpus" -o "$work/id$n.kg" >/dev/null
  "$kg" export json "$work/id$n.kg" -o "$work/id$n.json" >/dev/null
  figures=$(python3 bench/identity.py "$corpus/truth.tsv" "$work/id$n.json")
  echo "$n articles: $figures"
  lines+=("| $n | $(echo "$figures" | sed -E 's/mentions ([0-9]+)  people ([0-9]+)  person nodes ([0-9]+)  found ([0-9.]+)  B-cubed P ([0-9.]+)  R ([0-9.]+)  F1 ([0-9.]+)/\1 | \2 | \3 | \5 | \6 | \7/') |")
done

block=$(
  echo "<!-- identity:begin (bench/identity.sh writes this section) -->"
  echo "## Who is who (\`bench/identity.sh\`)"
  echo
  echo "Person nodes of \`kg synth --seed 1\` corpora against their \`truth.tsv\`, B-cubed over"
  echo "name mentions; run on $(date -u +%Y-%m-%d), $(nproc) cores."
  echo
  echo "| articles | mentions | people | person nodes | precision | recall | F1 |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${lines[@]}"
  echo "<!-- identity:end -->"
)
python3 - "$out" "$block" <<'PY'
import re, sys
path, block = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
pattern = re.compile(r"<!-- identity:begin.*?<!-- identity:end -->", re.S)
text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + block + "\n"
open(path, "w", encoding="utf-8").write(text)
PY
echo "wrote $out"
