"""The apps-only single-user server: the Voila apps, no notebook, no terminal, no code.

``python -m kpyj_lib.hub.appserver`` is JupyterHub's single-user server (``jupyterhub
-singleuser``: sign-in through the hub, only the server's owner may enter) started with:

* **only Voila** among the server extensions — no JupyterLab, no notebook, no language
  server, no terminals (``ServerApp.terminals_enabled = False``);
* kernels that accept **only widget messages** from the page (comm open / message / close,
  kernel info): an ``execute_request`` sent to the app's kernel is dropped, exactly as
  the standalone Voila does (:data:`ALLOWED_MESSAGES`);
* an authorizer (:class:`AppsOnlyAuthorizer`) that allows, of the Jupyter REST API, only
  what the Voila page uses: reading kernels and kernel specs and talking to the app's
  kernel; it refuses starting or restarting kernels, sessions, contents writes, terminals,
  nbconvert and shutting the server down (403);
* the app notebooks as its only folder (the hub sets it: :data:`kpyj_lib.hub.plan.APPS_DIR`).

The kernel inherits ``JUPYTERHUB_USER`` from the server: the apps take the signed-in person
from there (:func:`kpyj_lib.services.access.hub_user`), and the services refuse any write
in another person's name.

Examples
--------
>>> ok = AppsOnlyAuthorizer().is_authorized
>>> ok(None, None, "execute", "kernels"), ok(None, None, "write", "kernels")
(True, False)
>>> ok(None, None, "read", "terminals"), ok(None, None, "write", "contents")
(False, False)
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from jupyter_server.auth.authorizer import Authorizer
from traitlets.config import Config

__all__ = ["ALLOWED", "ALLOWED_MESSAGES", "AppsOnlyAuthorizer", "apps_only_config", "main"]

#: Kernel messages the page may send: widgets only (the list standalone Voila uses).
ALLOWED_MESSAGES: list[str] = [
    "comm_open",
    "comm_close",
    "comm_msg",
    "comm_info_request",
    "kernel_info_request",
    "shutdown_request",
]
#: (action, resource) pairs of the Jupyter REST API the Voila page needs.
ALLOWED: frozenset[tuple[str, str]] = frozenset(
    {
        ("read", "api"),
        ("read", "kernels"),
        ("execute", "kernels"),  # the app's kernel websocket, widget messages only
        ("read", "kernelspecs"),
        ("read", "contents"),  # the app notebooks, read-only
        ("read", "files"),
        ("read", "config"),
        ("read", "server"),
        ("read", "events"),
    }
)


class AppsOnlyAuthorizer(Authorizer):
    """Allow only the (action, resource) pairs of :data:`ALLOWED`; log the refusals."""

    def is_authorized(self, handler: Any, user: Any, action: str, resource: str) -> bool:
        ok = (action, resource) in ALLOWED
        if not ok:
            self.log.warning(
                "kpyj apps-only server: refused %s on %s for %s",
                action,
                resource,
                getattr(user, "username", user),
            )
        return ok


def apps_only_config() -> Config:
    """The server configuration of an apps-only server (on top of JupyterHub's)."""
    c = Config()
    c.ServerApp.terminals_enabled = False
    c.ServerApp.authorizer_class = AppsOnlyAuthorizer
    c.MappingKernelManager.allowed_message_types = list(ALLOWED_MESSAGES)
    c.VoilaConfiguration.show_tracebacks = False
    c.VoilaConfiguration.strip_sources = True
    c.ContentsManager.allow_hidden = False
    return c


def main(argv: Sequence[str] | None = None) -> None:
    """Start the apps-only server (the hub runs this as the person's server command)."""
    from jupyterhub.singleuser.extension import JupyterHubSingleUser

    # only this extension and Voila: the other installed extensions are not looked for
    JupyterHubSingleUser.serverapp_config = {
        "jpserver_extensions": {"voila.server_extension": True}
    }
    args = list(sys.argv[1:] if argv is None else argv)
    server = JupyterHubSingleUser.initialize_server(argv=args, config=apps_only_config())
    server.start()


if __name__ == "__main__":
    main()
