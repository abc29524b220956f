// Package entity finds named-entity mentions (PERSON, ORG, LOC, MISC) in clean text and links the mentions that name one real-world thing to one canonical entity.
package entity
