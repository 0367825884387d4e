"""The post reader: one file's bytes into a :class:`~postlint.reading.post.Post` (decoded text, front matter
with positions, the body's HTML tree and Markdown), read the way the site's generator reads it."""
