#!/usr/bin/env bash
# Regenerates dsl/src/test/resources/conformance/graphs.jsonl from the real references.
#   reference/graphs/regenerate.sh           rewrite the fixture
#   reference/graphs/regenerate.sh --check   rebuild into a temp dir and compare byte for byte
# Needs node 20 with `npm ci` (or `npm install`) run in reference/, and /usr/bin/python3 with torch 1.13.
# Takes a few minutes: torch executes the 572x572 U-Net; tfjs only applies it symbolically.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
fixture="$repo/dsl/src/test/resources/conformance/graphs.jsonl"
python=/usr/bin/python3
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

[ -d "$here/../node_modules/@tensorflow/tfjs" ] || { echo "run 'npm ci' in reference/ first" >&2; exit 2; }
export PYTHONDONTWRITEBYTECODE=1
"$python" "$here/generate.py" "$work/cases.json"
node "$here/run_tfjs.js" "$work/cases.json" "$work/tfjs.json" > /dev/null 2>&1 &
tfjs=$!
"$python" "$here/run_torch.py" "$work/cases.json" "$work/torch.json"
wait "$tfjs" || { echo "run_tfjs.js failed" >&2; exit 1; }
"$python" "$here/assemble.py" "$work/cases.json" "$work/tfjs.json" "$work/torch.json" "$work/graphs.jsonl"

if [ "${1:-}" = "--check" ]; then
  if cmp -s "$work/graphs.jsonl" "$fixture"; then
    echo "graphs.jsonl is reproduced byte for byte ($(wc -l < "$fixture") cases)"
  else
    echo "graphs.jsonl differs from a fresh regeneration:" >&2
    diff <(tr ',' '\n' < "$fixture") <(tr ',' '\n' < "$work/graphs.jsonl") | head -40 >&2
    exit 1
  fi
else
  mkdir -p "$(dirname "$fixture")"
  cp "$work/graphs.jsonl" "$fixture"
  echo "wrote $fixture ($(wc -l < "$fixture") cases)"
fi
