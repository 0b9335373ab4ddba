package typeinfer

import (
	"errors"
	"strings"
	"testing"
)

// TestParsePrint checks types written loosely print in the one canonical
// form, and that form parses back to the same tree.
func TestParsePrint(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"int", "int"},
		{"  T1 ", "T1"},
		{"[]", "[]"},
		{"[ ]", "[]"},
		{"[[]]", "[[]]"},
		{"[int,[T1,str]]", "[int, [T1, str]]"},
		{"[\tint ,\n[ T1 , str ] ]", "[int, [T1, str]]"},
		{"[Text, T, T1x, T01, _x9]", "[Text, T, T1x, T01, _x9]"},
		{"[[[[int]]]]", "[[[[int]]]]"},
	} {
		ty, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := ty.String(); got != tt.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
		back, err := Parse(ty.String())
		if err != nil || !Equal(back, ty) {
			t.Errorf("Parse(%q) = %v, %v; want the tree back", ty, back, err)
		}
	}
}

// TestGenericsByGrammar: a generic is T and digits, whatever the first
// letter suggests.
func TestGenericsByGrammar(t *testing.T) {
	for name, want := range map[string]Kind{
		"T1": Generic, "T10": Generic, "T007": Generic,
		"T": Primitive, "Text": Primitive, "Type": Primitive, "T1x": Primitive,
		"t1": Primitive, "TT1": Primitive, "int": Primitive, "T_1": Primitive,
	} {
		ty, err := Parse(name)
		if err != nil {
			t.Fatalf("Parse(%q): %v", name, err)
		}
		if ty.Kind() != want || ty.Name() != name {
			t.Errorf("Parse(%q) = %v %q, want a %v", name, ty.Kind(), ty.Name(), want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string
	}{
		{"", `offset 0: unexpected end of input (want a type)`},
		{"[int, }", `offset 6: unexpected "}" (want a type)`},
		{"[int,]", `offset 5: unexpected "]" (want a type)`},
		{"[int str]", `offset 5: unexpected "str" (want , or ])`},
		{"[int", `offset 4: unexpected end of input (want , or ])`},
		{"int]", `offset 3: unexpected "]" (want the end after the type)`},
		{"int str", `offset 4: unexpected "str" (want the end after the type)`},
		{"[1nt]", `offset 1: unexpected "1" (want a type)`},
		{"[名]", `offset 1: unexpected "名" (want a type)`},
		{"[a\xff]", `offset 2: unexpected "\xff" (want , or ])`},
		{",", `offset 0: unexpected "," (want a type)`},
	} {
		_, err := Parse(tt.in)
		var se *SyntaxError
		if !errors.As(err, &se) || err.Error() != tt.want {
			t.Errorf("Parse(%q) error = %v, want %s", tt.in, err, tt.want)
		}
	}
}

func TestParseFunc(t *testing.T) {
	f, err := ParseFunc("[T1,[T1,int]]->[T1,str]")
	if err != nil {
		t.Fatal(err)
	}
	if got := f.String(); got != "[T1, [T1, int]] -> [T1, str]" {
		t.Errorf("String() = %q", got)
	}
	if len(f.Params) != 2 || f.Params[1].Len() != 2 || f.Return.Elem(1).Name() != "str" {
		t.Errorf("ParseFunc gave %#v", f)
	}
	if f, err := ParseFunc("[] -> int"); err != nil || len(f.Params) != 0 || f.Return.Name() != "int" {
		t.Errorf(`ParseFunc("[] -> int") = %v, %v`, f, err)
	}
	for _, tt := range []struct{ in, want string }{
		{"T1 -> T1", `offset 0: unexpected "T1" (want [ to open the parameter list)`},
		{"[T1] T1", `offset 5: unexpected "T1" (want -> after the parameters)`},
		{"[T1] -", `offset 5: unexpected "-" (want -> after the parameters)`},
		{"[T1]", `offset 4: unexpected end of input (want -> after the parameters)`},
		{"[T1] -> ", `offset 8: unexpected end of input (want a type)`},
		{"[T1] -> [T1,", `offset 12: unexpected end of input (want a type)`},
		{"[T1] -> T1 T1", `offset 11: unexpected "T1" (want the end after the type)`},
		{"[T1, ] -> T1", `offset 5: unexpected "]" (want a type)`},
	} {
		if _, err := ParseFunc(tt.in); err == nil || err.Error() != tt.want {
			t.Errorf("ParseFunc(%q) error = %v, want %s", tt.in, err, tt.want)
		}
	}
}

func TestParseList(t *testing.T) {
	args, err := ParseList("[float, [float, int]]")
	if err != nil || len(args) != 2 || args[0].Name() != "float" || args[1].Len() != 2 {
		t.Fatalf("ParseList = %v, %v", args, err)
	}
	if args, err := ParseList("[]"); err != nil || len(args) != 0 {
		t.Errorf(`ParseList("[]") = %v, %v`, args, err)
	}
	if _, err := ParseList("int"); err == nil || err.Error() != `offset 0: unexpected "int" (want [ to open the list)` {
		t.Errorf(`ParseList("int") error = %v`, err)
	}
}

// TestDeepTypes parses, prints, compares and walks a type nested a
// million deep: every walk uses an explicit stack, so none overflows the
// goroutine stack (which would kill the process, not panic).
func TestDeepTypes(t *testing.T) {
	const depth = 1_000_000
	s := strings.Repeat("[", depth) + "T1" + strings.Repeat("]", depth)
	ty, err := Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	if got := ty.String(); got != s {
		t.Fatalf("String() of the deep type differs (%d bytes, want %d)", len(got), len(s))
	}
	if n := ty.Size(); n != depth+1 {
		t.Errorf("Size() = %d, want %d", n, depth+1)
	}
	other, _ := Parse(strings.Repeat("[", depth) + "T2" + strings.Repeat("]", depth))
	if Equal(ty, other) || !Equal(ty, ty) {
		t.Error("Equal of deep types is wrong")
	}
}
