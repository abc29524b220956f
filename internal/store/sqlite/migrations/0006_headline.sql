-- The headline check of each document (news.Headline as JSON: stance,
-- verdict, evidence spans); NULL when the document has no title or was
-- stored before the headline stage existed.

ALTER TABLE documents ADD COLUMN headline TEXT;
