"""The package as users import it: light to import, submodules reachable lazily."""

import subprocess
import sys


def test_submodules_load_lazily_on_first_use():
    # `import nnmath` stays light (no SymPy, no Matplotlib), yet the documented
    # submodules are reachable as attributes without importing them first.
    code = (
        "import sys, nnmath\n"
        "heavy = [m for m in ('sympy', 'matplotlib', 'nnmath.symbolic') if m in sys.modules]\n"
        "assert heavy == [], heavy\n"
        "assert nnmath.symbolic.derive('sigmoid').name == 'sigmoid'\n"
        "assert 'sympy' in sys.modules and nnmath.symbolic is sys.modules['nnmath.symbolic']\n"
        "assert callable(nnmath.plotting.learning_curve)\n"
        "assert 'symbolic' in dir(nnmath)\n"
        "try:\n"
        "    nnmath.no_such_module\n"
        "except AttributeError as error:\n"
        "    assert 'no_such_module' in str(error)\n"
        "else:\n"
        "    raise AssertionError('an unknown attribute must raise AttributeError')\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)


def test_readme_architecture_names_every_module():
    # The README's module table lists every module of the package (its layout section
    # matches the tree): a top-level module as `name.py`, a subpackage as `name/` with each
    # of its modules named in backticks.
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Architecture") :]
    package = root / "nnmath"
    missing = []
    for path in sorted(package.iterdir()):
        if path.suffix == ".py" and path.stem != "__init__":
            if f"`{path.name}`" not in table:
                missing.append(path.name)
        elif path.is_dir() and (path / "__init__.py").exists():
            if f"{path.name}/" not in table:
                missing.append(f"{path.name}/")
            for module in sorted(path.glob("*.py")):
                named = (f"`{module.stem}`", f"`{path.name}/{module.name}`")
                if module.stem != "__init__" and not any(n in table for n in named):
                    missing.append(f"{path.name}/{module.name}")
    assert missing == [], f"not in the README's Architecture section: {missing}"


def test_no_module_is_over_600_lines() -> None:
    # One job per module: the package, the build steps and the scripts stay readable rooms.
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    sources = [
        path
        for folder in ("nnmath", "docs/hooks", "scripts")
        for pattern in ("*.py", "*.js")
        for path in (root / folder).rglob(pattern)
    ]
    assert len(sources) > 50
    long = {
        str(path.relative_to(root)): n
        for path in sources
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 600
    }
    assert long == {}, f"modules over 600 lines: {long}"
