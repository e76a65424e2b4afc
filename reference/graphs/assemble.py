#!/usr/bin/python3
"""Builds graphs.jsonl from the generated cases and the two reference runs.

Each case takes shapes, parameter counts and verdict from its designated reference (the
"reference" field chosen by generate.py). The only change made to a reference's answer is Kiln's
verdict for rules the reference does not enforce, and each such case carries a "note":
  * the attribute rules of ../shapes (strides > 1 with dilation > 1, outputPadding >= strides,
    Dropout rate outside [0, 1));
  * element-wise merges of inputs with different ranks (Keras, tfjs and the Keras torch backend
    broadcast them right-aligned; Kiln rejects them);
  * merge arity where torch decides: Subtract with other than 2 inputs, any merge of 1 input.
A merge of 1 input that tfjs rejects (as Kiln does) gets a note too, since Keras 3 accepts it.
Numbers are never edited. For the cases generate.py marks, "totals" records the whole model's
parameter counts as the reference reports them (tfjs: tf.model countParams() and its trainable /
non-trainable weights; torch: the sum over the modules).

It also prints a cross-check to stderr: the designated reference against keras_graph.py (Kiln /
Keras 3 arithmetic) and against the other reference. Every difference must be a known quirk
(README.md; `--verbose` lists them).

usage: assemble.py CASES_JSON TFJS_JSON TORCH_JSON OUT_JSONL
"""
import collections
import json
import re
import sys

import keras_graph as kg

shapes_assemble = kg.shapes_module("assemble")  # ../shapes/assemble.py: notes for attribute rules
km = kg.km
TFJS, TORCH = "tfjs-4.22.0", "torch-1.13"


def fmt(shape):
    return "x".join(str(d) for d in shape)


def graph_violation(layer, ins, ref, out):
    """Kiln's merge rules that the reference accepted, as (reason, note), or None."""
    t = layer["type"]
    if t not in kg.MERGES:
        return None
    n = len(ins)
    got = (", output %s" % fmt(out)) if out else ""
    if kg.arity_violation(layer, n):
        if t == "Subtract":
            what = "folds x0 - x1 - ... over %d inputs" % n if n > 1 else "returns a single input unchanged"
            return "merge_arity", (
                "Kiln (as Keras 3, docs/SEMANTICS.md section 3.14) requires exactly 2 inputs for Subtract; "
                "tfjs has no Subtract layer and %s %s%s." % (ref, what, got))
        return "merge_arity", (
            "Kiln requires at least 2 inputs for every merge; Keras 3 accepts a single input "
            "(docs/SEMANTICS.md section 3.14) and %s returned it unchanged%s." % (ref, got))
    if t != "Concatenate" and len({len(s) for s in ins}) > 1:
        return "merge_rank", (
            "Kiln requires the inputs of an element-wise merge to have equal rank; %s, like Keras 3 "
            "(docs/SEMANTICS.md section 3.14), right-aligns %s and broadcasts across ranks%s."
            % (ref, " and ".join(fmt(s) for s in ins), got))
    return None


def verdict(case, result):
    """(failedAt, done layers, note) for one case from its reference result."""
    done = result["layers"]
    names = [l["name"] for l in case["layers"]]
    failed = result["error"]["name"] if result["error"] else None
    end = names.index(failed) if failed else len(names)
    known = {n: s for n, s in case["inputs"].items()}
    for i in range(end):
        layer = case["layers"][i]
        ins = [known[n] for n in layer["from"]]
        reason = km.config_violation(layer)
        if reason:
            return layer["name"], done[:i], shapes_assemble.note_for(
                reason, layer, case["reference"], done[i]["shape"]), reason
        v = graph_violation(layer, ins, case["reference"], done[i]["shape"])
        if v:
            return layer["name"], done[:i], v[1], v[0]
        known[layer["name"]] = done[i]["shape"]
    note = None
    if failed:
        layer = case["layers"][end]
        if layer["type"] in kg.MERGES and len(layer["from"]) == 1:
            note = ("%s, like Kiln, rejects a merge of a single input (\"%s\"); Keras 3 accepts it "
                    "and returns the input (docs/SEMANTICS.md section 3.14)."
                    % (case["reference"], result["error"]["message"]))
    return failed, done[:end], note, None


def describe(result):
    if result["error"]:
        e = result["error"]
        return "fails at %s (%s: %s)" % (e["name"], e["stage"], e["message"][:110])
    return "valid %s" % result["model"]["outputs"]


def same(a, b):
    ea, eb = a["error"], b["error"]
    if (ea is None) != (eb is None) or (ea and ea["name"] != eb["name"]):
        return False
    n = len(a["layers"]) if ea is None else len(a["layers"]) - (1 if ea["stage"] == "shape" else 0)
    pick = lambda l: (l["name"], l["shape"], l.get("trainable"), l.get("nonTrainable"))  # noqa: E731
    return [pick(l) for l in a["layers"][:n]] == [pick(l) for l in b["layers"][:n]]


def main():
    cases_path, tfjs_path, torch_path, out_path = [a for a in sys.argv[1:] if not a.startswith("--")]
    cases = json.load(open(cases_path))
    runs = {TFJS: {r["id"]: r for r in json.load(open(tfjs_path))},
            TORCH: {r["id"]: r for r in json.load(open(torch_path))}}
    lines = []
    log = sys.stderr
    stats = collections.Counter()
    reasons = collections.Counter()
    intents = collections.Counter()
    disagreements = collections.Counter()
    notes = collections.Counter()
    for case in cases:
        ref = case["reference"]
        result = runs[ref][case["id"]]
        other_ref = TORCH if ref == TFJS else TFJS
        if result["error"] and "UNSUPPORTED" in result["error"]["message"]:
            raise SystemExit("%s: routed to %s, which cannot run it: %s"
                             % (case["id"], ref, result["error"]["message"]))
        failed, done, note, kiln_reason = verdict(case, result)
        for l in done:
            if l.get("executed"):
                print("%s: %s symbolic %s but executed %s" % (case["id"], ref, l["shape"], l["executed"]),
                      file=log)
        row = {
            "id": case["id"], "reference": ref, "inputs": case["inputs"], "layers": case["layers"],
            "outputs": case["outputs"], "valid": failed is None, "failedAt": failed,
            "shapes": {l["name"]: l["shape"] for l in done},
            "trainable": {l["name"]: l["trainable"] for l in done},
            "nonTrainable": {l["name"]: l["nonTrainable"] for l in done},
        }
        if case["totals"]:
            m = result["model"]
            row["totals"] = {"total": m["total"], "trainable": m["trainable"],
                             "nonTrainable": m["nonTrainable"]}
            sums = (sum(row["trainable"].values()), sum(row["nonTrainable"].values()))
            if (m["trainable"], m["nonTrainable"]) != sums or m["total"] != sum(sums):
                raise SystemExit("%s: model totals %s differ from the per-layer sums %s" % (case["id"], m, sums))
        if note:
            row["note"] = note
            notes[kiln_reason or "keras_accepts_single_input"] += 1
        lines.append(json.dumps(row, separators=(",", ":")))

        # ---- statistics
        stats[(ref, row["valid"])] += 1
        intents[(case["intent"], "valid" if row["valid"] else "invalid")] += 1
        shapes, tr, nt, k_failed, k_reason = kg.trace(case["inputs"], case["layers"])
        if failed is not None:
            reasons[(ref, k_reason)] += 1
        if result["error"] is None:
            all_shapes = {l["name"]: l["shape"] for l in result["layers"]}
            outs = [all_shapes[n] for n in case["outputs"]]
            m = result["model"]
            if m["outputs"] != outs or m.get("predicted", outs) != outs:
                print("%s: %s model outputs %s / predicted %s, layers say %s"
                      % (case["id"], ref, m["outputs"], m.get("predicted"), outs), file=log)
        # ---- cross-checks (diagnostics only)
        if k_failed != failed or any(shapes.get(n) != s for n, s in row["shapes"].items()) \
                or any(tr.get(n) != v for n, v in row["trainable"].items()) \
                or any(nt.get(n) != v for n, v in row["nonTrainable"].items()):
            print("%s [%s] %s differs from keras_graph (%s %s): %s" % (
                case["id"], case["intent"], ref, k_failed, k_reason, describe(result)), file=log)
        other = runs[other_ref][case["id"]]
        if not same(result, other):
            what = re.sub(r"\[.*|\d+", "#", other["error"]["message"])[:60] if other["error"] else "valid"
            disagreements[(other_ref, what)] += 1
            if "--verbose" in sys.argv:
                print("%s [%s] %s %s | %s %s" % (case["id"], case["intent"], ref, describe(result),
                                                 other_ref, describe(other)), file=log)
    with open(out_path, "w") as f:
        f.write("\n".join(lines) + "\n")

    print("cases: %d" % len(lines), file=log)
    for (ref, valid), n in sorted(stats.items()):
        print("  %-12s %-7s %d" % (ref, "valid" if valid else "invalid", n), file=log)
    print("generator intent -> fixture verdict: %s" % dict(sorted(intents.items())), file=log)
    print("invalid cases by reason (keras_graph's name for it) and reference:", file=log)
    for (ref, reason), n in sorted(reasons.items(), key=lambda kv: (kv[0][1] or "", kv[0][0])):
        print("  %-18s %-12s %d" % (reason, ref, n), file=log)
    print("notes: %s" % dict(sorted(notes.items())), file=log)
    print("other reference disagreed (diagnostic): %d" % sum(disagreements.values()), file=log)
    for (other_ref, what), n in disagreements.most_common():
        print("  %4d %s: %s" % (n, other_ref, what), file=log)


if __name__ == "__main__":
    main()
