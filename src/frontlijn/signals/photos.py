"""Photo checks for signals: type by content (JPEG/PNG/WebP), size, and EXIF/GPS stripped."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_PHOTOS = 4
FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}


@dataclass
class CleanPhoto:
    content: ContentFile
    content_type: str
    width: int
    height: int


def photo_clean(upload) -> CleanPhoto:
    """Check an uploaded file and re-encode it without metadata. Raises ValidationError (Dutch)."""
    name = getattr(upload, "name", "") or _("foto")
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("%(name)s is te groot: een foto mag hoogstens 8 MB zijn.") % {"name": name}, code="too_large"
        )
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            width, height = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("%(name)s is geen foto die we kunnen lezen. Gebruik JPEG, PNG of WebP.") % {"name": name},
            code="not_an_image",
        ) from exc
    if fmt not in FORMATS:
        raise ValidationError(_("%(name)s is geen JPEG-, PNG- of WebP-foto.") % {"name": name}, code="wrong_type")
    if width * height > MAX_PIXELS:
        raise ValidationError(_("%(name)s heeft te veel pixels.") % {"name": name}, code="too_many_pixels")
    content_type, ext = FORMATS[fmt]
    with Image.open(io.BytesIO(data)) as opened:
        image = ImageOps.exif_transpose(opened)  # keep the orientation, lose the EXIF block
        if fmt == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        # Copy only the pixels: no EXIF, GPS, XMP, ICC or text chunks survive.
        clean = Image.new(image.mode, image.size)
        clean.paste(image)
        palette = image.getpalette() if image.mode == "P" else None
        if palette:
            clean.putpalette(palette)
        out = io.BytesIO()
        options: dict[str, dict[str, int | bool]] = {
            "JPEG": {"quality": 88},
            "WEBP": {"quality": 85},
            "PNG": {"optimize": False},
        }
        clean.save(out, format=fmt, **options[fmt])
        width, height = clean.size
    return CleanPhoto(ContentFile(out.getvalue(), name=f"foto.{ext}"), content_type, width, height)
