package wire

import (
	"bytes"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// gobCases are messages whose gob stream a fresh process writes for the
// test (TestGobFreshProcess). A fresh process numbers the types of a
// nested message depth first, a slice after its element, where freshGob
// numbers them as the stream names them: reordered marks the case whose
// ids differ but whose length is the same.
var gobCases = []struct {
	schema, msg string
	reordered   bool
}{
	{issueSchema, `a=150 b="hi" c=[-1,2]`, false},
	{"message N { bytes y = 1; }", "", false},
	{"message N { bytes y = 1; }", `y="ab"`, false},
	{"message N { string w = 1; int64 x = 2; }", `w="q" x=7`, false},
	{"message A { B b = 1; repeated B bs = 2; int32 n = 3; } message B { repeated string s = 1; C c = 2; } message C { double d = 1; bool ok = 2; }", `b={s=["x","y"] c={d=1.5 ok=true}} bs=[{s=["z"]},{c={d=2}}] n=3`, true},
}

// gobStream is the stream encoding/gob writes for gobCases[k], hex, with
// its type ids rewritten by freshGob when rewrite is set.
func gobStream(t testing.TB, k int, rewrite bool) string {
	c := gobCases[k]
	m := mustMessage(t, mustSchema(t, c.schema), c.msg)
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(goValue(m).Interface()); err != nil {
		t.Fatal(err)
	}
	out := b.Bytes()
	if rewrite {
		var err error
		if out, err = freshGob(out); err != nil {
			t.Fatalf("%s %s: %v", c.schema, c.msg, err)
		}
	}
	return hex.EncodeToString(out)
}

// TestGobFreshProcessHelper is the fresh process of TestGobFreshProcess:
// it prints gob's own stream for gobCases[WIRE_GOB_FRESH], and does
// nothing in a normal run.
func TestGobFreshProcessHelper(t *testing.T) {
	k, err := strconv.Atoi(os.Getenv("WIRE_GOB_FRESH"))
	if err != nil {
		return
	}
	fmt.Println("BEGIN " + gobStream(t, k, false) + " END")
}

// TestGobFreshProcess is the tester's finding: the gob size of one
// message grew through a session (15 B in the app, 14 B in tutor trace
// for "message N { bytes y = 1; }"), as encoding/gob numbers types
// process-wide. The oracle is a fresh process (this test binary, run
// again for each message): after this process has encoded hundreds of
// other types, the rewritten streams are byte for byte the fresh
// process's, and Sizes reports their lengths.
func TestGobFreshProcess(t *testing.T) {
	// Make this process old: three hundred types encoded first.
	for k := range 300 {
		ty := reflect.StructOf([]reflect.StructField{{Name: fmt.Sprintf("F%d", k), Type: reflect.TypeOf(0)}})
		if err := gob.NewEncoder(&bytes.Buffer{}).Encode(reflect.New(ty).Elem().Interface()); err != nil {
			t.Fatal(err)
		}
	}
	for k, c := range gobCases {
		cmd := exec.Command(os.Args[0], "-test.run=^TestGobFreshProcessHelper$", "-test.count=1")
		cmd.Env = append(os.Environ(), "WIRE_GOB_FRESH="+strconv.Itoa(k))
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("the fresh process: %v\n%s", err, out)
		}
		f := strings.Fields(string(out))
		i := slices.Index(f, "BEGIN")
		if i < 0 || i+2 >= len(f) || f[i+2] != "END" {
			t.Fatalf("the fresh process printed:\n%s", out)
		}
		fresh := f[i+1]
		if gobStream(t, k, false) == fresh {
			t.Errorf("%s: the old process wrote the fresh stream: the test proves nothing", c.schema)
		}
		if got := gobStream(t, k, true); got != fresh && !c.reordered || len(got) != len(fresh) {
			t.Errorf("%s %s:\nrewritten %s\nfresh     %s", c.schema, c.msg, got, fresh)
		}
		sizes, err := Sizes(mustMessage(t, mustSchema(t, c.schema), c.msg))
		if err != nil {
			t.Fatal(err)
		}
		if sizes[1].Format != "gob" || sizes[1].Bytes != len(fresh)/2 {
			t.Errorf("%s %s: Sizes says %+v, the fresh process wrote %d bytes", c.schema, c.msg, sizes[1], len(fresh)/2)
		}
	}
}

// FuzzFreshGob: any bytes are rewritten or refused, never a panic, and a
// stream rewritten is rewritten to itself again.
func FuzzFreshGob(f *testing.F) {
	for _, c := range gobCases {
		m := mustMessage(f, mustSchema(f, c.schema), c.msg)
		var b bytes.Buffer
		if err := gob.NewEncoder(&b).Encode(goValue(m).Interface()); err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes())
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		out, err := freshGob(b)
		if err != nil {
			return
		}
		again, err := freshGob(out)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("%x rewrote to %x, then to %x (%v)", b, out, again, err)
		}
	})
}
