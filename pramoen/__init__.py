"""Pramoen (ประเมิน): the revolving-fund performance evaluation system."""

__version__ = "0.1.0"
