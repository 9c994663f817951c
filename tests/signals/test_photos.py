import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from frontlijn.signals import services
from frontlijn.signals.photos import MAX_BYTES, photo_clean
from tests.factories import BuurtFactory, staff_in


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 10, 10))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 22.0, 0.0), 3: "E", 4: (4.0, 53.0, 0.0)}  # GPSInfo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_exif_and_gps_are_stripped():
    raw = jpeg_with_gps()
    assert Image.open(io.BytesIO(raw)).getexif()  # the fixture really carries EXIF
    clean = photo_clean(SimpleUploadedFile("foto.jpg", raw, content_type="image/jpeg"))
    data = clean.content.read()
    reopened = Image.open(io.BytesIO(data))
    assert clean.content_type == "image/jpeg"
    assert not reopened.getexif()
    assert b"PhoneMaker" not in data
    assert reopened.size == (40, 30)


def test_type_is_checked_by_content_not_extension():
    with pytest.raises(ValidationError) as exc:
        photo_clean(SimpleUploadedFile("foto.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg"))
    assert exc.value.code == "not_an_image"


def test_gif_is_refused():
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, format="GIF")
    with pytest.raises(ValidationError) as exc:
        photo_clean(SimpleUploadedFile("foto.png", out.getvalue(), content_type="image/png"))
    assert exc.value.code == "wrong_type"


def test_png_and_webp_are_accepted():
    for fmt, content_type in (("PNG", "image/png"), ("WEBP", "image/webp")):
        out = io.BytesIO()
        Image.new("RGB", (8, 8), (1, 2, 3)).save(out, format=fmt)
        assert photo_clean(SimpleUploadedFile("x", out.getvalue())).content_type == content_type


def test_too_large_is_refused():
    upload = SimpleUploadedFile("groot.jpg", b"\xff" * (MAX_BYTES + 1), content_type="image/jpeg")
    with pytest.raises(ValidationError) as exc:
        photo_clean(upload)
    assert exc.value.code == "too_large"


@pytest.mark.django_db
def test_photo_is_served_only_to_who_may_read_the_signal(client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buurt = BuurtFactory()
    raiser = staff_in(buurt)
    signal = services.signal_create(
        user=raiser,
        text="Roestige balkons",
        theme_codes=["onderhoud"],
        buurt=buurt,
        photos=[SimpleUploadedFile("IMG_1234 Jansen.jpg", jpeg_with_gps(), content_type="image/jpeg")],
    )
    photo = signal.photos.get()
    assert "Jansen" not in photo.image.name
    response = client_for(raiser).get(f"/signalen/foto/{photo.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert client_for(staff_in(BuurtFactory())).get(f"/signalen/foto/{photo.pk}/").status_code == 404
