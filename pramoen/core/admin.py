"""Branding of the admin site; the models' admins live in their own apps."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = "ประเมิน · Pramoen"
admin.site.site_title = "Pramoen"
admin.site.index_title = _("Administration")
