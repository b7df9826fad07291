"""kpyj — planning and OKR modelling workbench for Thailand's Provincial Justice
Administration Development Committees (คณะกรรมการพัฒนาการบริหารงานยุติธรรมระดับจังหวัด, กพยจ.).

The public API is small; everything else lives in its own module::

    from kpyj_lib import open_store, build_graph
    ws = open_store().workspace(2565)
    G = build_graph(ws)
"""

from __future__ import annotations

__version__ = "0.1.0"

from .exceptions import ImportValidationError, KpyjError, Problem, StoreError
from .store import Store, open_store
from .workspace import Workspace

__all__ = [
    "ImportValidationError",
    "KpyjError",
    "Problem",
    "Store",
    "StoreError",
    "Workspace",
    "__version__",
    "open_store",
]
