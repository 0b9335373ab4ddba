package resume

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var t0 = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

func place(step int, at time.Time) Place {
	return Place{Note: 0.25, Args: []string{"--put", "名字=值", "--chunk", "8"}, Step: step, Steps: 29, Pane: Visual, Source: true, At: at}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	dir := t.TempDir()
	want := map[string]Place{"kvstore": place(6, t0), "redis": {Note: 0.5, Read: &[]int{64}[0], Pane: Note, At: t0}}
	if err := Save(dir, want); err != nil {
		t.Fatal(err)
	}
	got, warns := Load(dir)
	if len(warns) != 0 || len(got) != 2 {
		t.Fatalf("load: %v %v", got, warns)
	}
	for id, w := range want {
		g := got[id]
		if (g.Read == nil) != (w.Read == nil) || g.Read != nil && *g.Read != *w.Read {
			t.Errorf("%s: read %v, want %v", id, g.Read, w.Read)
		}
		if g.Note != w.Note || strings.Join(g.Args, "\x00") != strings.Join(w.Args, "\x00") || g.Step != w.Step || g.Steps != w.Steps || g.Pane != w.Pane || g.Source != w.Source || !g.At.Equal(w.At) {
			t.Errorf("%s: %+v, want %+v", id, g, w)
		}
	}
	// Nothing is left beside the file but its lock.
	ents, _ := os.ReadDir(dir)
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "resume.json resume.json.lock" {
		t.Errorf("the state directory holds %v", names)
	}
}

func TestLoadMissingIsEmpty(t *testing.T) {
	got, warns := Load(filepath.Join(t.TempDir(), "none"))
	if len(got) != 0 || len(warns) != 0 {
		t.Errorf("%v %v", got, warns)
	}
}

// TestDamagedFileIsIgnored: whatever is in the file's place, Load gives no
// places and one warning naming the file, and Save replaces it.
func TestDamagedFileIsIgnored(t *testing.T) {
	good, _ := json.Marshal(file{Version: 1, Lessons: map[string]Place{"tcp": place(1, t0)}})
	for name, data := range map[string][]byte{
		"garbage":   []byte("\x00\xffnot json"),
		"torn":      good[:len(good)/2],
		"empty":     {},
		"two":       append(append([]byte{}, good...), good...),
		"array":     []byte(`[1,2]`),
		"version 0": []byte(`{"lessons":{}}`),
		"too large": []byte(`{"version":1,"lessons":{},"pad":"` + strings.Repeat("x", MaxSize) + `"}`),
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, Name), data, 0o600); err != nil {
			t.Fatal(err)
		}
		got, warns := Load(dir)
		if len(got) != 0 || len(warns) != 1 || !strings.Contains(warns[0].Error(), filepath.Join(dir, Name)+" ignored") {
			t.Errorf("%s: %v %v", name, got, warns)
		}
		if err := Save(dir, map[string]Place{"tcp": place(2, t0)}); err != nil {
			t.Errorf("%s: save over it: %v", name, err)
		}
		if got, warns := Load(dir); len(warns) != 0 || got["tcp"].Step != 2 {
			t.Errorf("%s: after save: %v %v", name, got, warns)
		}
	}
	// A folder or a named pipe in the file's place: ignored, and no
	// hang.
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, Name), 0o700)
	if got, warns := Load(dir); len(got) != 0 || len(warns) != 1 {
		t.Errorf("folder: %v %v", got, warns)
	}
	dir = t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, Name), 0o600); err == nil {
		if got, warns := Load(dir); len(got) != 0 || len(warns) != 1 || !strings.Contains(warns[0].Error(), "not a regular file") {
			t.Errorf("fifo: %v %v", got, warns)
		}
	}
}

// TestBadPlacesAreDropped: a place unfit to restore is dropped with a
// warning that names it; the others are kept.
func TestBadPlacesAreDropped(t *testing.T) {
	ok := place(3, t0)
	bad := map[string]Place{
		"step past": {Step: 29, Steps: 29, Pane: Note, At: t0},
		"negative":  {Step: -1, Steps: 29, Pane: Note, At: t0},
		"note 2":    {Note: 2, Pane: Note, At: t0},
		"read 101":  {Read: &[]int{101}[0], Pane: Note, At: t0},
		"pane":      {Pane: "sideways", At: t0},
		"no time":   {Pane: Note},
		"too many":  {Args: make([]string, MaxArgs+1), Steps: 1, Pane: Note, At: t0},
		"escape":    {Args: []string{"--put", "\x1b]52;c;aGk=\x07=v"}, Steps: 1, Pane: Note, At: t0},
		"c1":        {Args: []string{"\u009b2J"}, Steps: 1, Pane: Note, At: t0},
	}
	lessons := map[string]Place{"good": ok}
	for k, v := range bad {
		lessons[k] = v
	}
	data, _ := json.Marshal(file{Version: 1, Lessons: lessons})
	got, warns, err := Parse(data)
	if err != nil || len(got) != 1 || got["good"].Step != 3 || len(warns) != len(bad) {
		t.Fatalf("parse: %v %v %v", got, warns, err)
	}
	for _, w := range warns {
		named := false
		for k := range bad {
			named = named || strings.Contains(w.Error(), strconv.Quote(k))
		}
		if !named {
			t.Errorf("warning %q names no lesson", w)
		}
	}
	// NaN and infinities are not JSON: the file is damaged.
	if _, _, err := Parse([]byte(`{"version":1,"lessons":{"a":{"note":NaN}}}`)); err == nil {
		t.Errorf("NaN parsed")
	}
}

// TestSaveMerges: a save keeps the places another copy saved, and for one
// lesson the place left last.
func TestSaveMerges(t *testing.T) {
	dir := t.TempDir()
	if err := Save(dir, map[string]Place{"a": place(1, t0), "b": place(1, t0.Add(time.Hour))}); err != nil {
		t.Fatal(err)
	}
	// The second copy read the file before b was saved: its older place
	// of b does not win, its newer one of a does, c is added.
	if err := Save(dir, map[string]Place{"a": place(5, t0.Add(time.Minute)), "b": place(9, t0), "c": place(2, t0)}); err != nil {
		t.Fatal(err)
	}
	got, _ := Load(dir)
	if got["a"].Step != 5 || got["b"].Step != 1 || got["c"].Step != 2 {
		t.Errorf("merged: a %d b %d c %d, want 5 1 2", got["a"].Step, got["b"].Step, got["c"].Step)
	}
}

// TestConcurrentSavesInOneProcess: goroutines saving at once, each its own
// lessons, lose none of them.
func TestConcurrentSavesInOneProcess(t *testing.T) {
	dir := t.TempDir()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 20 {
				id := fmt.Sprintf("g%d-%d", g, i)
				if err := Save(dir, map[string]Place{id: place(i, t0.Add(time.Duration(i)*time.Second))}); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	got, warns := Load(dir)
	if len(warns) != 0 || len(got) != 160 {
		t.Errorf("%d places, warnings %v", len(got), warns)
	}
}

// TestConcurrentSavesInTwoProcesses runs this test binary twice more at
// once, each saving its own lessons and, the two of them, the same one;
// the file stays whole, holds every lesson, and the shared one is one of
// the two copies' places.
func TestConcurrentSavesInTwoProcesses(t *testing.T) {
	if dir := os.Getenv("RESUME_HELPER_DIR"); dir != "" {
		who := os.Getenv("RESUME_HELPER_WHO")
		for i := range 100 {
			at := t0.Add(time.Duration(i) * time.Second)
			p := place(i%29, at)
			p.Args = []string{who}
			if err := Save(dir, map[string]Place{who + strconv.Itoa(i): p, "shared": p}); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
		return
	}
	dir := t.TempDir()
	var cmds []*exec.Cmd
	for _, who := range []string{"x", "y"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestConcurrentSavesInTwoProcesses$")
		cmd.Env = append(os.Environ(), "RESUME_HELPER_DIR="+dir, "RESUME_HELPER_WHO="+who)
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Fatalf("a copy failed: %v", err)
		}
	}
	got, warns := Load(dir)
	if len(warns) != 0 || len(got) != 201 {
		t.Fatalf("%d places (want 201), warnings %v", len(got), warns)
	}
	if s := got["shared"]; s.Step != 99%29 || (s.Args[0] != "x" && s.Args[0] != "y") {
		t.Errorf("shared: %+v", s)
	}
}

// FuzzParse: any bytes give places fit to restore or an error, never a
// panic, and what Parse keeps saves and reads back the same.
func FuzzParse(f *testing.F) {
	good, _ := json.Marshal(file{Version: 1, Lessons: map[string]Place{"kvstore": place(6, t0), "redis": {Pane: Note, At: t0}}})
	f.Add(good)
	f.Add([]byte(`{"version":1,"lessons":{"a":{"step":3,"steps":2,"pane":"note","at":"2026-01-01T00:00:00Z"}}}`))
	f.Add([]byte(`{"version":2,"lessons":null,"future":true}`))
	f.Add([]byte(`{"version":1e9}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		places, _, err := Parse(data)
		if err != nil {
			if places != nil {
				t.Fatalf("error %v with places", err)
			}
			return
		}
		for id, p := range places {
			if err := p.check(id); err != nil {
				t.Fatalf("kept a bad place: %v", err)
			}
		}
		again, _ := json.Marshal(file{Version: version, Lessons: places})
		back, warns, err := Parse(again)
		if err != nil || len(warns) != 0 || len(back) != len(places) {
			t.Fatalf("round trip: %v %v (%d of %d)", err, warns, len(back), len(places))
		}
	})
}
