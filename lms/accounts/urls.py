from django.contrib.auth import views as auth_views
from django.urls import path

from lms.accounts.forms import SignInForm
from lms.accounts.views import login_by_code, password_reset_view, register

app_name = "accounts"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=SignInForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("login/code/", login_by_code, name="login_code"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("register/", register, name="register"),
    path("password/reset/", password_reset_view, name="password_reset"),
]
