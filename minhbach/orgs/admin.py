from django.contrib import admin

from minhbach.orgs.models import Membership, OrgUnit


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("indented_name", "kind", "code", "remote_area", "active_to")
    list_filter = ("kind", "remote_area")
    search_fields = ("name", "code", "short_name")
    readonly_fields = ("path", "depth")
    autocomplete_fields = ["parent"]

    @admin.display(description="name")
    def indented_name(self, obj):
        return "— " * obj.depth + obj.name

    def get_readonly_fields(self, request, obj=None):
        # Moving a unit would rewrite its subtree's paths and history; create a new unit instead.
        return (*self.readonly_fields, "parent") if obj else self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        # Units keep their history; close them with "active until" instead.
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "unit", "is_head")
    list_filter = ("role", "is_head")
    search_fields = ("user__username", "user__full_name", "unit__name")
    autocomplete_fields = ["user", "unit"]
