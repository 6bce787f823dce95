"""The strict build prints nothing a reader of its log must act on but the project's own lines."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.site, pytest.mark.xdist_group("site")]

# Lines of the build log that would be noise: warnings (the project's own would fail the
# strict build), Material's banner about MkDocs 2, messages the notebook kernels print.
NOISE = ("WARNING", "Warning", "MkDocs 2.0", "[IPKernelApp]", "Traceback")


def test_the_build_log_has_no_warning_or_banner(site_dir: Path) -> None:
    log = (site_dir.parent / "build.log").read_text(encoding="utf-8")
    lines = [line for line in log.splitlines() if line.strip()]
    assert lines, "the build printed nothing (is the log captured?)"
    noisy = [line for line in lines if any(word in line for word in NOISE)]
    assert not noisy, "the build log has lines the project did not write:\n  " + "\n  ".join(
        noisy[:40]
    )
    unexpected = [line for line in lines if not line.startswith("INFO")]
    assert not unexpected, "lines other than INFO in the build log:\n  " + "\n  ".join(
        unexpected[:40]
    )
