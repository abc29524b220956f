package clean

import "github.com/dossier-news/dossier/internal/news"

// Plain labels every line of a plain-text page and returns the article it holds.
// STUB: replaced by the plain-text cleaner.
func Plain(raw news.RawArticle, opts Options) news.Cleaned {
	return news.Cleaned{Text: string(raw.Raw)}
}
