package main

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"tutor/internal/tutor"
)

func TestServeRefusesBadOptions(t *testing.T) {
	state := t.TempDir()
	missing := filepath.Join(state, "no-such-keys")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--bogus"}, "serve: --bogus: no such option"},
		{[]string{"serve", "extra"}, `serve takes no arguments, got "extra"`},
		{[]string{"serve", "--max-sessions", "0"}, "--max-sessions 0: want 1 or more"},
		{[]string{"serve", "--idle-timeout", "5ms"}, "--idle-timeout 5ms: want 1s or more"},
		{[]string{"serve", "--idle-timeout", "soon"}, `serve: --idle-timeout "soon": want a duration such as 250ms or 2s`},
		{[]string{"--state", state, "serve", "--authorized-keys", missing}, missing},
		{[]string{"--state", state, "serve", "--listen", "127.0.0.1:99999"}, "--listen 127.0.0.1:99999"},
	} {
		code, out, errs := cli(t, tt.args...)
		if code != 2 || out != "" || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, tt.want) {
			t.Errorf("tutor %q: exit %d, stdout %q, stderr %q; want exit 2 and one line with %q", tt.args, code, out, errs, tt.want)
		}
	}
}

// TestServeHelpNamesEveryOption: tutor serve --help lists each option
// serve takes, with the default it has, and the usage line names them
// all.
func TestServeHelpNamesEveryOption(t *testing.T) {
	code, out, _ := cli(t, "serve", "--help")
	if code != 0 {
		t.Fatalf("serve --help: exit %d", code)
	}
	var so tutor.ServeOptions
	g := tutor.Options{}
	serveFlags(&so, &g).VisitAll(func(f *flag.Flag) {
		if !strings.Contains(out, "\n  --"+f.Name+" ") {
			t.Errorf("serve --help does not explain --%s:\n%s", f.Name, out)
		}
		if !strings.Contains(serveUsage, "[--"+f.Name+" ") {
			t.Errorf("the usage line lacks --%s: %s", f.Name, serveUsage)
		}
		def := f.DefValue
		if strings.HasSuffix(def, "m0s") {
			def = strings.TrimSuffix(def, "0s") // 30m0s is said 30m
		}
		if f.DefValue != "" && !strings.Contains(out, "("+def+")") {
			t.Errorf("serve --help does not give --%s's default %s:\n%s", f.Name, f.DefValue, out)
		}
	})
}
