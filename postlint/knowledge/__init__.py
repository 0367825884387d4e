"""What the rules share: ad and boilerplate packs, attribution links, the front-matter schema, URL and element
helpers, fix building blocks. Rules reach it through :mod:`postlint.helpers`."""
