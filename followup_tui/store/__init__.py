"""The only package that speaks SQL. It hands out the dataclasses of domain.models."""
