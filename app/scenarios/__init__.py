"""Scenario exercises (branching decisions and planning stages). So far: the
schedule engine that planning stages are graded with."""
