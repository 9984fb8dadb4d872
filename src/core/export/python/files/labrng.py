"""Transfer Lab's seeded randomness, ported bit for bit from the lab (src/core/random.ts).

The lab derives every random stream from the experiment seed: the batch order of each epoch, the
augmentation draws of each step. Porting the generator (a 32-bit hash and mulberry32) lets this
project train on exactly the batches the lab trained on, and draw exactly its augmentations.
"""
import math

M32 = 0xFFFFFFFF


def _imul(a, b):
    # JavaScript's Math.imul: the low 32 bits of the product (kept unsigned here).
    return (a * b) & M32


def hash32(x):
    x &= M32
    x = _imul(x ^ (x >> 16), 0x7FEB352D)
    x = _imul(x ^ (x >> 15), 0x846CA68B)
    return (x ^ (x >> 16)) & M32


def hash_string(s):
    # FNV-1a over UTF-16 code units, as String.charCodeAt sees them.
    h = 0x811C9DC5
    data = s.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h = _imul(h ^ (data[i] | (data[i + 1] << 8)), 0x01000193)
    return h


def derive_seed(seed, label):
    """A child seed, so independent consumers never share a stream (random.ts deriveSeed)."""
    return hash32((seed & M32) ^ hash32(hash_string(label)))


def js_round(x):
    # Math.round rounds halves up; Python's round() rounds them to even.
    return math.floor(x + 0.5)


class Rng:
    """mulberry32, seeded through hash32 (random.ts Rng)."""

    def __init__(self, seed):
        self.state = hash32(seed & M32) or 0x9E3779B9

    def next(self):
        self.state = (self.state + 0x6D2B79F5) & M32
        t = self.state
        t = _imul(t ^ (t >> 15), t | 1)
        t = (t ^ ((t + _imul(t ^ (t >> 7), t | 61)) & M32)) & M32
        return ((t ^ (t >> 14)) & M32) / 4294967296.0

    def uniform(self, lo, hi):
        return lo + (hi - lo) * self.next()

    def int(self, lo, hi_exclusive):
        return lo + math.floor(self.next() * (hi_exclusive - lo))

    def bool(self, p=0.5):
        return self.next() < p

    def seed(self):
        return math.floor(self.next() * 2147483647)

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.int(0, i + 1)
            items[i], items[j] = items[j], items[i]
        return items


def permutation(n, rng):
    return rng.shuffle(list(range(n)))


def epoch_batches(n, batch_size, seed, epoch):
    """The lab's batches for one epoch (train/batches.ts): a seeded permutation cut into batches."""
    order = permutation(n, Rng(derive_seed(seed, "epoch:%d" % epoch)))
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


class _Mash:
    # seedrandom's Mash, as tf.randomNormal seeds its generator with it.
    def __init__(self):
        self.n = 0xEFC8249D

    def __call__(self, data):
        n = self.n
        units = str(data).encode("utf-16-le")
        for i in range(0, len(units), 2):
            n += units[i] | (units[i + 1] << 8)
            h = 0.02519603282416938 * n
            n = math.floor(h) % 4294967296
            h -= n
            h *= n
            n = math.floor(h) % 4294967296
            h -= n
            n += h * 4294967296.0
        self.n = n
        return (math.floor(n) % 4294967296) * 2.3283064365386963e-10


class Alea:
    """seedrandom's alea generator (what TF.js's seeded random ops draw from)."""

    def __init__(self, seed):
        mash = _Mash()
        self.c = 1
        self.s0 = mash(" ")
        self.s1 = mash(" ")
        self.s2 = mash(" ")
        self.s0 -= mash(seed)
        if self.s0 < 0:
            self.s0 += 1
        self.s1 -= mash(seed)
        if self.s1 < 0:
            self.s1 += 1
        self.s2 -= mash(seed)
        if self.s2 < 0:
            self.s2 += 1

    def __call__(self):
        t = 2091639 * self.s0 + self.c * 2.3283064365386963e-10
        self.s0 = self.s1
        self.s1 = self.s2
        self.c = int(t)
        self.s2 = t - self.c
        return self.s2


def tf_random_normal(count, seed):
    """tf.randomNormal(shape, 0, 1, 'float32', seed) flattened: Marsaglia's polar method on alea(str(seed))."""
    rand = Alea(str(seed))
    out = [0.0] * count
    spare = None
    i = 0
    while i < count:
        if spare is not None:
            out[i] = spare
            spare = None
            i += 1
            continue
        while True:
            v1 = 2 * rand() - 1
            v2 = 2 * rand() - 1
            s = v1 * v1 + v2 * v2
            if not (s >= 1 or s == 0):
                break
        mul = math.sqrt(-2.0 * math.log(s) / s)
        out[i] = v1 * mul
        spare = v2 * mul
        i += 1
    return out
