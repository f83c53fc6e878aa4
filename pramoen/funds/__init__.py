"""Revolving funds (ทุนหมุนเวียน), their fund types and owner agencies."""
