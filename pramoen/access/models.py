"""Who may do what: a user's roles, each tied to a fund or an owner agency where it applies."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    FUND_STAFF = "fund_staff", _("Fund staff")
    FUND_APPROVER = "fund_approver", _("Fund approver (board chair or secretary)")
    OWNER_AGENCY = "owner_agency", _("Owner agency")
    CGD_OFFICER = "cgd_officer", _("CGD officer")
    CONSULTANT = "consultant", _("Consultant")
    COMMITTEE = "committee", _("Committee member")


# Roles held for one fund, for one owner agency, or for every fund.
FUND_ROLES = frozenset({Role.FUND_STAFF, Role.FUND_APPROVER, Role.CONSULTANT})
AGENCY_ROLES = frozenset({Role.OWNER_AGENCY})
GLOBAL_ROLES = frozenset({Role.CGD_OFFICER, Role.COMMITTEE})


class Membership(models.Model):
    """One role of one user. Fund staff, fund approvers and consultants hold it for
    a fund (a consultant is assigned fund by fund); an owner-agency user for an
    agency (and so all its funds); CGD officers and committee members for all funds.
    System administrators are Django superusers."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    fund = models.ForeignKey(
        "funds.Fund", on_delete=models.CASCADE, null=True, blank=True, related_name="memberships", verbose_name=_("fund")
    )
    owner_agency = models.ForeignKey(
        "funds.OwnerAgency",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("owner agency"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_valid"),
            models.CheckConstraint(
                condition=(
                    Q(role__in=sorted(FUND_ROLES), fund__isnull=False, owner_agency__isnull=True)
                    | Q(role__in=sorted(AGENCY_ROLES), fund__isnull=True, owner_agency__isnull=False)
                    | Q(role__in=sorted(GLOBAL_ROLES), fund__isnull=True, owner_agency__isnull=True)
                ),
                name="membership_scope_matches_role",
            ),
            # One row per user, role and scope (three constraints: SQLite has no NULLS NOT DISTINCT).
            models.UniqueConstraint(
                fields=["user", "role", "fund"], condition=Q(fund__isnull=False), name="membership_unique_fund"
            ),
            models.UniqueConstraint(
                fields=["user", "role", "owner_agency"],
                condition=Q(owner_agency__isnull=False),
                name="membership_unique_agency",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(fund__isnull=True, owner_agency__isnull=True),
                name="membership_unique_global",
            ),
        ]

    def __str__(self) -> str:
        scope = self.fund or self.owner_agency or _("all funds")
        return f"{self.user} · {self.get_role_display()} · {scope}"

    def clean(self) -> None:
        if self.role in FUND_ROLES and (not self.fund_id or self.owner_agency_id):
            raise ValidationError({"fund": _("This role is held for one fund: choose the fund (and no agency).")})
        if self.role in AGENCY_ROLES and (not self.owner_agency_id or self.fund_id):
            raise ValidationError({"owner_agency": _("This role is held for an owner agency: choose the agency (and no fund).")})
        if self.role in GLOBAL_ROLES and (self.fund_id or self.owner_agency_id):
            raise ValidationError(_("This role covers every fund: leave fund and agency empty."))
