"""DatabaseStorage (FRONTLIJN_STORAGE=database): files every app server sees, through Django's storage API."""

import io

import pytest
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from frontlijn.core.models import StoredFile
from frontlijn.core.storage import DatabaseStorage
from frontlijn.signals import services
from frontlijn.signals.models import SignalPhoto
from tests.factories import BuurtFactory, staff_in

pytestmark = pytest.mark.django_db

DATABASE_STORAGE = {
    "default": {"BACKEND": "frontlijn.core.storage.DatabaseStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def test_save_open_size_exists_delete():
    storage = DatabaseStorage()
    name = storage.save("signals/1/foto.jpg", ContentFile(b"\xff\xd8 jpeg bytes"))
    assert name == "signals/1/foto.jpg"
    assert storage.exists(name) and storage.size(name) == 13
    with storage.open(name) as f:
        assert f.read() == b"\xff\xd8 jpeg bytes"
    second = storage.save("signals/1/foto.jpg", ContentFile(b"other"))
    assert second != name and storage.open(second).read() == b"other"  # never overwritten
    assert storage.listdir("signals") == (["1"], [])
    assert storage.listdir("signals/1") == ([], sorted([name.rsplit("/", 1)[1], second.rsplit("/", 1)[1]]))
    storage.delete(name)
    assert not storage.exists(name)
    with pytest.raises(FileNotFoundError):
        storage.open(name)


def test_names_cannot_leave_the_store():
    with pytest.raises(SuspiciousFileOperation):
        DatabaseStorage().save("../../etc/passwd", ContentFile(b"x"))


def test_files_have_no_public_url():
    with pytest.raises(NotImplementedError):
        DatabaseStorage().url("signals/1/foto.jpg")


def test_a_signal_photo_goes_to_the_database_and_is_served_by_the_scoped_view(settings, client_for, tmp_path):
    settings.STORAGES = DATABASE_STORAGE
    settings.MEDIA_ROOT = tmp_path / "no-media-here"
    out = io.BytesIO()
    Image.new("RGB", (20, 10), (0, 90, 70)).save(out, format="PNG")
    buurt = BuurtFactory()
    user = staff_in(buurt)
    signal = services.signal_create(
        user=user,
        text="Kapotte stoeptegel bij de ingang",
        theme_codes=["onderhoud"],
        buurt=buurt,
        photos=[SimpleUploadedFile("IMG_Jansen.png", out.getvalue(), content_type="image/png")],
    )
    photo = SignalPhoto.objects.get(signal=signal)
    stored = StoredFile.objects.get()
    assert stored.name == photo.image.name and "Jansen" not in stored.name
    assert default_storage.exists(photo.image.name)
    assert not (tmp_path / "no-media-here").exists()  # nothing on this server's disk
    response = client_for(user).get(f"/signalen/foto/{photo.pk}/")
    assert response.status_code == 200
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).size == (20, 10)
    # Someone whose team does not cover the buurt gets no photo.
    outsider = staff_in(BuurtFactory())
    assert client_for(outsider).get(f"/signalen/foto/{photo.pk}/").status_code in (403, 404)


def test_storage_setting_picks_the_backend():
    import os
    import subprocess
    import sys

    code = (
        # The settings module alone (no app loading): what it makes of the environment.
        "import frontlijn.settings as settings; print(settings.STORAGES['default']['BACKEND'])"
    )

    def backend(value):
        env = {**os.environ, "FRONTLIJN_STORAGE": value, "S3_BUCKET": "frontlijn-fotos"}
        return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)

    assert backend("local").stdout.strip() == "django.core.files.storage.FileSystemStorage"
    assert backend("database").stdout.strip() == "frontlijn.core.storage.DatabaseStorage"
    assert backend("s3").stdout.strip() == "storages.backends.s3.S3Storage"
    no_bucket = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, "FRONTLIJN_STORAGE": "s3"}, capture_output=True, text=True
    )
    assert no_bucket.returncode != 0 and "needs S3_BUCKET" in no_bucket.stderr
    wrong = backend("nfs")
    assert wrong.returncode != 0 and "FRONTLIJN_STORAGE must be one of" in wrong.stderr
