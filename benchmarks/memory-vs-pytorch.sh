#!/usr/bin/env bash
# Peak resident memory of training the book's SimpleConvNet on MNIST, Nabla beside PyTorch, and
# Nabla's live heap at each epoch's end (flat after the first epoch, or it grows from step to step).
#   nabla:   ./nabla train --net simple-conv --epochs EPOCHS (this tree's jar, the JVM's default
#            heap sizing, plus NABLA_JAVA_OPTS if set: -Xmx1g, say)
#   pytorch: /usr/bin/python3 benchmarks/pytorch/conv_train.py, the same net, data and batches
# Each runs under /usr/bin/time -v, one after the other (never at once). At each epoch line Nabla
# prints, the script asks its JVM for a full collection (jcmd GC.run): the heap after it is what
# the run holds live, without the garbage a young collection leaves in the old generation.
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
NABLA_JAVA_OPTS="${NABLA_JAVA_OPTS:-} -Xlog:gc:file=$work/gc.log:utctime" /usr/bin/time -v -o "$work/nabla.time" \
  ./nabla train --net simple-conv --epochs "$epochs" --no-progress --data "$MNIST_DIR" --out "$work/run" \
  | while IFS= read -r line; do
      printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%S.%3N)" "$line"
      case $line in
        epoch*) pid=$(pgrep -n -f "nabla.jar train --net simple-conv --epochs $epochs") && jcmd "$pid" GC.run >/dev/null ;;
      esac
    done >"$work/nabla.out"
/usr/bin/time -v -o "$work/pytorch.time" env OPENBLAS_NUM_THREADS=1 \
  /usr/bin/python3 benchmarks/pytorch/conv_train.py "$MNIST_DIR" "$epochs" 2 >"$work/pytorch.out"

echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'); $(java -version 2>&1 | head -1); torch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)')"
echo "peak RSS, SimpleConvNet, $epochs epochs of 600 steps, batch 100, 2 threads:"
echo "  nabla   $(peak "$work/nabla.time")   ($(grep -c 'epoch' "$work/nabla.out") epoch lines; last: $(grep 'epoch' "$work/nabla.out" | tail -1 | cut -d' ' -f2-))"
echo "  pytorch $(peak "$work/pytorch.time")   (last: $(tail -1 "$work/pytorch.out"))"
echo "nabla's live heap after the full collection at each epoch's end (MB; -Xlog:gc):"
python3 - "$work/gc.log" "$work/nabla.out" <<'PY'
import re, sys
from datetime import datetime
def stamp(text):
    return datetime.strptime(text[:23], "%Y-%m-%dT%H:%M:%S.%f")
fulls = []
for line in open(sys.argv[1]):
    m = re.match(r"\[(\S+)\].*Pause Full \((?:System.gc\(\)|Diagnostic Command)\) (\d+)M->(\d+)M\((\d+)M\)", line)
    if m:
        fulls.append((stamp(m.group(1)), int(m.group(3)), int(m.group(4))))
for line in open(sys.argv[2]):
    m = re.match(r"(\S+) epoch\s+(\d+)", line)
    if m:
        after = [g for g in fulls if g[0] >= stamp(m.group(1))]
        if after:
            print(f"  epoch {m.group(2):>2}: {after[0][1]} MB live, of {after[0][2]} MB committed")
PY
