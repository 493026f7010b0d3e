"""Streamed traces: the same numbers as forward() + bptt(), one block of ticks in memory at a time,
and `trace` output that does not change when it is streamed."""

from __future__ import annotations

import gc
import io
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srn_tui.cli import main
from srn_tui.engine import (
    DataSequence,
    TickRecord,
    bptt,
    flow_norms,
    forward,
    init_model,
    target_flow,
    target_ticks,
)
from srn_tui.engine.stream import StoredTrace, StreamedTrace
from srn_tui.files import model_to_dict
from srn_tui.report import TICK_FIELDS, format_trace, write_trace
from srn_tui.report_flow import trace_flow

OUTPUT_LOSS = [("identity", "mse"), ("sigmoid", "mse"), ("softmax", "cross_entropy"), ("sigmoid", "cross_entropy")]


def random_case(seed: int, sizes: tuple[int, int, int], length: int, hidden: str, output_loss, jordan: bool):
    rng = np.random.default_rng(seed)
    n_in, n_hidden, n_out = sizes
    model = init_model(
        n_in, n_hidden, n_out, "xavier", seed, hidden_activation=hidden, output_activation=output_loss[0],
        loss=output_loss[1], feedback="output" if jordan else "hidden",
    )  # fmt: skip
    targets = [None if rng.random() < 0.3 else rng.random(n_out) for _ in range(length)]
    if output_loss[0] == "softmax":
        targets = [None if t is None else np.eye(n_out)[rng.integers(n_out)] for t in targets]
    return model, DataSequence.from_lists(rng.normal(size=(length, n_in)), targets, output_size=n_out)


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    sizes=st.tuples(st.integers(1, 4), st.integers(1, 5), st.integers(1, 4)),
    length=st.integers(1, 40),
    block=st.one_of(st.none(), st.integers(1, 12)),
    hidden=st.sampled_from(["tanh", "relu", "sigmoid", "identity"]),
    output_loss=st.sampled_from(OUTPUT_LOSS),
    jordan=st.booleans(),
)
def test_streamed_trace_is_exactly_forward_and_bptt(seed, sizes, length, block, hidden, output_loss, jordan):
    model, seq = random_case(seed, sizes, length, hidden, output_loss, jordan)
    trace = forward(model, seq)
    backward = bptt(trace)
    streamed = StreamedTrace(model, seq, block)
    assert streamed.loss == trace.loss and streamed.overflow is None
    for name, grad in backward.grads.items():
        assert np.array_equal(streamed.grads[name], grad), name
    for _ in range(2):  # steps() can be read again, recomputing each block
        pairs = list(streamed.steps())
        assert [rec.t for rec, _ in pairs] == list(range(1, length + 1))
        for (rec, back), ref, ref_back in zip(pairs, trace.steps, backward.steps, strict=True):
            for field in TICK_FIELDS:
                assert np.array_equal(getattr(rec, field), getattr(ref, field)), field
            assert rec.loss == ref.loss
            for field in ("delta_o", "delta_h", "delta_a"):
                assert np.array_equal(getattr(back, field), getattr(ref_back, field)), field


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
@pytest.mark.parametrize("block", [1, 4, None])
def test_streamed_output_is_the_stored_traces_output(fmt, block):
    model, seq = random_case(3, (2, 3, 2), 23, "tanh", ("softmax", "cross_entropy"), False)
    trace = forward(model, seq)
    stored = format_trace(trace, bptt(trace), fmt, "t", ["note"] * 23 if fmt == "markdown" else None)
    buf = io.StringIO()
    write_trace(buf, StreamedTrace(model, seq, block), fmt, "t", ["note"] * 23 if fmt == "markdown" else None)
    assert buf.getvalue() == stored


NO_NAMES = {"x_symbol": None, "y_symbol": None, "target_symbol": None}  # a model without a lesson: no symbols


def test_json_text_is_the_documented_document_dumped_with_indent_2():
    """The JSON is written tick by tick; the text must still be exactly json.dumps of the document,
    built here directly from forward() and bptt()."""
    model, seq = random_case(5, (2, 3, 2), 9, "tanh", ("sigmoid", "mse"), False)
    trace = forward(model, seq)
    backward = bptt(trace)

    def vec(v):
        return None if v is None else [float(x) for x in v]

    doc = {
        "model": model_to_dict(model),
        "steps": [
            {"t": r.t, **{f: vec(getattr(r, f)) for f in TICK_FIELDS}, "loss": r.loss, **NO_NAMES} for r in trace.steps
        ],
        "loss": trace.loss,
        "overflow": None,
        "backward": {
            "steps": [{"t": b.t, "delta_h": vec(b.delta_h), "delta_a": vec(b.delta_a)} for b in backward.steps],
            "grads": {name: g.tolist() for name, g in backward.grads.items()},
        },
        "flow": None,
    }
    buf = io.StringIO()
    write_trace(buf, StreamedTrace(model, seq, 2), "json")
    assert buf.getvalue() == json.dumps(doc, indent=2) + "\n"
    # With the flow of the last target, read back block by block, as target_flow gives it on the whole trace.
    tau = max(target_ticks(seq))
    whole = target_flow(trace, tau)
    steps = [{"t": s.t, "grad_norm": s.grad_norm, "jacobian_norm": s.jacobian_norm} for s in whole.steps]
    doc["flow"] = {"target": tau, "steps": steps}
    streamed = StreamedTrace(model, seq, 2)
    buf = io.StringIO()
    write_trace(buf, streamed, "json", flow=trace_flow(streamed))
    assert buf.getvalue() == json.dumps(doc, indent=2) + "\n"


class RecordCounter(io.StringIO):
    """An output that counts the tick records alive each time a line is written to it."""

    def __init__(self) -> None:
        super().__init__()
        gc.collect()
        self.before = self.alive()  # records other tests left behind (caches) are not ours
        self.most = 0
        self.writes = 0

    @staticmethod
    def alive() -> int:
        return sum(
            1 for obj in gc.get_objects() if type(obj) is TickRecord
        )  # type(): isinstance pokes every module's lazy attributes (torch warns)

    def write(self, text: str) -> int:
        self.writes += 1
        if self.writes % 50 == 1:
            self.most = max(self.most, self.alive() - self.before)
        return super().write(text)


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_trace_command_holds_one_block_of_records_not_every_tick(tmp_path, monkeypatch, fmt):
    ticks = 4000
    path = tmp_path / "long.csv"
    path.write_text("x,target\n" + "".join(f"{(i % 7) / 7},{(i % 3) / 3}\n" for i in range(ticks)))
    out = RecordCounter()
    monkeypatch.setattr("srn_tui.engine.stream.BLOCK_BYTES", 100_000)  # blocks of ~63 ticks at 1-1-1
    monkeypatch.setattr("sys.stdout", out)
    assert main(["trace", "--sequence", str(path), "--format", fmt]) == 0
    assert out.getvalue().count("\n") > ticks
    assert 0 < out.most <= 2 * 64 + 2  # the block being read and the one cached from the pass before


def test_a_short_trace_is_one_block_computed_once(monkeypatch):
    model, seq = random_case(1, (1, 2, 1), 50, "tanh", ("identity", "mse"), False)
    calls = []
    import srn_tui.engine.stream as stream

    real = stream.run_ticks
    monkeypatch.setattr(stream, "run_ticks", lambda *args: calls.append(args[2]) or real(*args))
    streamed = StreamedTrace(model, seq)
    for _ in range(3):
        assert len(list(streamed.steps())) == 50
    assert calls == [0]  # one forward run; the backward pass and every read reuse its block


def test_stored_trace_reads_like_a_streamed_one():
    model, seq = random_case(2, (1, 2, 1), 6, "tanh", ("identity", "mse"), False)
    trace = forward(model, seq)
    stored, streamed = StoredTrace(trace, bptt(trace)), StreamedTrace(model, seq, 2)
    assert (stored.loss, len(stored), stored.overflow) == (streamed.loss, len(streamed), None)
    assert [r.t for r, _ in stored.steps()] == [r.t for r, _ in streamed.steps()]


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    sizes=st.tuples(st.integers(1, 3), st.integers(1, 4), st.integers(1, 3)),
    length=st.integers(1, 30),
    block=st.integers(1, 8),
    truncate=st.one_of(st.none(), st.integers(1, 6)),
    depth=st.one_of(st.none(), st.integers(0, 5)),
    jordan=st.booleans(),
)
def test_flow_norms_read_block_by_block_are_target_flows(seed, sizes, length, block, truncate, depth, jordan):
    """flow_norms over a StreamedTrace's records_back (blocks recomputed from checkpoints) gives
    target_flow's numbers on the whole trace, bit for bit, for every target tick."""
    model, seq = random_case(seed, sizes, length, "tanh", ("sigmoid", "mse"), jordan)
    trace, streamed = forward(model, seq), StreamedTrace(model, seq, block)
    for tau in target_ticks(seq):
        whole = target_flow(trace, tau, truncate, depth)
        norms = flow_norms(model, seq, streamed.records_back(tau), tau, truncate, depth)
        assert (norms.target, norms.first) == (whole.target, whole.first)
        assert [(s.t, s.grad_norm, s.jacobian_norm) for s in norms.steps] == [
            (s.t, s.grad_norm, s.jacobian_norm) for s in whole.steps
        ]
        cut = depth is not None and depth < tau - whole.first
        assert norms.jacobian_depth == (depth if cut else None)


def test_records_back_reads_ticks_backwards_across_blocks():
    model, seq = random_case(4, (1, 2, 1), 11, "tanh", ("identity", "mse"), False)
    trace = forward(model, seq)
    streamed, stored = StreamedTrace(model, seq, 3), StoredTrace(trace, bptt(trace))
    for t in (1, 3, 4, 11):
        for source in (streamed, stored):
            recs = list(source.records_back(t))
            assert [r.t for r in recs] == list(range(t, 0, -1))
            assert all(np.array_equal(r.h, trace.steps[r.t - 1].h) for r in recs)


def test_a_long_traces_jacobian_row_stops_at_the_budget_and_says_so(capsys, monkeypatch):
    """Past TRACE_JACOBIAN_BUDGET the handout computes dh(tau)/dh(t) for the nearest ticks only:
    '-' in the table, null in JSON, and one line saying where it stops."""
    monkeypatch.setattr("srn_tui.report_flow.TRACE_JACOBIAN_BUDGET", 2.5)  # H = 1: two ticks back
    assert main(["trace", "--format", "table"]) == 0
    out = capsys.readouterr().out
    section = out[out.index("gradient flow from the loss at t = 5") :].splitlines()
    rows = [line.split() for line in section[2:7]]
    assert [r[0] for r in rows] == ["1", "2", "3", "4", "5"]
    assert [r[2] == "-" for r in rows] == [True, True, False, False, False]
    assert "(dh(5)/dh(t) computed for t = 3..5 only, '-' before" in section[-1]
    assert main(["trace", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [s["jacobian_norm"] is None for s in doc["flow"]["steps"]] == [True, True, False, False, False]
    monkeypatch.undo()
    assert main(["trace", "--format", "table"]) == 0
    assert "computed for t =" not in capsys.readouterr().out  # the seed lesson fits the real budget
