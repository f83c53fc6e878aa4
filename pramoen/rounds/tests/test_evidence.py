from __future__ import annotations

import hashlib
import io
import shutil
import tempfile
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from pramoen.access.models import Role
from pramoen.rounds import evidence as evidence_files
from pramoen.rounds.models import Evidence, Result, RoundStatus

from .base import RoundTestCase

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\nIDATx\x9cc\x00\x01\x00\x00\x05\x00\x01\r\n-\xb4\x00\x00\x00\x00IEND\xaeB`\x82")
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return buffer.getvalue()


class EvidenceTestCase(RoundTestCase):
    def setUp(self) -> None:
        self.media = tempfile.mkdtemp(prefix="pramoen-evidence-")
        self.addCleanup(shutil.rmtree, self.media, ignore_errors=True)
        override = override_settings(MEDIA_ROOT=self.media, EVIDENCE_MAX_BYTES=1024 * 1024)
        override.enable()
        self.addCleanup(override.disable)

    def add_url(self, code: str = "1.1") -> str:
        return f"/rounds/{self.round.pk}/kpi/{self.kpi(code).pk}/evidence/"

    def upload(self, name: str, content: bytes, code: str = "1.1", **extra):
        prefix = f"ev{self.kpi(code).pk}-"
        data = {prefix + "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
                prefix + "description": "หลักฐาน"}
        return self.client.post(self.add_url(code), data, **extra)

    def stored(self, name: str, content: bytes = PDF) -> Evidence:
        result, _ = Result.objects.get_or_create(round=self.round, kpi=self.kpi("1.1"))
        return evidence_files.add_evidence(result, SimpleUploadedFile(name, content), self.staff)

    def test_it_accepts_a_pdf_png_and_docx_checked_by_content(self) -> None:
        self.login(self.staff)
        for name, content, mime in [
            ("รายงาน.pdf", PDF, "application/pdf"),
            ("chart.png", PNG, "image/png"),
            ("notes.docx", docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            ("old.doc", OLE2, "application/msword"),
        ]:
            with self.subTest(name=name):
                r = self.upload(name, content, **self.htmx())
                self.assertEqual(r.status_code, 200)
                self.assertContains(r, name)
                item = Evidence.objects.get(name=name)
                self.assertEqual(item.content_type, mime)
                self.assertEqual(item.size, len(content))
                self.assertEqual(item.sha256, hashlib.sha256(content).hexdigest())
                self.assertEqual(item.uploaded_by, self.staff)
                self.assertNotIn(name, item.file.name)  # the stored path never comes from the user
                self.assertEqual(item.file.read(), content)

    def test_it_creates_the_result_row_when_missing(self) -> None:
        self.login(self.staff)
        self.assertFalse(Result.objects.exists())
        self.upload("a.pdf", PDF, **self.htmx())
        self.assertEqual(Result.objects.get().kpi, self.kpi("1.1"))
        self.assertIsNone(Result.objects.get().value)

    def test_it_refuses_files_whose_content_is_not_an_allowed_type(self) -> None:
        self.login(self.staff)
        for name, content in [
            ("report.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
            ("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200),
            ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
            ("installer.msi", OLE2),
            ("archive.pdf", b"PK\x03\x04" + b"\x00" * 100),
        ]:
            with self.subTest(name=name):
                r = self.upload(name, content, **self.htmx())
                self.assertEqual(r.status_code, 400)
                self.assertContains(r, f"“{name}” is not an allowed type", status_code=400)
        self.assertFalse(Evidence.objects.exists())

    def test_it_refuses_empty_and_oversized_files_naming_the_limit(self) -> None:
        self.login(self.staff)
        r = self.upload("empty.pdf", b"", **self.htmx())
        self.assertContains(r, "“empty.pdf” is empty", status_code=400)
        r = self.upload("big.pdf", PDF + b"0" * (1024 * 1024), **self.htmx())
        self.assertContains(r, "“big.pdf” is larger than the limit of 1 MB", status_code=400)
        self.assertFalse(Evidence.objects.exists())

    def test_without_javascript_it_redirects_with_the_message(self) -> None:
        self.login(self.staff)
        r = self.upload("report.pdf", b"<html></html>", follow=True)
        self.assertContains(r, "“report.pdf” is not an allowed type")
        self.assertTemplateUsed(r, "rounds/result_edit.html")

    def test_it_sanitises_the_original_name(self) -> None:
        self.assertEqual(evidence_files.clean_name("../../etc/passwd"), "passwd")
        self.assertEqual(evidence_files.clean_name("C:\\งาน\\ผล\x00การ\u202e.pdf"), "ผลการ.pdf")
        self.assertEqual(evidence_files.clean_name("..."), "evidence")
        self.assertLessEqual(len(evidence_files.clean_name("ก" * 400 + ".pdf")), 200)
        self.assertTrue(evidence_files.clean_name("ก" * 400 + ".pdf").endswith(".pdf"))

    def test_only_the_fund_may_add_while_editable(self) -> None:
        for role in (Role.CONSULTANT, Role.CGD_OFFICER, Role.COMMITTEE, Role.OWNER_AGENCY):
            with self.subTest(role=role):
                self.login(self.users[role])
                self.assertEqual(self.upload("a.pdf", PDF).status_code, 403)
        self.login(self.stranger)
        self.assertEqual(self.upload("a.pdf", PDF).status_code, 404)
        self.login(self.staff)
        self.round.status = RoundStatus.SUBMITTED
        self.round.save()
        self.assertEqual(self.upload("a.pdf", PDF).status_code, 403)
        self.assertEqual(self.client.get(self.add_url()).status_code, 405)
        self.assertFalse(Evidence.objects.exists())

    def test_download_is_an_attachment_with_the_original_name_and_type(self) -> None:
        item = self.stored("รายงานผล.pdf")
        for role, user in self.users.items():
            with self.subTest(role=role):
                self.login(user)
                r = self.client.get(f"/rounds/{self.round.pk}/evidence/{item.pk}/")
                self.assertEqual(r.status_code, 200)
                self.assertEqual(r["Content-Type"], "application/pdf")
                self.assertEqual(r["X-Content-Type-Options"], "nosniff")
                self.assertTrue(r["Content-Disposition"].startswith("attachment;"))
                self.assertIn("filename*=utf-8''%E0%B8%A3", r["Content-Disposition"])
                self.assertEqual(b"".join(r.streaming_content), PDF)

    def test_download_is_hidden_from_other_funds_and_checks_the_round(self) -> None:
        item = self.stored("a.pdf")
        self.login(self.stranger)
        self.assertEqual(self.client.get(f"/rounds/{self.round.pk}/evidence/{item.pk}/").status_code, 404)
        self.login(self.staff)
        round2 = self.agreement.rounds.get(number=2)
        self.assertEqual(self.client.get(f"/rounds/{round2.pk}/evidence/{item.pk}/").status_code, 404)

    def test_delete_removes_the_row_and_the_file_only_while_editable(self) -> None:
        item = self.stored("a.pdf")
        path = item.file.path
        url = f"/rounds/{self.round.pk}/evidence/{item.pk}/delete/"
        self.login(self.users[Role.CONSULTANT])
        self.assertEqual(self.client.post(url).status_code, 403)
        self.login(self.staff)
        self.assertEqual(self.client.get(url).status_code, 405)
        self.round.status = RoundStatus.APPROVED
        self.round.save()
        self.assertEqual(self.client.post(url).status_code, 403)
        self.round.status = RoundStatus.DRAFT
        self.round.save()
        with self.captureOnCommitCallbacks(execute=True):
            r = self.client.post(url, **self.htmx())
        self.assertEqual(r.status_code, 200)
        self.assertFalse(Evidence.objects.exists())
        self.assertEqual(Evidence.history.filter(history_type="-").count(), 1)
        import os

        self.assertFalse(os.path.exists(path))
