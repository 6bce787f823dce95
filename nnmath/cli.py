"""Command line: ``python -m nnmath derive|check|train|exercise``.

Bad input is reported as one line on standard error with exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import numpy as np

from nnmath import datasets
from nnmath.network import Network
from nnmath.training import History, sgd

TRAIN_DATASETS: dict[str, Callable[[], tuple[np.ndarray, np.ndarray]]] = {
    "higham": datasets.higham,
    "land20": datasets.land20,
}


_T = TypeVar("_T")


class UsageError(Exception):
    """A problem with the command line itself (exit code 2)."""


def _argument_type(
    parse: Callable[[str], _T], accept: Callable[[_T], bool], expected: str
) -> Callable[[str], _T]:
    """An argparse ``type``: ``parse(text)`` if it succeeds and ``accept`` takes the value.

    Anything else is an ``argparse.ArgumentTypeError`` "expected {expected}, got {text!r}",
    which argparse reports as one line with exit code 2.
    """

    def convert(text: str) -> _T:
        try:
            value = parse(text)
        except (ValueError, OverflowError):
            raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}") from None
        if not accept(value):
            raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}")
        return value

    return convert


_positive_int = _argument_type(
    lambda text: int(float(text)) if "e" in text.lower() else int(text),  # 1e6 reads as 10^6
    lambda value: value > 0,
    "a positive integer",
)
_positive_float = _argument_type(
    float, lambda value: bool(value > 0 and np.isfinite(value)), "a positive number"
)
_seed = _argument_type(int, lambda value: value >= 0, "a non-negative integer")


@contextmanager
def _writing(option: str) -> Iterator[None]:
    """Report an OS error while writing the output of ``option`` as bad input (exit code 2).

    The message names the path and the reason, e.g. "--figures: cannot write out/sub: Not a
    directory", instead of a traceback.
    """
    try:
        yield
    except OSError as exc:
        path = exc.filename if exc.filename is not None else "the output"
        reason = exc.strerror or str(exc)
        raise UsageError(f"{option}: cannot write {path}: {reason}") from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``python -m nnmath``."""
    parser = argparse.ArgumentParser(
        prog="python -m nnmath",
        description="Derive, check and run the mathematics of neural networks.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    derive = sub.add_parser("derive", help="print the steps of a symbolic derivation")
    derive.add_argument("name", nargs="?", help="derivation name (see --list)")
    derive.add_argument("--list", action="store_true", help="list the derivations")
    derive.add_argument("--latex", action="store_true", help="print LaTeX instead of text")
    derive.add_argument(
        "--json", action="store_true", help="print the derivation and its steps as one JSON object"
    )

    check = sub.add_parser("check", help="run every symbolic and numerical check")
    check.add_argument(
        "--json", action="store_true", help="print a JSON list: each check's name, status and kind"
    )

    train = sub.add_parser("train", help="train the 2-2-3-2 network on a land data set")
    train.add_argument("dataset", choices=sorted(TRAIN_DATASETS), help="data set")
    train.add_argument("--steps", type=_positive_int, default=10**6, help="SGD steps (10^6)")
    train.add_argument("--learning-rate", type=_positive_float, default=0.05, help="η (0.05)")
    train.add_argument("--seed", type=_seed, default=5000, help="seed for weights and order")
    train.add_argument("--json", action="store_true", help="print one JSON object")
    train.add_argument("--figures", type=Path, help="write cost and decision-region plots here")
    train.add_argument(
        "--progress", action=argparse.BooleanOptionalAction, default=None, help="progress bar"
    )

    exercise = sub.add_parser(
        "exercise",
        help="list, show or check the exercises",
        description="exercise list | exercise show ID | exercise check ID ANSWER "
        "(exit 0 correct, 1 not correct, 2 bad input)",
    )
    exercise.add_argument("action", nargs="?", help="list, show or check")
    exercise.add_argument("rest", nargs=argparse.REMAINDER, help="ID, and for check the ANSWER")
    return parser


def _cmd_derive(args: argparse.Namespace) -> int:
    from nnmath import symbolic

    if args.list or args.name is None:
        if args.name is None and not args.list:
            raise UsageError("derive needs a NAME or --list")
        for name in symbolic.names():
            print(f"{name:24s} {symbolic.derive(name).title}")
        return 0
    derivation = symbolic.derive(args.name)
    if args.json:
        print(json.dumps(_derivation_json(derivation), indent=1, ensure_ascii=False))
        return 0
    print(f"{derivation.title}\nChecked: {derivation.kind_label}")
    for i, step in enumerate(derivation.steps, 1):
        body = step.latex if args.latex else _pretty(step.expr)
        why = f"   ({step.explanation})" if step.explanation else ""
        print(f"\n{i}. {step.label}{why}\n{_indent(body)}")
        premise = step.verification
        if premise is not None and premise.is_premise:
            print(_indent(_premise_line(premise)))
    result = derivation.result_latex if args.latex else _pretty(derivation.result)
    print(f"\nResult:\n{_indent(result)}")
    return 0


def _derivation_json(derivation: object) -> dict[str, object]:
    """A derivation as the JSON object ``derive NAME --json`` prints."""
    from nnmath import symbolic

    assert isinstance(derivation, symbolic.Derivation)
    return {
        "name": derivation.name,
        "title": derivation.title,
        "summary": derivation.summary,
        "result_latex": derivation.result_latex,
        "kind": derivation.kind,
        "label": derivation.kind_label,
        "premises": [_premise_json(p) for p in derivation.premises],
        "steps": [_step_json(step) for step in derivation.steps],
    }


def _step_json(step: object) -> dict[str, object]:
    """One step of ``derive NAME --json``: a premise also gives its reference and evidence."""
    from nnmath import symbolic

    assert isinstance(step, symbolic.Step)
    verification = step.verification
    record: dict[str, object] = {
        "label": step.label,
        "latex": step.latex,
        "justification": step.explanation,
        "check": step.check,
        "kind": None if verification is None else verification.kind,
    }
    if verification is not None and verification.is_premise:
        record["premise"] = _premise_json(verification)
    return record


def _premise_json(premise: object) -> dict[str, object]:
    """A premise: what it is, its reference (cited) or the steps it rests on (written)."""
    from nnmath import symbolic

    assert isinstance(premise, symbolic.StepCheck)
    reference = premise.reference
    return {
        "kind": premise.kind,
        "premise": premise.premise,
        "reference": None
        if reference is None
        else {
            "author": reference.author,
            "title": reference.title,
            "year": reference.year,
            "where": reference.where,
            "anchor": reference.anchor,
            "citation": reference.citation,
        },
        "rests_on": list(premise.rests_on),
        "evidence_kind": None if premise.evidence is None else premise.evidence.kind,
    }


def _premise_line(premise: object) -> str:
    """``[cited theorem: the chain rule; W. Rudin, … (1976), Theorem 5.5]`` for text output."""
    from nnmath import symbolic

    assert isinstance(premise, symbolic.StepCheck)
    if premise.reference is not None:
        source = premise.reference.citation
    else:
        source = "rests on: " + ", ".join(premise.rests_on)
    evidence = "" if premise.evidence is None else f"; {premise.evidence.kind} evidence"
    return f"[{premise.kind}: {premise.premise}; {source}{evidence}]"


def _pretty(expr: object) -> str:
    import sympy

    return str(sympy.pretty(expr, use_unicode=True))


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


def _cmd_check(args: argparse.Namespace) -> int:
    from nnmath import checks

    if args.json:
        records = [
            {
                "name": check.name,
                "status": "pass" if result.passed else "fail",
                "kind": check.kind,
                "method": check.method,
                "supports": check.supports or None,
                "label": check.label or None,
                "derivation": check.derivation,
                "step": check.step,
                "statement": check.statement,
                "detail": result.detail,
                "seconds": round(result.seconds, 4),
            }
            for check, result in checks.run_all()
        ]
        print(json.dumps(records, indent=1, ensure_ascii=False))
        return 0 if all(r["status"] == "pass" for r in records) else 1
    rows = []
    failed = 0
    started = time.perf_counter()
    for check, result in checks.run_all():
        failed += not result.passed
        rows.append(
            (
                check.name,
                f"{check.method} (evidence)" if check.supports else check.method,
                "pass" if result.passed else "FAIL",
                f"{result.seconds:.2f}s",
            )
        )
        if not result.passed:
            rows.append(("", "", "", result.detail))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    header = ("check", "method", "result")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=False)) + "  time")
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row[:3], widths, strict=True)) + "  " + row[3])
    total = len(checks.CHECKS)
    print(f"\n{total - failed} passed, {failed} failed")
    print(f"in {time.perf_counter() - started:.1f} s (building the derivations included)")
    premises = _premise_count()
    if premises:
        print(
            f"{premises} steps are premises (cited theorems, written arguments), not checks: "
            "`derive NAME` shows each with its reference; a check marked (evidence) supports "
            "one without proving it"
        )
    return 1 if failed else 0


def _premise_count() -> int:
    """How many steps of all the derivations are premises."""
    from nnmath import symbolic

    return sum(len(symbolic.derive(name).premises) for name in symbolic.names())


def _cmd_train(args: argparse.Namespace) -> int:
    X, Y = TRAIN_DATASETS[args.dataset]()
    net = Network([2, 2, 3, 2], seed=args.seed)
    progress = args.progress if args.progress is not None else (None if not args.json else False)
    if args.figures is not None:
        with _writing("--figures"):  # before training: a bad folder fails at once
            args.figures.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    history = sgd(
        net, X, Y, learning_rate=args.learning_rate, steps=args.steps, seed=args.seed,
        progress=progress,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    correct = int(np.sum(net.predict(X) == np.argmax(Y, axis=1)))
    figures = []
    if args.figures is not None:
        figures = _write_figures(args.figures, args.dataset, net, X, Y, history)
    summary = {
        "dataset": args.dataset,
        "final_cost": history.final_cost,
        "correct": correct,
        "n": int(X.shape[0]),
        "steps": args.steps,
        "learning_rate": args.learning_rate,
        "seed": args.seed,
        "seconds": round(seconds, 3),
        "figures": [str(p) for p in figures],
    }
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"final cost {history.final_cost:.6g} after {args.steps} steps ({seconds:.1f} s)")
        print(f"correct {correct}/{X.shape[0]}")
        for path in figures:
            print(f"wrote {path}")
    return 0


def _write_figures(
    folder: Path, name: str, net: Network, X: np.ndarray, Y: np.ndarray, history: History
) -> list[Path]:
    """Draw the cost history and the decision regions into the existing ``folder``."""
    from nnmath import plotting

    boundary = datasets.land20_boundary if name == "land20" else None
    figures = {
        f"{name}-cost.svg": plotting.cost_history(history, label="SGD"),
        f"{name}-regions.svg": plotting.decision_regions(net, X, Y, boundary=boundary),
    }
    svgs = {folder / filename: plotting.to_svg(fig) for filename, fig in figures.items()}
    with _writing("--figures"):
        for path, svg in svgs.items():
            path.write_text(svg, encoding="utf-8")
    return list(svgs)


def _cmd_exercise(args: argparse.Namespace) -> int:
    from nnmath import exercises

    usage = "exercise list | exercise show ID | exercise check ID ANSWER"
    wanted = {"list": 0, "show": 1, "check": 2}
    if args.action not in wanted:
        raise UsageError(f"expected {usage}, got {args.action!r}")
    if len(args.rest) != wanted[args.action]:
        raise UsageError(f"expected {usage} (quote the ANSWER if it has spaces)")
    if args.action == "list":
        for e in exercises.list():
            print(f"{e.id:32s} ch. {e.chapter:<2d} {e.kind:16s} {e.title}")
        return 0
    item = exercises.get(args.rest[0])
    if args.action == "show":
        print(f"{item.id} (chapter {item.chapter}, {item.kind}): {item.title}")
        print(item.prompt)
        print(f"Answer with {item.syntax}.")
        print(f"Assumptions: {item.assumptions}. Compared: {item.tolerance}.")
        print(f"Hint: {item.hint}")
        return 0
    result = item.check(args.rest[1])
    print(" ".join(result.message.split()))
    return 0 if result.correct else 1


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "derive": _cmd_derive,
    "check": _cmd_check,
    "train": _cmd_train,
    "exercise": _cmd_exercise,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 failed check, 2 bad input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (UsageError, ValueError, TypeError) as exc:
        message = " ".join(str(exc).split())  # one line, whatever the exception says
        print(f"{parser.prog} {args.command}: error: {message}", file=sys.stderr)
        return 2
