"""Evidence photos: read when and where a photo was taken (EXIF), and draw its upright thumbnail.

Pillow reads the image; the original file is kept byte for byte as evidence, the thumbnail is drawn
with the camera's EXIF orientation applied (browsers apply it to the original themselves).
"""

import io
import warnings
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from decimal import Decimal
from typing import IO

from django.utils.translation import gettext as _
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

PHOTO_TYPES = frozenset({".jpg", ".jpeg", ".png"})
THUMBNAIL_EDGE = 480  # pixels of the longer edge: sharp at 240 css px on a 2x phone screen
MAX_PIXELS = 60_000_000  # a 200-megapixel phone photo is 200M; 60M refuses decompression bombs early


class PhotoRefused(ValueError):
    """The file claims to be an image but cannot be read as one."""


@dataclass(frozen=True)
class Photo:
    """What a photo says about itself, and its upright JPEG thumbnail."""

    taken_at: datetime | None
    latitude: Decimal | None
    longitude: Decimal | None
    thumbnail: bytes


def _taken_at(exif: Image.Exif, local: tzinfo) -> datetime | None:
    details = exif.get_ifd(ExifTags.IFD.Exif)
    text = details.get(ExifTags.Base.DateTimeOriginal) or exif.get(ExifTags.Base.DateTime)
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.strptime(text.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    offset = details.get(ExifTags.Base.OffsetTimeOriginal)
    if isinstance(offset, str) and len(offset) >= 6 and offset[0] in "+-":
        try:
            hours, minutes = int(offset[1:3]), int(offset[4:6])
        except ValueError:
            pass
        else:
            sign = 1 if offset[0] == "+" else -1
            return moment.replace(tzinfo=timezone(sign * timedelta(hours=hours, minutes=minutes)))
    # Without an offset a camera writes its own clock's local time: the office's time zone.
    return moment.replace(tzinfo=local)


def _degrees(value, ref) -> Decimal | None:
    try:
        degrees, minutes, seconds = (float(part) for part in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    decimal = degrees + minutes / 60 + seconds / 3600
    if ref in ("S", "W"):
        decimal = -decimal
    return Decimal(f"{decimal:.6f}")


def _place(exif: Image.Exif) -> tuple[Decimal | None, Decimal | None]:
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    latitude = _degrees(gps.get(ExifTags.GPS.GPSLatitude), gps.get(ExifTags.GPS.GPSLatitudeRef))
    longitude = _degrees(gps.get(ExifTags.GPS.GPSLongitude), gps.get(ExifTags.GPS.GPSLongitudeRef))
    if latitude is None or longitude is None or not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None, None
    if latitude == 0 and longitude == 0:  # a camera without a fix writes zeros
        return None, None
    return latitude, longitude


def read_photo(content: IO[bytes], *, local: tzinfo) -> Photo:
    """Read a photo's EXIF time and place and draw its upright thumbnail; raise PhotoRefused if unreadable."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(content) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise PhotoRefused(_("The photo has too many pixels."))
                exif = image.getexif()
                image.load()
                upright = ImageOps.exif_transpose(image)
                upright.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE))
                buffer = io.BytesIO()
                upright.convert("RGB").save(buffer, "JPEG", quality=82)
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
    ) as error:
        if isinstance(error, PhotoRefused):
            raise
        raise PhotoRefused(_("The file cannot be read as an image.")) from error
    finally:
        content.seek(0)
    latitude, longitude = _place(exif)
    return Photo(_taken_at(exif, local), latitude, longitude, buffer.getvalue())


def is_photo(name: str) -> bool:
    """Return whether an evidence file's name says it is a photo."""
    return any(name.lower().endswith(suffix) for suffix in PHOTO_TYPES)
