"""A run's network, rebuilt from the TF.js graph in experiment.json.

Every op follows TensorFlow's definition, so the converted weights give the lab's outputs:
'same' padding is split the way TF splits it (the odd pixel goes bottom/right, which matters
for stride 2), average pooling with 'same' padding excludes the padding, Flatten and Reshape
see NHWC order, softmax and concatenation act on the channel axis. Tensors are NCHW inside.
"""
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def tf_same_pad(size, kernel, stride, dilation=1):
    """TF 'same': the output is ceil(size / stride); the total padding puts the extra pixel after."""
    out = -(-size // stride)
    total = max((out - 1) * stride + (kernel - 1) * dilation + 1 - size, 0)
    return total // 2, total - total // 2


def pad_same(x, kernel, stride, dilation=(1, 1), value=0.0):
    top, bottom = tf_same_pad(x.shape[2], kernel[0], stride[0], dilation[0])
    left, right = tf_same_pad(x.shape[3], kernel[1], stride[1], dilation[1])
    if top or bottom or left or right:
        x = F.pad(x, (left, right, top, bottom), value=value)
    return x


def channel_dim(x):
    return 1 if x.dim() == 4 else x.dim() - 1


def activate(x, name):
    if name == "linear":
        return x
    if name == "relu":
        return F.relu(x)
    if name == "relu6":
        return torch.clamp(x, 0.0, 6.0)
    if name == "sigmoid":
        return torch.sigmoid(x)
    if name == "tanh":
        return torch.tanh(x)
    if name == "softmax":
        return torch.softmax(x, dim=channel_dim(x))
    if name == "elu":
        return F.elu(x)
    if name == "selu":
        return F.selu(x)
    if name == "softplus":
        return F.softplus(x)
    if name == "softsign":
        return F.softsign(x)
    if name == "hard_sigmoid":
        return torch.clamp(0.2 * x + 0.5, 0.0, 1.0)
    if name == "swish":
        return x * torch.sigmoid(x)
    if name == "mish":
        return x * torch.tanh(F.softplus(x))
    if name == "gelu":
        return x * 0.5 * (1.0 + torch.erf(x / math.sqrt(2.0)))
    if name == "gelu_new":
        return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))
    raise ValueError("unknown activation %r" % name)


class Conv2d(nn.Module):
    """Conv2D and DepthwiseConv2D (groups = input channels)."""

    def __init__(self, node):
        super().__init__()
        self.node = node
        kh, kw = node["kernel"]
        self.weight = nn.Parameter(torch.zeros(node["filters"], node["inChannels"] // node["groups"], kh, kw))
        self.bias = nn.Parameter(torch.zeros(node["filters"])) if node["bias"] else None

    def forward(self, x, pre_activation=False):
        n = self.node
        if n["padding"] == "same":
            x = pad_same(x, n["kernel"], n["strides"], n["dilation"])
        y = F.conv2d(x, self.weight, self.bias, stride=tuple(n["strides"]), dilation=tuple(n["dilation"]), groups=n["groups"])
        return y if pre_activation else activate(y, n["activation"])


class SeparableConv2d(nn.Module):
    def __init__(self, node):
        super().__init__()
        self.node = node
        kh, kw = node["kernel"]
        mid = node["inChannels"] * node["depthMultiplier"]
        self.depthwise_weight = nn.Parameter(torch.zeros(mid, 1, kh, kw))
        self.pointwise_weight = nn.Parameter(torch.zeros(node["filters"], mid, 1, 1))
        self.bias = nn.Parameter(torch.zeros(node["filters"])) if node["bias"] else None

    def forward(self, x, pre_activation=False):
        n = self.node
        if n["padding"] == "same":
            x = pad_same(x, n["kernel"], n["strides"], n["dilation"])
        x = F.conv2d(x, self.depthwise_weight, None, stride=tuple(n["strides"]), dilation=tuple(n["dilation"]), groups=n["inChannels"])
        y = F.conv2d(x, self.pointwise_weight, self.bias)
        return y if pre_activation else activate(y, n["activation"])


class Dense(nn.Module):
    def __init__(self, node):
        super().__init__()
        self.node = node
        self.weight = nn.Parameter(torch.zeros(node["units"], node["inFeatures"]))
        self.bias = nn.Parameter(torch.zeros(node["units"])) if node["bias"] else None

    def forward(self, x, pre_activation=False):
        y = F.linear(x, self.weight, self.bias)
        return y if pre_activation else activate(y, self.node["activation"])


class BatchNorm(nn.Module):
    """Keras BatchNormalization on the channel axis. The lab runs external sources in inference
    mode, so the pretrained moving statistics are what normalises, as here in eval()."""

    def __init__(self, node):
        super().__init__()
        self.node = node
        c = node["channels"]
        self.weight = nn.Parameter(torch.ones(c)) if node["scale"] else None
        self.bias = nn.Parameter(torch.zeros(c)) if node["center"] else None
        self.register_buffer("running_mean", torch.zeros(c))
        self.register_buffer("running_var", torch.ones(c))

    def forward(self, x, pre_activation=False):
        n = self.node
        return F.batch_norm(x, self.running_mean, self.running_var, self.weight, self.bias, self.training, 1.0 - n["momentum"], n["epsilon"])


MODULES = {"conv2d": Conv2d, "separable_conv2d": SeparableConv2d, "dense": Dense, "batchnorm": BatchNorm}


def pool2d(x, n):
    kernel, stride = tuple(n["pool"]), tuple(n["strides"])
    if n["padding"] == "valid":
        return F.max_pool2d(x, kernel, stride) if n["kind"] == "max" else F.avg_pool2d(x, kernel, stride)
    if n["kind"] == "max":
        return F.max_pool2d(pad_same(x, kernel, stride, value=float("-inf")), kernel, stride)
    # TF averages over the pixels inside the image only.
    ones = torch.ones_like(x[:1, :1])
    total = F.avg_pool2d(pad_same(x, kernel, stride), kernel, stride)
    inside = F.avg_pool2d(pad_same(ones, kernel, stride), kernel, stride)
    return total / inside


def merge(xs, kind):
    out = xs[0]
    for x in xs[1:]:
        if kind in ("add", "average"):
            out = out + x
        elif kind == "subtract":
            out = out - x
        elif kind == "multiply":
            out = out * x
        elif kind == "maximum":
            out = torch.maximum(out, x)
        elif kind == "minimum":
            out = torch.minimum(out, x)
    return out / len(xs) if kind == "average" else out


def nhwc(x):
    return x.permute(0, 2, 3, 1) if x.dim() == 4 else x


def apply_op(n, xs, training):
    op = n["op"]
    x = xs[0]
    if op == "activation":
        return activate(x, n["activation"])
    if op == "relu":
        return F.relu(x) if n["maxValue"] is None else torch.clamp(x, 0.0, n["maxValue"])
    if op == "leaky_relu":
        return F.leaky_relu(x, n["alpha"])
    if op == "elu":
        return F.elu(x, n["alpha"])
    if op == "pool2d":
        return pool2d(x, n)
    if op == "global_pool":
        return x.mean(dim=(2, 3)) if n["kind"] == "avg" else x.amax(dim=(2, 3))
    if op == "flatten":
        # Keras flattens NHWC: the dense weights after it expect that order.
        return nhwc(x).reshape(x.shape[0], -1)
    if op == "reshape":
        y = nhwc(x).reshape((x.shape[0],) + tuple(n["target"]))
        return y.permute(0, 3, 1, 2) if y.dim() == 4 else y
    if op == "dropout":
        return F.dropout(x, n["rate"], training)
    if op == "zero_pad2d":
        (top, bottom), (left, right) = n["pad"]
        return F.pad(x, (left, right, top, bottom))
    if op == "merge":
        return merge(xs, n["kind"])
    if op == "concat":
        return torch.cat(xs, dim=channel_dim(x))
    raise ValueError("unknown op %r" % op)


class TfGraph(nn.Module):
    """The graph of one run: input NHWC images in the model's range, output the head's softmax."""

    def __init__(self, graph):
        super().__init__()
        self.graph = graph
        self.layers = nn.ModuleDict()
        self.module_keys = {}
        for node in graph["nodes"]:
            if node["module"]:
                key = node["module"]
                if hasattr(nn.ModuleDict, key):
                    key = "m_" + key
                self.module_keys[node["module"]] = key
                self.layers[key] = MODULES[node["op"]](node)

    def module(self, name):
        return self.layers[self.module_keys[name]]

    def forward(self, x, pre_activation=False, taps=()):
        """x: [n, h, w, c]. pre_activation: the output layer's logits instead of its softmax.
        taps: names of nodes whose outputs are returned too, as (output, {name: value})."""
        values = {self.graph["input"]["name"]: x.permute(0, 3, 1, 2)}
        out_name = self.graph["output"]
        for n in self.graph["nodes"]:
            xs = [values[i] for i in n["inputs"]]
            if n["module"]:
                values[n["name"]] = self.module(n["module"])(xs[0], pre_activation=pre_activation and n["name"] == out_name)
            else:
                values[n["name"]] = apply_op(n, xs, self.training)
        out = values[out_name]
        return (out, {t: values[t] for t in taps}) if taps else out


def load_weights(model, path):
    """Copies the converted TF.js weights (an .npz of PyTorch-layout arrays) into the graph."""
    arrays = np.load(path)
    used = set()
    for name, key in model.module_keys.items():
        mod = model.layers[key]
        for pname, tensor in list(mod.named_parameters(recurse=False)) + list(mod.named_buffers(recurse=False)):
            k = name + "." + pname
            if k not in arrays.files:
                raise KeyError("%s has no array %s" % (path, k))
            value = torch.from_numpy(np.ascontiguousarray(arrays[k]))
            if tuple(value.shape) != tuple(tensor.shape):
                raise ValueError("%s: %s has shape %s, the model expects %s" % (path, k, tuple(value.shape), tuple(tensor.shape)))
            with torch.no_grad():
                tensor.copy_(value)
            used.add(k)
    return [k for k in arrays.files if k not in used]
