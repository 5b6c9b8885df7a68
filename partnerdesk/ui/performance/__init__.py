"""Partner performance: the matrix view (partners x KPIs), the profile's Performance tab, KPI import.

Rules live in ``domain.kpi`` / ``domain.our_side``; reads in ``services.kpis``; writes and import in
``services.kpi_values`` / ``services.kpi_import``; charts in ``ui.charts``.
"""
