"""Fixtures for the cohort tests: people of each role on browsers of their own, and a
cohort owned by an instructor, made through the services."""

from __future__ import annotations
