"""Evidence files: what may be uploaded, checked by content, and how it is stored.

The browser's file name and declared type are never trusted: the type is
detected from the first bytes with ``filetype`` against a short list of
document and image formats, and the name is kept only as a label (the stored
path comes from ``models.evidence_path``).
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from filetype.types import archive, document, image

from .models import Evidence, Result

# Only these matchers are consulted, in this order: the Office Open XML and
# OpenDocument matchers must run before any generic ZIP matcher would.
MATCHERS = [
    archive.Pdf(),
    image.Png(),
    image.Jpeg(),
    image.Gif(),
    image.Webp(),
    document.Docx(),
    document.Xlsx(),
    document.Pptx(),
    document.Odt(),
    document.Ods(),
]

# Legacy Word/Excel files are OLE2 compound documents. Installers (.msi) share
# the signature, so the extension must also say .doc or .xls.
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OLE2_TYPES = {".doc": "application/msword", ".xls": "application/vnd.ms-excel"}

ALLOWED_LABEL = "PDF, PNG, JPEG, GIF, WEBP, DOCX, XLSX, PPTX, ODT, ODS, DOC, XLS"
HEAD_BYTES = 8192
NAME_MAX = 200


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int
    sha256: str


def clean_name(raw: str) -> str:
    """A file name safe to show and to offer in Content-Disposition (Thai letters kept)."""
    name = unicodedata.normalize("NFC", raw or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]  # only the last part of any path
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C"))  # controls, format chars
    name = name.strip().lstrip(".").strip()
    if len(name) > NAME_MAX:
        stem, suffix = PurePath(name).stem, PurePath(name).suffix[:20]
        name = stem[: NAME_MAX - len(suffix)] + suffix
    return name or "evidence"


def detect_type(head: bytes, name: str) -> str | None:
    """The content type of a file from its first bytes, or None when it is not allowed."""
    kind = filetype.match(head, matchers=MATCHERS)
    if kind is not None:
        return kind.mime
    if head.startswith(OLE2_SIGNATURE):
        return OLE2_TYPES.get(PurePath(name.lower()).suffix)
    return None


def max_mb() -> str:
    mb = settings.EVIDENCE_MAX_BYTES / (1024 * 1024)
    return f"{mb:g}"


def check_upload(upload: UploadedFile) -> CheckedFile:
    """Check size and type by content; raise ValidationError naming the file."""
    name = clean_name(upload.name or "")
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("“%(name)s” is empty."), code="empty", params={"name": name})
    if size > settings.EVIDENCE_MAX_BYTES:
        raise ValidationError(
            _("“%(name)s” is larger than the limit of %(mb)s MB."), code="too_large",
            params={"name": name, "mb": max_mb()},
        )
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    content_type = detect_type(head, name)
    if content_type is None:
        raise ValidationError(
            _("“%(name)s” is not an allowed type of file (allowed: %(types)s). The type is judged by the content, not the name."),
            code="type", params={"name": name, "types": ALLOWED_LABEL},
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(name=name, content_type=content_type, size=size, sha256=digest.hexdigest())


def add_evidence(result: Result, upload: UploadedFile, user, description: str = "") -> Evidence:
    """Store one checked file as evidence of ``result``."""
    checked = check_upload(upload)
    with transaction.atomic():
        evidence = Evidence(
            result=result, name=checked.name, content_type=checked.content_type, size=checked.size,
            sha256=checked.sha256, description=(description or "").strip()[:500], uploaded_by=user,
        )
        evidence.file.save("upload", upload, save=False)
        # Remove the stored file again if the row cannot be saved.
        stored = evidence.file.name
        try:
            evidence.save()
        except Exception:
            evidence.file.storage.delete(stored)
            raise
    return evidence


def delete_evidence(evidence: Evidence) -> None:
    """Delete the row (the history keeps its record) and the file once the deletion is committed."""
    storage, stored = evidence.file.storage, evidence.file.name
    with transaction.atomic():
        evidence.delete()
        transaction.on_commit(lambda: storage.delete(stored))
