#!/usr/bin/python3
"""Independent reference values for the domain-gap MMD (src/core/data/domainGap.ts).

Written from Gretton et al. (JMLR 2012), eq. 3 (the unbiased MMD² estimate), with dense NumPy
pairwise distances and the median heuristic, so the TypeScript is checked against another
implementation. Run it to regenerate src/core/data/fixtures/mmd-reference.json (Debian: python3-numpy):

    /usr/bin/python3 scripts/domain_gap_reference.py
"""
import json
import pathlib

import numpy as np

rng = np.random.default_rng(20261202)


def mmd2(a, b):
    pooled = np.vstack([a, b])
    d = np.sqrt(((pooled[:, None, :] - pooled[None, :, :]) ** 2).sum(-1))
    iu = np.triu_indices(len(pooled), 1)
    bw = float(np.median(d[iu])) or 1.0
    k = lambda x, y: np.exp(-((x[:, None, :] - y[None, :, :]) ** 2).sum(-1) / (2 * bw * bw))
    kaa, kbb, kab = k(a, a), k(b, b), k(a, b)
    n, m = len(a), len(b)
    within_a = (kaa.sum() - np.trace(kaa)) / (n * (n - 1))
    within_b = (kbb.sum() - np.trace(kbb)) / (m * (m - 1))
    return float(within_a + within_b - 2 * kab.mean()), bw


cases = []
for name, n, m, d, shift in [("same distribution", 30, 25, 8, 0.0), ("shifted", 30, 25, 8, 1.5), ("wide, few rows", 6, 7, 40, 0.5)]:
    a = rng.normal(size=(n, d))
    b = rng.normal(size=(m, d)) + shift
    value, bw = mmd2(a, b)
    cases.append({"name": name, "a": a.round(6).tolist(), "b": b.round(6).tolist(), "mmd2": None, "bandwidth": None})
    # Reference values on the rounded inputs that the fixture stores.
    value, bw = mmd2(np.array(cases[-1]["a"]), np.array(cases[-1]["b"]))
    cases[-1]["mmd2"] = value
    cases[-1]["bandwidth"] = bw

out = pathlib.Path(__file__).resolve().parent.parent / "src/core/data/fixtures/mmd-reference.json"
out.write_text(json.dumps({"cases": cases}))
print(f"wrote {out}")
