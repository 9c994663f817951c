"""DatabaseStorage: a Django Storage that keeps files in the database (``core.StoredFile``).

For several app servers without shared disk or object storage (FRONTLIJN_STORAGE=database): every
server sees every photo, and the files are part of the database backup. Meant for the sizes of
Frontlijn's files (photos re-encoded to a few hundred kB), not for large media.
"""

from __future__ import annotations

import posixpath

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import IntegrityError, transaction
from django.utils.deconstruct import deconstructible


@deconstructible(path="frontlijn.core.storage.DatabaseStorage")
class DatabaseStorage(Storage):
    def _model(self):
        from frontlijn.core.models import StoredFile

        return StoredFile

    @staticmethod
    def _clean(name: str) -> str:
        name = posixpath.normpath(str(name).replace("\\", "/")).lstrip("/")
        if name in ("", ".") or name.startswith("../") or name == "..":
            raise SuspiciousFileOperation(f"Invalid file name: {name!r}")
        return name

    def _open(self, name, mode="rb"):
        if "w" in mode or "a" in mode or "+" in mode:
            raise ValueError("DatabaseStorage files are read-only once saved; save a new file instead.")
        try:
            content = self._model().objects.values_list("content", flat=True).get(name=self._clean(name))
        except self._model().DoesNotExist:
            raise FileNotFoundError(name) from None
        file = ContentFile(bytes(content), name=name)
        file.mode = mode
        return file

    def _save(self, name, content):
        name = self._clean(name)
        if hasattr(content, "seek"):
            content.seek(0)
        data = b"".join(content.chunks()) if hasattr(content, "chunks") else content.read()
        model = self._model()
        while True:
            try:
                with transaction.atomic():
                    model.objects.create(name=name, content=data, size=len(data))
                return name
            except IntegrityError:  # taken meanwhile by another server: pick another name
                name = self.get_available_name(name)

    def delete(self, name):
        self._model().objects.filter(name=self._clean(name)).delete()

    def exists(self, name):
        return self._model().objects.filter(name=self._clean(name)).exists()

    def size(self, name):
        try:
            return self._model().objects.values_list("size", flat=True).get(name=self._clean(name))
        except self._model().DoesNotExist:
            raise FileNotFoundError(name) from None

    def listdir(self, path):
        prefix = self._clean(path).rstrip("/") + "/" if path not in ("", ".", "/") else ""
        dirs, files = set(), []
        for name in self._model().objects.filter(name__startswith=prefix).values_list("name", flat=True):
            rest = name[len(prefix) :]
            head, sep, _tail = rest.partition("/")
            if sep:
                dirs.add(head)
            else:
                files.append(rest)
        return sorted(dirs), sorted(files)

    def get_created_time(self, name):
        try:
            return self._model().objects.values_list("created_at", flat=True).get(name=self._clean(name))
        except self._model().DoesNotExist:
            raise FileNotFoundError(name) from None

    get_modified_time = get_created_time
    get_accessed_time = get_created_time

    def url(self, name):
        # No public URL: files are served by views that check who may see them.
        raise NotImplementedError("DatabaseStorage files have no public URL; serve them through a view.")
