"""HTTP concerns shared by the site and every example: request guards, routes, gzip."""
