"""`srn-tui analyze`: the JSON contract, csv and text, and the degenerate and bad inputs, driven as a
user would. The numbers are checked against an independent computation from the engine's trace:
NumPy's SVD for the projection, SciPy's linkage of the per-label means worked out here."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest
from scipy.cluster.hierarchy import linkage as scipy_linkage
from shared import run

from srn_tui.engine import forward
from srn_tui.lessons import get_scenario


def engine_states(name: str) -> tuple[np.ndarray, list[str], list[tuple[int, int]]]:
    scenario = get_scenario(name)
    model, decode = scenario.model(), (scenario.symbols.input if scenario.symbols else None)
    rows, labels, where = [], [], []
    for i, seq in enumerate(scenario.sequences()):
        for rec in forward(model, seq).steps:
            rows.append(rec.h)
            labels.append(decode(rec.x) if decode else format(round(float(rec.x[0]), 1) + 0.0, "g"))
            where.append((i, rec.t))
    return np.array(rows), labels, where


@pytest.mark.parametrize("name", ["letters", "hello", "sine"])
def test_json_contract(capsys, name):
    code, out, err = run(capsys, "analyze", "--scenario", name, "--format", "json")
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert set(doc) == {"pca", "clusters"}
    assert set(doc["pca"]) == {"explained", "points"} and set(doc["clusters"]) == {"labels", "linkage"}
    states, labels, where = engine_states(name)
    points = doc["pca"]["points"]
    assert [(p["seq"], p["t"]) for p in points] == where
    assert [p["label"] for p in points] == labels
    assert all(set(p) == {"seq", "t", "label", "xy"} and len(p["xy"]) == 2 for p in points)
    # the projection: explained shares and coordinates (up to each axis' sign) from the SVD
    centred = states - states.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    np.testing.assert_allclose(doc["pca"]["explained"], s[:2] ** 2 / np.sum(s**2), rtol=1e-8)
    xy = np.array([p["xy"] for p in points])
    reference = centred @ vt[:2].T
    for k in range(2):
        sign = np.sign(xy[:, k] @ reference[:, k])
        np.testing.assert_allclose(xy[:, k], sign * reference[:, k], atol=1e-9)
    # the clusters: SciPy's average linkage of the mean state per label, labels in first-seen order
    names = list(dict.fromkeys(labels))
    assert doc["clusters"]["labels"] == names
    means = np.array([states[[lab == n for lab in labels]].mean(axis=0) for n in names])
    expected = scipy_linkage(means, method="average", metric="euclidean")
    got = doc["clusters"]["linkage"]
    assert len(got) == len(names) - 1
    assert all(isinstance(row[0], int) and isinstance(row[1], int) and isinstance(row[3], int) for row in got)
    np.testing.assert_allclose(np.array(got, dtype=float), expected, atol=1e-12)


def test_one_hidden_unit_is_a_stated_degenerate_result(capsys):
    code, out, _ = run(capsys, "analyze", "--format", "json")  # seed: H = 1
    assert code == 0
    doc = json.loads(out)
    assert doc["pca"]["explained"] == [1.0, 0.0]
    assert all(p["xy"][1] == 0.0 for p in doc["pca"]["points"])
    assert [p["label"] for p in doc["pca"]["points"]] == ["1", "2", "3", "4", "5"]
    code, out, _ = run(capsys, "analyze")
    assert code == 0 and "H = 1: one hidden unit, so no second component" in out


def test_one_label_is_a_stated_degenerate_result(capsys, tmp_path):
    seq = tmp_path / "same.csv"
    seq.write_text("x,target\n1,\n1,\n1,2\n")
    code, out, _ = run(capsys, "analyze", "--sequence", str(seq), "--format", "json")
    assert code == 0
    assert json.loads(out)["clusters"] == {"labels": ["1"], "linkage": []}
    code, out, _ = run(capsys, "analyze", "--sequence", str(seq), "--lang", "zh")
    assert code == 0 and "只有一个标签（1）：无从聚类" in out


def test_too_many_labels_is_one_line_and_exit_2_but_csv_works(capsys, tmp_path):
    seq = tmp_path / "ramp.csv"
    seq.write_text("x,target\n" + "".join(f"{i / 10},\n" for i in range(450)))
    code, out, err = run(capsys, "analyze", "--sequence", str(seq), "--format", "json")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "450 distinct input labels, at most 400 are clustered" in err
    code, out, err = run(capsys, "analyze", "--sequence", str(seq), "--format", "csv")
    assert code == 0 and len(out.splitlines()) == 451


def test_overflowing_model_is_one_line_and_exit_2(capsys, tmp_path):
    model = tmp_path / "wild.json"
    model.write_text(
        json.dumps(
            {
                "hidden_activation": "identity",
                "output_activation": "identity",
                "W_xh": [[1e200]],
                "W_hh": [[1e150]],
                "b_h": [0.0],
                "W_hy": [[1.0]],
                "b_y": [0.0],
            }
        )
    )
    code, out, err = run(capsys, "analyze", "--model", str(model), "--format", "json")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "sequence 0, tick 2 is not finite" in err and "Traceback" not in err


def test_bad_file_is_one_line_and_exit_2(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    code, out, err = run(capsys, "analyze", "--model", str(bad))
    assert code == 2 and out == "" and err.count("\n") == 1 and "bad.json" in err


def test_csv_one_row_per_point(capsys):
    code, out, _ = run(capsys, "analyze", "--scenario", "letters", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    _, j, _ = run(capsys, "analyze", "--scenario", "letters", "--format", "json")
    points = json.loads(j)["pca"]["points"]
    assert len(rows) == len(points)
    for row, p in zip(rows, points, strict=True):
        assert (int(row["seq"]), int(row["t"]), row["label"]) == (p["seq"], p["t"], p["label"])
        assert [float(row["pc1"]), float(row["pc2"])] == p["xy"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_text_has_scatter_and_dendrogram(capsys, lang):
    code, out, _ = run(capsys, "analyze", "--scenario", "letters", "--lang", lang)
    assert code == 0
    lines = out.splitlines()
    title = "state space" if lang == "en" else "状态空间"
    assert any(line.startswith(title) for line in lines)
    scatter = [line for line in lines if line.startswith("|")]
    assert len(scatter) == 18 and all(line.isascii() for line in scatter)
    assert {c for line in scatter for c in line[1:]} - {" "} <= set("abdgiu")
    leaves = [line for line in lines if line[:1] in "abdgiu" and line[1:13].strip() == "" and "-" in line]
    assert sorted(line[0] for line in leaves) == ["a", "b", "d", "g", "i", "u"]
