-- The distinct written forms of entity mentions, indexed by word, so that a
-- search for part of a name ("Zawahiri") finds the entity's forms
-- ("al-Zawahiri", "Ayman al-Zawahiri") and through them its other spellings
-- ("Zawahri"). Rows are only added (by Put); which entity a form belongs to
-- is read from mentions, so entity edits need no change here.

CREATE TABLE entity_forms (
	id         INTEGER PRIMARY KEY,
	form_lower TEXT NOT NULL UNIQUE
);

CREATE VIRTUAL TABLE entity_forms_fts USING fts5 (
	form_lower,
	content = 'entity_forms',
	content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER entity_forms_added AFTER INSERT ON entity_forms BEGIN
	INSERT INTO entity_forms_fts (rowid, form_lower) VALUES (new.id, new.form_lower);
END;

INSERT INTO entity_forms (form_lower) SELECT DISTINCT text_lower FROM mentions ORDER BY 1;
