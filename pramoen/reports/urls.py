from django.urls import path

from . import portfolio_views, views

app_name = "reports"

urlpatterns = [
    path("rounds/<int:pk>/report.<str:fmt>", views.round_report, name="round_report"),
    path("portfolio/", portfolio_views.portfolio, name="portfolio"),
    path("portfolio/<int:year>/<int:number>/report.<str:fmt>", portfolio_views.portfolio_report,
         name="portfolio_report"),
    path("cabinet/<int:year>/report.<str:fmt>", portfolio_views.cabinet_report, name="cabinet_report"),
    path("jobs/", views.job_create, name="job_create"),
    path("jobs/<int:pk>/", views.job_detail, name="job_detail"),
    path("jobs/<int:pk>/download/", views.job_download, name="job_download"),
]
