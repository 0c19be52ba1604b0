"""The book's SimpleConvNet training step in NumPy, as its chapter 7 computes it, timed.

Written for Nabla's benchmark from the book's description (im2col and col2im, the convolution
as one product of the windows with the filters, pooling as the maximum of each window's row,
the layers' backward passes by hand, Adam): conv 30 filters 5x5 stride 1 pad 0, ReLU, max pool
2x2 stride 2, affine 100, ReLU, affine 10, softmax cross-entropy; Adam lr 0.001; a fixed batch of
100 MNIST images [100, 1, 28, 28] scaled to [0, 1], float64 as the book computes. Prints one line
of JSON: the median milliseconds of a step over ROUNDS rounds of STEPS steps after 5 warm-up
steps.

Usage: python3 conv_step.py MNIST_DIR [ROUNDS] [STEPS]
"""
import json
import statistics
import sys
import time

import numpy as np

from chapter_train import read_idx  # the chapter's IDX reader, beside this file


def windows(images, kh, kw, stride, pad):
    """im2col: [N, C, H, W] to rows [N * OH * OW, C * kh * kw], one window a row."""
    n, c, h, w = images.shape
    oh = (h + 2 * pad - kh) // stride + 1
    ow = (w + 2 * pad - kw) // stride + 1
    framed = np.pad(images, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    cols = np.empty((n, c, kh, kw, oh, ow))
    for i in range(kh):
        for j in range(kw):
            cols[:, :, i, j, :, :] = framed[:, :, i:i + stride * oh:stride, j:j + stride * ow:stride]
    return cols.transpose(0, 4, 5, 1, 2, 3).reshape(n * oh * ow, -1), oh, ow


def unwindow(rows, shape, kh, kw, stride, pad):
    """col2im: each window element added back to the pixel it came from."""
    n, c, h, w = shape
    oh = (h + 2 * pad - kh) // stride + 1
    ow = (w + 2 * pad - kw) // stride + 1
    cols = rows.reshape(n, oh, ow, c, kh, kw).transpose(0, 3, 4, 5, 1, 2)
    framed = np.zeros((n, c, h + 2 * pad + stride - 1, w + 2 * pad + stride - 1))
    for i in range(kh):
        for j in range(kw):
            framed[:, :, i:i + stride * oh:stride, j:j + stride * ow:stride] += cols[:, :, i, j, :, :]
    return framed[:, :, pad:h + pad, pad:w + pad]


class Net:
    def __init__(self, rng):
        self.p = {
            "W1": 0.01 * rng.standard_normal((30, 1, 5, 5)), "b1": np.zeros(30),
            "W2": 0.01 * rng.standard_normal((30 * 12 * 12, 100)), "b2": np.zeros(100),
            "W3": 0.01 * rng.standard_normal((100, 10)), "b3": np.zeros(10)}

    def gradient(self, x, t):
        p = self.p
        n = x.shape[0]
        # Forward: convolution, ReLU, pooling, affine, ReLU, affine.
        cols, oh, ow = windows(x, 5, 5, 1, 0)
        filters = p["W1"].reshape(30, -1)
        conv = (cols @ filters.T + p["b1"]).reshape(n, oh, ow, 30).transpose(0, 3, 1, 2)
        relu1 = conv > 0
        a1 = conv * relu1
        # Pooling as the book does it: the windows of every channel as rows of 2x2 = 4 pixels,
        # ordered (image, output row, output column, channel).
        pool_cols, ph, pw = windows(a1, 2, 2, 2, 0)
        pool_rows = pool_cols.reshape(-1, 4)
        picked = pool_rows.argmax(axis=1)
        pooled = pool_rows.max(axis=1).reshape(n, ph, pw, 30).transpose(0, 3, 1, 2)
        flat = pooled.reshape(n, -1)
        h = flat @ p["W2"] + p["b2"]
        relu2 = h > 0
        a2 = h * relu2
        scores = a2 @ p["W3"] + p["b3"]
        # Softmax cross-entropy's gradient, then each layer's backward pass.
        e = np.exp(scores - scores.max(axis=1, keepdims=True))
        dy = e / e.sum(axis=1, keepdims=True)
        dy[np.arange(n), t] -= 1
        dy /= n
        g = {"W3": a2.T @ dy, "b3": dy.sum(axis=0)}
        dh = (dy @ p["W3"].T) * relu2
        g["W2"] = flat.T @ dh
        g["b2"] = dh.sum(axis=0)
        dpool = (dh @ p["W2"].T).reshape(n, 30, ph, pw).transpose(0, 2, 3, 1).reshape(-1)
        dpool_rows = np.zeros(pool_rows.shape)
        dpool_rows[np.arange(picked.size), picked] = dpool
        da1 = unwindow(dpool_rows.reshape(pool_cols.shape), (n, 30, oh, ow), 2, 2, 2, 0)
        dconv = (da1 * relu1).transpose(0, 2, 3, 1).reshape(-1, 30)
        g["W1"] = (dconv.T @ cols).reshape(p["W1"].shape)
        g["b1"] = dconv.sum(axis=0)
        return g


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2, self.iter, self.m, self.v = lr, beta1, beta2, 0, None, None

    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(v) for k, v in params.items()}
            self.v = {k: np.zeros_like(v) for k, v in params.items()}
        self.iter += 1
        lr_t = self.lr * np.sqrt(1 - self.beta2 ** self.iter) / (1 - self.beta1 ** self.iter)
        for k in params:
            self.m[k] += (1 - self.beta1) * (grads[k] - self.m[k])
            self.v[k] += (1 - self.beta2) * (grads[k] ** 2 - self.v[k])
            params[k] -= lr_t * self.m[k] / (np.sqrt(self.v[k]) + 1e-7)


def main():
    directory = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    steps = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    x = read_idx(directory, "train-images-idx3-ubyte")[:100].reshape(100, 1, 28, 28) / 255.0
    t = read_idx(directory, "train-labels-idx1-ubyte")[:100].astype(np.int64)
    net = Net(np.random.default_rng(42))
    adam = Adam()
    for _ in range(5):
        adam.update(net.p, net.gradient(x, t))
    per_round = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(steps):
            adam.update(net.p, net.gradient(x, t))
        per_round.append((time.perf_counter() - start) / steps * 1000)
    print(json.dumps({"program": "numpy-book", "numpy": np.__version__,
                      "ms_per_step": statistics.median(per_round), "rounds": per_round}))


if __name__ == "__main__":
    main()
