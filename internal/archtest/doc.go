// Package archtest holds repository-wide tests: the import rules of
// STYLE.md between Dossier's packages, and one package comment per package.
package archtest
