"""Demonstration data for trying Pramoen out: the fund list, one fully described
fund (the one of the sample RFES report, seed 001) and a demo superuser.

Each piece is a small function that can be run again safely, so later features
add their own demo data as one more function called from ``handle``.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from pramoen.funds.models import Fund, OwnerAgency

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "pramoen-demo"

FARMERS_FUND_CODE = "1-06"  # กองทุนหมุนเวียนเพื่อการกู้ยืมแก่เกษตรกรและผู้ยากจน


def set_up_farmers_fund() -> Fund:
    """Owner agency and English name of the fund evaluated in the sample report (seed 001)."""
    agency, _ = OwnerAgency.objects.update_or_create(
        name_th="สำนักงานปลัดกระทรวงเกษตรและสหกรณ์",
        defaults={
            "name_en": "Office of the Permanent Secretary, Ministry of Agriculture and Cooperatives",
            "ministry_th": "กระทรวงเกษตรและสหกรณ์",
        },
    )
    fund = Fund.objects.get(code=FARMERS_FUND_CODE)
    fund.owner_agency = agency
    fund.name_en = "Revolving Fund for Lending to Farmers and the Poor"
    fund.save(update_fields=["owner_agency", "name_en"])
    return fund


def set_up_demo_user() -> AbstractUser:
    """A superuser ``demo`` whose password is always reset to the published one."""
    user, _ = get_user_model().objects.get_or_create(username=DEMO_USERNAME)
    user.is_active = True
    user.is_staff = True
    user.is_superuser = True
    # set_password, not create_superuser: the demo password is deliberately weak
    # and must not go through the password validators.
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


class Command(BaseCommand):
    help = (
        "Load demonstration data: the fund list, the sample fund 1-06 with its owner agency, "
        f"and a superuser '{DEMO_USERNAME}' with the password '{DEMO_PASSWORD}'. Safe to run again."
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
            user = set_up_demo_user()
        self.stdout.write(f"Demo fund: {fund}")
        self.stdout.write(f"Demo login: {user.get_username()} / {DEMO_PASSWORD}")
