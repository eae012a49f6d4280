"""The NumPy reference of the benchmark: trains the workloads exported by bench/ours.ts (same digits,
initial weights and per-epoch sample order) with the same arithmetic as lib/ (forward, fused
output deltas, backprop, plain SGD), and prints epoch times, losses, test accuracy, a 1024x1024
matmul's GFLOP/s and peak RSS as JSON. Thread count comes from OPENBLAS_NUM_THREADS / OMP_NUM_THREADS,
set by tools/bench.mjs before NumPy loads.
Usage: python bench/numpy_reference.py <dir-with-exported-inputs>"""

import json
import os
import resource
import sys
import time

import numpy as np


def load(directory, name, shape, dtype=np.float64):
    return np.fromfile(os.path.join(directory, name), dtype=dtype).reshape(shape)


def sigmoid(z):
    # The library's two-branch form: never exp of a large positive number.
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    e = np.exp(z[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def forward(Ws, bs, X, hidden, output):
    a, zs, acts = X, [], [X]
    for k, (W, b) in enumerate(zip(Ws, bs)):
        z = a @ W.T + b
        last = k == len(Ws) - 1
        kind = output if last else hidden
        if kind == "sigmoid":
            a = sigmoid(z)
        elif kind == "relu":
            a = np.where(z > 0, z, 0.0)
        elif kind == "softmax":
            a = softmax(z)
        else:
            raise ValueError(kind)
        zs.append(z)
        acts.append(a)
    return zs, acts


def data_loss(loss, z, h, y):
    m = y.shape[0]
    if loss == "halfSquared":
        return float(np.sum(0.5 * (h - y) ** 2) / m)
    if loss == "crossEntropy":
        mx = z.max(axis=1, keepdims=True)
        lse = mx + np.log(np.exp(z - mx).sum(axis=1, keepdims=True))
        return float(-np.sum(np.where(y != 0, y * (z - lse), 0.0)) / m)
    raise ValueError(loss)


def train_epoch(w, Ws, bs, X, Y, order):
    n, size, rate = X.shape[0], w["batchSize"], w["learningRate"]
    cost_sum = 0.0
    for start in range(0, n, size):
        idx = order[start:start + size]
        Xb, Yb = X[idx], Y[idx]
        m = Xb.shape[0]
        zs, acts = forward(Ws, bs, Xb, w["hidden"], w["output"])
        h = acts[-1]
        cost_sum += data_loss(w["loss"], zs[-1], h, Yb) * m
        if w["loss"] == "halfSquared":  # sigmoid output: dJ/dh times a(1 - a)
            delta = (h - Yb) * h * (1 - h)
        else:  # softmax + cross-entropy: the fused a - y
            delta = h - Yb
        for k in range(len(Ws) - 1, -1, -1):
            gW = delta.T @ acts[k] / m
            gb = delta.sum(axis=0) / m
            if k > 0:
                dA = delta @ Ws[k]
                a = acts[k]
                delta = dA * a * (1 - a) if w["hidden"] == "sigmoid" else dA * (zs[k - 1] > 0)
            Ws[k] -= rate * gW
            bs[k] -= rate * gb
    return cost_sum / n


def matmul_gflops(size=1024):
    i = np.arange(size * size)
    A = (((i * 7919) % 1000) / 1000 - 0.5).reshape(size, size)
    B = (((i * 104729) % 1000) / 1000 - 0.5).reshape(size, size)
    A @ B
    best = float("inf")
    for _ in range(3):  # the best of three, as bench/ours.ts measures ours
        t0 = time.perf_counter()
        A @ B
        best = min(best, time.perf_counter() - t0)
    return 2 * size**3 / best / 1e9


def main(directory):
    manifest = json.load(open(os.path.join(directory, "manifest.json")))
    n, t, p, epochs = manifest["train"], manifest["test"], manifest["pixels"], manifest["epochs"]
    X = load(directory, "train_X.f64", (n, p))
    Y = load(directory, "train_Y.f64", (n, 10))
    Xt = load(directory, "test_X.f64", (t, p))
    labels = load(directory, "test_labels.f64", (t,))
    orders = load(directory, "orders.u32", (epochs, n), np.uint32).astype(np.int64)
    results = []
    for w in manifest["workloads"]:
        Ws = [load(directory, f"{w['id']}_W{k}.f64", (l["rows"], l["cols"])).copy() for k, l in enumerate(w["layers"])]
        bs = [load(directory, f"{w['id']}_b{k}.f64", (l["rows"],)).copy() for k, l in enumerate(w["layers"])]
        times, losses = [], []
        for e in range(epochs):
            t0 = time.perf_counter()
            losses.append(train_epoch(w, Ws, bs, X, Y, orders[e]))
            times.append(time.perf_counter() - t0)
        _, acts = forward(Ws, bs, Xt, w["hidden"], w["output"])
        accuracy = float(np.mean(np.argmax(acts[-1], axis=1) == labels))
        results.append({"id": w["id"], "epochSeconds": times, "losses": losses, "testAccuracy": accuracy})
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    print(json.dumps({
        "implementation": f"NumPy {np.__version__} ({threads} thread{'s' if threads != '1' else ''})",
        "workloads": results,
        "matmulGflops": matmul_gflops(),
        "matmulSize": 1024,
        "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
