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
        ["train", "higham", "--steps", "1e999"],  # float overflow: no traceback either
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


@pytest.mark.parametrize("where", ["file/sub", "file"])
def test_figures_path_that_cannot_be_written_exits_2_with_one_line(tmp_path, capsys, where):
    (tmp_path / "file").write_text("not a folder\n")
    folder = tmp_path / where
    argv = ["train", "higham", "--steps", "100", "--no-progress", "--figures", str(folder)]
    assert main(argv) == 2
    captured = capsys.readouterr()
    err = captured.err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("python -m nnmath train: error: --figures: cannot write ")
    assert str(folder) in err
    reason = "Not a directory" if where == "file/sub" else "File exists"
    assert reason in err
    assert captured.out == ""  # it fails before training


def test_figures_error_from_the_module_entry_point(tmp_path):
    (tmp_path / "file").write_text("not a folder\n")
    proc = subprocess.run(
        [sys.executable, "-m", "nnmath", "train", "higham", "--steps", "100",
         "--figures", str(tmp_path / "file" / "sub")],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.splitlines() == [
        f"python -m nnmath train: error: --figures: cannot write {tmp_path / 'file' / 'sub'}: "
        "Not a directory"
    ]


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
                assert shown["justification"] and shown["kind"] == step.verification.kind
                # A check name wherever something runs (a premise without evidence has none).
                if step.verification.runner is not None:
                    assert isinstance(shown["check"], str)
                else:
                    assert shown["check"] is None and shown["premise"]["kind"] == shown["kind"]


def test_check_prints_its_count_and_how_long_it_took(monkeypatch, capsys):
    from nnmath import checks
    from nnmath.checks import registry

    chosen = tuple(c for c in registry.all_checks() if c.name == "sigmoid-kernel")
    monkeypatch.setattr(registry, "all_checks", lambda: chosen)
    monkeypatch.setattr(checks, "run_all", lambda: [(c, c.run()) for c in chosen])
    monkeypatch.setattr(checks, "CHECKS", chosen, raising=False)
    assert main(["check"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "1 passed, 0 failed" in lines
    took = next(line for line in lines if line.startswith("in "))
    assert float(took.split()[1]) >= 0 and took.split()[2] == "s"
