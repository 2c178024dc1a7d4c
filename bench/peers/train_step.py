#!/usr/bin/env python3
"""PyTorch peer of FreqScope.Bench: the same training steps, timed the same way.

For each case: an MLP 1 -> hidden... -> 1 (tanh), weights and biases ~ N(0, 1/200), float32,
full-batch Adam (lr 2e-4) with MSE on n points of sin x + sin 3x + sin 5x on [-pi, pi].
Warm-up steps are not timed; the timed loop is zero_grad, forward, loss, backward, step, in five chunks
whose median is reported.
Prints one JSON object per case: {"case", "us_per_step", "steps", "threads", "device", "torch"}.
"""
import argparse
import json
import math
import time

import torch


def mlp(hidden, device):
    """MLP 1 -> hidden... -> 1 (tanh), weights and biases ~ N(0, 1/200), float32 (draws from torch's generator)."""
    widths = [1] + hidden + [1]
    layers = []
    sd = 200 ** -0.5
    for i in range(len(widths) - 1):
        lin = torch.nn.Linear(widths[i], widths[i + 1])
        with torch.no_grad():
            lin.weight.normal_(0, sd)
            lin.bias.normal_(0, sd)
        layers.append(lin)
        if i < len(widths) - 2:
            layers.append(torch.nn.Tanh())
    return torch.nn.Sequential(*layers).to(device)


def target(n, device):
    """n points of [-pi, pi] (n x 1) and sin x + sin 3x + sin 5x there."""
    x = torch.linspace(-math.pi, math.pi, n).reshape(n, 1)
    y = torch.sin(x) + torch.sin(3 * x) + torch.sin(5 * x)
    return x.to(device), y.to(device)


def median_us(step, steps, warmup, device):
    """Microseconds per call of step(): warm-up calls untimed, then the median of five timed chunks of steps // 5
    calls (the median resists the machine's momentary noise, as FreqScope.Bench does)."""
    for _ in range(warmup):
        step()
    if device == "cuda":
        torch.cuda.synchronize()
    per = max(1, steps // 5)
    chunks = []
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(per):
            step()
        if device == "cuda":
            torch.cuda.synchronize()
        chunks.append((time.perf_counter() - t0) / per)
    return sorted(chunks)[2] * 1e6


def run_case(name, hidden, n, steps, warmup, device):
    torch.manual_seed(0)
    model = mlp(hidden, device)
    x, y = target(n, device)
    opt = torch.optim.Adam(model.parameters(), lr=2e-4)

    def step():
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(model(x), y)
        loss.backward()
        opt.step()

    us = median_us(step, steps, warmup, device)
    return {"case": name, "us_per_step": us, "steps": steps,
            "threads": torch.get_num_threads(), "device": device, "torch": torch.__version__}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--device", default="cpu")
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--case", action="append", help="name:h1,h2,...:points:steps", required=True)
    p.add_argument("--warmup", type=int, default=50)
    a = p.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    for spec in a.case:
        name, hidden, n, steps = spec.split(":")
        r = run_case(name, [int(h) for h in hidden.split(",")], int(n), int(steps), a.warmup, a.device)
        print(json.dumps(r), flush=True)


if __name__ == "__main__":
    main()
