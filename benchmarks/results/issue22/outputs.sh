#!/usr/bin/env bash
# Records the outputs that issue 22 must not change, for the Nabla tree TREE, into OUT:
# nabla tour --json, and the history.csv and final parameters of nabla train --iters 2000 on the pure
# backend in float32 and float64 and on simd in float32 (plus relu and adam runs, which reach
# the activation and scalar kernels the default run does not; simd in float64, whose 784-wide
# products are split over threads; the book's SimpleConvNet for 60 iterations and DeepConvNet for 8,
# which reach the convolution, pooling and deep-product kernels). The parameters of each saved
# model are kept as SHA-256 digests of their bytes. Compare two OUTs with diff -r.
# Usage: outputs.sh TREE OUT   (MNIST_DIR must point at the MNIST files)
set -euo pipefail
tree=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
: "${MNIST_DIR:?set MNIST_DIR to the MNIST files}"
cd "$tree"
./nabla tour --json >"$out/tour.json"
run() { # name, then nabla train options; ITERS iterations (2000 unless set)
  local name=$1; shift
  ./nabla train --iters "${ITERS:-2000}" --no-progress --data "$MNIST_DIR" --out "$out/$name" "$@" >/dev/null
  rm -f "$out/$name"/*.png
  # The model file also records the start time; its parameters' bytes are what must not change.
  python3 -c 'import hashlib, sys, numpy as np
z = np.load(sys.argv[1])
for k in sorted(z.files):
    if z[k].dtype.kind == "f": print(k, z[k].dtype, z[k].shape, hashlib.sha256(z[k].tobytes()).hexdigest())' \
    "$out/$name/model.npz" >"$out/$name/parameters.sha256"
  rm -f "$out/$name/model.npz"
}
run pure-f32 --backend pure --dtype float32
run pure-f64 --backend pure --dtype float64
run simd-f32 --backend simd --dtype float32
run simd-f32-relu-adam --backend simd --dtype float32 --activation relu --optimizer adam --lr 0.001
run pure-f64-relu-momentum --backend pure --dtype float64 --activation relu --optimizer momentum --lr 0.01
run simd-f64 --backend simd --dtype float64
ITERS=60 run simd-simple-conv --backend simd --net simple-conv
ITERS=8 run simd-deep-conv --backend simd --net deep-conv
