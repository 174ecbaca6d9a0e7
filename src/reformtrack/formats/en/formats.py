"""English: Django's own formats (looked up after this module), with the date inputs of the Chinese
pages too, since the same people type them."""

from reformtrack.formats.zh_Hans.formats import DATE_INPUT_FORMATS as _CHINESE_DATES

DATE_INPUT_FORMATS = [*_CHINESE_DATES, "%m/%d/%Y", "%m/%d/%y"]
