"""File downloads: every file the app hands out is an attachment the browser must not sniff."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse


def attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    """``content`` made in this request, downloaded as ``filename`` (an ASCII name)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def stored_attachment(stored: FieldFile, filename: str, content_type: str) -> FileResponse:
    """A stored file, streamed as ``filename``; 404 when the file is gone from storage."""
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
