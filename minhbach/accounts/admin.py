from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from minhbach.accounts.models import ApiToken, User
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
    list_display = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("digest", "prefix", "created_at", "last_used_at")
    search_fields = ("user__username", "name", "prefix")
