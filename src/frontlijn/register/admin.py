from django.contrib import admin

from frontlijn.register.models import Buurt, Complex, HomeSeeker, Household, Resident, Tenancy, Unit, Wijk


@admin.register(Wijk)
class WijkAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "place"]
    search_fields = ["name", "code"]


@admin.register(Buurt)
class BuurtAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "wijk"]
    list_filter = ["wijk"]
    search_fields = ["name", "code"]


@admin.register(Complex)
class ComplexAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "buurt"]
    search_fields = ["code", "name"]
    list_select_related = ["buurt"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["street", "house_number", "house_letter", "house_number_addition", "postcode", "place", "status"]
    search_fields = ["postcode", "street"]
    list_filter = ["status", "kind"]
    raw_id_fields = ["complex", "buurt"]


class ResidentInline(admin.TabularInline):
    model = Resident
    extra = 0


@admin.register(Household)
class HouseholdAdmin(admin.ModelAdmin):
    list_display = ["name", "unit"]
    search_fields = ["name", "unit__postcode"]
    raw_id_fields = ["unit"]
    inlines = [ResidentInline]
    list_select_related = ["unit"]


@admin.register(Tenancy)
class TenancyAdmin(admin.ModelAdmin):
    list_display = ["household", "unit", "start_date", "end_date"]
    raw_id_fields = ["household", "unit"]
    list_select_related = ["household", "unit"]


@admin.register(HomeSeeker)
class HomeSeekerAdmin(admin.ModelAdmin):
    list_display = ["registration_number", "last_name", "first_name", "registered_on"]
    search_fields = ["registration_number", "last_name"]
    raw_id_fields = ["household"]
