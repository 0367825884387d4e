// the example post's own chart code (html-script/good.md loads it)
