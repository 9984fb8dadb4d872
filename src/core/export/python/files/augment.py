"""The lab's per-batch augmentations, ported from src/core/augment/augment.ts.

Same order (geometric with flips folded in, colour, blur, noise, cutout, then a clip to [0, 1]),
same parameter meanings and the same per-image draws: every draw comes from the ported lab
generator seeded per (step, kind), so image i of step s is augmented as the lab augmented it.
Gaussian noise is drawn from TF.js's own stream (alea + Marsaglia's polar method) by default;
--noise torch swaps in torch.randn, which is much faster on large images but not the lab's noise.

x is a float32 batch [n, h, w, 3] in [0, 1]. Under DistributedDataParallel a process holds only
part of a global batch: positions are the images' places in it, total its size, so every process
draws for the whole batch and keeps its own images' draws.
"""
import math

import torch
import torch.nn.functional as F

from labrng import Rng, derive_seed, js_round, tf_random_normal

KINDS = ["hflip", "vflip", "rotate", "rot90", "crop", "translate", "noise", "brightness", "contrast", "saturation", "hue", "blur", "cutout"]
NOISE_STREAM = {"mode": "lab"}


def active(aug, kind):
    a = aug.get(kind)
    return bool(a) and a["enabled"] and a["p"] > 0


def any_active(aug):
    return any(active(aug, k) for k in KINDS)


def draw_per_image(seed, kind, n, p, draw, rng=None):
    # Drawn either way, so image i's value does not depend on the other images' masks.
    rng = rng or Rng(derive_seed(seed, kind))
    out = []
    for _ in range(n):
        on = rng.bool(p)
        v = draw(rng)
        out.append(v if on else None)
    return out


def compose(m, n):
    return [
        m[0] * n[0] + m[1] * n[3], m[0] * n[1] + m[1] * n[4], m[0] * n[2] + m[1] * n[5] + m[2],
        m[3] * n[0] + m[4] * n[3], m[3] * n[1] + m[4] * n[4], m[3] * n[2] + m[4] * n[5] + m[5],
    ]


QUARTER_TURNS = [(0, 1), (-1, 0), (0, -1)]


def _crop(rng, s, w, h):
    area = rng.uniform(1 - s, 1)
    max_log = min(-math.log(area), math.log(4 / 3))
    aspect = math.exp(rng.uniform(-max_log, max_log))
    cw = math.sqrt(area * aspect)
    ch = math.sqrt(area / aspect)
    tx = rng.uniform(-0.5, 0.5) * (1 - cw) * w
    ty = rng.uniform(-0.5, 0.5) * (1 - ch) * h
    return [cw, 0, tx, 0, ch, ty]


def _rot90(rng):
    c, s = QUARTER_TURNS[rng.int(0, 3)]
    return [c, -s, 0, s, c, 0]


def _rotate(rng, s):
    t = rng.uniform(-s, s) * math.pi / 180
    return [math.cos(t), -math.sin(t), 0, math.sin(t), math.cos(t), 0]


def _translate(rng, s, w, h):
    tx = rng.uniform(-s, s) * w
    ty = rng.uniform(-s, s) * h
    return [1, 0, tx, 0, 1, ty]


def transform_bilinear(x, rows):
    """tf.image.transform(x, rows, 'bilinear', 'nearest'): output (X, Y) samples input
    (a·X + b·Y + c, d·X + e·Y + f), coordinates clamped to the image (TF's CPU kernel, in float64)."""
    n, h, w, ch = x.shape
    t = torch.tensor(rows, dtype=torch.float32).double().to(x.device)  # the lab uploads the matrices as float32
    ys = torch.arange(h, dtype=torch.float64, device=x.device).view(1, h, 1)
    xs = torch.arange(w, dtype=torch.float64, device=x.device).view(1, 1, w)
    col = lambda k: t[:, k].view(n, 1, 1)
    in_x = (col(0) * xs + col(1) * ys + col(2)).clamp(0, w - 1)
    in_y = (col(3) * xs + col(4) * ys + col(5)).clamp(0, h - 1)
    x0, y0 = torch.floor(in_x), torch.floor(in_y)
    x1, y1 = x0 + 1, y0 + 1
    flat = x.double().reshape(n, h * w, ch)

    def read(yy, xx):
        inside = ((yy >= 0) & (yy < h) & (xx >= 0) & (xx < w)).unsqueeze(-1)
        idx = (yy.clamp(0, h - 1) * w + xx.clamp(0, w - 1)).long().reshape(n, -1, 1).expand(-1, -1, ch)
        return torch.gather(flat, 1, idx).reshape(n, h, w, ch) * inside

    wx0, wx1 = (x1 - in_x).unsqueeze(-1), (in_x - x0).unsqueeze(-1)
    top = wx0 * read(y0, x0) + wx1 * read(y0, x1)
    bottom = wx0 * read(y1, x0) + wx1 * read(y1, x1)
    return ((y1 - in_y).unsqueeze(-1) * top + (in_y - y0).unsqueeze(-1) * bottom).float()


def select(mask, a, b):
    if all(mask):
        return a
    m = torch.tensor(mask, dtype=torch.bool, device=a.device).view(-1, 1, 1, 1)
    return torch.where(m, a, b)


def geometric(x, aug, seed, positions, total):
    _, h, w, _ = x.shape
    mats = [[1, 0, 0, 0, 1, 0] for _ in range(total)]
    touched = [False] * total

    def add(kind, draw):
        if not active(aug, kind):
            return
        s = aug[kind]["strength"]
        for i, m in enumerate(draw_per_image(seed, kind, total, aug[kind]["p"], lambda rng: draw(rng, s))):
            if m is not None:
                mats[i] = compose(mats[i], m)
                touched[i] = True

    add("hflip", lambda rng, s: [-1, 0, 0, 0, 1, 0])
    add("vflip", lambda rng, s: [1, 0, 0, 0, -1, 0])
    add("crop", lambda rng, s: _crop(rng, s, w, h))
    add("rot90", lambda rng, s: _rot90(rng))
    add("rotate", _rotate)
    add("translate", lambda rng, s: _translate(rng, s, w, h))
    mine = [touched[p] for p in positions]
    if not any(mine):
        return x
    cx, cy = (w - 1) / 2, (h - 1) / 2
    rows = []
    for p in positions:
        a, b, c, d, e, f = mats[p]
        rows.append([a, b, cx + c - a * cx - b * cy, d, e, cy + f - d * cx - e * cy])
    return select(mine, transform_bilinear(x, rows), x)


def _mat_mul3(a, b):
    return [sum(a[3 * (k // 3) + j] * b[3 * j + k % 3] for j in range(3)) for k in range(9)]


def _inverse3(m):
    a, b, c, d, e, f, g, h, i = m
    A, B, C = e * i - f * h, f * g - d * i, d * h - e * g
    det = a * A + b * B + c * C
    return [v / det for v in [A, c * h - b * i, b * f - c * e, B, a * i - c * g, c * d - a * f, C, b * g - a * h, a * e - b * d]]


IDENTITY3 = [1, 0, 0, 0, 1, 0, 0, 0, 1]
LUMA = [0.299, 0.587, 0.114]
RGB_TO_YIQ = LUMA + [0.596, -0.274, -0.322, 0.211, -0.523, 0.312]
YIQ_TO_RGB = _inverse3(RGB_TO_YIQ)


def _hue_matrix(t):
    return _mat_mul3(YIQ_TO_RGB, _mat_mul3([1, 0, 0, 0, math.cos(t), -math.sin(t), 0, math.sin(t), math.cos(t)], RGB_TO_YIQ))


def _saturation_matrix(f):
    return [(f if k % 4 == 0 else 0) + (1 - f) * LUMA[k % 3] for k in range(9)]


def colour(x, aug, seed, positions, total):
    n, h, w, _ = x.shape

    def per(kind, draw):
        if not active(aug, kind):
            return [None] * total
        s = aug[kind]["strength"]
        return draw_per_image(seed, kind, total, aug[kind]["p"], lambda rng: draw(rng, s))

    delta = per("brightness", lambda rng, s: rng.uniform(-s, s))
    contrast = per("contrast", lambda rng, s: rng.uniform(1 - s, 1 + s))
    sat = per("saturation", lambda rng, s: rng.uniform(1 - s, 1 + s))
    hue = per("hue", lambda rng, s: rng.uniform(-s, s) * 2 * math.pi)
    if not any(v is not None for d in (delta, contrast, sat, hue) for v in d):
        return x
    A, u = [], []
    for p in positions:
        fc = contrast[p] if contrast[p] is not None else 1
        m = _mat_mul3(IDENTITY3 if hue[p] is None else _hue_matrix(hue[p]), IDENTITY3 if sat[p] is None else _saturation_matrix(sat[p]))
        # Transposed, for row pixels: out = x + x·(f_c·M − I)ᵀ + offset.
        A.append([[fc * m[3 * c + r] - (1 if r == c else 0) for c in range(3)] for r in range(3)])
        u.append([m[3 * r] + m[3 * r + 1] + m[3 * r + 2] for r in range(3)])
    dev = x.device
    uT = torch.tensor(u, dtype=torch.float32, device=dev).view(n, 1, 1, 3)
    d = torch.tensor([delta[p] or 0 for p in positions], dtype=torch.float32, device=dev).view(n, 1, 1, 1)
    if any(v is not None for v in contrast):
        keep = torch.tensor([1 - (contrast[p] if contrast[p] is not None else 1) for p in positions], dtype=torch.float32, device=dev).view(n, 1, 1, 1)
        offset = (x.reshape(n, -1).mean(1).view(n, 1, 1, 1) * keep + d) * uT
    else:
        offset = d * uT
    At = torch.tensor(A, dtype=torch.float32, device=dev)
    linear = x + torch.matmul(x.reshape(n, h * w, 3), At).reshape(x.shape) if bool(At.ne(0).any()) else x
    return linear + offset


def blur(x, aug, seed, positions, total):
    _, h, w, _ = x.shape
    drawn = draw_per_image(seed, "blur", total, aug["blur"]["p"], lambda rng: True)
    mask = [drawn[p] is True for p in positions]
    sigma = aug["blur"]["strength"]
    r = min(math.ceil(3 * sigma), h - 1, w - 1)
    if not any(mask) or r < 1:
        return x
    g = [math.exp(-((j - r) ** 2) / (2 * sigma * sigma)) for j in range(2 * r + 1)]
    total_g = sum(g)
    k = torch.tensor([v / total_g for v in g], dtype=torch.float32, device=x.device)
    y = F.pad(x.permute(0, 3, 1, 2), (r, r, r, r), mode="reflect")
    y = F.conv2d(y, k.view(1, 1, 1, -1).repeat(3, 1, 1, 1), groups=3)
    y = F.conv2d(y, k.view(1, 1, -1, 1).repeat(3, 1, 1, 1), groups=3)
    return select(mask, y.permute(0, 2, 3, 1), x)


def noise(x, aug, seed, positions, total):
    rng = Rng(derive_seed(seed, "noise"))
    strength = aug["noise"]["strength"]
    std = [v or 0 for v in draw_per_image(seed, "noise", total, aug["noise"]["p"], lambda r: strength, rng)]
    if all(v == 0 for v in std):
        return x
    z_seed = 1 + rng.int(0, 2 ** 31 - 2)
    _, h, w, c = x.shape
    per_image = h * w * c
    if NOISE_STREAM["mode"] == "lab":
        values = tf_random_normal(per_image * (max(positions) + 1), z_seed)
        z = torch.tensor([values[p * per_image:(p + 1) * per_image] for p in positions], dtype=torch.float32, device=x.device).view(x.shape)
    else:
        g = torch.Generator().manual_seed(z_seed)
        z = torch.randn((total, h, w, c), generator=g)[positions].to(x.device)
    s = torch.tensor([std[p] for p in positions], dtype=torch.float32, device=x.device).view(-1, 1, 1, 1)
    return x + z * s


def cutout(x, aug, seed, positions, total):
    _, h, w, _ = x.shape
    side = max(1, js_round(aug["cutout"]["strength"] * min(h, w)))
    boxes = draw_per_image(seed, "cutout", total, aug["cutout"]["p"], lambda rng: [v - side // 2 for v in (rng.int(0, h), rng.int(0, w))])
    mine = [boxes[p] for p in positions]
    if all(b is None for b in mine):
        return x
    dev = x.device
    col = lambda vals: torch.tensor(vals, dtype=torch.float32, device=dev).view(-1, 1, 1, 1)
    y0, x0 = col([b[0] if b else 0 for b in mine]), col([b[1] if b else 0 for b in mine])
    y1, x1 = col([b[0] + side if b else 0 for b in mine]), col([b[1] + side if b else 0 for b in mine])
    ys = torch.arange(h, dtype=torch.float32, device=dev).view(1, h, 1, 1)
    xs = torch.arange(w, dtype=torch.float32, device=dev).view(1, 1, w, 1)
    hole = (ys >= y0) & (ys < y1) & (xs >= x0) & (xs < x1)
    return x * (~hole).float()


def augment_batch(x, aug, seed, positions=None, total=None):
    """The lab's augmentBatch on the images at positions of a batch of total images."""
    if positions is None:
        positions = list(range(x.shape[0]))
    total = len(positions) if total is None else total
    if x.shape[0] == 0 or not any_active(aug):
        return x.clone()
    y = geometric(x, aug, seed, positions, total)
    y = colour(y, aug, seed, positions, total)
    if active(aug, "blur"):
        y = blur(y, aug, seed, positions, total)
    if active(aug, "noise"):
        y = noise(y, aug, seed, positions, total)
    if active(aug, "cutout"):
        y = cutout(y, aug, seed, positions, total)
    return torch.clamp(y, 0, 1)
