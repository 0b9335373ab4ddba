// Package content holds the lessons and their quiz files, embedded in the
// binary. It imports nothing of the project; internal/lessons parses it.
package content

import "embed"

// Lessons holds lessons/<id>.md and lessons/<id>.quiz.yaml.
//
//go:embed lessons
var Lessons embed.FS
