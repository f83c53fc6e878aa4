"""``python -m pramoen run_report_jobs``: a worker that makes queued bulk report jobs.

For servers that set ``PRAMOEN_REPORT_JOBS=worker`` (several app servers); safe to run
more than one: each job is claimed by exactly one worker.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser

from pramoen.reports import jobs


class Command(BaseCommand):
    help = "Make queued report jobs; with --once, stop when none is left."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="make the queued jobs, then stop")
        parser.add_argument("--interval", type=float, default=2.0, help="seconds between looks for new jobs")

    def handle(self, *args, **opts) -> None:
        while True:
            job = jobs.claim()
            if job is not None:
                jobs.work(job)
                self.stdout.write(f"job {job.pk}: {job.fiscal_year} round {job.round_number} {job.format}")
                continue
            if opts["once"]:
                return
            time.sleep(opts["interval"])
