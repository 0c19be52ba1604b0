#!/usr/bin/env python3
"""Times `nabla train` (the chapter's run, float32) of several variants, taking turns.

Each variant is TREE or TREE@JAVA_OPTS: a source tree with its ./nabla launcher (a `git worktree`
of some commit, built once), and the NABLA_JAVA_OPTS to run it with (a variant without @ runs
with none, whatever the environment says). Every round runs each variant once, the order turning
by one from round to round so that none always runs first or last; the medians of the training time (the `seconds` of --json)
and of the whole command's wall time are printed per variant, with the median over rounds of the
ratio of its training time to the first variant's in the same round.

  alternate-runs.py ROUNDS VARIANT [VARIANT ...]
  e.g. alternate-runs.py 11 /tmp/hand /tmp/after '/tmp/after@-XX:+UseG1GC'

JAVA_HOME picks the JDK (default: java on the PATH); data: MNIST_DIR, else ../shared/datasets/mnist
beside the repository.
"""
import json, os, statistics, subprocess, sys, tempfile, time

def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    rounds, variants = int(sys.argv[1]), sys.argv[2:]
    here = os.path.dirname(os.path.abspath(__file__))
    data = os.environ.get("MNIST_DIR", os.path.join(here, "../../../../shared/datasets/mnist"))
    train = {v: [] for v in variants}
    wall = {v: [] for v in variants}
    with tempfile.TemporaryDirectory() as out:
        for r in range(rounds):
            for v in variants[r % len(variants):] + variants[:r % len(variants)]:
                tree, _, opts = v.partition("@")
                env = dict(os.environ, NABLA_JAVA_OPTS=opts)
                start = time.monotonic()
                run = subprocess.run([os.path.join(tree, "nabla"), "train", "--data", data, "--dtype",
                                      "float32", "--out", os.path.join(out, "run"), "--json"],
                                     capture_output=True, text=True, env=env)
                if run.returncode != 0:
                    sys.exit(f"{v}: nabla train failed ({run.returncode}):\n{run.stderr}")
                wall[v].append(time.monotonic() - start)
                train[v].append(json.loads(run.stdout[run.stdout.index("{"):])["seconds"])
            print(f"round {r + 1} of {rounds} done", file=sys.stderr)
    med = statistics.median
    first = variants[0]
    for v in variants:
        ratio = med(a / b for a, b in zip(train[v], train[first]))
        print(f"{v:50s} training {med(train[v]):.2f} s  wall {med(wall[v]):.2f} s  "
              f"training / first's, per round: {ratio:.3f}  rounds: "
              + " ".join(f"{t:.2f}" for t in train[v]))

if __name__ == "__main__":
    main()
