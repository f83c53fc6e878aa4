from django.urls import path

from . import views

app_name = "agreements"

urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("new/<str:fund_code>/", views.agreement_create, name="create"),
    path("<int:pk>/", views.agreement_detail, name="detail"),
    path("<int:pk>/edit/", views.agreement_edit, name="edit"),
    path("<int:pk>/areas/", views.agreement_areas, name="areas"),
    path("<int:pk>/areas/check/", views.agreement_areas_check, name="areas_check"),
    path("<int:pk>/kpis/add/", views.kpi_add, name="kpi_add"),
    path("<int:pk>/kpis/check/", views.kpi_check, name="kpi_check"),
    path("<int:pk>/kpis/<int:kpi_pk>/", views.kpi_edit, name="kpi_edit"),
    path("<int:pk>/kpis/<int:kpi_pk>/check/", views.kpi_check, name="kpi_check"),
    path("<int:pk>/kpis/<int:kpi_pk>/delete/", views.kpi_delete, name="kpi_delete"),
    path("<int:pk>/steps/<str:name>/", views.agreement_step, name="step"),
    path("<int:pk>/diff/", views.agreement_diff, name="diff"),
    path("<int:pk>/history/", views.agreement_history, name="history"),
]
