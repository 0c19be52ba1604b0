"""The book's SimpleConvNet training step in PyTorch, timed: the peer of Nabla's ConvTrainingStep.

conv 30 filters 5x5 stride 1 pad 0, ReLU, max pool 2x2 stride 2, affine 100, ReLU, affine 10,
softmax cross-entropy; Adam lr 0.001; a fixed batch of 100 MNIST images [100, 1, 28, 28] scaled
to [0, 1]. Prints one line of JSON: the median milliseconds of a step over ROUNDS rounds of STEPS
steps, after WARMUP steps, and what ran it.

Usage: /usr/bin/python3 conv_step.py MNIST_DIR [THREADS] [ROUNDS] [STEPS]
"""
import json
import os
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "numpy"))
from chapter_train import read_idx  # noqa: E402 (the chapter's IDX reader)


def main():
    directory = sys.argv[1]
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    steps = int(sys.argv[4]) if len(sys.argv) > 4 else 50
    torch.set_num_threads(threads)
    torch.manual_seed(42)
    images = read_idx(directory, "train-images-idx3-ubyte")[:100]
    labels = read_idx(directory, "train-labels-idx1-ubyte")[:100]
    x = torch.tensor(images, dtype=torch.float32).reshape(100, 1, 28, 28) / 255.0
    t = torch.tensor(labels, dtype=torch.int64)
    net = nn.Sequential(
        nn.Conv2d(1, 30, 5), nn.ReLU(), nn.MaxPool2d(2, 2), nn.Flatten(),
        nn.Linear(30 * 12 * 12, 100), nn.ReLU(), nn.Linear(100, 10))
    optimizer = torch.optim.Adam(net.parameters(), lr=0.001)
    loss_fn = nn.CrossEntropyLoss()

    def step():
        optimizer.zero_grad(set_to_none=False)
        loss = loss_fn(net(x), t)
        loss.backward()
        optimizer.step()

    for _ in range(20):
        step()
    per_round = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(steps):
            step()
        per_round.append((time.perf_counter() - start) / steps * 1000)
    print(json.dumps({"program": "pytorch", "torch": torch.__version__, "threads": threads,
                      "ms_per_step": statistics.median(per_round), "rounds": per_round}))


if __name__ == "__main__":
    main()
