"""Lessons as content: lesson folders read, validated and frozen."""
