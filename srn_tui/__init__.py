"""srn-tui: watch a Simple Recurrent Network (Elman network) compute and learn, tick by tick."""

import os

# One BLAS thread unless the user says otherwise. srn-tui's matrices are small (at most a few hundred
# units): OpenBLAS's extra threads only spin and contend, most of all on a shared or busy machine
# (`train --scenario lexical`: 2.65 s with one thread, 5.02 s with two, on 2 cores at load 3.4;
# benchmarks/README.md). Set here, before any module of the package imports NumPy.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

__version__ = "0.1.0"
