"""Checks the conversion: each run's initial network, rebuilt here, on the first validation images
(read back from data/val), against the logits TF.js computed for the same images at export time.

    python check.py            # prints the largest differences; exit status 1 above --tolerance
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from data import finish_view, load_split, to_input  # noqa: E402
from model import TfGraph, load_weights  # noqa: E402


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--tolerance", type=float, default=1e-4)
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    args = p.parse_args(argv)
    with open(os.path.join(HERE, "experiment.json"), encoding="utf-8") as f:
        spec = json.load(f)
    torch.set_grad_enabled(False)
    report = {}
    worst = 0.0
    for entry in spec["seeds"]:
        pixels, _ = load_split(os.path.join(HERE, entry["data"], "val"), spec["classFolders"])
        expected = np.load(os.path.join(HERE, entry["expected"]))
        for run in entry["runs"]:
            model = TfGraph(run["graph"]).eval()
            load_weights(model, os.path.join(HERE, run["weights"]))
            want_logits = expected[run["id"] + ".logits"]
            want_probs = expected[run["id"] + ".probs"]
            x = finish_view(to_input(pixels[: len(want_logits)], run["view"]["side"]), run["view"])
            logits = model(x, pre_activation=True).numpy()
            probs = model(x).numpy()
            diff = {"logits": float(np.abs(logits - want_logits).max()), "probs": float(np.abs(probs - want_probs).max()), "images": int(len(want_logits)),
                    "sameArgmax": bool((logits.argmax(1) == want_logits.argmax(1)).all()), "torchLogits": logits.tolist()}
            report["seed-%d/%s" % (entry["seed"], run["id"])] = diff
            worst = max(worst, diff["logits"], diff["probs"])
    ok = worst <= args.tolerance
    if args.json:
        print(json.dumps({"ok": ok, "maxAbsDiff": worst, "runs": report}))
    else:
        for name, diff in report.items():
            print("%-24s max |logit diff| %.2e, max |prob diff| %.2e over %d images" % (name, diff["logits"], diff["probs"], diff["images"]))
        print("OK: the PyTorch networks match TF.js" if ok else "MISMATCH: above the tolerance %g" % args.tolerance)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
