#!/usr/bin/python3
"""Independent reference values for the model-selection scores (src/core/selection).

Written directly from the papers' formulas with dense NumPy linear algebra (no eigenbasis
shortcuts), scikit-learn's Ledoit-Wolf shrinkage and SciPy's Kendall tau, so the TypeScript
code is checked against a different implementation, not a copy. Run it to regenerate
src/core/selection/fixtures/reference.json (Debian: python3-numpy python3-sklearn):

    /usr/bin/python3 scripts/selection_reference.py
"""
import json
import pathlib

import numpy as np
from scipy.stats import kendalltau
from sklearn.covariance import ledoit_wolf

rng = np.random.default_rng(20261202)


def features(n, d, k, labels, spread=1.5):
    centres = rng.normal(size=(k, d)) * spread
    return centres[labels] + rng.normal(size=(n, d))


def logme_dense(f, labels, k):
    n, d = f.shape
    ftf = f.T @ f
    out = []
    for c in range(k):
        y = (labels == c).astype(np.float64)
        alpha, beta, evidence = 1.0, 1.0, -np.inf
        for _ in range(1000):
            a = alpha * np.eye(d) + beta * ftf
            a_inv = np.linalg.inv(a)
            m = beta * a_inv @ f.T @ y
            gamma = d - alpha * np.trace(a_inv)  # = sum beta s / (alpha + beta s)
            res = float(np.sum((f @ m - y) ** 2))
            alpha = gamma / (m @ m)
            beta = (n - gamma) / res
            a = alpha * np.eye(d) + beta * ftf
            m = beta * np.linalg.solve(a, f.T @ y)
            res = float(np.sum((f @ m - y) ** 2))
            logdet = np.linalg.slogdet(a)[1]
            nxt = (n / 2 * np.log(beta) + d / 2 * np.log(alpha) - n / 2 * np.log(2 * np.pi)
                   - beta / 2 * res - alpha / 2 * (m @ m) - logdet / 2)
            done = abs(nxt - evidence) <= 1e-12 * abs(nxt)
            evidence = nxt
            if done:
                break
        out.append(evidence / n)
    return float(np.mean(out))


def leep_ref(probs, labels, k):
    n, z = probs.shape
    joint = np.zeros((k, z))
    for i in range(n):
        joint[labels[i]] += probs[i] / n
    cond = joint / joint.sum(axis=0, keepdims=True)
    return float(np.mean(np.log(np.sum(cond[labels] * probs, axis=1))))


def hscore_ref(f, labels, k):
    shrunk, alpha = ledoit_wolf(f)
    x = f - f.mean(axis=0)
    g = np.zeros_like(x)
    for c in range(k):
        g[labels == c] = x[labels == c].mean(axis=0)
    between = g.T @ g / len(f)
    return float(np.trace(np.linalg.solve(shrunk, (1 - alpha) * between))), float(alpha)


cases = []
for name, n, d, k in [('n>d', 60, 8, 3), ('n<d', 20, 64, 4), ('n<d, narrower', 20, 16, 4), ('n<d, one dimension', 12, 1, 2)]:
    labels = np.arange(n) % k
    f = features(n, d, k, labels)
    h, shrink = hscore_ref(f, labels, k) if d > 1 else (None, None)
    cases.append({'name': name, 'n': n, 'd': d, 'k': k, 'labels': labels.tolist(), 'features': f.ravel().tolist(),
                  'logme': logme_dense(f, labels, k), 'hscore': h, 'shrinkage': shrink})

leep_cases = []
for n, z, k in [(30, 5, 3), (40, 10, 4)]:
    labels = np.arange(n) % k
    logits = rng.normal(size=(n, z)) * 2 + np.eye(z)[labels % z] * 2
    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    leep_cases.append({'n': n, 'z': z, 'k': k, 'labels': labels.tolist(), 'probs': probs.ravel().tolist(), 'leep': leep_ref(probs, labels, k)})

kendall_cases = []
for x, y in [([1, 2, 3, 4, 5], [1, 2, 3, 5, 4]), ([0.3, 0.1, 0.9, 0.5, 0.7], [0.2, 0.4, 0.8, 0.6, 0.9]),
             ([1, 2, 2, 3, 4, 5], [2, 1, 3, 3, 5, 4]), (list(range(12)), [0, 2, 1, 3, 5, 4, 6, 8, 7, 9, 11, 10])]:
    r = kendalltau(x, y)
    kendall_cases.append({'x': x, 'y': y, 'tau': float(r.statistic), 'p': float(r.pvalue)})

out = pathlib.Path(__file__).resolve().parent.parent / 'src/core/selection/fixtures/reference.json'
out.write_text(json.dumps({'logmeAndHscore': cases, 'leep': leep_cases, 'kendall': kendall_cases}) + '\n')
print(f'wrote {out}')
