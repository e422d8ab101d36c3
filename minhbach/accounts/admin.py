from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from minhbach.accounts.forms import AdminLoginForm
from minhbach.accounts.models import ApiToken, TotpDevice, User
from minhbach.orgs.models import Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["unit"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + ((_("Position"), {"fields": ("full_name", "position", "phone")}),)
    list_display = ("username", "full_name", "position", "email", "is_active")
    search_fields = ("username", "full_name", "email")
    inlines = [MembershipInline]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "prefix", "created_at", "second_factor_at", "last_used_at", "revoked_at")
    readonly_fields = ("digest", "prefix", "created_at", "second_factor_at", "last_used_at")
    search_fields = ("user__username", "name", "prefix")


@admin.register(TotpDevice)
class TotpDeviceAdmin(admin.ModelAdmin):
    """Removing a device (lost phone) makes its owner set up a new one at the next login."""

    list_display = ("user", "confirmed_at", "created_at")
    fields = ("user", "confirmed_at", "created_at")
    readonly_fields = ("user", "confirmed_at", "created_at")
    search_fields = ("user__username", "user__full_name")

    def has_add_permission(self, request):
        return False


# The admin site's own login form is throttled too, and refuses accounts that need the second step.
admin.site.login_form = AdminLoginForm
