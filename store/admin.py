from django.contrib import admin
from django.utils.html import format_html

from .models import Category, Product


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "name", "category", "price", "stock", "is_active", "updated_at"]
    list_display_links = ["thumbnail", "name"]
    list_editable = ["price", "stock", "is_active"]
    list_filter = ["is_active", "category", "created_at"]
    list_select_related = ["category"]
    search_fields = ["name", "description", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]
    list_per_page = 50

    @admin.display(description="Image")
    def thumbnail(self, product: Product) -> str:
        if not product.image:
            return "—"
        return format_html('<img src="{}" alt="" width="40" height="40">', product.image.url)
