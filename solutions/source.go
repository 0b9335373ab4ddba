// Package solutions holds the interview solutions as plain Go libraries, one
// package each, and offers their source text to the app's source pane.
//
// The packages below it import nothing of the project. This package only
// embeds their files.
package solutions

import (
	"embed"
	"io/fs"
)

//go:embed */*.go
var files embed.FS

// Source returns the text of one solution file, by its path below
// solutions/, e.g. "kvstore/kvstore.go".
func Source(path string) (string, error) {
	b, err := fs.ReadFile(files, path)
	return string(b), err
}
