#!/usr/bin/env python3
"""Tandem's matching solver against SciPy's linear_sum_assignment on the very same matrix.

For each size and family, `tandem bench matching` builds a problem, solves it (the most pairs,
then the best total), prints its total and solve time, and writes the score matrix; SciPy then
solves that file with linear_sum_assignment(maximize=True) in the same run. Prints one row per
case: both totals, both solve times, their ratio (ours / SciPy's) and our peak memory.

    pip install numpy scipy
    cargo build --release -p tandem-server --bin tandem
    python3 benches/matching_vs_scipy.py                       # the table in docs/benchmarks.md
    python3 benches/matching_vs_scipy.py --sizes 500 --families uniform
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
from scipy.optimize import linear_sum_assignment

DEFAULT_BIN = os.path.expanduser("~/.cache/tandem/target/release/tandem")


def ours(binary, size, seed, family, path):
    out = subprocess.run(
        [binary, "bench", "matching", "--size", str(size), "--seed", str(seed),
         "--family", family, "--scores-out", path],
        check=True, capture_output=True, text=True,
    ).stdout
    report = {}
    for line in out.splitlines():
        name, value = line.split()[:2]
        report[name] = float(value)
    return report


def scipy(path, size):
    scores = np.fromfile(path, dtype="<f8").reshape(size, size)
    started = time.perf_counter()
    rows, cols = linear_sum_assignment(scores, maximize=True)
    seconds = time.perf_counter() - started
    chosen = scores[rows, cols]
    # A pair scored -1e9 is forbidden: SciPy takes one only when no full assignment avoids it.
    allowed = chosen > -1e8
    return float(chosen[allowed].sum()), int(allowed.sum()), seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=os.environ.get("TANDEM_BIN", DEFAULT_BIN))
    parser.add_argument("--sizes", default="1000,2000,5000")
    parser.add_argument("--families", default="uniform,realistic")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    print("| family | N | pairs | total (Tandem) | total (SciPy) | same | Tandem solve s | SciPy solve s | ratio | peak MiB |")
    print("|---|---:|---:|---:|---:|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as scratch:
        for family in args.families.split(","):
            for size in (int(s) for s in args.sizes.split(",")):
                path = os.path.join(scratch, f"{family}-{size}.f64")
                mine = ours(args.bin, size, args.seed, family, path)
                total, pairs, seconds = scipy(path, size)
                same = abs(mine["total"] - total) <= 1e-6 * max(1.0, abs(total)) and int(mine["pairs"]) == pairs
                print(
                    f"| {family} | {size:,} | {int(mine['pairs']):,} | {mine['total']:.6f} | {total:.6f} | "
                    f"{'yes' if same else 'NO'} | {mine['solve']:.3f} | {seconds:.3f} | "
                    f"{mine['solve'] / seconds:.2f} | {mine.get('peak', float('nan')):.0f} |",
                    flush=True,
                )
                os.remove(path)
                if not same:
                    sys.exit(f"the optima differ for {family} N={size}")


if __name__ == "__main__":
    main()
