"""PDF documents (brand guide, onboarding packet) with ReportLab: data and a locale in, PDF bytes out."""
