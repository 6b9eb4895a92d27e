#!/usr/bin/env python3
"""Reference timings for complex Hermitian eigendecomposition with numpy (LAPACK).

Needs Debian's python3-numpy (apt-get install -y python3-numpy) and runs with
/usr/bin/python3. Prints one JSON object: {"n": median_seconds_per_call, ...}.
Usage: eigh_numpy.py [n ...]   (default sizes 2 4 8 16 32 64 128)
Compare with the engine's own timings measured in the same run.

Copied from the project's shared bench folder so the repository does not
depend on it; one addition: the BLAS/LAPACK that numpy runs (threadpoolctl,
when installed) goes to stderr as one JSON line, for the report.
"""
import json
import sys
import time

import numpy as np


def median_seconds(n: int, repeats: int = 7) -> float:
    rng = np.random.default_rng(n)
    a = rng.normal(size=(n, n)) + 1j * rng.normal(size=(n, n))
    h = (a + a.conj().T) / 2
    calls = max(1, int(20000 / (n * n)))
    np.linalg.eigh(h)  # warm up
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(calls):
            np.linalg.eigh(h)
        samples.append((time.perf_counter() - t0) / calls)
    samples.sort()
    return samples[len(samples) // 2]


def blas_report() -> str:
    try:
        from threadpoolctl import threadpool_info

        info = [
            {k: d.get(k) for k in ("internal_api", "version", "architecture", "num_threads", "filepath")}
            for d in threadpool_info()
        ]
    except ImportError:
        info = "threadpoolctl not installed"
    return json.dumps({"numpy": np.__version__, "blas": info or "none detected (reference BLAS/LAPACK?)"})


if __name__ == "__main__":
    print(blas_report(), file=sys.stderr)
    sizes = [int(s) for s in sys.argv[1:]] or [2, 4, 8, 16, 32, 64, 128]
    print(json.dumps({str(n): median_seconds(n) for n in sizes}))
