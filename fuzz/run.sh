#!/usr/bin/env bash
# Coverage-guided fuzzing of the entry points that take outside input: the article reader
# and extractor, the query language, the snapshot loader, the evidence printer and the
# REPL's lines (libFuzzer + AddressSanitizer).
#
#   bash fuzz/run.sh runs 2000     # a fixed number of cases per target (what CI runs)
#   bash fuzz/run.sh seconds 600   # a campaign of so many seconds per target
#
# cargo fuzz passes nightly-only flags (-Zsanitizer); this project's machines have only the
# stable toolchain, so RUSTC_BOOTSTRAP=1 lets stable accept them. A crash is saved under
# fuzz/artifacts/TARGET/ and the script fails; turn it into a test in tests/fuzz_*.rs.
set -euo pipefail
cd "$(dirname "$0")"
mode=${1:-runs}
n=${2:-2000}
case "$mode" in
  runs) limit="-runs=$n" ;;
  seconds) limit="-max_total_time=$n" ;;
  *) echo "usage: fuzz/run.sh runs N | seconds N" >&2; exit 2 ;;
esac
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
export RUSTC_BOOTSTRAP=1
# Start each target from real inputs: our articles and pages, the documented queries.
mkdir -p corpus/read_article corpus/query corpus/snapshot corpus/evidence corpus/repl_line
cp ../seeds/*.txt ../tests/fixtures/encodings/*.txt ../tests/fixtures/html/* corpus/read_article/
grep -h '^MATCH\|^OPTIONAL\|^WITH' ../docs/QUERY.md | head -200 | split -l 1 - corpus/query/doc_ || true
printf 'Đồng chí LÊ VĂN AN và İẞ Trần Bình dự.\nLê Văn An\ntrần bình\n' >corpus/evidence/sentence
for line in 'who chaired' 'show nguyen van nam' 'why 1' ':timeout 1e300' ':param a => 1' \
  'MATCH (p:Person) RETURN p.name LIMIT 3;' 'timeline thanh tri' ':explain who attended'; do
  printf '%s' "$line" >"corpus/repl_line/$(printf '%s' "$line" | md5sum | cut -c1-12)"
done
for target in read_article query snapshot evidence repl_line; do
  echo "== $target ($mode $n)"
  cargo fuzz run -O "$target" "corpus/$target" -- "$limit" -max_len=20000 -rss_limit_mb=4096 \
    -print_final_stats=1 2>&1 | grep -E '^stat::number_of_executed_units|^Done|ERROR|SUMMARY|panicked' || true
  if compgen -G "artifacts/$target/crash-*" >/dev/null || compgen -G "artifacts/$target/oom-*" >/dev/null \
    || compgen -G "artifacts/$target/timeout-*" >/dev/null; then
    echo "fuzz/$target found a failure: see fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
