"""kpyj under JupyterHub (issue 15): many users, each in their place.

==================  ================================================================
module              what it holds
==================  ================================================================
:mod:`.settings`    the hub's settings, read from ``KPYJ_*`` environment variables
:mod:`.plan`        which single-user server a person gets (JupyterLab or only the
                    apps), its command, environment and landing page — pure rules
:mod:`.appserver`   the apps-only single-user server: JupyterHub's single-user server
                    with only Voila loaded, no terminals, kernels that take only widget
                    messages and an authorizer that refuses the rest of the REST API
:mod:`.config`      :func:`~kpyj_lib.hub.config.configure` fills a JupyterHub config
                    (``deploy/jupyterhub/jupyterhub_config.py`` calls it)
:mod:`.launch`      start / stop a hub on 127.0.0.1 (``kpyj hub``, the tests)
==================  ================================================================

The hub looks people up in the kpyj store (sheet ``ผู้ใช้งาน``, see
:mod:`kpyj_lib.services.access`): only registered, active people may sign in, their roles
decide their server, and every write the apps make is checked again by the services.
"""
