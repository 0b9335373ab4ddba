package visuals

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
)

func TestNamesAreUniqueAndLookupFindsThem(t *testing.T) {
	seen := map[string]bool{}
	for _, v := range All() {
		if seen[v.Name()] {
			t.Errorf("two visuals are named %q", v.Name())
		}
		seen[v.Name()] = true
		if got, ok := Lookup(v.Name()); !ok || got.Name() != v.Name() {
			t.Errorf("Lookup(%q) = %v, %v", v.Name(), got, ok)
		}
	}
	if len(seen) < 4 {
		t.Errorf("%d visuals, want kvstore, credits, tree and ipv4", len(seen))
	}
	if _, ok := Lookup("nope"); ok {
		t.Error("Lookup found a visual that does not exist")
	}
}

// FuzzInput types an arbitrary line into every visual's input box: it must
// give a run whose frames render inside their box, or a one-line error;
// never a panic.
func FuzzInput(f *testing.F) {
	for _, v := range All() {
		f.Add(v.Name() + " " + visual.JoinArgs(v.DefaultArgs()))
	}
	for _, s := range []string{
		"kvstore --put = --put =x --chunk 1",
		"kvstore --put '名字=值' --chunk 99999999999",
		"credits --add a:1@9223372036854775807+1 --charge 1@-9223372036854775808",
		"credits --add :5@0+0 --at x",
		"tree --tree '1(2(3(4(5))),6,7(8))' --op topology --order random --seed 3 --pick 9,9,9",
		"tree --tree '1(1)' --op count",
		"tree --random 200 --op topology --order lifo",
		"ipv4 --cidr 0.0.0.0/0 --count 3 --reverse",
		"ipv4 --from 255.255.255.255 --count 1024",
		"ipv4 --from 1.2.3.4 --cidr 1.2.3.0/24",
	} {
		f.Add(s)
	}
	vs := All()
	f.Fuzz(func(t *testing.T, line string) {
		name, rest, _ := strings.Cut(line, " ")
		v, ok := Lookup(name)
		if !ok {
			v = vs[len(line)%len(vs)]
		}
		args, err := visual.SplitArgs(rest)
		if err != nil {
			return
		}
		r, err := v.Run(args)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("%s %q: error of several lines: %q", v.Name(), args, err)
			}
			return
		}
		th := visual.NewTheme(true, false)
		for _, i := range []int{0, r.Len() / 2, r.Len() - 1} {
			for _, sz := range [][2]int{{7, 3}, {33, 9}, {80, 24}} {
				out := r.Render(i, sz[0], sz[1], th)
				for _, l := range strings.Split(out, "\n") {
					if ansi.StringWidth(l) > sz[0] {
						t.Fatalf("%s %q frame %d at %dx%d: a line of %d columns", v.Name(), args, i, sz[0], sz[1], ansi.StringWidth(l))
					}
				}
			}
			_ = r.Frame(i)
		}
		_ = r.Final()
	})
}
