#!/usr/bin/env bash
# Text processing must stay linear on any input: builds 1 MB articles made of runs of
# ". ", of "… " and of repeated document references, and prints the seconds each takes
# (each should be well under one). usage: bench/text.sh [KG_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
kg="${1:-./target/release/kg}"
[ -x "$kg" ] || cargo build --release -q
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import sys
w = sys.argv[1]
cases = {"dots": ". " * 500_000, "ellipses": "… " * 250_000,
         "documents": "Nghị quyết số 35-NQ/TU, " * 40_000}
for name, body in cases.items():
    open(f"{w}/{name}.txt", "w", encoding="utf-8").write("Tin\n\n" + body)
PY
for name in dots ellipses documents; do
  /usr/bin/time -f "%e" -o "$work/t" "$kg" build "$work/$name.txt" -o "$work/x.kg" -j 1 >/dev/null 2>&1 || true
  echo "1 MB of $name: $(cat "$work/t") s"
done
