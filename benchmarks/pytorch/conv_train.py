"""The book's SimpleConvNet trained on MNIST in PyTorch, as `nabla train --net simple-conv` trains
it: the peer for peak resident memory (run it under /usr/bin/time -v).

All 60,000 training images in memory as float32 [N, 1, 28, 28] scaled to [0, 1] (as Nabla holds
them), batches of 100 drawn with replacement (the chapter's way), Adam lr 0.001, EPOCHS epochs of
600 steps; after each epoch the accuracy on all training and test images, in batches of 1000
without gradients. Prints one line of JSON per epoch.

Usage: /usr/bin/python3 conv_train.py MNIST_DIR [EPOCHS] [THREADS]
"""
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "numpy"))
from chapter_train import read_idx  # noqa: E402 (the chapter's IDX reader)


def images(directory, name):
    pixels = read_idx(directory, name)
    return torch.tensor(pixels, dtype=torch.float32).reshape(-1, 1, 28, 28) / 255.0


def accuracy(net, x, t):
    correct = 0
    with torch.no_grad():
        for start in range(0, len(x), 1000):
            correct += (net(x[start:start + 1000]).argmax(1) == t[start:start + 1000]).sum().item()
    return correct / len(x)


def main():
    directory = sys.argv[1]
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    torch.set_num_threads(threads)
    torch.manual_seed(42)
    rng = np.random.default_rng(42)
    x_train = images(directory, "train-images-idx3-ubyte")
    t_train = torch.tensor(read_idx(directory, "train-labels-idx1-ubyte"), dtype=torch.int64)
    x_test = images(directory, "t10k-images-idx3-ubyte")
    t_test = torch.tensor(read_idx(directory, "t10k-labels-idx1-ubyte"), dtype=torch.int64)
    net = nn.Sequential(
        nn.Conv2d(1, 30, 5), nn.ReLU(), nn.MaxPool2d(2, 2), nn.Flatten(),
        nn.Linear(30 * 12 * 12, 100), nn.ReLU(), nn.Linear(100, 10))
    optimizer = torch.optim.Adam(net.parameters(), lr=0.001)
    loss_fn = nn.CrossEntropyLoss()
    start = time.perf_counter()
    for epoch in range(1, epochs + 1):
        for _ in range(len(x_train) // 100):
            batch = torch.from_numpy(rng.integers(0, len(x_train), 100))
            optimizer.zero_grad(set_to_none=False)
            loss = loss_fn(net(x_train[batch]), t_train[batch])
            loss.backward()
            optimizer.step()
        print(json.dumps({"epoch": epoch, "train_acc": accuracy(net, x_train, t_train),
                          "test_acc": accuracy(net, x_test, t_test),
                          "seconds": round(time.perf_counter() - start, 1)}), flush=True)


if __name__ == "__main__":
    main()
