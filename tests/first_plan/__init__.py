"""A held-out first plan filled from the template (issue 17); see README.md."""
