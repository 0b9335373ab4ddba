package main

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkRenderProcess runs `tutor render tcp` and a minimal program that
// only renders the same file with glamour, each as a whole process. The
// budget: tutor no slower than the minimal program.
func BenchmarkRenderProcess(b *testing.B) {
	dir := b.TempDir()
	tutor, peer := filepath.Join(dir, "tutor"), filepath.Join(dir, "glamourmin")
	for _, c := range [][]string{{"-o", tutor, "."}, {"-o", peer, "./testdata/glamourmin"}} {
		if out, err := exec.Command("go", append([]string{"build"}, c...)...).CombinedOutput(); err != nil {
			b.Fatalf("go build %v: %v\n%s", c, err, out)
		}
	}
	note, err := filepath.Abs("../../content/lessons/tcp.md")
	if err != nil {
		b.Fatal(err)
	}
	cmds := map[string][]string{
		"tutor":   {tutor, "render", "tcp", "--width", "80", "--plain"},
		"glamour": {peer, note},
		// start-up: the process, the package inits and the catalog, the
		// part of the first screen that a benchmark inside the process
		// cannot see.
		"tutor-list": {tutor, "list"},
	}
	for _, name := range []string{"tutor", "glamour", "tutor-list"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if out, err := exec.Command(cmds[name][0], cmds[name][1:]...).CombinedOutput(); err != nil || len(out) < 200 {
					b.Fatalf("%v: %v\n%s", cmds[name], err, out)
				}
			}
		})
	}
}
