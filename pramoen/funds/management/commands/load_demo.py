"""Demonstration data for trying Pramoen out: the fund list, the evaluation
frameworks, one user per role, fund 1-06's FY2567 agreement in force with rounds
1 and 2 approved (the sample RFES report, seed 001), and fund 1-04's FY2568 PPP
being drafted.

Safe to run again, all or nothing (one transaction): users are reset to the
published password, and the two demo agreements are deleted and rebuilt from
scratch, so a demo that was played with comes back as it was. The builders live
in ``pramoen.demo``.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from pramoen.demo import second_fund, seed001
from pramoen.demo.users import DEMO_PASSWORD, FARMERS_FUND, USERS, set_up_users
from pramoen.funds.models import Fund, OwnerAgency

DEMO_USERNAME = "demo"


def set_up_farmers_fund() -> Fund:
    """Owner agency and English name of the fund evaluated in the sample report (seed 001)."""
    agency, _ = OwnerAgency.objects.update_or_create(
        name_th="สำนักงานปลัดกระทรวงเกษตรและสหกรณ์",
        defaults={
            "name_en": "Office of the Permanent Secretary, Ministry of Agriculture and Cooperatives",
            "ministry_th": "กระทรวงเกษตรและสหกรณ์",
        },
    )
    fund = Fund.objects.get(code=FARMERS_FUND)
    fund.owner_agency = agency
    fund.name_en = "Revolving Fund for Lending to Farmers and the Poor"
    fund.save(update_fields=["owner_agency", "name_en"])
    return fund


def logins() -> list[str]:
    """One line per demo user: username, password, role."""
    return [f"  {u.username:<15} / {DEMO_PASSWORD}   {u.description}" for u in USERS]


class Command(BaseCommand):
    help = (
        "Load demonstration data: the fund list, the FY2567 and FY2568 frameworks, fund 1-06's FY2567 "
        "agreement in force with rounds 1-2 approved, fund 1-04's FY2568 PPP in drafting, and one user per "
        f"role, all with the password '{DEMO_PASSWORD}': {', '.join(u.username for u in USERS)} "
        f"('{DEMO_USERNAME}' is a superuser). Safe to run again: the demo agreements are rebuilt."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="run even though PRAMOEN_DEBUG is off (this creates a superuser with a published password)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                f"load_demo creates the superuser '{DEMO_USERNAME}' with a published password, so it "
                "only runs with PRAMOEN_DEBUG=1. Use --force to run it anyway."
            )
        with transaction.atomic():
            call_command("load_funds", stdout=self.stdout, stderr=self.stderr)
            fund = set_up_farmers_fund()
            other = second_fund.set_up_fund()
            # Delete the demo agreements before the frameworks are (re)loaded: they protect them.
            seed001.delete_agreement(fund)
            second_fund.delete_agreement(other)
            call_command("load_frameworks", stdout=self.stdout, stderr=self.stderr)
            users = set_up_users()
            agreement = seed001.load(fund, users)
            draft = second_fund.load(other, users)
        with translation.override("en"):  # the terminal output is English, like the help
            self.stdout.write(f"Demo fund: {fund}")
            self.stdout.write(f"  {agreement}: {agreement.get_status_display()}, rounds 1 and 2 approved")
            self.stdout.write(f"  {draft}: {draft.get_status_display()}")
            self.stdout.write("Demo logins (user / password   role):")
            for line in logins():
                self.stdout.write(line)
