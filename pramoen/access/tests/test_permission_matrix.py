"""Who may open which page: every named URL of funds, frameworks, agreements, rounds and reports, for every role.

The convention (docs/architecture.md, the views' docstrings):

- anonymous → redirect to the login page;
- an object of a fund the user may not see → 404 (its existence is not revealed);
- visible, but the action is not the user's → 403;
- a GET on a POST-only URL → 405;
- otherwise the view does its work (200, a redirect after success, or 400 for the empty or
  refused input sent here).

The table ``ENTRIES`` says, for each URL, which methods it takes, whether it belongs to a fund
(``FUND``) or is open to every logged-in user (``PUBLIC``), and which roles may use it on their
own fund's objects. The test enumerates the URL resolver, so a new URL without a row fails.

Every request runs in a transaction that is rolled back, so one fixture set serves them all:
the superuser deleting a KPI does not take it away from the next subject.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.test import Client, TestCase, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from pramoen.access.models import Role
from pramoen.agreements.models import Agreement, Kpi, KpiKind, Status
from pramoen.frameworks.models import Framework, StandardCriterion, StandardKpi
from pramoen.funds.models import Fund
from pramoen.reports.models import JobStatus, ReportJob
from pramoen.rounds.models import Evidence, Result, Round
from pramoen.testing import factories

NAMESPACES = ("funds", "frameworks", "agreements", "rounds", "reports")

# Subjects. Fund-bound roles hold their role for fund A ("own"); fund B is "other".
ANON = "anonymous"
NOBODY = "no role"
STAFF = "fund staff"
APPROVER = "fund approver"
AGENCY = "owner agency"
CONSULTANT = "consultant"
CGD = "CGD officer"
COMMITTEE = "committee member"
ADMIN = "superuser"
SUBJECTS = (ANON, NOBODY, STAFF, APPROVER, AGENCY, CONSULTANT, CGD, COMMITTEE, ADMIN)
SEES_EVERY_FUND = frozenset({CGD, COMMITTEE, ADMIN})
SEES_OWN_FUND = frozenset({STAFF, APPROVER, AGENCY, CONSULTANT})
LOGGED_IN = frozenset(SUBJECTS) - {ANON}
FUND_EDITORS = frozenset({STAFF, APPROVER, ADMIN})  # drafting a PPP, entering a round's results
FRAMEWORK_EDITORS = frozenset({CGD, ADMIN})
JOB_STARTERS = frozenset({CGD, ADMIN})  # bulk report jobs cover every fund

OWN, OTHER = "own fund", "other fund"

# What a subject meets
OK = "allowed"
LOGIN = "redirect to login"
FORBIDDEN = "403"
HIDDEN = "404"
NOT_ALLOWED = "405"

FUND = "fund"  # the object belongs to a fund: invisible funds are 404
PUBLIC = "public"  # every logged-in user may read it (the fund registry, frameworks)

GET, POST = "GET", "POST"


@dataclass(frozen=True)
class Entry:
    name: str  # "namespace:name"
    kwargs: Callable[["World", str], dict[str, Any]]  # built from the fixtures, for OWN or OTHER
    methods: tuple[str, ...]
    allowed: frozenset[str]  # roles that may use it on their own fund's objects
    scope: str = FUND
    data: Callable[["World", str], dict[str, Any]] = field(default=lambda world, target: {})


class World:
    """The fixture objects, by target: fund A (``OWN``) and fund B (``OTHER``)."""

    def __init__(self) -> None:
        self.fund: dict[str, Fund] = {}
        self.drafting: dict[str, Agreement] = {}  # FY2569, PPP drafting: fund staff may edit
        self.in_force: dict[str, Agreement] = {}  # FY2568, in force with its rounds
        self.round: dict[str, Round] = {}
        self.kpi: dict[str, Kpi] = {}  # a KPI of the drafting agreement
        self.leaf: dict[str, Kpi] = {}  # a KPI of the agreement in force that takes a result
        self.evidence: dict[str, Evidence] = {}
        self.framework: Framework | None = None
        self.standard_kpi: StandardKpi | None = None
        self.job: ReportJob | None = None  # a finished bulk report job (it covers every fund)

    def area(self) -> int:
        assert self.framework is not None
        return self.framework.areas.get(code="1").pk




def _fund(w: World, t: str) -> dict[str, Any]:
    return {"code": w.fund[t].code}


def _year(w: World, t: str) -> dict[str, Any]:
    return {"year": w.framework.fiscal_year}  # type: ignore[union-attr]


def _draft(w: World, t: str) -> dict[str, Any]:
    return {"pk": w.drafting[t].pk}


def _draft_kpi(w: World, t: str) -> dict[str, Any]:
    return {"pk": w.drafting[t].pk, "kpi_pk": w.kpi[t].pk}


def _in_force(w: World, t: str) -> dict[str, Any]:
    return {"pk": w.in_force[t].pk}


def _round(w: World, t: str) -> dict[str, Any]:
    return {"pk": w.round[t].pk}


def _round_kpi(w: World, t: str) -> dict[str, Any]:
    return {"pk": w.round[t].pk, "kpi_pk": w.leaf[t].pk}


def _round_evidence(w: World, t: str) -> dict[str, Any]:
    return {"pk": w.round[t].pk, "evidence_pk": w.evidence[t].pk}


def _round_report(w: World, t: str) -> dict[str, Any]:
    return {"pk": w.round[t].pk, "fmt": "xlsx"}  # the quickest format to make


def _job(w: World, t: str) -> dict[str, Any]:
    return {"pk": w.job.pk}  # type: ignore[union-attr]


def _pdf(w: World, t: str) -> dict[str, Any]:
    kpi = w.leaf[t].pk
    return {f"ev{kpi}-file": SimpleUploadedFile("ผล.pdf", b"%PDF-1.4\n%%EOF\n"), f"ev{kpi}-description": "x"}


ENTRIES: list[Entry] = [
    # funds: the registry is public
    Entry("funds:list", lambda w, t: {}, (GET,), LOGGED_IN, PUBLIC),
    Entry("funds:detail", _fund, (GET,), LOGGED_IN, PUBLIC),
    # frameworks: everyone reads, CGD officers and admins edit
    Entry("frameworks:list", lambda w, t: {}, (GET,), LOGGED_IN, PUBLIC),
    Entry("frameworks:detail", _year, (GET,), LOGGED_IN, PUBLIC),
    Entry("frameworks:history", _year, (GET,), LOGGED_IN, PUBLIC),
    Entry("frameworks:edit", _year, (GET, POST), FRAMEWORK_EDITORS, PUBLIC),
    Entry("frameworks:copy", _year, (GET, POST), FRAMEWORK_EDITORS, PUBLIC),
    Entry("frameworks:area_add", _year, (GET, POST), FRAMEWORK_EDITORS, PUBLIC),
    Entry("frameworks:area_edit", lambda w, t: {**_year(w, t), "area_pk": w.area()}, (GET, POST), FRAMEWORK_EDITORS, PUBLIC),
    Entry("frameworks:area_delete", lambda w, t: {**_year(w, t), "area_pk": w.area()}, (GET, POST), FRAMEWORK_EDITORS,
          PUBLIC),
    Entry("frameworks:standard_kpi_add", _year, (GET, POST), FRAMEWORK_EDITORS, PUBLIC),
    Entry("frameworks:standard_kpi_edit", lambda w, t: {**_year(w, t), "kpi_pk": w.standard_kpi.pk}, (GET, POST),  # type: ignore[union-attr]
          FRAMEWORK_EDITORS, PUBLIC),
    Entry("frameworks:standard_kpi_delete", lambda w, t: {**_year(w, t), "kpi_pk": w.standard_kpi.pk}, (GET, POST),  # type: ignore[union-attr]
          FRAMEWORK_EDITORS, PUBLIC),
    # agreements: the list shows what the user may see; the rest belongs to a fund
    Entry("agreements:list", lambda w, t: {}, (GET,), LOGGED_IN, PUBLIC),
    Entry("agreements:create", lambda w, t: {"fund_code": w.fund[t].code}, (GET, POST),
          frozenset({STAFF, CGD, ADMIN}), data=lambda w, t: {"fiscal_year": "2570"}),
    Entry("agreements:detail", _draft, (GET,), LOGGED_IN),
    Entry("agreements:edit", _draft, (GET, POST), FUND_EDITORS),
    Entry("agreements:areas", _draft, (GET, POST), FUND_EDITORS),
    Entry("agreements:areas_check", _draft, (POST,), FUND_EDITORS),
    Entry("agreements:kpi_add", _draft, (GET, POST), FUND_EDITORS),
    Entry("agreements:kpi_check", _draft, (POST,), FUND_EDITORS),
    Entry("agreements:kpi_edit", _draft_kpi, (GET, POST), FUND_EDITORS),
    Entry("agreements:kpi_check", _draft_kpi, (POST,), FUND_EDITORS),
    Entry("agreements:kpi_delete", _draft_kpi, (GET, POST), FUND_EDITORS),
    Entry("agreements:step", lambda w, t: {**_draft(w, t), "name": "submit_ppp"}, (POST,), FUND_EDITORS,
          data=lambda w, t: {"submit_ppp-occurred_on": "1/10/2568", "submit_ppp-comment": "มติคณะกรรมการ"}),
    Entry("agreements:diff", _in_force, (GET,), LOGGED_IN),
    Entry("agreements:history", _in_force, (GET,), LOGGED_IN),
    # rounds: round 1 of the agreement in force, still a draft
    Entry("rounds:detail", _round, (GET,), LOGGED_IN),
    Entry("rounds:result_edit", _round_kpi, (GET, POST), FUND_EDITORS),
    Entry("rounds:result_row", _round_kpi, (GET,), LOGGED_IN),
    Entry("rounds:evidence_add", _round_kpi, (POST,), FUND_EDITORS, data=_pdf),
    Entry("rounds:evidence_download", _round_evidence, (GET,), LOGGED_IN),
    Entry("rounds:evidence_delete", _round_evidence, (POST,), FUND_EDITORS),
    Entry("rounds:step", lambda w, t: {**_round(w, t), "name": "submit"}, (POST,), FUND_EDITORS,
          data=lambda w, t: {"submit-comment": ""}),
    Entry("rounds:scorecard", _round, (GET,), LOGGED_IN),
    Entry("rounds:scorecard_download", _round, (GET,), LOGGED_IN),
    Entry("rounds:history", _round, (GET,), LOGGED_IN),
    # reports: a round's report goes with its round; every fund at once is for CGD, the committee, admins
    Entry("reports:round_report", _round_report, (GET,), LOGGED_IN),
    Entry("reports:portfolio", lambda w, t: {}, (GET,), SEES_EVERY_FUND, PUBLIC),
    Entry("reports:portfolio_report", lambda w, t: {"year": 2568, "number": 1, "fmt": "xlsx"}, (GET,),
          SEES_EVERY_FUND, PUBLIC),
    Entry("reports:cabinet_report", lambda w, t: {"year": 2568, "fmt": "xlsx"}, (GET,), SEES_EVERY_FUND, PUBLIC),
    Entry("reports:job_create", lambda w, t: {}, (POST,), JOB_STARTERS, PUBLIC,
          data=lambda w, t: {"fiscal_year": "2568", "round_number": "1", "format": "xlsx"}),
    Entry("reports:job_detail", _job, (GET,), SEES_EVERY_FUND, PUBLIC),
    Entry("reports:job_download", _job, (GET,), SEES_EVERY_FUND, PUBLIC),
]


def expected(entry: Entry, subject: str, target: str, method: str) -> str:
    if subject == ANON:
        return LOGIN
    if method not in entry.methods:
        return NOT_ALLOWED
    if entry.scope == FUND:
        sees = subject in SEES_EVERY_FUND or (subject in SEES_OWN_FUND and target == OWN)
        if not sees:
            return HIDDEN
    return OK if subject in entry.allowed else FORBIDDEN


def outcome(response: HttpResponse) -> str:
    status = response.status_code
    if status == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL)):
        return LOGIN
    if status in (200, 302, 400):
        return OK
    return {403: FORBIDDEN, 404: HIDDEN, 405: NOT_ALLOWED}.get(status, str(status))


def named_urls() -> set[tuple[str, frozenset[str]]]:
    """(namespace:name, its keyword arguments) of every URL in ``NAMESPACES``."""
    found: set[tuple[str, frozenset[str]]] = set()
    for resolver in get_resolver().url_patterns:
        if isinstance(resolver, URLResolver) and resolver.namespace in NAMESPACES:
            for pattern in resolver.url_patterns:
                assert isinstance(pattern, URLPattern), "nested includes are not expected here"
                if pattern.name:
                    found.add((f"{resolver.namespace}:{pattern.name}", frozenset(pattern.pattern.regex.groupindex)))
    return found


@override_settings(MEDIA_ROOT=tempfile.mkdtemp(prefix="pramoen-matrix-"))
class PermissionMatrixTestCase(TestCase):
    world: World
    users: dict[str, Any]

    @classmethod
    def tearDownClass(cls) -> None:
        super().tearDownClass()
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)

    @classmethod
    def setUpTestData(cls) -> None:
        w = World()
        framework_2568 = factories.make_framework(2568)
        factories.make_framework(2569)
        w.framework = framework_2568
        w.standard_kpi = StandardKpi.objects.create(
            framework=framework_2568, area=framework_2568.areas.get(code="4"), code="4.9", name_th="ตัวชี้วัดมาตรฐาน",
            required=False,
        )
        StandardCriterion.objects.create(standard_kpi=w.standard_kpi, name_th="ประเด็น", weight=Decimal(100))
        agencies = {OWN: factories.make_agency(), OTHER: factories.make_agency()}
        for target in (OWN, OTHER):
            fund = factories.make_fund(owner_agency=agencies[target])
            w.fund[target] = fund
            w.in_force[target] = factories.agreement_in_force(fund, 2568)
            w.drafting[target] = factories.make_agreement(fund, 2569)
            w.round[target] = Round.objects.get(agreement=w.in_force[target], number=1)
            w.kpi[target] = Kpi.objects.get(agreement=w.drafting[target], code="1.1")
            w.leaf[target] = Kpi.objects.get(agreement=w.in_force[target], code="1.1", kind=KpiKind.LEVELLED)
            result = Result.objects.create(round=w.round[target], kpi=w.leaf[target], value=Decimal(80))
            evidence = Evidence(result=result, name="หลักฐาน.pdf", content_type="application/pdf", size=16,
                                sha256="0" * 64, uploaded_by=factories.make_user(superuser=True))
            evidence.file.save("x", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
            evidence.save()
            w.evidence[target] = evidence
        w.job = ReportJob(fiscal_year=2568, round_number=1, format="xlsx", status=JobStatus.DONE,
                          created_by=factories.make_user(superuser=True))
        w.job.save()
        w.job.file.save("rfes-2568-r1-xlsx.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18))
        own = w.fund[OWN]
        cls.world = w
        cls.users = {
            NOBODY: factories.make_user(),
            STAFF: factories.make_user(Role.FUND_STAFF, fund=own),
            APPROVER: factories.make_user(Role.FUND_APPROVER, fund=own),
            AGENCY: factories.make_user(Role.OWNER_AGENCY, owner_agency=agencies[OWN]),
            CONSULTANT: factories.make_user(Role.CONSULTANT, fund=own),
            CGD: factories.make_user(Role.CGD_OFFICER),
            COMMITTEE: factories.make_user(Role.COMMITTEE),
            ADMIN: factories.make_user(superuser=True),
        }
        assert w.drafting[OWN].status == Status.PPP_DRAFTING and w.round[OWN].fund_may_edit

    def setUp(self) -> None:
        # One logged-in client per subject, made once per test.
        self.clients: dict[str, Client] = {ANON: Client()}
        for subject, user in self.users.items():
            self.clients[subject] = Client()
            self.clients[subject].force_login(user)

    def request(self, entry: Entry, subject: str, target: str, method: str) -> HttpResponse:
        url = reverse(entry.name, kwargs=entry.kwargs(self.world, target))
        client = self.clients[subject]
        # Roll back whatever the request changes, so every subject meets the same objects.
        with transaction.atomic():
            if method == GET:
                response = client.get(url)
            else:
                response = client.post(url, entry.data(self.world, target))
            transaction.set_rollback(True)
        return response

    def check_namespace(self, namespace: str) -> None:
        entries = [e for e in ENTRIES if e.name.split(":")[0] == namespace]
        self.assertTrue(entries)
        for entry in entries:
            # Objects without a fund look the same from every fund: one target is enough.
            targets = (OWN, OTHER) if entry.scope == FUND or entry.name in ("funds:detail", "agreements:create") else (OWN,)
            methods = entry.methods if entry.methods != (POST,) else (GET, POST)  # GET on POST-only: 405
            for subject in SUBJECTS:
                for target in targets:
                    for method in methods:
                        with self.subTest(url=entry.name, kwargs=sorted(entry.kwargs(self.world, OWN)), subject=subject,
                                          target=target, method=method):
                            response = self.request(entry, subject, target, method)
                            self.assertEqual(outcome(response), expected(entry, subject, target, method),
                                             f"status {response.status_code}")

    def test_every_named_url_has_an_entry(self) -> None:
        in_table = {(e.name, frozenset(e.kwargs(self.world, OWN))) for e in ENTRIES}
        in_resolver = named_urls()
        self.assertEqual(in_resolver - in_table, set(), "URLs without a row in ENTRIES: add one")
        self.assertEqual(in_table - in_resolver, set(), "rows for URLs that no longer exist")

    def test_funds(self) -> None:
        self.check_namespace("funds")

    def test_frameworks(self) -> None:
        self.check_namespace("frameworks")

    def test_agreements(self) -> None:
        self.check_namespace("agreements")

    def test_rounds(self) -> None:
        self.check_namespace("rounds")

    def test_reports(self) -> None:
        self.check_namespace("reports")

    def test_it_really_reaches_the_views(self) -> None:
        # The matrix says "allowed" for 200/302/400; make sure allowed requests do real work.
        response = self.request(ENTRIES[[e.name for e in ENTRIES].index("rounds:evidence_download")], STAFF, OWN, GET)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), b"%PDF-1.4\n%%EOF\n")
        response = self.request(ENTRIES[[e.name for e in ENTRIES].index("agreements:edit")], STAFF, OWN, GET)
        self.assertContains(response, self.world.drafting[OWN].fund.code)
        response = self.request(ENTRIES[[e.name for e in ENTRIES].index("reports:round_report")], STAFF, OWN, GET)
        self.assertEqual((response.status_code, response.content[:2]), (200, b"PK"))
        response = self.request(ENTRIES[[e.name for e in ENTRIES].index("reports:job_download")], COMMITTEE, OWN, GET)
        self.assertEqual(b"".join(response.streaming_content)[:4], b"PK\x05\x06")
        response = self.request(ENTRIES[[e.name for e in ENTRIES].index("reports:job_create")], CGD, OWN, POST)
        self.assertEqual(response.status_code, 302)
        self.assertRegex(response["Location"], r"^/reports/jobs/\d+/$")
