"""Scheduling: the planner writes reminder rows, delivery sends them, APScheduler only ticks."""
