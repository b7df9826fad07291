"""ipywidgets user interfaces (JupyterLab and Voila).

Widget classes here only assemble the UI and call library functions; the logic they show
lives in modules that never import ipywidgets (:mod:`kpyj_lib.services`,
:mod:`kpyj_lib.analysis`, :mod:`kpyj_lib.graph`, ...), which are unit-tested on their own.
Every piece of HTML they show comes from :mod:`kpyj_lib.apps.views` (no ipywidgets either),
which fills the macros of ``render/templates/apps/`` (Jinja2 autoescape).
"""
