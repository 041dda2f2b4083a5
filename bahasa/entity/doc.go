// Package entity groups Sinergi's recognisers of named things in
// Indonesian text. It holds no code of its own: package place finds
// mentions of administrative regions and resolves them to a kode wilayah
// from the region gazetteer; package ner finds persons, organisations,
// places and the other entity types of the IndoNLU NER data with a model
// trained in Go. RESULTS.md beside this file reports how well both do.
package entity
