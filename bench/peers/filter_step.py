#!/usr/bin/env python3
"""PyTorch peer of FreqScope.Bench --filter: the filtering method's low-pass step, blockwise, timed the same way.

x: n x d float32 uniform in [0, 1), y: n x m float32 standard normal (seed 0). For one variance delta, per block of
rows [r0, r0 + b): D = [x_i, |x_i|^2, 1] . [-2 x_j, 1, |x_j|^2] = |x_i|^2 + |x_j|^2 - 2 x_i.x_j (one mm of augmented
rows), clamped >= 0, self-distances set to 0; G = exp(-D / (2 delta)) in place; [sums | weights] = G @ [y | 1]
(with [y | 1] stored transposed); y_low[r0:r0 + b] = sums / weights.
This is the operation sequence of FreqScope's GaussianFilter in streaming mode. A warm-up on the first
min(n, 2000) rows is not timed; the timed run covers the squared norms and every block.
Prints one JSON object: {"seconds", "n", "d", "m", "block", "threads", "device", "torch"}.
"""
import argparse
import json
import time

import torch


def low_pass(x, y, delta, block):
    n = x.shape[0]
    m = y.shape[1]
    sq = (x * x).sum(1, keepdim=True)
    one = torch.ones_like(sq)
    left = torch.cat([x, sq, one], 1)
    right_t = torch.cat([x * -2.0, one, sq], 1).t().contiguous()
    aug_t = torch.cat([y, torch.ones(n, 1, dtype=y.dtype, device=y.device)], 1).t().contiguous()
    out = torch.empty(n, m, dtype=y.dtype, device=y.device)
    for r0 in range(0, n, block):
        rows = min(block, n - r0)
        d = left[r0:r0 + rows].mm(right_t).clamp_min_(0)
        d.diagonal(r0).fill_(0)
        s = d.mul_(-0.5 / delta).exp_().mm(aug_t.t())
        out[r0:r0 + rows].copy_(s[:, :m].div_(s[:, m:]))
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--n", type=int, default=60000)
    p.add_argument("--d", type=int, default=784)
    p.add_argument("--m", type=int, default=10)
    p.add_argument("--delta", type=float, default=10.0)
    p.add_argument("--block", type=int, required=True)
    p.add_argument("--device", default="cpu")
    p.add_argument("--threads", type=int, default=0)
    a = p.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    with torch.no_grad():
        x = torch.rand(a.n, a.d).to(a.device)
        y = torch.randn(a.n, a.m).to(a.device)
        w = min(a.n, 2000)
        low_pass(x[:w], y[:w], a.delta, min(a.block, w))
        if a.device == "cuda":
            torch.cuda.synchronize()
        t0 = time.perf_counter()
        low_pass(x, y, a.delta, a.block)
        if a.device == "cuda":
            torch.cuda.synchronize()
        dt = time.perf_counter() - t0
    print(json.dumps({"seconds": dt, "n": a.n, "d": a.d, "m": a.m, "block": a.block,
                      "threads": torch.get_num_threads(), "device": a.device, "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
