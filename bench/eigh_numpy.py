#!/usr/bin/env python3
"""Reference timings for complex Hermitian eigendecomposition with numpy (LAPACK).

Needs Debian's numpy on OpenBLAS, the LAPACK that users' numpy runs on:
`apt-get install -y python3-numpy libopenblas0-pthread` (without the second
package Debian's numpy falls back to the slow reference LAPACK). Run it with
/usr/bin/python3 and OPENBLAS_NUM_THREADS=1 (qep is single-threaded). Prints
one JSON object: {"n": median_seconds_per_call, ...}.
Usage: eigh_numpy.py [--both] [n ...]   (default sizes 2 4 8 16 32 64 128)
With --both each size gets {"wall": s, "cpu": s}: the median wall-clock and
the median process CPU time per call of the same samples (CPU time hardly
depends on other processes sharing the machine).
Compare with the engine's own timings measured in the same run.

Stands alone (nothing outside the repository is read). The BLAS/LAPACK that
numpy runs goes to stderr as one JSON line, for the report: from
threadpoolctl when installed, else the BLAS/LAPACK libraries mapped into this
process and, for OpenBLAS, its build config, kernel (core) name and thread count.
"""
import json
import sys
import time

import numpy as np


def median_seconds(n: int, repeats: int = 7, both: bool = False):
    rng = np.random.default_rng(n)
    a = rng.normal(size=(n, n)) + 1j * rng.normal(size=(n, n))
    h = (a + a.conj().T) / 2
    calls = max(1, int(20000 / (n * n)))
    np.linalg.eigh(h)  # warm up
    samples = []
    cpu = []
    for _ in range(repeats):
        c0 = time.process_time()
        t0 = time.perf_counter()
        for _ in range(calls):
            np.linalg.eigh(h)
        samples.append((time.perf_counter() - t0) / calls)
        cpu.append((time.process_time() - c0) / calls)
    samples.sort()
    cpu.sort()
    if both:
        return {"wall": samples[len(samples) // 2], "cpu": cpu[len(cpu) // 2]}
    return samples[len(samples) // 2]


def mapped_blas() -> list:
    """BLAS/LAPACK shared libraries loaded in this process (Linux /proc/self/maps), with OpenBLAS's own report."""
    import ctypes

    try:
        with open("/proc/self/maps") as f:
            paths = sorted({ln.split()[-1] for ln in f if ("blas" in ln or "lapack" in ln) and ln.split()[-1].startswith("/")})
    except OSError:
        return []
    info = []
    for path in paths:
        entry = {"filepath": path}
        if "openblas" in path.rsplit("/", 1)[-1]:
            lib = ctypes.CDLL(path)
            for name in ("openblas_get_config", "openblas_get_corename"):
                fn = getattr(lib, name, None)
                if fn is not None:
                    fn.restype = ctypes.c_char_p
                    entry[name[len("openblas_get_"):]] = fn().decode()
            if hasattr(lib, "openblas_get_num_threads"):
                entry["num_threads"] = lib.openblas_get_num_threads()
        info.append(entry)
    return info


def blas_report() -> str:
    np.linalg.eigh(np.eye(2))  # make sure LAPACK is loaded
    try:
        from threadpoolctl import threadpool_info

        info = [
            {k: d.get(k) for k in ("internal_api", "version", "architecture", "num_threads", "filepath")}
            for d in threadpool_info()
        ]
    except ImportError:
        info = mapped_blas()
    return json.dumps({"numpy": np.__version__, "blas": info or "none detected (reference BLAS/LAPACK?)"})


if __name__ == "__main__":
    print(blas_report(), file=sys.stderr)
    both = "--both" in sys.argv[1:]
    sizes = [int(s) for s in sys.argv[1:] if s != "--both"] or [2, 4, 8, 16, 32, 64, 128]
    print(json.dumps({str(n): median_seconds(n, both=both) for n in sizes}))
