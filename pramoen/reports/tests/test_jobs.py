"""Bulk generation: a job makes every submitted fund's round report into one zip, outside the request."""

from __future__ import annotations

import zipfile
from datetime import timedelta
from io import BytesIO, StringIO
from pathlib import Path
from unittest import mock

from django.contrib.messages import get_messages
from django.core.management import call_command
from django.test import Client, TestCase, TransactionTestCase, override_settings
from django.utils import timezone

from pramoen.access.models import Role
from pramoen.reports import jobs
from pramoen.reports.models import STALE_AFTER, JobStatus, ReportJob
from pramoen.rounds.models import Round, RoundStatus
from pramoen.testing import factories as f

YEAR = 2568


def submitted_round(fund, status=RoundStatus.SUBMITTED) -> Round:
    agreement = f.agreement_in_force(fund, YEAR)
    round_ = Round.objects.get(agreement=agreement, number=1)
    f.enter_results(round_)
    Round.objects.filter(pk=round_.pk).update(status=status)
    return round_


class JobTestCase(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.funds = [f.make_fund(code) for code in ("1-31", "1-32", "1-33")]
        submitted_round(cls.funds[0])
        submitted_round(cls.funds[1], RoundStatus.APPROVED)
        submitted_round(cls.funds[2], RoundStatus.DRAFT)  # not published: left out
        cls.cgd = f.make_user(Role.CGD_OFFICER)
        cls.committee = f.make_user(Role.COMMITTEE)
        cls.staff = f.make_user(Role.FUND_STAFF, fund=cls.funds[0])

    def start(self, user, **data):
        self.client.force_login(user)
        form = {"fiscal_year": YEAR, "round_number": 1, "format": "pdf", "thai_digits": "on", "buddhist_era": "on"}
        form.update(data)
        return self.client.post("/reports/jobs/", form)

    def test_cgd_starts_a_job_and_downloads_every_submitted_report(self) -> None:
        r = self.start(self.cgd)
        job = ReportJob.objects.get()
        self.assertRedirects(r, f"/reports/jobs/{job.pk}/")
        self.assertEqual((job.status, job.done, job.total), (JobStatus.DONE, 2, 2))
        page = self.client.get(f"/reports/jobs/{job.pk}/")
        self.assertContains(page, f"/reports/jobs/{job.pk}/download/")
        download = self.client.get(f"/reports/jobs/{job.pk}/download/")
        archive = zipfile.ZipFile(BytesIO(b"".join(download.streaming_content)))
        self.assertEqual(sorted(archive.namelist()), ["rfes-1-31-2568-r1.pdf", "rfes-1-32-2568-r1.pdf"])
        self.assertTrue(archive.read("rfes-1-31-2568-r1.pdf").startswith(b"%PDF"))

    def test_the_progress_fragment_polls_until_done(self) -> None:
        job = ReportJob.objects.create(fiscal_year=YEAR, round_number=1, format="pdf", created_by=self.cgd, total=2)
        self.client.force_login(self.committee)
        r = self.client.get(f"/reports/jobs/{job.pk}/", HTTP_HX_REQUEST="true")
        self.assertContains(r, 'hx-trigger="every 1s"')
        self.assertTemplateUsed(r, "reports/_job_progress.html")
        jobs.run(job.pk)
        r = self.client.get(f"/reports/jobs/{job.pk}/", HTTP_HX_REQUEST="true")
        self.assertNotContains(r, "hx-trigger")

    def test_only_cgd_starts_jobs_and_only_global_roles_see_them(self) -> None:
        self.assertEqual(self.start(self.committee).status_code, 403)
        self.assertEqual(self.start(self.staff).status_code, 403)
        job = ReportJob.objects.create(fiscal_year=YEAR, round_number=1, format="pdf", created_by=self.cgd)
        self.client.force_login(self.staff)
        self.assertEqual(self.client.get(f"/reports/jobs/{job.pk}/").status_code, 403)
        self.assertEqual(self.client.get(f"/reports/jobs/{job.pk}/download/").status_code, 403)
        self.client.logout()
        self.assertEqual(self.client.get(f"/reports/jobs/{job.pk}/").status_code, 302)

    def test_a_job_needs_the_csrf_token(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.cgd)
        r = client.post("/reports/jobs/", {"fiscal_year": YEAR, "round_number": 1, "format": "pdf"})
        self.assertEqual(r.status_code, 403)
        self.assertFalse(ReportJob.objects.exists())

    def test_bad_input_is_named_and_nothing_is_queued(self) -> None:
        r = self.start(self.cgd, format="odt", round_number=7)
        self.assertRedirects(r, "/reports/portfolio/", fetch_redirect_response=False)
        self.assertFalse(ReportJob.objects.exists())

    def test_each_message_names_its_field_in_thai(self) -> None:
        r = self.start(self.cgd, fiscal_year="๒๕x", round_number="", format="odt")
        shown = [str(m) for m in get_messages(r.wsgi_request)]
        self.assertEqual(len(shown), 3, shown)
        self.assertTrue(shown[0].startswith("ปีบัญชี (พ.ศ.): "), shown)
        self.assertTrue(shown[1].startswith("รอบ: "), shown)
        self.assertTrue(shown[2].startswith("รูปแบบไฟล์: ") and "odt" in shown[2], shown)
        self.assertFalse(ReportJob.objects.exists())

    def test_a_failure_is_recorded_on_the_job(self) -> None:
        job = ReportJob.objects.create(fiscal_year=YEAR, round_number=1, format="pdf", created_by=self.cgd)
        with mock.patch("pramoen.reports.jobs.render", side_effect=RuntimeError("disk full")):
            jobs.run(job.pk)
        job.refresh_from_db()
        self.assertEqual((job.status, job.error), (JobStatus.FAILED, "disk full"))
        self.assertFalse(job.file)

    def test_a_fund_whose_agreement_cannot_be_scored_is_listed_in_left_out_txt(self) -> None:
        self.funds[1].agreements.get().kpis.filter(code="1.1").update(weight="21")  # weights no longer add up
        r = self.start(self.cgd, format="xlsx")
        job = ReportJob.objects.get()
        self.assertEqual((job.status, job.done, job.total), (JobStatus.DONE, 2, 2))
        archive = zipfile.ZipFile(BytesIO(b"".join(self.client.get(f"/reports/jobs/{job.pk}/download/").streaming_content)))
        self.assertEqual(sorted(archive.namelist()), ["left-out.txt", "rfes-1-31-2568-r1.xlsx"])
        left_out = archive.read("left-out.txt").decode("utf-8")
        self.assertTrue(left_out.startswith("1-32: "), left_out)
        self.assertEqual(job.skipped + "\n", left_out)
        self.assertContains(self.client.get(r["Location"]), "1-32: ")

    def test_a_file_that_cannot_be_stored_fails_the_job_instead_of_leaving_it_running(self) -> None:
        job = ReportJob.objects.create(fiscal_year=YEAR, round_number=1, format="xlsx", created_by=self.cgd)
        with mock.patch("django.core.files.storage.FileSystemStorage.save",
                        side_effect=OSError("No space left on device")):
            jobs.run(job.pk)  # does not raise: a thread or the worker would die with it
        job.refresh_from_db()
        self.assertEqual((job.status, job.error, job.file.name), (JobStatus.FAILED, "No space left on device", ""))
        self.assertIsNotNone(job.finished_at)

    def test_a_claimed_job_is_not_made_twice(self) -> None:
        job = ReportJob.objects.create(fiscal_year=YEAR, round_number=1, format="xlsx", created_by=self.cgd)
        self.assertEqual(jobs.claim(job.pk), job)
        self.assertIsNone(jobs.claim(job.pk))  # running now: another worker finds nothing

    def test_a_job_whose_server_stopped_says_so_and_a_worker_takes_it_up_again(self) -> None:
        job = ReportJob.objects.create(fiscal_year=YEAR, round_number=1, format="pdf", created_by=self.cgd, total=2,
                                       done=1, status=JobStatus.RUNNING,
                                       progressed_at=timezone.now() - STALE_AFTER - timedelta(minutes=1))
        self.client.force_login(self.cgd)
        r = self.client.get(f"/reports/jobs/{job.pk}/", HTTP_HX_REQUEST="true")
        self.assertNotContains(r, "hx-trigger")  # no polling for ever
        self.assertContains(r, 'role="alert"')
        call_command("run_report_jobs", "--once", stdout=StringIO())
        job.refresh_from_db()
        self.assertEqual((job.status, job.done), (JobStatus.DONE, 2))

    def test_a_job_still_making_progress_is_not_taken_from_its_worker(self) -> None:
        job = ReportJob.objects.create(fiscal_year=YEAR, round_number=1, format="pdf", created_by=self.cgd,
                                       status=JobStatus.RUNNING, progressed_at=timezone.now())
        self.assertIsNone(jobs.claim(job.pk))
        self.assertFalse(job.stalled)

    def test_the_worker_command_makes_queued_jobs(self) -> None:
        job = ReportJob.objects.create(fiscal_year=YEAR, round_number=1, format="docx", created_by=self.cgd)
        call_command("run_report_jobs", "--once", stdout=StringIO())
        job.refresh_from_db()
        self.assertEqual((job.status, job.done), (JobStatus.DONE, 2))

    def test_report_all_writes_the_same_files_with_a_progress_bar(self) -> None:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            out, err = StringIO(), StringIO()
            call_command("report_all", "--year", str(YEAR), "--round", "1", "--format", "xlsx", "-o", folder,
                         stdout=out, stderr=err)
            self.assertEqual(sorted(p.name for p in Path(folder).iterdir()),
                             ["rfes-1-31-2568-r1.xlsx", "rfes-1-32-2568-r1.xlsx"])
        self.assertIn("2 report(s) written", out.getvalue())


@override_settings(PRAMOEN_REPORT_JOBS="thread")
class ThreadedJobTestCase(TransactionTestCase):
    """In the app server a job runs in a thread started after the request's transaction commits."""

    def test_the_request_returns_before_the_work_is_done(self) -> None:
        fund = f.make_fund("1-41")
        submitted_round(fund)
        cgd = f.make_user(Role.CGD_OFFICER)
        started = []
        with mock.patch("pramoen.reports.jobs._start_thread", side_effect=started.append):
            job = jobs.create(cgd, fiscal_year=YEAR, round_number=1, format="pdf")
        self.assertEqual(started, [job.pk])
        job.refresh_from_db()
        self.assertEqual(job.status, JobStatus.QUEUED)  # the request did not make it
        jobs.run(job.pk)  # what the thread does
        job.refresh_from_db()
        self.assertEqual(job.status, JobStatus.DONE)
