// Package cli implements the dossier command: its subcommands, flags and the
// wiring of readers, stages and stores. It is the only package that opens a
// concrete store backend.
package cli
