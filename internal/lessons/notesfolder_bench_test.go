package lessons

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"tutor/internal/lessons/notesgen"
)

// noteSizes are the folder sizes of the notes benchmarks: one note, a
// hundred, the 2,000 of issue 22's budget (about 10 MB), and ten times it.
var noteSizes = []int{1, 100, 2000, 20000}

// notesDir writes a folder of n generated notes once per run and returns it.
func notesDir(b *testing.B, n int) string {
	b.Helper()
	if dir, ok := benchDirs[n]; ok {
		return dir
	}
	if benchRoot == "" {
		root, err := os.MkdirTemp("", "notes-bench")
		if err != nil {
			b.Fatal(err)
		}
		benchRoot = root
	}
	dir := filepath.Join(benchRoot, strconv.Itoa(n))
	if _, err := notesgen.Write(dir, n); err != nil {
		b.Fatal(err)
	}
	benchDirs[n] = dir
	return dir
}

var (
	benchDirs = map[int]string{}
	benchRoot string // removed by TestMain
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchRoot != "" {
		os.RemoveAll(benchRoot)
	}
	os.Exit(code)
}

// BenchmarkLoadNotes reads a folder of generated notes from disk into
// lessons with their cards, beside its floor, BenchmarkReadNotes.
func BenchmarkLoadNotes(b *testing.B) {
	for _, n := range noteSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			fsys := DirFS(notesDir(b, n))
			for b.Loop() {
				notes, _, err := LoadNotes(fsys, ".")
				if err != nil || len(notes) != n {
					b.Fatalf("%d notes, %v", len(notes), err)
				}
			}
		})
	}
}

// BenchmarkReadNotes is the floor of BenchmarkLoadNotes: walking the
// folder and reading every file, nothing more.
func BenchmarkReadNotes(b *testing.B) {
	for _, n := range noteSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			fsys := DirFS(notesDir(b, n))
			for b.Loop() {
				files := 0
				err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
					if err != nil || d.IsDir() {
						return err
					}
					if _, err := fs.ReadFile(fsys, p); err != nil {
						return err
					}
					files++
					return nil
				})
				if err != nil || files != n {
					b.Fatalf("%d files, %v", files, err)
				}
			}
		})
	}
}

// BenchmarkLoadNotesIndexed is BenchmarkLoadNotes on a second launch: the
// index of the last scan read from its file and decoded, and every note
// taken from it (none opened).
func BenchmarkLoadNotesIndexed(b *testing.B) {
	for _, n := range noteSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			dir := notesDir(b, n)
			fsys := DirFS(dir)
			_, idx, _, err := ScanNotesIndexed(fsys, ".", DefaultNoteExts, nil)
			if err != nil {
				b.Fatal(err)
			}
			file := filepath.Join(b.TempDir(), "index")
			if err := os.WriteFile(file, AppendNoteIndex(nil, idx, "bench"), 0o600); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				data, err := os.ReadFile(file)
				if err != nil {
					b.Fatal(err)
				}
				x, err := ReadNoteIndex(data, "bench")
				if err != nil {
					b.Fatal(err)
				}
				scan, _, changed, err := ScanNotesIndexed(fsys, ".", DefaultNoteExts, x)
				if err != nil || changed || len(scan.Notes) != n {
					b.Fatalf("%d notes, changed %v, %v", len(scan.Notes), changed, err)
				}
			}
		})
	}
}
