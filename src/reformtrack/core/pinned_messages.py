"""Django's own form messages, named here so that ``make messages`` keeps them in the project's
catalogue (src/reformtrack/locale), which comes first: the REST framework's catalogue, an installed
app's, would otherwise take precedence over Django's wording on every form of the site. Nothing
imports this module; gettext_noop only marks the strings."""

from django.utils.translation import gettext_noop

PINNED = (
    gettext_noop("This field is required."),
    gettext_noop("Enter a valid URL."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("No file was submitted."),
    gettext_noop("The submitted file is empty."),
    gettext_noop("Upload a valid image. The file you uploaded was either not an image or a corrupted image."),
)
