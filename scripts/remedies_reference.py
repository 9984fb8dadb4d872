#!/usr/bin/python3
"""Independent reference values for the remedies' losses (src/core/remedies), from PyTorch.

Reads {"logits": [[...]], "labels": [...], "cases": [...]} on stdin and prints, for each case, the
batch loss and its gradient with respect to the logits, computed by PyTorch's own autograd from
the papers' formulas (not from the lab's code):
  - label smoothing: F.cross_entropy(..., label_smoothing=eps)
  - GCE (Zhang & Sabuncu 2018): mean((1 - p_y^q) / q)
  - class-balanced (Cui et al. 2019): weights from the effective number, normalised to sum to
    the number of classes, times each sample's cross-entropy, averaged over the batch
  - small-loss selection (Han et al. 2018): the mean cross-entropy of the `keep` smallest
Run by src/core/remedies/remedies.test.ts (Debian: python3-torch).
"""
import json
import sys

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
request = json.load(sys.stdin)
labels = torch.tensor(request["labels"], dtype=torch.long)
out = []
for case in request["cases"]:
    z = torch.tensor(request["logits"], requires_grad=True)
    kind = case["kind"]
    if kind == "smoothing":
        loss = F.cross_entropy(z, labels, label_smoothing=case["epsilon"])
    elif kind == "gce":
        p = torch.softmax(z, dim=1).gather(1, labels[:, None])[:, 0]
        loss = ((1 - p ** case["q"]) / case["q"]).mean()
    elif kind == "class-balanced":
        counts = np.array(case["counts"], dtype=np.float64)
        effective = 1.0 - np.power(case["beta"], counts)
        weights = (1.0 - case["beta"]) / effective
        weights = weights / weights.sum() * len(counts)
        w = torch.tensor(weights)[labels]
        loss = (w * F.cross_entropy(z, labels, reduction="none")).mean()
    elif kind == "small-loss":
        each = F.cross_entropy(z, labels, reduction="none")
        kept = torch.argsort(each.detach(), stable=True)[: case["keep"]]
        loss = each[kept].mean()
        case_out = {"kept": sorted(kept.tolist())}
    else:
        raise SystemExit(f"unknown case {kind}")
    loss.backward()
    entry = {"loss": loss.item(), "grad": z.grad.tolist()}
    if kind == "small-loss":
        entry.update(case_out)
    out.append(entry)
print(json.dumps(out))
