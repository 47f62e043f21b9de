"""The site's components: navbar and sidebar, the lesson page, the sandbox, code blocks."""
