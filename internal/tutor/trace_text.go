package tutor

import (
	"io"

	"tutor/internal/lessons"
)

// textTracer is a visual that writes its own `tutor trace` text instead of
// having it made from a recorded Run: the tree's, which traces trees far
// larger than its picture takes (treeviz.MaxTraceMachines) and has a
// --summary.
type textTracer interface {
	// TraceText parses args and returns what writes the trace, or an
	// error of one line naming the bad value.
	TraceText(args []string) (write func(io.Writer) error, err error)
}

// traceText writes t's trace of args on e.Stdout, cleaned as every trace
// is; bad input is a usage error naming the visual.
func traceText(e Env, name string, t textTracer, args []string) error {
	write, err := t.TraceText(args)
	if err != nil {
		return Usagef("trace %s: %v", name, lessons.SanitizeLine(err.Error()))
	}
	w := &safeWriter{w: e.Stdout}
	if err := write(w); err != nil {
		return err
	}
	return w.Flush()
}
