#!/usr/bin/python3
"""Joins cases.json with the references' results into dsl/src/test/resources/conformance/oned.jsonl.

One line per case: the architecture, the shared input and weights (Keras layout, and as the
equivalent PyTorch model's state_dict; float32 values written with 9 significant digits, which
round-trip), and per reference that ran it its verdict
(`valid`, `failedAt`), per-layer shapes and parameter counts and, when it ran to the end, its output.
Prints how TensorFlow.js and PyTorch compare on the cases both ran (they must agree: a difference
is a quirk to route around in generate.py, not something for Kiln to match).

usage: assemble.py CASES_JSON TORCH_JSON TFJS_JSON OUT_JSONL
"""
import json
import sys


def f9(values):
    return [float("%.9g" % v) for v in values]


def main(cases_path, torch_path, tfjs_path, out_path):
    cases = json.load(open(cases_path))
    runs = {"torch": {r["id"]: r for r in json.load(open(torch_path))},
            "tfjs": {r["id"]: r for r in json.load(open(tfjs_path))}}
    lines, both, agree, largest = [], 0, 0, 0.0
    for c in cases:
        line = {"id": c["id"], "input": c["input"], "layers": c["layers"], "references": {}}
        torch = runs["torch"][c["id"]]
        if torch["valid"]:
            line["inputValues"] = f9(torch["inputValues"])
            line["weights"] = [{k: {"dims": v["dims"], "values": f9(v["values"])} for k, v in w.items()}
                               for w in torch["weights"]]
            line["stateDict"] = [{"name": t["name"], "dims": t["dims"], "values": f9(t["values"])}
                                 for t in torch["stateDict"]]
        for ref in ("torch", "tfjs"):
            r = runs[ref].get(c["id"])
            if r is None:
                continue
            entry = {k: r[k] for k in ("valid", "shapes", "trainable", "nonTrainable")}
            if not r["valid"]:
                entry["failedAt"] = r["failedAt"]
            if "output" in r:
                entry["output"] = f9(r["output"])
            line["references"][ref] = entry
        tfjs = runs["tfjs"].get(c["id"])
        if tfjs is not None:
            both += 1
            same = all(tfjs.get(k) == torch.get(k) for k in ("valid", "failedAt", "shapes", "trainable"))
            agree += same
            if not same:
                print("%s: tfjs and torch differ" % c["id"])
            if "output" in tfjs and "output" in torch:
                largest = max(largest, max(abs(a - b) for a, b in zip(tfjs["output"], torch["output"])))
        lines.append(json.dumps(line, separators=(",", ":")))
    with open(out_path, "w") as f:
        f.write("\n".join(lines) + "\n")
    valid = sum(runs["torch"][c["id"]]["valid"] for c in cases)
    print("%d cases (%d valid by torch); tfjs ran %d, agreeing with torch on %d; largest tfjs-torch output "
          "difference %.3e" % (len(cases), valid, both, agree, largest))


if __name__ == "__main__":
    main(*sys.argv[1:5])
