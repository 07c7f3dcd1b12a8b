"""The course site: ``python -m book`` (``make site``) builds it into build/site/."""
