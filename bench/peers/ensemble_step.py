#!/usr/bin/env python3
"""PyTorch peer of FreqScope.Bench --ensemble: K trainings of the default network, timed like train_step.py.

sequential-K: K separate models (1-200-200-200-100-1 tanh, weights and biases ~ N(0, 1/200), float32) with K
separate torch.optim.Adam (lr 2e-4), full-batch MSE on 101 points of sin x + sin 3x + sin 5x on [-pi, pi]; one
"step" trains every model once, one after another, in eager mode.
bmm-K: the same K networks stacked ([K, in, out] weights, torch.baddbmm), loss = sum of the members' MSE, one Adam.
Warm-up steps are not timed; the median of five timed chunks is reported.
Prints one JSON object per case: {"case", "us_per_step", "members", "threads", "device", "torch"}.
"""
import argparse
import json

import torch

from train_step import median_us, mlp, target

HIDDEN = [200, 200, 200, 100]
SD = 200 ** -0.5


def sequential(k, steps, warmup, device):
    torch.manual_seed(0)
    x, y = target(101, device)
    models = [mlp(HIDDEN, device) for _ in range(k)]
    opts = [torch.optim.Adam(m.parameters(), lr=2e-4) for m in models]

    def step():
        for m, opt in zip(models, opts):
            opt.zero_grad()
            loss = torch.nn.functional.mse_loss(m(x), y)
            loss.backward()
            opt.step()

    return median_us(step, steps, warmup, device)


def stacked(k, steps, warmup, device):
    torch.manual_seed(0)
    x, y = target(101, device)
    widths = [1] + HIDDEN + [1]
    ws = [(torch.randn(k, widths[i], widths[i + 1], device=device) * SD).requires_grad_() for i in range(len(widths) - 1)]
    bs = [(torch.randn(k, 1, widths[i + 1], device=device) * SD).requires_grad_() for i in range(len(widths) - 1)]
    opt = torch.optim.Adam(ws + bs, lr=2e-4)
    xk = x.unsqueeze(0).expand(k, -1, -1)

    def step():
        opt.zero_grad()
        h = xk
        for i in range(len(ws)):
            h = torch.baddbmm(bs[i], h, ws[i])
            if i < len(ws) - 1:
                h = torch.tanh(h)
        loss = ((h - y) ** 2).mean(dim=(1, 2)).sum()
        loss.backward()
        opt.step()

    return median_us(step, steps, warmup, device)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--device", default="cpu")
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--sizes", default="1,8,64")
    p.add_argument("--steps", type=int, default=500, help="single-network steps per measurement; divided by K")
    p.add_argument("--warmup", type=int, default=20)
    a = p.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    for k in [int(s) for s in a.sizes.split(",")]:
        steps = max(5, a.steps // k)
        for name, fn in (("sequential", sequential), ("bmm", stacked)):
            us = fn(k, steps, max(2, a.warmup // k), a.device)
            print(json.dumps({"case": f"{name}-{k}", "us_per_step": us, "members": k, "threads": torch.get_num_threads(),
                              "device": a.device, "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
