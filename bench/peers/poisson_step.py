#!/usr/bin/env python3
"""NumPy / PyTorch peer of FreqScope.Bench --poisson: the same Poisson solver steps, timed the same way.

Cases (each given as --case NAME; run with the same thread count as FreqScope):
  jacobi-1d-N      plain Jacobi sweeps on -u'' = g, N intervals, two buffers, NumPy slicing with out= (no temporaries)
  jacobi-2d-N      plain Jacobi sweeps of the 5-point Laplacian on an N x N grid, NumPy slicing
  pde-1d / pde-2d  one Adam step of a tanh MLP 32-32 on the PDE residual mean((-lap u - g)^2) + 100 mean(u_b^2), the
                   Laplacian by autograd (create_graph), 128 uniform interior points in 1-D, a 20 x 20 grid and 256
                   perimeter points in 2-D, float32
Each time is the median of five timed chunks after a warm-up. Prints one JSON object per case:
{"case", "ns_per_unknown" (Jacobi) or "us_per_step" (pde), "threads", "torch", "numpy"}.
"""
import argparse
import json
import math
import time

import numpy as np
import torch


def median_chunks(fn, per):
    chunks = []
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(per):
            fn()
        chunks.append((time.perf_counter() - t0) / per)
    return sorted(chunks)[2]


def jacobi_1d(n, sweeps):
    h = 2.0 / n
    x = np.linspace(0, 2, n + 1)
    rhs = h * h * (np.sin(x) + 4 * np.sin(4 * x))
    u = np.zeros(n + 1)
    v = np.zeros(n + 1)
    state = [u, v]

    def sweep():
        a, b = state
        np.add(a[:-2], a[2:], out=b[1:-1])
        b[1:-1] += rhs[1:-1]
        b[1:-1] *= 0.5
        state[0], state[1] = b, a

    for _ in range(200):
        sweep()
    return median_chunks(sweep, sweeps // 5) / (n - 1) * 1e9


def jacobi_2d(n, sweeps):
    h = 1.0 / n
    x = np.linspace(0, 1, n + 1)
    rhs = h * h * np.outer(np.sin(np.pi * x), np.sin(np.pi * x))
    u = np.zeros((n + 1, n + 1))
    v = np.zeros((n + 1, n + 1))
    state = [u, v]

    def sweep():
        a, b = state
        inner = b[1:-1, 1:-1]
        np.add(a[:-2, 1:-1], a[2:, 1:-1], out=inner)
        inner += a[1:-1, :-2]
        inner += a[1:-1, 2:]
        inner += rhs[1:-1, 1:-1]
        inner *= 0.25
        state[0], state[1] = b, a

    for _ in range(20):
        sweep()
    return median_chunks(sweep, sweeps // 5) / ((n - 1) ** 2) * 1e9


def pde(dim, steps):
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(dim, 32), torch.nn.Tanh(), torch.nn.Linear(32, 32), torch.nn.Tanh(), torch.nn.Linear(32, 1))
    opt = torch.optim.Adam(model.parameters(), lr=0.002)
    if dim == 1:
        pts = torch.tensor([[2.0 * (j + 1) / 129] for j in range(128)])
        g = torch.sin(pts[:, 0]) + 4 * torch.sin(4 * pts[:, 0])
        boundary = torch.tensor([[0.0], [2.0]])
    else:
        m = 20
        axis = torch.tensor([(i + 1) / (m + 1) for i in range(m)])
        pts = torch.cartesian_prod(axis, axis)
        g = torch.sin(math.pi * pts[:, 0]) * torch.sin(math.pi * pts[:, 1])
        s = torch.arange(256) * 4.0 / 256
        edge = torch.clamp(torch.floor(s), max=3)
        t = s - edge
        bx = torch.where(edge == 0, t, torch.where(edge == 1, torch.ones_like(t), torch.where(edge == 2, 1 - t, torch.zeros_like(t))))
        by = torch.where(edge == 0, torch.zeros_like(t), torch.where(edge == 1, t, torch.where(edge == 2, torch.ones_like(t), 1 - t)))
        boundary = torch.stack([bx, by], 1)

    def step():
        opt.zero_grad()
        x = pts.detach().requires_grad_(True)
        u = model(x).reshape(-1)
        grad = torch.autograd.grad(u, x, torch.ones_like(u), create_graph=True)[0]
        lap = torch.zeros_like(u)
        for d in range(dim):
            gd = grad[:, d]
            lap = lap + torch.autograd.grad(gd, x, torch.ones_like(gd), create_graph=True)[0][:, d]
        r = -lap - g
        ub = model(boundary)
        loss = (r * r).mean() + 100 * (ub * ub).mean()
        loss.backward()
        opt.step()

    for _ in range(50):
        step()
    return median_chunks(step, steps // 5) * 1e6


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, required=True)
    ap.add_argument("--case", action="append", required=True)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    for case in a.case:
        kind, _, size = case.rpartition("-")
        if case.startswith("jacobi-1d-"):
            out = {"ns_per_unknown": jacobi_1d(int(size), 20000)}
        elif case.startswith("jacobi-2d-"):
            out = {"ns_per_unknown": jacobi_2d(int(size), 500)}
        elif case == "pde-1d":
            out = {"us_per_step": pde(1, 500)}
        elif case == "pde-2d":
            out = {"us_per_step": pde(2, 250)}
        else:
            raise SystemExit(f"unknown case {case}")
        out.update({"case": case, "threads": torch.get_num_threads(), "torch": torch.__version__, "numpy": np.__version__})
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
