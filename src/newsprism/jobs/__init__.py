"""Batch jobs that run newsprism's per-article code on a distributed engine."""
