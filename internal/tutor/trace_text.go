package tutor

import (
	"io"

	"tutor/internal/lessons"
	"tutor/internal/visual"
)

// textTracer is a visual that writes its own `tutor trace` text instead of
// having it made from a recorded Run: the tree's, which traces trees far
// larger than its picture takes (treeviz.MaxTraceMachines) and has a
// --summary.
type textTracer interface {
	// TraceText parses args and returns what writes the trace, or an
	// error of one line naming the bad value.
	TraceText(args []string) (write func(io.Writer) error, err error)
	// TraceUsage is the input syntax trace takes, which says more than
	// the picture's Usage.
	TraceUsage() string
}

// traceUsage is the input syntax of `tutor trace <v>`.
func traceUsage(v visual.Visual) string {
	if t, ok := v.(textTracer); ok {
		return t.TraceUsage()
	}
	return v.Usage()
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
