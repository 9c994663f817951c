"""Backup and restore of the whole database: SQLite (online backup API) and PostgreSQL
(pg_dump / pg_restore, custom format). Used by ``frontlijn backup`` and ``frontlijn restore``."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections


class BackupError(RuntimeError):
    pass


def _pg_env(settings_dict: dict) -> tuple[list[str], dict]:
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return args, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(f"{name} niet gevonden: installeer de PostgreSQL-clienttools.")
    return path


def backup(target: Path, *, using: str = "default") -> Path:
    """Write a consistent copy of the database to ``target`` while the app keeps running."""
    connection = connections[using]
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        dest = sqlite3.connect(target)
        try:
            connection.connection.backup(dest)
        finally:
            dest.close()
        return target
    if connection.vendor == "postgresql":
        settings_dict = connection.settings_dict
        args, env = _pg_env(settings_dict)
        cmd = [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target), *args, settings_dict["NAME"]]
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise BackupError(f"pg_dump mislukt: {result.stderr.strip()}")
        return target
    raise BackupError(f"Backup van {connection.vendor} wordt niet ondersteund.")


def restore(source: Path, *, using: str = "default") -> None:
    """Replace the database's contents with the backup in ``source``."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"Backupbestand {source} bestaat niet.")
    connection = connections[using]
    if connection.vendor == "sqlite":
        src = sqlite3.connect(source)
        try:
            if src.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError("Het backupbestand is beschadigd.")
            connection.ensure_connection()
            src.backup(connection.connection)
        finally:
            src.close()
        return
    if connection.vendor == "postgresql":
        settings_dict = connection.settings_dict
        connection.close()
        args, env = _pg_env(settings_dict)
        cmd = [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            settings_dict["NAME"],
            *args,
            str(source),
        ]
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise BackupError(f"pg_restore mislukt: {result.stderr.strip()}")
        return
    raise BackupError(f"Terugzetten naar {connection.vendor} wordt niet ondersteund.")
