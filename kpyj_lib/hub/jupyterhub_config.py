# JupyterHub configuration of kpyj (run by `kpyj hub`; a copy is deploy/jupyterhub/).
# Every setting is in kpyj_lib.hub.config and comes from KPYJ_* environment variables.
from kpyj_lib.hub.config import configure

if "c" in globals():  # run by JupyterHub (`jupyterhub -f`), which defines `c`; not on import
    configure(c)  # noqa: F821
