"""URL root of the site."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="funds:list", permanent=False), name="home"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("funds/", include("pramoen.funds.urls", namespace="funds")),
    path("frameworks/", include("pramoen.frameworks.urls", namespace="frameworks")),
    path("agreements/", include("pramoen.agreements.urls", namespace="agreements")),
    path("rounds/", include("pramoen.rounds.urls", namespace="rounds")),
    path("reports/", include("pramoen.reports.urls", namespace="reports")),
]
