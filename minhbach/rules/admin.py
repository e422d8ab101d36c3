"""Admin for rules and calendar overrides; writes go through the services so they are audited."""
from __future__ import annotations

from django.contrib import admin

from minhbach.rules import services
from minhbach.rules.models import CalendarOverride, Rule


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    list_display = ("code", "title_en", "days", "day_type", "legal_basis", "effective_from", "effective_to")
    list_filter = ("stage", "day_type")
    search_fields = ("code", "title_vi", "title_en", "legal_basis", "note")
    ordering = ("code", "effective_from")

    def get_readonly_fields(self, request, obj=None):
        # A version's identity and legal basis are fixed; a change in the law is a new version.
        fixed = ("code", "applies_to", "stage", "legal_basis", "effective_from") if obj else ()
        return (*fixed, "updated_at")

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            return
        data = {field: form.cleaned_data[field] for field in form.changed_data
                if field in services.RULE_EDITABLE_FIELDS}
        services.rule_update(rule=obj, data=data, actor=request.user)


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ("date", "kind", "name", "created_by")
    list_filter = ("kind",)
    search_fields = ("name",)
    date_hierarchy = "date"
    fields = ("date", "kind", "name")

    def has_change_permission(self, request, obj=None):
        # To change an override, delete it and add a new one: both are audited.
        return False if obj else super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        created = services.calendar_override_create(
            date=obj.date, kind=obj.kind, name=obj.name, created_by=request.user
        )
        obj.pk = created.pk

    def delete_model(self, request, obj):
        services.calendar_override_delete(override=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for override in queryset:
            services.calendar_override_delete(override=override, actor=request.user)
