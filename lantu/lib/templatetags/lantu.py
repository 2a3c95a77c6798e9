"""Template helpers shared by every page (loaded as a builtin)."""

from django import template

register = template.Library()
