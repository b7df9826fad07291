# JupyterHub configuration of kpyj (run by `kpyj hub`; a copy is deploy/jupyterhub/).
# Every setting is in kpyj_lib.hub.config and comes from KPYJ_* environment variables.
from kpyj_lib.hub.config import configure

configure(c)  # noqa: F821 - `c` is JupyterHub's config object
