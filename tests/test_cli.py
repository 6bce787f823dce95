"""Command line: train, derive, check and the one-line errors."""

import json
import subprocess
import sys

import pytest

from nnmath.cli import main


def test_train_json_reports_the_summary(capsys):
    assert main(["train", "higham", "--steps", "2000", "--json", "--seed", "1"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert {"final_cost", "correct", "n", "steps", "seconds"} <= summary.keys()
    assert summary["n"] == 10 and summary["steps"] == 2000
    assert 0 <= summary["correct"] <= 10


def test_train_text_output(capsys):
    assert main(["train", "land20", "--steps", "500", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "final cost" in out and "correct" in out and "/20" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["train", "higham", "--steps", "0"],
        ["train", "higham", "--learning-rate", "-1"],
        ["train", "higham", "--seed", "x"],
        ["train", "moon"],
    ],
)
def test_bad_arguments_exit_2_with_one_line(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "error:" in err and "Traceback" not in err


def test_module_entry_point_runs():
    proc = subprocess.run(
        [sys.executable, "-m", "nnmath", "train", "higham", "--steps", "100", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["steps"] == 100


def test_train_writes_figures(tmp_path, capsys):
    argv = ["train", "land20", "--steps", "300", "--json", "--figures", str(tmp_path / "figs")]
    assert main(argv) == 0
    summary = json.loads(capsys.readouterr().out)
    names = sorted(p.rsplit("/", 1)[-1] for p in summary["figures"])
    assert names == ["land20-cost.svg", "land20-regions.svg"]
    for name in names:
        text = (tmp_path / "figs" / name).read_text()
        assert text.lstrip().startswith("<?xml") and "<svg" in text


def test_derive_json_prints_every_step_with_its_check(capsys):
    from nnmath import symbolic

    for name in symbolic.names():
        assert main(["derive", name, "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        derivation = symbolic.derive(name)
        assert data["name"] == name and data["title"] == derivation.title
        assert [s["label"] for s in data["steps"]] == [s.label for s in derivation.steps]
        for shown, step in zip(data["steps"], derivation.steps, strict=True):
            assert {"latex", "justification", "check", "kind"} <= set(shown)
            assert shown["latex"] == step.latex and shown["check"] == step.check
            if step.verification is not None:
                assert shown["justification"] and isinstance(shown["check"], str)
                assert shown["kind"] == step.verification.kind
