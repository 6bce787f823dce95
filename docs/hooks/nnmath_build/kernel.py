"""The environment the notebook kernels inherit, and a check of the kernel they run."""

from __future__ import annotations

import functools
import os
import sys
import uuid
from pathlib import Path
from typing import Any

from . import BuildError
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


def use_local_sockets(client: Any) -> None:
    """Make the kernels ``client`` (an nbconvert executor) starts talk over local sockets.

    Unix domain sockets instead of TCP: nothing listens on the network, and ipykernel
    does not warn about unencrypted TCP. Each kernel gets its own socket paths, since
    notebooks execute in parallel.
    """
    client.kernel_manager_class = _local_socket_manager()


@functools.cache
def _local_socket_manager() -> type:
    from jupyter_client.manager import KernelManager
    from jupyter_core.paths import jupyter_runtime_dir
    from traitlets import default

    class LocalSocketKernelManager(KernelManager):
        @default("transport")
        def _transport_default(self) -> str:
            return "ipc"

        @default("ip")
        def _ip_default(self) -> str:
            # The sockets are <ip>-<port> (jupyter_client); its default, "kernel-ipc" in
            # the working directory, would be shared by the kernels running at once.
            runtime = Path(jupyter_runtime_dir())
            runtime.mkdir(parents=True, exist_ok=True)
            return str(runtime / f"nnmath-{uuid.uuid4().hex}-ipc")

    return LocalSocketKernelManager


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
        raise BuildError(f"nnmath hooks: no Jupyter kernel named {name!r}") from exc
    exe = spec.argv[0]
    # jupyter_client replaces a bare "python"/"python3"/"python3.X" by sys.executable.
    bare = {"python", f"python{sys.version_info[0]}", "python{}.{}".format(*sys.version_info)}
    if exe not in bare and os.path.realpath(exe) != os.path.realpath(sys.executable):
        raise BuildError(
            f"nnmath hooks: kernel {name!r} runs {exe}, not {sys.executable}; remove the "
            f"kernelspec in {spec.resource_dir} or point it at this interpreter"
        )
