from django.urls import path

from . import views

app_name = "rounds"

urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/kpi/<int:kpi_pk>/edit/", views.result_edit, name="result_edit"),
    path("<int:pk>/kpi/<int:kpi_pk>/row/", views.result_row, name="result_row"),
    path("<int:pk>/kpi/<int:kpi_pk>/evidence/", views.evidence_add, name="evidence_add"),
    path("<int:pk>/evidence/<int:evidence_pk>/", views.evidence_download, name="evidence_download"),
    path("<int:pk>/evidence/<int:evidence_pk>/delete/", views.evidence_delete, name="evidence_delete"),
    path("<int:pk>/steps/<slug:name>/", views.step, name="step"),
    path("<int:pk>/scorecard/", views.scorecard, name="scorecard"),
    path("<int:pk>/scorecard.json", views.scorecard_download, name="scorecard_download"),
    path("<int:pk>/history/", views.history, name="history"),
]
