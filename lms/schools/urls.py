from django.urls import path, re_path

from lms.schools.views import charts, families, reports, staff

app_name = "schools"

urlpatterns = [
    path("", staff.staff_home, name="home"),
    path("classes/new/", staff.class_new, name="class_new"),
    path("classes/<id:class_id>/", staff.class_detail, name="class"),
    re_path(
        r"^classes/(?P<class_id>[0-9]{1,18})/qr\.(?P<fmt>png|svg)$", staff.class_qr, name="class_qr"
    ),
    path("classes/<id:class_id>/rotate/", staff.class_rotate, name="class_rotate"),
    path("classes/<id:class_id>/settings/", staff.class_settings, name="class_settings"),
    re_path(
        r"^classes/(?P<class_id>[0-9]{1,18})/families/(?P<guardian_id>[0-9]{1,18})/(?P<decision>approve|remove)/$",
        staff.guardian_decide,
        name="guardian_decide",
    ),
    path(
        "classes/<id:class_id>/families/<id:guardian_id>/confirm/",
        families.guardian_confirm_view,
        name="guardian_confirm",
    ),
    path(
        "classes/<id:class_id>/families/<id:guardian_id>/reset-code/",
        families.guardian_reset_code,
        name="guardian_reset_code",
    ),
    path("lockouts/", families.lockouts, name="lockouts"),
    path("classes/<id:class_id>/assign/", staff.class_assign, name="class_assign"),
    path("classes/<id:class_id>/teachers/", staff.class_teachers, name="class_teachers"),
    path("classes/<id:class_id>/report/", reports.class_report_view, name="class_report"),
    re_path(
        r"^classes/(?P<class_id>[0-9]{1,18})/report\.(?P<fmt>csv|xlsx)$",
        reports.class_report_view,
        name="class_report_export",
    ),
    path(
        "assignments/<id:assignment_id>/families/<id:user_id>/",
        staff.assignment_family,
        name="assignment_family",
    ),
    path(
        "assignments/<id:assignment_id>/remove/",
        staff.assignment_remove,
        name="assignment_remove",
    ),
    path("s/<slug:code>/", reports.school_view, name="school"),
    re_path(
        r"^s/(?P<code>[-\w]+)/report\.(?P<fmt>csv|xlsx)$",
        reports.school_view,
        name="school_export",
    ),
    path("s/<slug:code>/assign/", staff.school_assign, name="school_assign"),
    path("s/<slug:code>/roster/", reports.roster_view, name="roster"),
    path("s/<slug:code>/staff/", staff.school_staff, name="staff"),
    path(
        "s/<slug:code>/staff/<id:post_id>/remove/",
        staff.school_staff_remove,
        name="staff_remove",
    ),
    path("s/<slug:code>/roster/template.csv", reports.roster_template, name="roster_template"),
    path("county/", reports.county_view, name="county"),
    re_path(r"^county/report\.(?P<fmt>csv|xlsx)$", reports.county_view, name="county_export"),
    re_path(
        r"^s/(?P<code>[-\w]+)/chart-(?P<part>weeks|stages)\.(?P<fmt>csv|xlsx)$",
        charts.school_chart_export,
        name="school_chart_export",
    ),
    re_path(
        r"^county/chart-(?P<part>weeks|stages)\.(?P<fmt>csv|xlsx)$",
        charts.county_chart_export,
        name="county_chart_export",
    ),
]
