"""Reproduces a Transfer Lab experiment with PyTorch (see README.md).

    python train.py                                   # CPU or one GPU
    torchrun --nproc_per_node=N train.py              # N processes, DistributedDataParallel
    python train.py --nproc N                         # the same, started without torchrun
    python train.py --epochs 1 --device cpu           # a quick look

Every run of the lab's plan (transfer, and the from-scratch baseline if the experiment has one)
starts from the lab's own initial weights, sees the lab's batches in the lab's order with the lab's
augmentation draws, and is optimised as in the lab: Adam (eps 1e-7) per learning-rate group on the
clipped cross-entropy of the softmax outputs. Per epoch it prints the lab's metrics; at the end,
the final validation accuracy of every run and the transfer gain in points.
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.distributed as dist
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import augment  # noqa: E402
from data import finish_view, load_split, to_input  # noqa: E402
from labrng import derive_seed, epoch_batches  # noqa: E402
from model import TfGraph, load_weights  # noqa: E402

EVAL_CHUNK = 256
WISE_FT_ALPHAS = [i / 10 for i in range(11)]
# Two-sided 95% Student t quantiles, df 1..30 (the lab's metrics/transfer.ts).
T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
        2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042]


def parse_args(argv=None):
    p = argparse.ArgumentParser(description="Reproduce a Transfer Lab experiment with PyTorch.")
    p.add_argument("--epochs", type=int, help="override the experiment's epochs")
    p.add_argument("--batch-size", type=int, help="override the global batch size (all processes together)")
    p.add_argument("--lr", type=float, help="override the learning rate")
    p.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    p.add_argument("--runs", help="comma-separated run ids to train (default: all), e.g. transfer")
    p.add_argument("--seeds", type=int, help="train only the first N seeds of the study")
    p.add_argument("--sampler", default="lab", choices=["lab", "torch"],
                   help="lab: the lab's batch order, split over processes (same result for any N); "
                        "torch: RandomSampler / DistributedSampler with a per-process batch of ceil(B / N)")
    p.add_argument("--noise", default="lab", choices=["lab", "torch"], help="Gaussian-noise augmentation: TF.js's stream (exact, slow on big images) or torch.randn")
    p.add_argument("--threads", type=int, help="torch.set_num_threads")
    p.add_argument("--metrics-json", help="also write every metric to this JSON file")
    p.add_argument("--save-dir", help="save each trained run's state_dict here")
    p.add_argument("--quiet", action="store_true", help="print only the summary")
    p.add_argument("--nproc", type=int, default=1, help="start N local processes (DistributedDataParallel) without torchrun")
    return p.parse_args(argv)


class Dist:
    """One process, or one of torchrun's: rank, world size, device, and the collectives used."""

    def __init__(self, device_arg):
        self.world = int(os.environ.get("WORLD_SIZE", "1"))
        self.rank = int(os.environ.get("RANK", "0"))
        local_rank = int(os.environ.get("LOCAL_RANK", "0"))
        cuda = device_arg == "cuda" or (device_arg == "auto" and torch.cuda.is_available())
        if device_arg == "cuda" and not torch.cuda.is_available():
            raise SystemExit("--device cuda, but PyTorch sees no CUDA device")
        if cuda:
            torch.cuda.set_device(local_rank if self.world > 1 else torch.cuda.current_device())
            self.device = torch.device("cuda", torch.cuda.current_device())
            torch.backends.cudnn.deterministic = True
            torch.backends.cudnn.benchmark = False
        else:
            self.device = torch.device("cpu")
        if self.world > 1:
            dist.init_process_group("nccl" if cuda else "gloo")
        self.main = self.rank == 0

    def sum(self, values):
        """Sums a list of floats over processes (one collective)."""
        t = torch.tensor(values, dtype=torch.float64, device=self.device)
        if self.world > 1:
            dist.all_reduce(t)
        return t.tolist()

    def close(self):
        if self.world > 1:
            dist.barrier()
            dist.destroy_process_group()


def log(d, args, text):
    if d.main and not args.quiet:
        print(text, flush=True)


def cross_entropy_rows(probs, onehot):
    # The lab's crossEntropy per image: −Σ y·log(clip(p, 1e-7, 1)); its mean is the batch loss.
    return -(onehot * torch.log(torch.clamp(probs, 1e-7, 1.0))).sum(-1)


def distillation_rows(old, new, temperature):
    # The lab's LwF term per image: KL(old_T ‖ new_T) · T², with p_T = softmax(log p / T).
    soften = lambda p: torch.log_softmax(torch.log(torch.clamp(p, 1e-7, 1.0)) / temperature, dim=1)
    lq_old, lq_new = soften(old), soften(new)
    return (lq_old.exp() * (lq_old - lq_new)).sum(1) * temperature * temperature


class Split:
    """An image set in memory: uint8 pixels and labels."""

    def __init__(self, root, folders):
        self.pixels, self.labels = load_split(root, folders)

    def __len__(self):
        return len(self.labels)

    def batch(self, indices, view, device):
        x = to_input(self.pixels[indices], view["side"]).to(device)
        return x, torch.as_tensor(self.labels[indices], device=device)


class Run:
    def __init__(self, spec, d, lr):
        self.spec = spec
        self.id = spec["id"]
        self.view = spec["view"]
        self.d = d
        self.model = TfGraph(spec["graph"]).to(d.device)
        load_weights(self.model, os.path.join(HERE, spec["weights"]))
        params = spec["params"]
        mult = spec["backboneLrMultiplier"]
        groups = {"backbone": [], "head": []}
        self.backbone = []
        for name, info in params.items():
            mod = self.model.module(name)
            for p in mod.parameters(recurse=False):
                p.requires_grad_(bool(info["trainable"]))
                if info["trainable"]:
                    groups["backbone" if info["backbone"] else "head"].append(p)
                    if info["backbone"]:
                        self.backbone.append(p)
        rates = {"backbone": lr * mult, "head": lr} if mult != 1 else {"backbone": lr, "head": lr}
        param_groups = []
        for g, ps in groups.items():
            if ps and rates[g] > 0:
                param_groups.append({"params": ps, "lr": rates[g]})
            else:
                for p in ps:
                    p.requires_grad_(False)  # a learning rate of 0: the lab drops the group
        self.optimizer = torch.optim.Adam(param_groups, lr=lr, betas=(0.9, 0.999), eps=1e-7)
        self.net = self.model
        if d.world > 1:
            self.net = torch.nn.parallel.DistributedDataParallel(self.model, device_ids=[d.device.index] if d.device.type == "cuda" else None)
        task = spec.get("sourceTask")
        self.source_head = None
        if task:
            arrays = np.load(os.path.join(HERE, spec["weights"]))
            self.source_head = (torch.from_numpy(arrays["__source_head__.weight"]).to(d.device), torch.from_numpy(arrays["__source_head__.bias"]).to(d.device))
            self.task = task
            self.start = [p.detach().clone() for p in self.backbone]
            self.backbone_lr = lr * mult
        self.old_probs = None
        self.status = "running"
        self.epochs = []
        self.wall = 0.0
        self.train_mode = bool(spec["trainingMode"])

    def source_probs(self, features):
        w, b = self.source_head
        return torch.softmax(F.linear(features, w, b), dim=1)

    def forward(self, x, with_source=False, train=False):
        net = self.net if train else self.model
        if with_source:
            out, taps = net(x, taps=(self.task["featureNode"],))
            return out, self.source_probs(taps[self.task["featureNode"]])
        return net(x), None

    def prepare_lwf(self, train):
        # LwF records the source head's answers on the (unaugmented) training images before training.
        if not (self.source_head is not None and self.task["lwf"] > 0 and self.backbone):
            return
        self.model.eval()
        with torch.no_grad():
            parts = []
            for i in range(0, len(train), 128):
                idx = list(range(i, min(i + 128, len(train))))
                x, _ = train.batch(idx, self.view, self.d.device)
                parts.append(self.forward(finish_view(x, self.view), with_source=True)[1])
            self.old_probs = torch.cat(parts)

    def pull_towards_start(self):
        # L2-SP, decoupled from Adam as in the lab: θ ← θ0 + (1 − lr·α)·(θ − θ0) after each step.
        alpha = self.task["l2sp"] if self.source_head is not None else 0
        if not (alpha > 0) or not self.backbone:
            return
        keep = 1 - min(1.0, max(0.0, self.backbone_lr * alpha))
        with torch.no_grad():
            for p, p0 in zip(self.backbone, self.start):
                p.copy_(p0 + (p - p0) * keep)

    def evaluate(self, split, view=None, source=False):
        """(loss, accuracy, confusion) over a set, its images shared out over the processes."""
        view = view or self.view
        d = self.d
        k = self.spec["numClasses"] if not source else self.task["sourceClasses"]
        self.model.eval()
        loss_sum, correct = 0.0, 0.0
        confusion = torch.zeros(k, k, dtype=torch.float64)
        mine = list(range(d.rank, len(split), d.world))
        with torch.no_grad():
            for i in range(0, len(mine), EVAL_CHUNK):
                idx = mine[i:i + EVAL_CHUNK]
                x, y = split.batch(idx, view, d.device)
                x = finish_view(x, view)
                probs = self.forward(x, with_source=source)[1 if source else 0]
                loss_sum += float(cross_entropy_rows(probs, F.one_hot(y, k).float()).sum())
                pred = probs.argmax(-1)
                correct += float((pred == y).sum())
                confusion.index_put_((y.cpu(), pred.cpu()), torch.ones(len(idx), dtype=torch.float64), accumulate=True)
        summed = d.sum([loss_sum, correct] + confusion.flatten().tolist())
        n = max(len(split), 1)
        return summed[0] / n, summed[1] / n, np.array(summed[2:]).reshape(k, k)


def t_quantile_975(df):
    if df <= len(T975):
        return T975[df - 1]
    z = 1.959964
    return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df)


def mean_ci(values):
    n = len(values)
    mean = sum(values) / n
    if n == 1:
        return mean, mean, mean
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    half = t_quantile_975(n - 1) * sd / math.sqrt(n)
    return mean, mean - half, mean + half


def fmt(v):
    return "  -   " if v is None else "%.4f" % v


def train_seed(entry, spec, args, d):
    seed = entry["seed"]
    cfg = spec["training"]
    epochs = args.epochs or cfg["epochs"]
    batch_size = args.batch_size or cfg["batchSize"]
    lr = args.lr if args.lr is not None else cfg["learningRate"]
    folders = spec["classFolders"]
    root = os.path.join(HERE, entry["data"])
    train = Split(os.path.join(root, "train"), folders)
    val = Split(os.path.join(root, "val"), folders)
    shifted = Split(os.path.join(root, "shifted"), folders) if entry.get("shifted") else None
    source_eval = Split(os.path.join(root, "source_eval"), entry["sourceEval"]["classFolders"]) if entry.get("sourceEval") else None
    wanted = set(args.runs.split(",")) if args.runs else None
    torch.manual_seed(seed)
    runs = [Run(dict(r, numClasses=len(spec["classNames"])), d, lr) for r in entry["runs"] if not wanted or r["id"] in wanted]
    if not runs:
        raise SystemExit("no run matches --runs %s (the runs are %s)" % (args.runs, ", ".join(r["id"] for r in entry["runs"])))
    for r in runs:
        if r.source_head is not None:
            r.task["sourceClasses"] = len(entry["sourceEval"]["classNames"])
            r.prepare_lwf(train)
    n = len(train)
    aug = spec["augmentations"]
    augmenting = augment.any_active(aug)
    aug_seed = derive_seed(seed, "augment")
    batch_seed = derive_seed(seed, "batches")
    steps_per_epoch = math.ceil(n / batch_size)
    log(d, args, "seed %d: %d training, %d validation images%s; %d epochs of %d steps (batch %d, learning rate %g)%s" % (
        seed, n, len(val), ", %d shifted" % len(shifted) if shifted else "", epochs, steps_per_epoch, batch_size, lr,
        ", %d processes" % d.world if d.world > 1 else ""))
    for r in runs:
        log(d, args, "  %-10s %s" % (r.id, r.spec["description"]))

    torch_sampler = None
    if args.sampler == "torch":
        from torch.utils.data import DistributedSampler
        torch_sampler = DistributedSampler(list(range(n)), num_replicas=d.world, rank=d.rank, shuffle=True, seed=seed, drop_last=False)

    for epoch in range(epochs):
        if torch_sampler is None:
            # Global batches; each process takes every world-th image of each (positions in the batch).
            batches = [(b, list(range(d.rank, len(b), d.world)), len(b)) for b in epoch_batches(n, batch_size, batch_seed, epoch)]
        else:
            torch_sampler.set_epoch(epoch)
            local = list(torch_sampler)
            per = math.ceil(batch_size / d.world)
            batches = [(local[i:i + per], list(range(len(local[i:i + per]))), len(local[i:i + per])) for i in range(0, len(local), per)]
        for r in runs:
            if r.status != "running":
                continue
            started = time.time()
            k = r.spec["numClasses"]
            r.model.train(r.train_mode)
            loss_sum = torch.zeros((), dtype=torch.float64, device=d.device)
            correct = torch.zeros((), dtype=torch.float64, device=d.device)
            seen = 0
            for b, (batch, positions, total) in enumerate(batches):
                step = epoch * steps_per_epoch + b
                idx = [batch[p] for p in positions]
                x, y = train.batch(idx, r.view, d.device)
                if augmenting:
                    # The lab draws per (step, image of the global batch); torch batches are per process.
                    label = "step-%d" % step if torch_sampler is None else "step-%d-rank-%d" % (step, d.rank)
                    x = augment.augment_batch(x, aug, derive_seed(aug_seed, label), positions, total)
                x = finish_view(x, r.view)
                use_lwf = r.old_probs is not None
                probs, now = r.forward(x, with_source=use_lwf, train=True)
                rows = cross_entropy_rows(probs, F.one_hot(y, k).float())
                if use_lwf:
                    rows = rows + distillation_rows(r.old_probs[torch.as_tensor(idx, device=d.device)], now, r.task["temperature"]) * r.task["lwf"]
                # Lab order: each process sums its share over the global batch size and DDP averages
                # over processes, so the gradient is the lab's batch mean for any number of processes.
                # (+ Σp·0: a NaN anywhere in the outputs shows in the loss, as in the lab.)
                scale = d.world / total if torch_sampler is None else 1 / max(total, 1)
                loss = rows.sum() * scale + probs.sum() * 0
                r.optimizer.zero_grad(set_to_none=True)
                loss.backward()
                r.optimizer.step()
                r.pull_towards_start()
                loss_sum += loss.detach().double() / d.world
                correct += (probs.detach().argmax(-1) == y).sum().double()
                seen += len(idx)
            epoch_loss, epoch_correct, epoch_seen = d.sum([float(loss_sum), float(correct), seen])
            train_loss = epoch_loss / len(batches)
            if not math.isfinite(train_loss):
                r.status = "diverged"
                log(d, args, "seed %d | epoch %3d/%d | %-10s | diverged: the loss became NaN or infinite (try a lower learning rate)" % (seed, epoch + 1, epochs, r.id))
                continue
            val_loss, val_acc, confusion = r.evaluate(val)
            shifted_acc = r.evaluate(shifted)[1] if shifted else None
            source_acc = r.evaluate(source_eval, source=True)[1] if (source_eval and r.source_head is not None) else None
            r.wall += time.time() - started
            r.confusion = confusion
            m = {"epoch": epoch + 1, "examplesSeen": (epoch + 1) * n, "trainLoss": train_loss, "trainAccuracy": epoch_correct / max(epoch_seen, 1),
                 "valLoss": val_loss, "valAccuracy": val_acc, "shiftedAccuracy": shifted_acc, "sourceAccuracy": source_acc, "wallMs": round(r.wall * 1000)}
            r.epochs.append(m)
            log(d, args, "seed %d | epoch %3d/%d | %-10s | train loss %.4f acc %.4f | val loss %.4f acc %.4f%s%s | %.1f s" % (
                seed, epoch + 1, epochs, r.id, train_loss, m["trainAccuracy"], val_loss, val_acc,
                " | shifted acc %s" % fmt(shifted_acc) if shifted else "", " | source acc %s" % fmt(source_acc) if source_acc is not None else "", r.wall))
    result = {"seed": seed, "runs": {}}
    for r in runs:
        if r.status == "running":
            r.status = "done"
        final = r.epochs[-1] if r.epochs else None
        confusion = getattr(r, "confusion", None)
        per_class = [float(row[c] / row.sum()) if row.sum() else 0.0 for c, row in enumerate(confusion)] if confusion is not None else None
        result["runs"][r.id] = {"name": r.spec["name"], "kind": r.spec["kind"], "description": r.spec["description"], "status": r.status, "epochs": r.epochs,
                                "finalValAccuracy": final["valAccuracy"] if final else None, "perClassAccuracy": per_class,
                                "confusion": confusion.tolist() if confusion is not None else None}
        if args.save_dir and d.main:
            os.makedirs(args.save_dir, exist_ok=True)
            torch.save(r.model.state_dict(), os.path.join(args.save_dir, "seed-%d-%s.pt" % (seed, r.id)))
    first = next((r for r in runs if r.spec["kind"] == "transfer"), None)
    if first is not None and first.source_head is not None and first.backbone and first.status == "done" and source_eval:
        result["wiseft"] = wise_ft(first, val, source_eval)
        log(d, args, "seed %d | WiSE-FT (%s): alpha -> val acc / source acc: %s" % (seed, first.id, "  ".join(
            "%.1f: %.3f/%.3f" % (p["alpha"], p["targetAccuracy"], p["sourceAccuracy"]) for p in result["wiseft"])))
    return result


def wise_ft(run, val, source_eval):
    """The lab's WiSE-FT curve: backbone (1 − α)·θ0 + α·θft, the fine-tuned head kept."""
    tuned = [p.detach().clone() for p in run.backbone]
    points = []
    try:
        for alpha in WISE_FT_ALPHAS:
            with torch.no_grad():
                for p, p0, p1 in zip(run.backbone, run.start, tuned):
                    p.copy_(p0 * (1 - alpha) + p1 * alpha)
            points.append({"alpha": alpha, "targetAccuracy": run.evaluate(val)[1], "sourceAccuracy": run.evaluate(source_eval, source=True)[1]})
    finally:
        with torch.no_grad():
            for p, p1 in zip(run.backbone, tuned):
                p.copy_(p1)
    return points


def summarise(results, spec, d, args):
    lines = ["", "== Summary =="]
    gains = {}
    for res in results:
        runs = res["runs"]
        scratch = next((v for v in runs.values() if v["kind"] == "scratch"), None)
        parts = ["%s %s" % (rid, fmt(v["finalValAccuracy"])) for rid, v in runs.items()]
        res["gains"] = {}
        for rid, v in runs.items():
            if v["kind"] == "transfer" and scratch and v["finalValAccuracy"] is not None and scratch["finalValAccuracy"] is not None:
                gain = (v["finalValAccuracy"] - scratch["finalValAccuracy"]) * 100
                res["gains"][rid] = gain
                gains.setdefault(rid, []).append(gain)
        gain_text = "".join(" | transfer gain (%s) %+.1f points" % (rid, g) for rid, g in res["gains"].items())
        lines.append("seed %d | final val acc: %s%s" % (res["seed"], ", ".join(parts), gain_text))
    summary = {"gains": {}}
    if len(results) > 1:
        for rid, values in gains.items():
            mean, lo, hi = mean_ci(values)
            summary["gains"][rid] = {"mean": mean, "lo": lo, "hi": hi, "n": len(values)}
            lines.append("%d seeds | transfer gain (%s) %+.1f points, 95%% CI [%+.1f, %+.1f]" % (len(values), rid, mean, lo, hi))
    if d.main:
        print("\n".join(lines), flush=True)
    return summary


def _spawned(rank, argv, nproc, port):
    # What torchrun would set for a single-machine job.
    os.environ.update({"RANK": str(rank), "LOCAL_RANK": str(rank), "WORLD_SIZE": str(nproc), "LOCAL_WORLD_SIZE": str(nproc),
                       "MASTER_ADDR": "127.0.0.1", "MASTER_PORT": str(port)})
    main(argv)


def launch(argv, nproc):
    """--nproc N: torchrun's job for one machine, for setups where torchrun is missing or broken."""
    import socket
    import torch.multiprocessing as mp
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    rest = [a for i, a in enumerate(argv) if a != "--nproc" and not a.startswith("--nproc=") and not (i > 0 and argv[i - 1] == "--nproc")]
    mp.start_processes(_spawned, args=(rest, nproc, port), nprocs=nproc, start_method="spawn")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.nproc > 1 and "WORLD_SIZE" not in os.environ:
        return launch(argv, args.nproc)
    if args.threads:
        torch.set_num_threads(args.threads)
    augment.NOISE_STREAM["mode"] = args.noise
    with open(os.path.join(HERE, "experiment.json"), encoding="utf-8") as f:
        spec = json.load(f)
    d = Dist(args.device)
    try:
        if d.main and not args.quiet:
            print("Transfer Lab experiment: %s -> %s (%s), device %s" % (spec["sourceName"], spec["targetName"], spec["strategy"], d.device), flush=True)
        seeds = spec["seeds"][: args.seeds] if args.seeds else spec["seeds"]
        results = [train_seed(entry, spec, args, d) for entry in seeds]
        summary = summarise(results, spec, d, args)
        if args.metrics_json and d.main:
            with open(args.metrics_json, "w", encoding="utf-8") as f:
                json.dump({"seeds": results, "summary": summary, "processes": d.world, "device": str(d.device)}, f, indent=1)
    finally:
        d.close()


if __name__ == "__main__":
    main()
