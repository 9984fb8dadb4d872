"""The exported images (ImageFolder layout) and the lab's input pipeline.

data/<split>/<class folder>/<index>.png holds the very images the lab used, in its order (the file
name is the image's index in the lab's split, which is what its batch order refers to). PNGs are
read by a small decoder here, so neither PIL nor torchvision is needed; other files (JPEG, ...)
added by hand are read with PIL if it is installed.

to_input() is the lab's toInputTensor (src/core/data/tensors.ts): pixels / 255; 28×28 images are
zero-padded to 32×32, exact integer shrinks are box-filtered, anything else is resized bilinearly
the way tf.image.resizeBilinear does; grayscale is repeated to RGB.
"""
import os
import struct
import zlib

import numpy as np
import torch
import torch.nn.functional as F

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp")


def _read_with_pil(path):
    try:
        from PIL import Image
    except ImportError:
        raise RuntimeError("%s is not an 8-bit non-interlaced PNG; install Pillow to read it" % path)
    with Image.open(path) as im:
        im = im.convert("L" if im.mode in ("L", "LA", "I", "I;16", "1") else "RGB")
        a = np.asarray(im, dtype=np.uint8)
    return a[:, :, None] if a.ndim == 2 else a


def _unfilter(rows, height, stride, bpp):
    out = np.empty((height, stride), dtype=np.uint8)
    prev = np.zeros(stride, dtype=np.int32)
    for y in range(height):
        kind = rows[y, 0]
        line = rows[y, 1:].astype(np.int32)
        if kind == 1:
            line = np.cumsum(line.reshape(-1, bpp), axis=0).reshape(-1) % 256
        elif kind == 2:
            line = (line + prev) % 256
        elif kind in (3, 4):
            cur = line.tolist()
            up = prev.tolist()
            for i in range(stride):
                left = cur[i - bpp] if i >= bpp else 0
                if kind == 3:
                    cur[i] = (cur[i] + (left + up[i]) // 2) & 255
                else:
                    upleft = up[i - bpp] if i >= bpp else 0
                    p = left + up[i] - upleft
                    pa, pb, pc = abs(p - left), abs(p - up[i]), abs(p - upleft)
                    pred = left if pa <= pb and pa <= pc else (up[i] if pb <= pc else upleft)
                    cur[i] = (cur[i] + pred) & 255
            line = np.array(cur, dtype=np.int32)
        elif kind != 0:
            raise ValueError("bad PNG filter type %d" % kind)
        out[y] = line
        prev = line
    return out


def read_png(path):
    """An image as uint8 [h, w, 1 | 3] (alpha dropped, palettes expanded)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != PNG_SIGNATURE:
        return _read_with_pil(path)
    pos, idat, palette, header = 8, [], None, None
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"PLTE":
            palette = np.frombuffer(body, dtype=np.uint8).reshape(-1, 3)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or interlace != 0 or colour not in (0, 2, 3, 4, 6):
        return _read_with_pil(path)
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour]
    stride = width * channels
    rows = np.frombuffer(zlib.decompress(b"".join(idat)), dtype=np.uint8)[: height * (stride + 1)].reshape(height, stride + 1)
    pixels = rows[:, 1:].copy() if not rows[:, 0].any() else _unfilter(rows, height, stride, channels)
    img = pixels.reshape(height, width, channels)
    if colour == 3:
        img = palette[img[:, :, 0]]
    elif colour == 4:
        img = img[:, :, :1]
    elif colour == 6:
        img = img[:, :, :3]
    return np.ascontiguousarray(img)


def _order_key(name):
    stem = os.path.splitext(name)[0]
    # The exporter names files by the image's index in the lab's split; other files go last.
    return (0, int(stem), name) if stem.isdigit() else (1, 0, name)


def load_split(root, class_folders):
    """(pixels uint8 [n, h, w, c], labels int64 [n]) of data/<split>, in the lab's order."""
    entries = []
    for label, folder in enumerate(class_folders):
        d = os.path.join(root, folder)
        if not os.path.isdir(d):
            continue
        for name in os.listdir(d):
            if name.lower().endswith(IMAGE_EXTENSIONS):
                entries.append((_order_key(name), label, os.path.join(d, name)))
    entries.sort(key=lambda e: e[0])
    if not entries:
        raise FileNotFoundError("no images under %s (expected %s/<class>/<i>.png)" % (root, root))
    images = [read_png(path) for _, _, path in entries]
    shapes = {im.shape for im in images}
    if len(shapes) != 1:
        raise ValueError("images under %s differ in size or channels (%s); the lab keeps one size per set" % (root, sorted(shapes)))
    return np.stack(images), np.array([label for _, label, _ in entries], dtype=np.int64)


def _bilinear_axis(old, new):
    # tf.image.resizeBilinear without align_corners or half-pixel centres.
    src = np.arange(new, dtype=np.float64) * (old / new)
    lo = np.maximum(np.floor(src), 0).astype(np.int64)
    hi = np.minimum(np.ceil(src), old - 1).astype(np.int64)
    return torch.from_numpy(lo), torch.from_numpy(hi), torch.from_numpy(src - lo)


def resize_bilinear_tf(x, side):
    """[n, h, w, c] → [n, side, side, c], TF's legacy bilinear resize (computed in float64, as its CPU kernel)."""
    n, h, w, c = x.shape
    y0, y1, fy = _bilinear_axis(h, side)
    x0, x1, fx = _bilinear_axis(w, side)
    d = x.double()
    dev = x.device
    y0, y1, x0, x1 = y0.to(dev), y1.to(dev), x0.to(dev), x1.to(dev)
    fy = fy.to(dev).view(1, -1, 1, 1)
    fx = fx.to(dev).view(1, 1, -1, 1)
    top, bottom = d[:, y0], d[:, y1]
    top = top[:, :, x0] + (top[:, :, x1] - top[:, :, x0]) * fx
    bottom = bottom[:, :, x0] + (bottom[:, :, x1] - bottom[:, :, x0]) * fx
    return (top + (bottom - top) * fy).float()


def to_input(pixels, side):
    """uint8 [n, h, w, c] (numpy or torch) → float32 [n, side, side, 3] in [0, 1]: the lab's toInputTensor."""
    x = torch.as_tensor(pixels)
    x = x.to(torch.float32) / 255.0
    n, h, w, c = x.shape
    if h != side or w != side:
        pad_y, pad_x = side - h, side - w
        factor = h / side
        if 0 <= pad_y <= 4 and 0 <= pad_x <= 4:
            x = F.pad(x, (0, 0, pad_x >> 1, pad_x - (pad_x >> 1), pad_y >> 1, pad_y - (pad_y >> 1)))
        elif w == h and float(factor).is_integer() and factor > 1:
            k = int(factor)
            x = F.avg_pool2d(x.permute(0, 3, 1, 2), k, k).permute(0, 2, 3, 1)
        else:
            x = resize_bilinear_tf(x, side)
    if c == 1:
        x = x.repeat(1, 1, 1, 3)
    return x.contiguous()


def finish_view(x, view):
    """After augmentation: grayscale models see the channel mean, MobileNets see [-1, 1]."""
    if view["channels"] == 1:
        x = x.mean(dim=-1, keepdim=True)
    if view["range"] == "symmetric":
        x = x * 2 - 1
    return x
