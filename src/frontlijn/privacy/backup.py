"""Backup and restore: the database and the photos, in one archive that is checked before anything
is replaced. Used by ``frontlijn backup`` and ``frontlijn restore``.

A backup is a tar archive (mode 0600: it holds personal data) with

- ``manifest.json``: format name and version, the database vendor, the Django migrations applied
  when the backup was made, and the SHA-256 of every other member;
- ``database.sqlite3`` (SQLite online backup API) or ``database.dump`` (``pg_dump`` custom format);
- ``media/<name>``: every file in Django's ``default_storage`` (the photos), read and written
  through the storage API, so it works with any storage backend.

``restore`` first checks everything — that the file is a complete Frontlijn backup of this format,
every checksum, that the backup's migrations are known to this version of Frontlijn, and (SQLite)
that the database file is intact and holds those migrations — and only then replaces the database
and writes the photos back. Any problem is a :class:`BackupError` with a Dutch message.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from frontlijn.lib import clock

FORMAT = "frontlijn-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DB_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
MEDIA_PREFIX = "media/"
NOT_A_BACKUP = "Dit is geen (volledige) Frontlijn-backup: het bestand is onvolledig, beschadigd of van een ander soort."


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


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _media_names(directory: str = "") -> list[str]:
    """Every file in default_storage, through the storage API (any backend)."""
    try:
        dirs, files = default_storage.listdir(directory)
    except (FileNotFoundError, NotADirectoryError):
        return []
    names = [f"{directory}/{name}" if directory else name for name in files]
    for sub in dirs:
        names += _media_names(f"{directory}/{sub}" if directory else sub)
    return sorted(names)


def applied_migrations(using: str = "default") -> list[str]:
    recorder = MigrationRecorder(connections[using])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _dump_database(connection, target: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        dest = sqlite3.connect(target)
        try:
            connection.connection.backup(dest)
        finally:
            dest.close()
        return
    if connection.vendor == "postgresql":
        settings_dict = connection.settings_dict
        args, env = _pg_env(settings_dict)
        cmd = [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target), *args, settings_dict["NAME"]]
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise BackupError(f"pg_dump mislukt: {result.stderr.strip()}")
        return
    raise BackupError(f"Backup van {connection.vendor} wordt niet ondersteund.")


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(clock.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def backup(target: Path, *, using: str = "default") -> Path:
    """Write the database and the photos to the archive ``target`` (mode 0600) while the app runs."""
    connection = connections[using]
    if connection.vendor not in DB_MEMBER:
        raise BackupError(f"Backup van {connection.vendor} wordt niet ondersteund.")
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    db_member = DB_MEMBER[connection.vendor]
    with tempfile.TemporaryDirectory(prefix="frontlijn-backup-") as tmp:
        db_file = Path(tmp) / db_member
        _dump_database(connection, db_file)
        checksums = {db_member: _sha256_file(db_file)}
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(fd, 0o600)  # also when the file already existed with other permissions
        with os.fdopen(fd, "wb") as out, tarfile.open(fileobj=out, mode="w") as tar:
            tar.add(db_file, arcname=db_member, filter=_private)
            for name in _media_names():  # streamed from the storage, hashed on the way
                info = _private(tarfile.TarInfo(MEDIA_PREFIX + name))
                info.size, info.mtime = default_storage.size(name), int(clock.now().timestamp())
                with default_storage.open(name, "rb") as fh:
                    reader = _HashingReader(fh)
                    tar.addfile(info, reader)
                checksums[MEDIA_PREFIX + name] = reader.digest.hexdigest()
            manifest = {
                "format": FORMAT,
                "version": FORMAT_VERSION,
                "created_at": clock.now().isoformat(),
                "vendor": connection.vendor,
                "database": db_member,
                "migrations": applied_migrations(using),
                "sha256": checksums,
            }
            _add(tar, MANIFEST, json.dumps(manifest, indent=2).encode())
    return target


class _HashingReader:
    def __init__(self, fh):
        self.fh, self.digest = fh, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.fh.read(size)
        self.digest.update(data)
        return data


def _private(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
    return info


def _read_member(tar: tarfile.TarFile, name: str) -> bytes:
    with _open_member(tar, name) as fh:
        return fh.read()


def _open_member(tar: tarfile.TarFile, name: str):
    try:
        member = tar.getmember(name)
    except KeyError as exc:
        raise BackupError(f"{NOT_A_BACKUP} ({name} ontbreekt)") from exc
    if not member.isfile():
        raise BackupError(NOT_A_BACKUP)
    handle = tar.extractfile(member)
    if handle is None:
        raise BackupError(NOT_A_BACKUP)
    return handle


def _check_migrations(names: list[str], using: str) -> None:
    loader = MigrationLoader(connections[using], ignore_no_migrations=True, load=True)
    known = {f"{app}.{name}" for app, name in loader.disk_migrations}
    unknown = sorted(set(names) - known)
    if unknown:
        raise BackupError(
            "Deze backup is gemaakt met een andere (nieuwere) versie van Frontlijn: deze migraties "
            f"kent deze versie niet: {', '.join(unknown[:5])}. Zet de backup terug met die versie."
        )
    if not any(name.startswith("register.") for name in names):
        raise BackupError(f"{NOT_A_BACKUP} (er staan geen Frontlijn-gegevens in)")


def _check_sqlite_file(path: Path, migrations: list[str]) -> None:
    try:
        src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if src.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError("De database in de backup is beschadigd.")
            rows = src.execute("SELECT app, name FROM django_migrations").fetchall()
        finally:
            src.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{NOT_A_BACKUP} (de database is niet leesbaar)") from exc
    if sorted(f"{app}.{name}" for app, name in rows) != sorted(migrations):
        raise BackupError("De database in de backup past niet bij de lijst migraties in de backup.")


def inspect(source: Path, workdir: Path, *, using: str = "default") -> dict:
    """Check the archive completely and unpack the database into ``workdir``; returns the manifest
    with ``media`` (the photo names). Raises :class:`BackupError` before anything is changed."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"Backupbestand {source} bestaat niet.")
    try:
        with tarfile.open(source, mode="r:") as tar:
            try:
                manifest = json.loads(_read_member(tar, MANIFEST))
            except (ValueError, UnicodeDecodeError) as exc:
                raise BackupError(NOT_A_BACKUP) from exc
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise BackupError(NOT_A_BACKUP)
            if manifest.get("version") != FORMAT_VERSION:
                raise BackupError(
                    f"Backupformaat versie {manifest.get('version')!r} wordt niet ondersteund "
                    f"(deze versie van Frontlijn leest versie {FORMAT_VERSION})."
                )
            vendor = connections[using].vendor
            if manifest.get("vendor") != vendor:
                raise BackupError(
                    f"Deze backup is van een {manifest.get('vendor')}-database; deze installatie gebruikt {vendor}."
                )
            checksums = manifest.get("sha256") or {}
            db_member = DB_MEMBER[vendor]
            if manifest.get("database") != db_member or db_member not in checksums:
                raise BackupError(NOT_A_BACKUP)
            media = []
            for name, expected in checksums.items():
                if name != db_member and not (name.startswith(MEDIA_PREFIX) and ".." not in name.split("/")):
                    raise BackupError(NOT_A_BACKUP)
                digest = hashlib.sha256()
                with _open_member(tar, name) as fh:
                    out = (workdir / db_member).open("wb") if name == db_member else None
                    try:
                        for chunk in iter(functools.partial(fh.read, 1 << 20), b""):
                            digest.update(chunk)
                            if out is not None:
                                out.write(chunk)
                    finally:
                        if out is not None:
                            out.close()
                if digest.hexdigest() != expected:
                    raise BackupError(f"De controlesom van {name} klopt niet: de backup is beschadigd of gewijzigd.")
                if name != db_member:
                    media.append(name.removeprefix(MEDIA_PREFIX))
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupError(NOT_A_BACKUP) from exc
    migrations = manifest.get("migrations")
    if not isinstance(migrations, list):
        raise BackupError(NOT_A_BACKUP)
    _check_migrations(migrations, using)
    if vendor == "sqlite":
        _check_sqlite_file(workdir / db_member, migrations)
    return {**manifest, "media": media}


def restore(source: Path, *, using: str = "default") -> dict:
    """Replace the database's contents and write back the photos from the backup ``source``.

    Returns the manifest (without the media). Nothing is replaced unless the whole backup checks out.
    """
    connection = connections[using]
    with tempfile.TemporaryDirectory(prefix="frontlijn-restore-") as tmp:
        workdir = Path(tmp)
        manifest = inspect(source, workdir, using=using)
        db_file = workdir / manifest["database"]
        if connection.vendor == "sqlite":
            src = sqlite3.connect(db_file)
            try:
                connection.ensure_connection()
                src.backup(connection.connection)
            finally:
                src.close()
        else:
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
                str(db_file),
            ]
            result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603
            if result.returncode != 0:
                raise BackupError(f"pg_restore mislukt: {result.stderr.strip()}")
        media = manifest.pop("media")
        with tarfile.open(source, mode="r:") as tar:  # checked above; now write the photos back
            for name in media:
                if default_storage.exists(name):
                    default_storage.delete(name)
                with _open_member(tar, MEDIA_PREFIX + name) as fh:
                    default_storage.save(name, File(fh, name=name))
    return manifest
