package clean

import "github.com/dossier-news/dossier/internal/news"

// HTML extracts the main content and metadata of an HTML page.
// STUB: replaced by the HTML cleaner.
func HTML(raw news.RawArticle, opts Options) (news.Cleaned, error) {
	return news.Cleaned{Text: string(raw.Raw)}, nil
}
