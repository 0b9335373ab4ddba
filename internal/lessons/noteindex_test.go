package lessons

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"io/fs"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
	"unsafe"

	"tutor/internal/lessons/notesgen"
)

// countingFS counts the files opened in it, folders left out.
type countingFS struct {
	fsys   fs.FS
	mu     sync.Mutex
	opened []string
}

func (c *countingFS) Open(name string) (fs.File, error) {
	f, err := c.fsys.Open(name)
	if err == nil {
		if fi, err := f.Stat(); err == nil && !fi.IsDir() {
			c.mu.Lock()
			c.opened = append(c.opened, name)
			c.mu.Unlock()
		}
	}
	return f, err
}

// scanText is all a scan found, as the corpus golden shows it, every line
// of every card.
func scanText(scan *NoteScan) string {
	var w []string
	for _, e := range scan.Warnings {
		w = append(w, e.Error())
	}
	orders := ""
	for _, l := range scan.Notes {
		orders += " " + strconv.Itoa(l.Order)
	}
	return cardList(scan.Notes, 1<<30) + "\nwarnings:\n" + strings.Join(w, "\n") + "\norders:" + orders
}

// roundTrip encodes idx and decodes it, as a second launch does.
func roundTrip(t *testing.T, idx *NoteIndex) *NoteIndex {
	t.Helper()
	x, err := ReadNoteIndex(AppendNoteIndex(nil, idx, "test"), "test")
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// TestNoteIndexSecondScan: a scan with the index of the last one opens no
// note file, and finds what a scan without it finds: the corpus (front
// matter that cannot be read, files with no text, Chinese names) and 300
// generated notes.
func TestNoteIndexSecondScan(t *testing.T) {
	for name, fsys := range map[string]fs.FS{"corpus": os.DirFS("testdata/notes"), "generated": notesgen.Files(300)} {
		t.Run(name, func(t *testing.T) {
			first, idx, changed, err := ScanNotesIndexed(fsys, ".", DefaultNoteExts, nil)
			if err != nil || !changed {
				t.Fatalf("first scan: changed %v, %v", changed, err)
			}
			plain, err := ScanNotes(fsys, ".", DefaultNoteExts)
			if err != nil {
				t.Fatal(err)
			}
			want := scanText(plain)
			if got := scanText(first); got != want {
				t.Fatalf("the scan that makes the index differs from ScanNotes")
			}
			c := &countingFS{fsys: fsys}
			second, idx2, changed, err := ScanNotesIndexed(c, ".", DefaultNoteExts, roundTrip(t, idx))
			if err != nil {
				t.Fatal(err)
			}
			if len(c.opened) != 0 {
				t.Errorf("the second scan opened %d files: %q", len(c.opened), c.opened[:min(5, len(c.opened))])
			}
			if changed {
				t.Error("the second scan says the index changed")
			}
			if got := scanText(second); got != want {
				t.Errorf("the second scan finds other notes or cards:\n%s", firstDiff(got, want))
			}
			if !reflect.DeepEqual(second.Other, plain.Other) {
				t.Errorf("other files %v, want %v", second.Other, plain.Other)
			}
			if idx2.Len() != idx.Len() || idx.Len() == 0 {
				t.Errorf("the index holds %d files, then %d", idx.Len(), idx2.Len())
			}
		})
	}
}

// firstDiff is the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return "got:  " + g[i] + "\nwant: " + w[i]
		}
	}
	return "one is longer"
}

// TestNoteIndexChangedFile: a file whose size or modification time changed
// is read again, and only it; a file gone is gone from the index too.
func TestNoteIndexChangedFile(t *testing.T) {
	fsys := notesgen.Files(20)
	_, idx, _, err := ScanNotesIndexed(fsys, ".", DefaultNoteExts, nil)
	if err != nil {
		t.Fatal(err)
	}
	paths := slices.Sorted(func(yield func(string) bool) {
		for p := range fsys {
			if !yield(p) {
				return
			}
		}
	})
	grown, touched, gone := paths[3], paths[7], paths[11]
	fsys[grown] = &fstest.MapFile{Data: []byte("# Grown\n\nA new paragraph that the index has never seen.\n"), ModTime: fsys[grown].ModTime}
	same := bytes.Replace(fsys[touched].Data, []byte("the"), []byte("THE"), 1)
	fsys[touched] = &fstest.MapFile{Data: same, ModTime: fsys[touched].ModTime.Add(time.Second)}
	delete(fsys, gone)

	c := &countingFS{fsys: fsys}
	scan, idx2, changed, err := ScanNotesIndexed(c, ".", DefaultNoteExts, roundTrip(t, idx))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(c.opened)
	if want := []string{grown, touched}; !slices.Equal(c.opened, slices.Sorted(slices.Values(want))) {
		t.Errorf("opened %q, want %q", c.opened, want)
	}
	if !changed || idx2.Len() != 19 {
		t.Errorf("changed %v, %d files in the index; want true, 19", changed, idx2.Len())
	}
	plain, err := ScanNotes(fsys, ".", DefaultNoteExts)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := scanText(scan), scanText(plain); got != want {
		t.Errorf("the scan with the index differs from ScanNotes:\n%s", firstDiff(got, want))
	}
	if !strings.Contains(scanText(scan), "A new paragraph that the index has never seen.") {
		t.Error("the grown note's new text is not on its cards")
	}
}

// TestNoteIndexDamaged: an index cut short, with a byte changed, of
// another build or not an index at all is refused (the scan then reads
// every file), never half read.
func TestNoteIndexDamaged(t *testing.T) {
	_, idx, _, err := ScanNotesIndexed(os.DirFS("testdata/notes"), ".", DefaultNoteExts, nil)
	if err != nil {
		t.Fatal(err)
	}
	data := AppendNoteIndex(nil, idx, "v1")
	flipped := bytes.Clone(data)
	flipped[len(flipped)/2] ^= 0x20
	for name, d := range map[string][]byte{
		"cut short":   data[:len(data)-9],
		"flipped":     flipped,
		"empty":       nil,
		"other text":  []byte("# a note\n"),
		"only header": []byte(noteIndexMagic),
	} {
		if x, err := ReadNoteIndex(d, "v1"); err == nil {
			t.Errorf("%s: read %d files, want an error", name, x.Len())
		}
	}
	if _, err := ReadNoteIndex(bytes.Clone(data), "v2"); err == nil {
		t.Error("an index of build v1 read by build v2")
	}
	if x, err := ReadNoteIndex(bytes.Clone(data), "v1"); err != nil || x.Len() != idx.Len() {
		t.Errorf("the index read back: %d files, %v; want %d", x.Len(), err, idx.Len())
	}
}

// FuzzReadNoteIndex: any data is an index or an error, never a panic; an
// index read is written back to the same bytes' meaning.
func FuzzReadNoteIndex(f *testing.F) {
	_, idx, _, err := ScanNotesIndexed(os.DirFS("testdata/notes"), ".", DefaultNoteExts, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(AppendNoteIndex(nil, idx, "b"))
	f.Add(AppendNoteIndex(nil, &NoteIndex{}, "b"))
	f.Add([]byte(noteIndexMagic + "\x01\x01b\x00\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// The checksum keeps the fuzzer out; put a right one on.
		if len(data) > len(noteIndexMagic)+4 && string(data[:len(noteIndexMagic)]) == noteIndexMagic {
			body := data[len(noteIndexMagic) : len(data)-4]
			data = binary.LittleEndian.AppendUint32(bytes.Clone(data[:len(data)-4]), crc32.ChecksumIEEE(body))
		}
		x, err := ReadNoteIndex(bytes.Clone(data), "b")
		if err != nil {
			return
		}
		y, err := ReadNoteIndex(AppendNoteIndex(nil, x, "b"), "b")
		if err != nil {
			t.Fatalf("an index read back fails: %v", err)
		}
		if !reflect.DeepEqual(x.entries, y.entries) {
			t.Fatal("an index read back differs")
		}
	})
}

// TestBacksShareTheBody: a card's back that is a piece of its note's body
// is held once, in the body: of the Q&A note's 331 cards, every one whose
// back is a piece of the body points into it.
func TestBacksShareTheBody(t *testing.T) {
	l, _, err := parseNote("qa.md", []byte(qaNote()))
	if err != nil {
		t.Fatal(err)
	}
	start := uintptr(unsafe.Pointer(unsafe.StringData(l.Body)))
	end := start + uintptr(len(l.Body))
	pieces, shared := 0, 0
	for _, it := range l.Items {
		if it.Back == "" || !strings.Contains(l.Body, it.Back) {
			continue
		}
		pieces++
		if p := uintptr(unsafe.Pointer(unsafe.StringData(it.Back))); p >= start && p < end {
			shared++
		}
	}
	if pieces < 300 || shared != pieces {
		t.Errorf("%d of %d backs that are pieces of the body share it; want all, and at least 300", shared, pieces)
	}
}
