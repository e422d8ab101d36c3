from django.contrib import admin

from minhbach.cases.models import Category, LetterTemplate


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "name_en", "code", "active")
    search_fields = ("name", "name_en", "code")


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ("kind", "title", "subject", "symbol_suffix", "updated_at")
