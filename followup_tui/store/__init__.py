"""The only package that speaks SQL. It hands out the records of domain.models."""
