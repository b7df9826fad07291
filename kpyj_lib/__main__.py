"""``python -m kpyj_lib`` runs the ``kpyj`` command."""

import sys

from .cli import main

sys.exit(main())
