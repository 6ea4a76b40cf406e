"""Sensors: runs launched by something arriving, not by the clock."""
