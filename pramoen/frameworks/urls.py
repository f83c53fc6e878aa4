from django.urls import path

from . import views

app_name = "frameworks"

urlpatterns = [
    path("", views.framework_list, name="list"),
    path("<int:year>/", views.framework_detail, name="detail"),
    path("<int:year>/edit/", views.framework_edit, name="edit"),
    path("<int:year>/copy/", views.framework_copy, name="copy"),
    path("<int:year>/history/", views.framework_history, name="history"),
    path("<int:year>/areas/add/", views.area_add, name="area_add"),
    path("<int:year>/areas/<int:area_pk>/", views.area_edit, name="area_edit"),
    path("<int:year>/areas/<int:area_pk>/delete/", views.area_delete, name="area_delete"),
    path("<int:year>/kpis/add/", views.standard_kpi_add, name="standard_kpi_add"),
    path("<int:year>/kpis/<int:kpi_pk>/", views.standard_kpi_edit, name="standard_kpi_edit"),
    path("<int:year>/kpis/<int:kpi_pk>/delete/", views.standard_kpi_delete, name="standard_kpi_delete"),
]
