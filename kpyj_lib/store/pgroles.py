"""PostgreSQL accounts for the hub (issue 15): who holds which credentials.

Under the hub three kinds of server hold a store URL, and each gets an account with only
the rights it needs (the database enforces them, whatever code runs with them):

==================  ===================  ==================================================
account             who                  rights
==================  ===================  ==================================================
the owner           administrators'      everything (creates the schema, imports
                    JupyterLab, the hub  workbooks, manages people) — trusted
``kpyj_app``        the apps-only        read and write rows (``SELECT, INSERT, UPDATE,
                    servers              DELETE``), no schema changes; nobody can run
                                         code there, and every write goes through the
                                         services, which check role and unit
``kpyj_reader``     strategy staff's     ``SELECT`` only: their analyses read every
                    JupyterLab           province; the database refuses any write
==================  ===================  ==================================================

:func:`create_roles` (run by the owner, again after the schema grows) creates or updates
the two accounts and their grants, including default privileges so tables created later
by the owner are covered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa

from ..exceptions import StoreError
from .engine import Store

__all__ = ["PgRoles", "create_roles", "role_url"]

_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


@dataclass(frozen=True)
class PgRoles:
    """The two account names (``app`` reads and writes rows, ``reader`` only reads)."""

    app: str = "kpyj_app"
    reader: str = "kpyj_reader"


def _ident(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise StoreError(f"ชื่อบัญชีฐานข้อมูลไม่ถูกต้อง (bad role name): {name!r}")
    return f'"{name}"'


def create_roles(
    store: Store,
    *,
    roles: PgRoles = PgRoles(),
    app_password: str | None = None,
    reader_password: str | None = None,
) -> PgRoles:
    """Create (or update) the app and reader accounts of a PostgreSQL store and grant them
    their rights on every table of the current schema and on tables created later.

    Raises
    ------
    StoreError
        The store is not PostgreSQL, or a name is not a plain identifier.
    """
    if store.url.get_backend_name() != "postgresql":
        raise StoreError("บัญชีแยกตามบทบาทใช้ได้กับ PostgreSQL เท่านั้น (roles need a PostgreSQL store)")
    app, reader = _ident(roles.app), _ident(roles.reader)
    with store.engine.begin() as conn:
        db = conn.execute(sa.text("SELECT current_database()")).scalar()
        for name, quoted, password in (
            (roles.app, app, app_password),
            (roles.reader, reader, reader_password),
        ):
            exists = conn.execute(
                sa.text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}
            ).first()
            verb = "ALTER" if exists else "CREATE"
            conn.execute(sa.text(f"{verb} ROLE {quoted} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"))
            if password:
                # a literal is needed here: PASSWORD takes no bind parameter
                literal = "'" + password.replace("'", "''") + "'"
                conn.execute(sa.text(f"ALTER ROLE {quoted} PASSWORD {literal}"))
            conn.execute(sa.text(f'GRANT CONNECT ON DATABASE "{db}" TO {quoted}'))
            conn.execute(sa.text(f"GRANT USAGE ON SCHEMA public TO {quoted}"))
            conn.execute(sa.text(f"REVOKE CREATE ON SCHEMA public FROM {quoted}"))
        conn.execute(sa.text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {reader}"))
        conn.execute(
            sa.text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app}")
        )
        conn.execute(sa.text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app}"))
        conn.execute(
            sa.text(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {reader}")
        )
        conn.execute(
            sa.text(
                "ALTER DEFAULT PRIVILEGES IN SCHEMA public "
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}"
            )
        )
    return roles


def role_url(store: Store, role: str, password: str | None = None) -> str:
    """The store's URL with another account (for ``KPYJ_APP_DB_URL`` / ``KPYJ_READ_DB_URL``)."""
    url = store.url.set(username=role, password=password)
    return url.render_as_string(hide_password=False)
