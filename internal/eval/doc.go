// Package eval scores Dossier's stages on the externally annotated data sets
// in ../shared/data (read at run time, never copied into the repository).
// Each set is scored and reported on its own.
package eval
