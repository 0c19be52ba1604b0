"""Makes the PyTorch fixtures of onnx/src/test: three nets trained by PyTorch on MNIST, exported by
PyTorch's own ONNX exporter, with PyTorch's predictions, so that a test checks that Nabla scores
them as PyTorch does. Not run by the build (CI has no PyTorch); rerun by hand after changing it:

    MNIST_DIR=../shared/datasets/mnist /usr/bin/python3 onnx/src/test/resources/pytorch/make_fixtures.py

It needs Debian's python3-torch (1.13); it writes next to itself.
"""
import gzip
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    mnist = os.environ.get("MNIST_DIR")
    if not mnist:
        sys.exit("set MNIST_DIR to the directory of the gzipped MNIST IDX files")
    train_x = torch.tensor(idx(os.path.join(mnist, "train-images-idx3-ubyte.gz")), dtype=torch.float32) / 255.0
    train_t = torch.tensor(idx(os.path.join(mnist, "train-labels-idx1-ubyte.gz")), dtype=torch.long)
    test_x = torch.tensor(idx(os.path.join(mnist, "t10k-images-idx3-ubyte.gz")), dtype=torch.float32) / 255.0
    train_x = train_x.reshape(-1, 1, 28, 28)
    test_x = test_x.reshape(-1, 1, 28, 28)
    torch.manual_seed(0)
    nets = {
        # PyTorch writes this as Flatten then Gemm: the example.
        "pytorch-mlp": torch.nn.Sequential(
            torch.nn.Flatten(), torch.nn.Linear(784, 32), torch.nn.ReLU(), torch.nn.Linear(32, 10)),
        "pytorch-conv": torch.nn.Sequential(
            torch.nn.Conv2d(1, 6, 5, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
            torch.nn.Conv2d(6, 8, 3, stride=2), torch.nn.Tanh(), torch.nn.Flatten(),
            torch.nn.Linear(8 * 6 * 6, 10)),
        # Batch normalization of images and of vectors, at PyTorch's epsilon (1e-5), and dropout,
        # which PyTorch leaves out of an evaluation-mode export. Exported with TrainingMode.PRESERVE
        # (the net is in evaluation mode), so that PyTorch keeps the BatchNorm2d as a node instead of
        # folding it into the convolution's weights.
        "pytorch-batchnorm": torch.nn.Sequential(
            torch.nn.Conv2d(1, 6, 5), torch.nn.BatchNorm2d(6), torch.nn.ReLU(), torch.nn.AvgPool2d(2),
            torch.nn.Flatten(), torch.nn.Linear(6 * 12 * 12, 32), torch.nn.BatchNorm1d(32), torch.nn.ReLU(),
            torch.nn.Dropout(0.3), torch.nn.Linear(32, 10)),
    }
    for name, net in nets.items():
        optimizer = torch.optim.Adam(net.parameters(), lr=0.002)
        order = torch.randperm(train_x.shape[0])
        for step in range(600):
            batch = order[step * 100:(step + 1) * 100]
            optimizer.zero_grad()
            loss = torch.nn.functional.cross_entropy(net(train_x[batch]), train_t[batch])
            loss.backward()
            optimizer.step()
        net.eval()
        with torch.no_grad():
            logits = net(test_x)
        keep = {"training": torch.onnx.TrainingMode.PRESERVE} if name == "pytorch-batchnorm" else {}
        torch.onnx.export(net, test_x[:1], os.path.join(HERE, name + ".onnx"), input_names=["image"],
                          output_names=["logits"], dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}},
                          opset_version=13, **keep)
        # PyTorch's classes for all 10,000 test rows (as float32, which Nabla's .npy reader takes), and
        # its scores for the first 500.
        np.save(os.path.join(HERE, name + "-classes.npy"), logits.argmax(dim=1).numpy().astype(np.float32))
        np.save(os.path.join(HERE, name + "-logits.npy"), logits[:500].numpy())
        labels = idx(os.path.join(mnist, "t10k-labels-idx1-ubyte.gz"))
        accuracy = float((logits.argmax(dim=1).numpy() == labels).mean())
        print(f"{name}: torch {torch.__version__}, test accuracy {accuracy:.4f}")


if __name__ == "__main__":
    main()
