#!/usr/bin/env bash
# Regenerates dsl/src/test/resources/conformance/shapes.jsonl from the real references.
#   reference/shapes/regenerate.sh           rewrite the fixture
#   reference/shapes/regenerate.sh --check   rebuild into a temp dir and compare byte for byte
# Needs node 20 with `npm ci` (or `npm install`) run in reference/, and /usr/bin/python3 with torch 1.13.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
fixture="$repo/dsl/src/test/resources/conformance/shapes.jsonl"
python=/usr/bin/python3
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

[ -d "$here/../node_modules/@tensorflow/tfjs" ] || { echo "run 'npm ci' in reference/ first" >&2; exit 2; }
"$python" "$here/generate.py" "$work/cases.json"
node "$here/run_tfjs.js" "$work/cases.json" "$work/tfjs.json" > /dev/null
"$python" "$here/run_torch.py" "$work/cases.json" "$work/torch.json"
"$python" "$here/assemble.py" "$work/cases.json" "$work/tfjs.json" "$work/torch.json" "$work/shapes.jsonl"

if [ "${1:-}" = "--check" ]; then
  if cmp -s "$work/shapes.jsonl" "$fixture"; then
    echo "shapes.jsonl is reproduced byte for byte ($(wc -l < "$fixture") cases)"
  else
    echo "shapes.jsonl differs from a fresh regeneration:" >&2
    diff <(tr ',' '\n' < "$fixture") <(tr ',' '\n' < "$work/shapes.jsonl") | head -40 >&2
    exit 1
  fi
else
  mkdir -p "$(dirname "$fixture")"
  cp "$work/shapes.jsonl" "$fixture"
  echo "wrote $fixture ($(wc -l < "$fixture") cases)"
fi
