"""ipywidgets user interfaces (JupyterLab and Voila).

Widget classes here only assemble the UI and call library functions; the logic they show
lives in modules that never import ipywidgets (:mod:`kpyj_lib.analysis`,
:mod:`kpyj_lib.graph`, ...), which are unit-tested on their own.
"""
