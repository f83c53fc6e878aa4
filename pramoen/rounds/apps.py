from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoundsConfig(AppConfig):
    name = "pramoen.rounds"
    verbose_name = _("Reporting rounds")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the agreement_in_force receiver)
