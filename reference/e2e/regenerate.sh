#!/usr/bin/env bash
# Regenerates the end-to-end fixtures (examples/src/test/resources/e2e/seeds, runtime/src/test/resources/e2e/random)
# and random.txt from the real references.
#   reference/e2e/regenerate.sh           rewrite them
#   reference/e2e/regenerate.sh --check   rebuild into a temp dir and compare byte for byte
# Needs node 20 with `npm ci` (or `npm install`) run in reference/, and /usr/bin/python3 with Debian's
# python3-torch (1.13) and python3-h5py.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
seeds="$repo/examples/src/test/resources/e2e/seeds"
random="$repo/runtime/src/test/resources/e2e/random"
python=/usr/bin/python3

[ -d "$here/../node_modules/@tensorflow/tfjs" ] || { echo "run 'npm ci' in reference/ first" >&2; exit 2; }
if [ "${1:-}" = "--check" ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  "$python" "$here/random_archs.py" "$work/random.txt" > /dev/null
  "$python" "$here/make_e2e.py" --random "$work/random.txt" --out "$work" > /dev/null
  (cd "$here/.." && node e2e/tfjs_e2e.js "$work/build" > /dev/null)
  status=0
  cmp -s "$work/random.txt" "$here/random.txt" || { echo "random.txt differs" >&2; status=1; }
  diff -r "$work/seeds" "$seeds" >&2 || status=1
  diff -r "$work/random" "$random" >&2 || status=1
  [ $status = 0 ] && echo "random.txt and the fixtures are reproduced byte for byte ($(ls "$seeds" "$random" | wc -l) files)"
  exit $status
fi
"$python" "$here/random_archs.py"
rm -rf "$seeds" "$random"
"$python" "$here/make_e2e.py"
(cd "$here/.." && node e2e/tfjs_e2e.js) 2>&1 | grep -v -e '^$' -e '^====' -e 'Hi, looks like'
