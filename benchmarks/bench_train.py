"""Training speed of the NumPy engine against a PyTorch twin doing the same work.

One step = forward + BPTT + one SGD update, the way the app trains: `Trainer.run_epoch()`
over one sequence (batch-1 cases) or over 32 equal-length sequences with batch_size 32
(the batched case). The twin is torch.nn.RNN(tanh) + nn.Linear + autograd + torch.optim.SGD
in float64 on one thread, timed in the same process, interleaved with the NumPy runs.

    python benchmarks/bench_train.py            # all cases, 11 paired measurements, medians
    python benchmarks/bench_train.py --quick --cases seed,char

BLAS thread counts are pinned to 1 below, before NumPy is imported, so both sides use one core.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

# Before NumPy loads its BLAS: one thread, like the torch twin.
for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS"):
    os.environ[_var] = "1"

import numpy as np  # noqa: E402

from srn_tui.engine import Batch, DataSequence, Model, Params, TrainConfig, Trainer, init_model, loss_and_grads  # noqa: E402

LR = 1e-4  # small, so thousands of steps stay finite and every step does the same work


@dataclass(frozen=True)
class Case:
    name: str
    input_size: int
    hidden_size: int
    output_size: int
    length: int
    softmax: bool = False  # softmax output + cross-entropy on one-hot targets, else identity + MSE
    batch: int = 1

    @property
    def sizes(self) -> str:
        b = f"B={self.batch} " if self.batch > 1 else ""
        return f"{b}{self.input_size}-{self.hidden_size}-{self.output_size}, T={self.length}"


CASES = {
    c.name: c
    for c in (
        Case("seed", 1, 1, 1, 5),
        Case("letters", 6, 20, 6, 100),
        Case("char", 65, 100, 65, 25, softmax=True),
        Case("big", 65, 256, 65, 100, softmax=True),
        Case("batched", 6, 20, 6, 100, batch=32),
    )
}


def make_data(case: Case, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """inputs (B, T, I) and targets (B, T, O), a target on every tick."""
    rng = np.random.default_rng(seed)
    shape_in = (case.batch, case.length, case.input_size)
    if not case.softmax:
        return rng.uniform(-1, 1, shape_in), rng.uniform(-1, 1, (case.batch, case.length, case.output_size))
    # Character-level: one-hot inputs and one-hot next-character targets.
    chars = rng.integers(0, case.input_size, (case.batch, case.length + 1))
    eye = np.eye(case.input_size)
    return eye[chars[:, :-1]], np.eye(case.output_size)[chars[:, 1:] % case.output_size]


def engine_model(case: Case) -> Model:
    output = "softmax" if case.softmax else "identity"
    return init_model(case.input_size, case.hidden_size, case.output_size, seed=0, output_activation=output)


def numpy_step(case: Case, inputs: np.ndarray, targets: np.ndarray) -> Callable[[], object]:
    sequences = [DataSequence(x, y, np.ones(case.length, dtype=bool)) for x, y in zip(inputs, targets, strict=True)]
    config = TrainConfig(epochs=1, lr=LR, optimizer="sgd", batch_size=case.batch)
    return Trainer(engine_model(case), sequences, config).run_epoch


def torch_twin(
    torch: ModuleType, case: Case, inputs: np.ndarray, targets: np.ndarray, params: Params | None = None
) -> tuple[list, Callable]:
    """nn.RNN + nn.Linear and a closure giving the loss, summed over every tick and unit like the engine's.

    With `params` (engine names) the twin starts from those weights; bias_hh is then zero,
    since torch's RNN has two hidden biases where the engine has one.
    """
    torch.manual_seed(0)
    rnn = torch.nn.RNN(case.input_size, case.hidden_size, nonlinearity="tanh", batch_first=True).double()
    head = torch.nn.Linear(case.hidden_size, case.output_size).double()
    if params is not None:
        with torch.no_grad():
            pairs = [(rnn.weight_ih_l0, "W_xh"), (rnn.weight_hh_l0, "W_hh"), (rnn.bias_ih_l0, "b_h")]
            for tensor, name in [*pairs, (head.weight, "W_hy"), (head.bias, "b_y")]:
                tensor.copy_(torch.from_numpy(params[name]))
            rnn.bias_hh_l0.zero_()
    x = torch.from_numpy(inputs)
    if case.softmax:
        labels = torch.from_numpy(targets.argmax(axis=-1)).reshape(-1)

        def loss_of(o):
            return torch.nn.functional.cross_entropy(o.reshape(-1, case.output_size), labels, reduction="sum")
    else:
        y = torch.from_numpy(targets)

        def loss_of(o):
            return 0.5 * ((o - y) ** 2).sum()

    def loss():
        out, _ = rnn(x)
        return loss_of(head(out))

    return list(rnn.parameters()) + list(head.parameters()), loss


def torch_step(torch: ModuleType, case: Case, inputs: np.ndarray, targets: np.ndarray) -> Callable[[], None]:
    params, loss = torch_twin(torch, case, inputs, targets)
    opt = torch.optim.SGD(params, lr=LR)

    def step() -> None:
        opt.zero_grad()
        loss().backward()
        opt.step()

    return step


def first_losses(torch: ModuleType, case: Case, inputs: np.ndarray, targets: np.ndarray) -> dict[str, float]:
    """The loss both sides start from when the twin is given the engine's weights (a check of "same work")."""
    model = engine_model(case)
    batch = Batch(inputs, targets, np.ones(inputs.shape[:2], dtype=bool))
    _, loss = torch_twin(torch, case, inputs, targets, model.params)
    return {"numpy": loss_and_grads(model, batch)[0], "torch": loss().item()}


def check_same_work(torch: ModuleType, case: Case, inputs: np.ndarray, targets: np.ndarray) -> None:
    losses = first_losses(torch, case, inputs, targets)
    if not np.isclose(losses["numpy"], losses["torch"], rtol=1e-9, atol=0):
        raise SystemExit(f"{case.name}: the torch twin does different work (start loss {losses})")


def steps_per_second(step: Callable[[], None], reps: int) -> float:
    start = time.perf_counter()
    for _ in range(reps):
        step()
    return reps / (time.perf_counter() - start)


def reps_for(step: Callable[[], None], seconds: float) -> int:
    """How many steps fill about `seconds` (after one warm-up step)."""
    step()
    return max(3, int(seconds * steps_per_second(step, 3)))


@dataclass(frozen=True)
class Row:
    case: Case
    numpy: float  # median steps/s
    torch: float | None
    ratio: float | None  # median of the numpy/torch ratios of back-to-back measurements


def measure(case: Case, torch: ModuleType | None, repeats: int, seconds: float) -> Row:
    """Medians over `repeats` measurements, NumPy and torch back to back in each.

    Pairing short back-to-back measurements keeps the ratio steady when other processes
    come and go on the machine: both sides of a pair see about the same load.
    """
    inputs, targets = make_data(case)
    steps = {"numpy": numpy_step(case, inputs, targets)}
    if torch is not None:
        check_same_work(torch, case, inputs, targets)
        steps["torch"] = torch_step(torch, case, inputs, targets)
    reps = {name: reps_for(step, seconds) for name, step in steps.items()}
    rates: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(repeats):
        for name, step in steps.items():
            rates[name].append(steps_per_second(step, reps[name]))
    if torch is None:
        return Row(case, statistics.median(rates["numpy"]), None, None)
    ratios = [n / t for n, t in zip(rates["numpy"], rates["torch"], strict=True)]
    return Row(case, statistics.median(rates["numpy"]), statistics.median(rates["torch"]), statistics.median(ratios))


def load_torch() -> ModuleType | None:
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    return torch


def table(rows: list[Row], with_torch: bool) -> str:
    header = ["case", "sizes", "numpy steps/s", "torch steps/s", "ratio"]
    lines = [header]
    for r in rows:
        torch_rate = f"{r.torch:,.0f}" if r.torch else "-"
        ratio = f"{r.ratio:.2f}x" if r.ratio else "-"
        lines.append([r.case.name, r.case.sizes, f"{r.numpy:,.0f}", torch_rate, ratio])
    if not with_torch:
        lines = [line[:3] for line in lines]
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    out = ["| " + " | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)) + " |" for line in lines]
    out.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few short repeats (a smoke test, not a measurement)")
    parser.add_argument("--cases", default=",".join(CASES), help=f"comma-separated, from {', '.join(CASES)}")
    parser.add_argument("--repeats", type=int, default=None, help="measurements per case (default 11, quick 2)")
    parser.add_argument("--no-torch", action="store_true", help="time the NumPy engine only")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.cases.split(",") if n.strip()]
    unknown = [n for n in names if n not in CASES]
    if unknown:
        parser.error(f"unknown case {unknown[0]!r}; expected names from {', '.join(CASES)}")
    repeats = args.repeats or (2 if args.quick else 11)
    seconds = 0.01 if args.quick else 0.15

    torch = None if args.no_torch else load_torch()
    print(f"Python {platform.python_version()}, NumPy {np.__version__}, {platform.machine()}, {os.cpu_count()} CPU(s)")
    print(f"float64, one thread (OMP/MKL/OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}), SGD lr={LR}")
    if torch is None:
        reason = "--no-torch" if args.no_torch else "torch is not importable"
        print(f"NumPy figures only ({reason}).")
    else:
        print(f"torch {torch.__version__}, {torch.get_num_threads()} thread")
    print(f"one step = forward + BPTT + SGD update; median steps/s of {repeats} measurements of ~{seconds} s each;")
    print("ratio = numpy / torch, the median over back-to-back pairs of measurements")
    if torch is not None:
        print("each case first checks that both sides start from the same loss given the same weights")
    rows = [measure(CASES[n], torch, repeats, seconds) for n in names]
    print(table(rows, torch is not None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
