"""The environment the notebook kernels inherit, and a check of the kernel they run."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

from .files import write_atomically

MATPLOTLIBRC = Path(__file__).parents[1] / "matplotlibrc"

# IPython kernel configuration for the build: figures carry no creation date (matplotlib
# would write the current time into every SVG unless SOURCE_DATE_EPOCH is set).
KERNEL_CONFIG = """\
# Written by docs/hooks/nnmath_build/kernel.py for the site build; do not edit.
c = get_config()  # noqa: F821
c.InlineBackend.print_figure_kwargs = {"bbox_inches": "tight", "metadata": {"Date": None}}
"""

# Variables this module set (a value the user set differs from it and wins).
own_env: dict[str, str] = {}


def configure(cache_root: Path) -> None:
    """Set the variables the kernels inherit from this process."""
    set_env("PYTHONHASHSEED", "0")  # order of sets and str-keyed dicts in printed output
    set_env("MATPLOTLIBRC", str(MATPLOTLIBRC))
    set_env("IPYTHONDIR", str(_write_ipython_profile(cache_root)))
    set_env("JUPYTER_PLATFORM_DIRS", "1")  # silences jupyter_core's deprecation warning


def set_env(var: str, value: str) -> None:
    """Set a variable for the kernels, unless the user set it (their value wins)."""
    if var in os.environ and os.environ[var] != own_env.get(var):
        return
    os.environ[var] = value
    own_env[var] = value


def _write_ipython_profile(cache_root: Path) -> Path:
    ipython_dir = cache_root / "nnmath-ipython"
    cfg = ipython_dir / "profile_default" / "ipython_kernel_config.py"
    if not cfg.is_file() or cfg.read_text(encoding="utf-8") != KERNEL_CONFIG:
        write_atomically(cfg, KERNEL_CONFIG)
    return ipython_dir


def check_kernel(name: str) -> None:
    """Fail early if the kernel would run another interpreter (without nnmath)."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel as exc:
        raise PluginError(f"nnmath hooks: no Jupyter kernel named {name!r}") from exc
    exe = spec.argv[0]
    # jupyter_client replaces a bare "python"/"python3"/"python3.X" by sys.executable.
    bare = {"python", f"python{sys.version_info[0]}", "python{}.{}".format(*sys.version_info)}
    if exe not in bare and os.path.realpath(exe) != os.path.realpath(sys.executable):
        raise PluginError(
            f"nnmath hooks: kernel {name!r} runs {exe}, not {sys.executable}; remove the "
            f"kernelspec in {spec.resource_dir} or point it at this interpreter"
        )
