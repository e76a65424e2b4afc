#!/usr/bin/env bash
# Regenerates dsl/src/test/resources/conformance/oned.jsonl from the real references.
#   reference/oned/regenerate.sh           rewrite the fixture
#   reference/oned/regenerate.sh --check   rebuild into a temp dir and compare byte for byte
# Needs node 20 with `npm ci` run in reference/, and /usr/bin/python3 with torch 1.13.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
fixture="$repo/dsl/src/test/resources/conformance/oned.jsonl"
python=/usr/bin/python3
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

[ -d "$here/../node_modules/@tensorflow/tfjs" ] || { echo "run 'npm ci' in reference/ first" >&2; exit 2; }
"$python" "$here/generate.py" "$work/cases.json"
"$python" "$here/run_torch.py" "$work/cases.json" "$work/torch.json"
node "$here/run_tfjs.js" "$work/cases.json" "$work/torch.json" "$work/tfjs.json" 2>/dev/null | grep -v '^=\|^$\|Hi there\|tfjs-node\|npm i\|speed' || true
"$python" "$here/assemble.py" "$work/cases.json" "$work/torch.json" "$work/tfjs.json" "$work/oned.jsonl"

if [ "${1:-}" = "--check" ]; then
  if cmp -s "$work/oned.jsonl" "$fixture"; then
    echo "oned.jsonl is reproduced byte for byte ($(wc -l < "$fixture") cases)"
  else
    echo "oned.jsonl differs from a fresh regeneration" >&2
    exit 1
  fi
else
  cp "$work/oned.jsonl" "$fixture"
  echo "wrote $fixture ($(wc -l < "$fixture") cases)"
fi
