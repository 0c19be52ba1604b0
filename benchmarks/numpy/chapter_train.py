#!/usr/bin/env python3
"""The chapter's TwoLayerNet training loop in NumPy: the reference that benchmarks/vs-numpy.sh
times against `./nabla train` on the same machine.

Written from the chapter's description (CHAPTER.md): sigmoid hidden layer, softmax output,
cross-entropy with the 1e-7 guard, backprop gradient, plain SGD, a random mini-batch drawn with
replacement each iteration, the loss recorded after the update, train and test accuracy on the
whole sets once per epoch (17 evaluations in 10000 iterations).

Usage: chapter_train.py --data DIR [--dtype float32|float64] [--iters N] [--batch N] [--lr X]
                        [--hidden N] [--seed N] [--step-only]
Prints the per-epoch accuracies and, last, one line `training_seconds S` (the loop alone, data
loading excluded), or with --step-only `step_microseconds MIN MEDIAN` for one gradient + update
on a fixed batch.
"""
import argparse
import gzip
import os
import sys
import time

import numpy as np


def read_idx(directory, name):
    """Reads one MNIST IDX file, plain or gzipped, as a uint8 array of its dimensions."""
    for candidate in (name, name + ".gz"):
        path = os.path.join(directory, candidate)
        if os.path.exists(path):
            opener = gzip.open if candidate.endswith(".gz") else open
            with opener(path, "rb") as f:
                raw = f.read()
            rank = raw[3]
            dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
            return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)
    sys.exit(f"chapter_train.py: no {name} (plain or .gz) in {directory}")


def load_mnist(directory, dtype):
    """Images flattened to 784 and scaled to [0, 1]; labels one-hot, as the chapter trains."""
    def images(name):
        return (read_idx(directory, name).reshape(-1, 784) / 255.0).astype(dtype)

    def one_hot(name):
        labels = read_idx(directory, name)
        t = np.zeros((labels.size, 10), dtype=dtype)
        t[np.arange(labels.size), labels] = 1
        return t

    return (images("train-images-idx3-ubyte"), one_hot("train-labels-idx1-ubyte"),
            images("t10k-images-idx3-ubyte"), one_hot("t10k-labels-idx1-ubyte"))


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    e = np.exp(x)
    return e / np.sum(e, axis=-1, keepdims=True)


def cross_entropy(y, t):
    batch = y.shape[0]
    labels = t.argmax(axis=1)
    return -np.sum(np.log(y[np.arange(batch), labels] + 1e-7)) / batch


class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, dtype, rng, std=0.01):
        self.params = {
            "W1": (std * rng.standard_normal((input_size, hidden_size))).astype(dtype),
            "b1": np.zeros(hidden_size, dtype=dtype),
            "W2": (std * rng.standard_normal((hidden_size, output_size))).astype(dtype),
            "b2": np.zeros(output_size, dtype=dtype),
        }

    def predict(self, x):
        p = self.params
        z1 = sigmoid(x @ p["W1"] + p["b1"])
        return softmax(z1 @ p["W2"] + p["b2"])

    def loss(self, x, t):
        return cross_entropy(self.predict(x), t)

    def accuracy(self, x, t):
        return np.sum(self.predict(x).argmax(axis=1) == t.argmax(axis=1)) / x.shape[0]

    def gradient(self, x, t):
        p = self.params
        a1 = x @ p["W1"] + p["b1"]
        z1 = sigmoid(a1)
        y = softmax(z1 @ p["W2"] + p["b2"])
        dy = (y - t) / x.shape[0]
        da1 = dy @ p["W2"].T
        dz1 = (1.0 - z1) * z1 * da1
        return {"W2": z1.T @ dy, "b2": dy.sum(axis=0), "W1": x.T @ dz1, "b1": dz1.sum(axis=0)}


def main():
    parser = argparse.ArgumentParser(description="The chapter's MNIST training in NumPy.")
    parser.add_argument("--data", default=os.environ.get("MNIST_DIR", "../shared/datasets/mnist"))
    parser.add_argument("--dtype", default="float32", choices=["float32", "float64"])
    parser.add_argument("--iters", type=int, default=10000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--hidden", type=int, default=50)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--step-only", action="store_true")
    args = parser.parse_args()

    dtype = np.dtype(args.dtype)
    x_train, t_train, x_test, t_test = load_mnist(args.data, dtype)
    rng = np.random.default_rng(args.seed)
    net = TwoLayerNet(784, args.hidden, 10, dtype, rng)
    lr = dtype.type(args.lr)

    if args.step_only:
        x, t = x_train[:args.batch], t_train[:args.batch]
        times = []
        for _ in range(30):
            start = time.perf_counter()
            for _ in range(200):
                grad = net.gradient(x, t)
                for key in net.params:
                    net.params[key] -= lr * grad[key]
            times.append((time.perf_counter() - start) / 200 * 1e6)
        times.sort()
        print(f"step_microseconds {times[0]:.1f} {times[len(times) // 2]:.1f}")
        return

    train_size = x_train.shape[0]
    iter_per_epoch = max(train_size // args.batch, 1)
    losses = []
    start = time.perf_counter()
    for i in range(args.iters):
        mask = rng.choice(train_size, args.batch)
        x_batch, t_batch = x_train[mask], t_train[mask]
        grad = net.gradient(x_batch, t_batch)
        for key in net.params:
            net.params[key] -= lr * grad[key]
        losses.append(net.loss(x_batch, t_batch))
        if i % iter_per_epoch == 0:
            train_acc = net.accuracy(x_train, t_train)
            test_acc = net.accuracy(x_test, t_test)
            print(f"train acc, test acc | {train_acc:.4f}, {test_acc:.4f}", flush=True)
    print(f"training_seconds {time.perf_counter() - start:.3f}")


if __name__ == "__main__":
    main()
