"""Maintainer and teacher tools that are not part of the course package (``nbs_utils``)."""
