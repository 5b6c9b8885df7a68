"""PartnerDesk: a desktop partnership manager for e-commerce account managers."""

__version__ = "0.1.0"
APP_NAME = "PartnerDesk"
ORG_NAME = "PartnerDesk"
