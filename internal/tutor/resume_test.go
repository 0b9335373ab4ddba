package tutor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tutor/internal/resume"
)

// TestLoadPlacesDamaged: a damaged resume file is one notice naming it.
func TestLoadPlacesDamaged(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, resume.Name), []byte("\x1b[31mnot json"), 0o600); err != nil {
		t.Fatal(err)
	}
	places, notices := loadPlaces(Options{State: dir})
	if len(places) != 0 || len(notices) != 1 || !strings.Contains(notices[0], "resume.json ignored") || strings.Contains(notices[0], "\x1b") {
		t.Errorf("places %v notices %q", places, notices)
	}
	at := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	if err := savePlaces(Options{State: dir})(map[string]resume.Place{"tcp": {Pane: resume.Note, At: at}}); err != nil {
		t.Fatal(err)
	}
	if places, notices := loadPlaces(Options{State: dir}); len(notices) != 0 || !places["tcp"].At.Equal(at) {
		t.Errorf("after a save: %v %q", places, notices)
	}
}
