"""``python -m nnmath``: see :mod:`nnmath.cli`."""

from nnmath.cli import main

raise SystemExit(main())
