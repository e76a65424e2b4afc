#!/usr/bin/python3
"""Builds shapes.jsonl from the generated cases and the two reference runs.

Each case takes shapes, parameter counts and verdict from its designated reference (the
"reference" field chosen by generate.py). The only change made to a reference's answer is the
Kiln verdict for the attribute rules the reference does not enforce (keras_model.config_violation):
strides > 1 with dilation > 1 on any conv kind, outputPadding >= strides, and a Dropout rate
outside [0, 1). Such cases carry a "note". Numbers are never edited.

It also prints a cross-check to stderr: the designated reference against keras_model.py (Keras 3
arithmetic) and against the other reference. Every difference must be a known quirk (README.md).

usage: assemble.py CASES_JSON TFJS_JSON TORCH_JSON OUT_JSONL
"""
import collections
import json
import re
import sys

import keras_model as km
from generate import TFJS, TORCH

NOTES = {
    "strides_dilation": "Kiln rejects strides > 1 together with dilationRate > 1 on every conv kind "
                        "(docs/SEMANTICS.md: Kiln's decisions, section 4.1){extra}; {ref} accepted it{got}.",
    "output_padding_ge_stride": "Kiln (as Keras >= 3.14) rejects outputPadding >= strides "
                                "(docs/SEMANTICS.md: Kiln's decisions, sections 4.1 and 7); {ref} accepted "
                                "it: torch only requires output_padding < stride or < dilation "
                                "(section 4.3){got}.",
    "dropout_rate": "Kiln requires a Dropout rate in [0, 1) (dev.kiln.dsl.Dropout); Keras 3 "
                    "(0 <= rate <= 1, docs/SEMANTICS.md section 3.13) and {ref} accept rate=1.0{got}.",
}


def note_for(reason, layer, ref, got):
    extra = ""
    if reason == "strides_dilation" and layer["type"] in ("DepthwiseConv2D", "SeparableConv2D"):
        extra = ("; Keras 3 itself checks this only for Conv and ConvTranspose, tf-keras also for "
                 "depthwise and separable convs (sections 3.2 and 7)")
    got = ", output %s" % "x".join(str(d) for d in got) if got else ""
    return NOTES[reason].format(ref=ref, extra=extra, got=got)


def verdict(case, result):
    """(failedAt, shapes, trainable, nonTrainable, note) for one case from its reference result."""
    done = result["layers"]
    failed = result["error"]["index"] if result["error"] else None
    end = len(case["layers"]) if failed is None else failed
    for i in range(end):
        reason = km.config_violation(case["layers"][i])
        if reason:
            note = note_for(reason, case["layers"][i], case["reference"], done[i]["shape"])
            return i, done[:i], note
    return failed, done[:end], None


def describe(result):
    if result["error"]:
        e = result["error"]
        return "fails at %d (%s: %s)" % (e["index"], e["stage"], e["message"][:110])
    return "valid %s" % [l["shape"] for l in result["layers"]][-1:]


def same(a, b):
    ea, eb = a["error"], b["error"]
    if (ea is None) != (eb is None) or (ea and ea["index"] != eb["index"]):
        return False
    n = len(a["layers"]) if ea is None else ea["index"]
    return all(a["layers"][i] == b["layers"][i] for i in range(n))


def main():
    cases_path, tfjs_path, torch_path, out_path = [a for a in sys.argv[1:] if not a.startswith("--")]
    cases = json.load(open(cases_path))
    runs = {TFJS: {r["id"]: r for r in json.load(open(tfjs_path))},
            TORCH: {r["id"]: r for r in json.load(open(torch_path))}}
    lines = []
    log = sys.stderr
    stats = collections.Counter()
    per_type = collections.defaultdict(collections.Counter)
    reasons = collections.Counter()
    disagreements = collections.Counter()
    for case in cases:
        ref = case["reference"]
        result = runs[ref][case["id"]]
        other_ref = TORCH if ref == TFJS else TFJS
        if result["error"] and "UNSUPPORTED" in result["error"]["message"]:
            raise SystemExit("%s: routed to %s, which cannot run it: %s"
                             % (case["id"], ref, result["error"]["message"]))
        failed, done, note = verdict(case, result)
        for l in done:
            if "executed" in l:
                print("%s: %s symbolic %s but executed %s" % (case["id"], ref, l["shape"], l["executed"]),
                      file=log)
        row = {
            "id": case["id"], "reference": ref, "input": case["input"], "layers": case["layers"],
            "valid": failed is None, "failedAt": failed,
            "shapes": [l["shape"] for l in done],
            "trainable": [l["trainable"] for l in done],
            "nonTrainable": [l["nonTrainable"] for l in done],
        }
        if note:
            row["note"] = note
        lines.append(json.dumps(row, separators=(",", ":")))

        # ---- statistics
        stats[(ref, row["valid"])] += 1
        evaluated = case["layers"] if failed is None else case["layers"][:failed + 1]
        for layer in {l["type"] for l in evaluated}:
            per_type[layer]["cases"] += 1
        if failed is not None:
            per_type[case["layers"][failed]["type"]]["failing"] += 1
            reasons[case["intent"]] += 1
        # ---- cross-checks (diagnostics only)
        shapes, tr, nt, k_failed, k_reason = km.trace(case["input"], case["layers"])
        if k_failed != failed or shapes[:len(row["shapes"])] != row["shapes"] \
                or tr[:len(row["shapes"])] != row["trainable"] \
                or nt[:len(row["shapes"])] != row["nonTrainable"]:
            print("%s [%s] %s differs from keras_model (%s %s): %s" % (
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
    print("intents of invalid cases: %s" % dict(sorted(reasons.items())), file=log)
    print("per layer type (cases evaluating it / cases failing at it):", file=log)
    for t in sorted(per_type):
        print("  %-24s %4d %4d" % (t, per_type[t]["cases"], per_type[t]["failing"]), file=log)
    print("other reference disagreed (diagnostic): %d" % sum(disagreements.values()), file=log)
    for (other_ref, what), n in disagreements.most_common():
        print("  %4d %s: %s" % (n, other_ref, what), file=log)


if __name__ == "__main__":
    main()
