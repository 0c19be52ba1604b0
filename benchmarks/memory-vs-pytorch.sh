#!/usr/bin/env bash
# Peak resident memory of training the book's SimpleConvNet on MNIST, Nabla beside PyTorch, and
# Nabla's heap after each garbage collection over the run (flat after the first epoch, or it
# grows from step to step).
#   nabla:   ./nabla train --net simple-conv --epochs EPOCHS (this tree's jar, default JVM heap)
#   pytorch: /usr/bin/python3 benchmarks/pytorch/conv_train.py, the same net, data and batches
# Each runs under /usr/bin/time -v, one after the other (never at once). Prints each program's
# peak RSS, and the Java heap in use after the last collection of each epoch.
# Usage: benchmarks/memory-vs-pytorch.sh [EPOCHS]   (MNIST_DIR must point at the MNIST files)
set -euo pipefail
epochs=${1:-3}
: "${MNIST_DIR:?set MNIST_DIR to the MNIST files}"
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$here"
./mvnw -B -q -DskipTests -pl examples -am package >/dev/null
peak() { awk -F': ' '/Maximum resident set size/ {printf "%.0f MB", $2 / 1024}' "$1"; }

# Nabla: each line of its output stamped with the wall clock, to place the GC log's events in epochs.
NABLA_JAVA_OPTS="-Xlog:gc:file=$work/gc.log:utctime" /usr/bin/time -v -o "$work/nabla.time" \
  ./nabla train --net simple-conv --epochs "$epochs" --no-progress --data "$MNIST_DIR" --out "$work/run" \
  | while IFS= read -r line; do printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%S.%3N)" "$line"; done >"$work/nabla.out"
/usr/bin/time -v -o "$work/pytorch.time" env OPENBLAS_NUM_THREADS=1 \
  /usr/bin/python3 benchmarks/pytorch/conv_train.py "$MNIST_DIR" "$epochs" 2 >"$work/pytorch.out"

echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'); $(java -version 2>&1 | head -1); torch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)')"
echo "peak RSS, SimpleConvNet, $epochs epochs of 600 steps, batch 100, 2 threads:"
echo "  nabla   $(peak "$work/nabla.time")   ($(grep -c 'epoch' "$work/nabla.out") epoch lines; last: $(grep 'epoch' "$work/nabla.out" | tail -1 | cut -d' ' -f2-))"
echo "  pytorch $(peak "$work/pytorch.time")   (last: $(tail -1 "$work/pytorch.out"))"
echo "nabla's heap in use after the last collection of each epoch (MB; -Xlog:gc):"
python3 - "$work/gc.log" "$work/nabla.out" <<'PY'
import re, sys
from datetime import datetime
def stamp(text):
    return datetime.strptime(text[:23], "%Y-%m-%dT%H:%M:%S.%f")
gcs = []
for line in open(sys.argv[1]):
    m = re.match(r"\[(\S+)\].*Pause.*?(\d+)M->(\d+)M\((\d+)M\)", line)
    if m:
        gcs.append((stamp(m.group(1)), int(m.group(3)), int(m.group(4))))
for line in open(sys.argv[2]):
    m = re.match(r"(\S+) epoch\s+(\d+)", line)
    if m:
        at = stamp(m.group(1))
        before = [g for g in gcs if g[0] <= at]
        if before:
            print(f"  epoch {m.group(2):>2}: {before[-1][1]} MB of {before[-1][2]} MB committed, {len(before)} collections so far")
PY
