"""Example apps: imported one at a time, isolated from each other, mounted under the site."""
