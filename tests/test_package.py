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
