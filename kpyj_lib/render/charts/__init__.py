"""Matplotlib charts of the reports (Sarabun Thai font), one module per chart."""

from .theme import *  # noqa: F403
from .theme import __all__  # noqa: F401
