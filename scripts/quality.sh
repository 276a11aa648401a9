#!/usr/bin/env bash
# Scores the graph of the seeds and of the development set against their gold with
# ../shared/eval/score.py and writes the tables, and every miss and spurious fact of the
# development set, to docs/QUALITY.md. usage: scripts/quality.sh [SHARED_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${1:-../shared}"
if [ ! -f "$shared/eval/score.py" ]; then
  echo "quality.sh: no scorer at $shared/eval/score.py; the scorer and the development set" >&2
  echo "live in the project's shared folder beside this repository: give its path" >&2
  echo "(scripts/quality.sh /path/to/shared)" >&2
  exit 2
fi
cargo build --release -q
kg=./target/release/kg
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

table() { # name corpus_dir gold
  "$kg" build "$2" -o "$tmp/$1.kg" >/dev/null
  "$kg" export json "$tmp/$1.kg" -o "$tmp/$1.json" >/dev/null
  python3 "$shared/eval/score.py" "$tmp/$1.json" "$3" --verbose >"$tmp/$1.txt"
}
table seeds "$shared/seeds" "$shared/gold/seeds.json"
table dev "$shared/dev" "$shared/dev/gold.json"

{
  echo "# Extraction quality"
  echo
  echo "Written by \`scripts/quality.sh\` on $(date -u +%Y-%m-%d) at commit $(git rev-parse --short HEAD):"
  echo "the graph of each corpus scored by \`../shared/eval/score.py\` against its gold."
  echo "CI fails under the floors of \`tests/fixtures/floors.txt\`."
  for name in seeds dev; do
    echo
    echo "## $name"
    echo
    echo '```text'
    grep -v '^MISS\|^SPURIOUS' "$tmp/$name.txt"
    echo '```'
  done
  echo
  echo "## What the development set still misses"
  echo
  echo "Every miss (a gold fact not found) and spurious fact (found, not in the gold), by family."
  echo
  echo '```text'
  grep '^MISS\|^SPURIOUS' "$tmp/dev.txt" | sort -k2,2 -s
  echo '```'
} >docs/QUALITY.md
grep '^core F1' "$tmp/seeds.txt" | sed 's/^/seeds: /'
grep '^core F1' "$tmp/dev.txt" | sed 's/^/dev: /'
echo "wrote docs/QUALITY.md"
