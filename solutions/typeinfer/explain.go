package typeinfer

import "fmt"

// explain is the sentence of event e, a line a learner can read.
func explain(e Event) string {
	switch e.Step {
	case StepBegin:
		return fmt.Sprintf("Call %s with %s for its %s: walk them in pairs.", e.Func, count(len(e.Args), "argument"), count(len(e.Func.Params), "parameter"))
	case StepArgCount:
		return fmt.Sprintf("Argument count: the function takes %s but the call gives %s; a zip would stop silently at the shorter list.", count(len(e.Func.Params), "parameter"), count(len(e.Args), "argument"))
	case StepParam:
		return fmt.Sprintf("Walk parameter %d, %s, against its argument, %s.", e.At.Param, e.Formal, e.Actual)
	case StepVisit:
		return fmt.Sprintf("At %s, compare the formal %s with the actual %s.", e.At, e.Formal, e.Actual)
	case StepBind:
		return fmt.Sprintf("%s is not bound yet: bind %s to %s.", e.Formal, e.Formal, e.Actual)
	case StepCheck:
		return fmt.Sprintf("%s is already bound to %s, and the actual type here is the same tree: consistent.", e.Formal, e.Actual)
	case StepConflict:
		return fmt.Sprintf("Type conflict: %s is bound to %s (at %s), but here the actual type is %s.", e.Formal, e.Err.Bound, e.Err.BoundAt, e.Actual)
	case StepSame:
		return fmt.Sprintf("Both sides are the primitive %s: they match.", e.Formal)
	case StepMismatch:
		return fmt.Sprintf("Type mismatch: the formal type wants the primitive %s, the call gives %s.", e.Formal, e.Actual)
	case StepDescend:
		return fmt.Sprintf("Both sides are tuples of %d: go into their elements, left to right.", e.Formal.Len())
	case StepStructure:
		return fmt.Sprintf("Structure mismatch: the formal type is %s, the call gives %s.", shape(e.Formal), shape(e.Actual))
	case StepSubstitute:
		switch e.Formal.Kind() {
		case Generic:
			return fmt.Sprintf("At %s, replace %s with its binding, %s.", e.At, e.Formal, e.Actual)
		case Primitive:
			return fmt.Sprintf("At %s, keep the primitive %s as it is.", e.At, e.Formal)
		}
		return fmt.Sprintf("At %s, rebuild a tuple of %d; its elements follow.", e.At, e.Formal.Len())
	case StepUnbound:
		return fmt.Sprintf("Unbound generic: %s is in the return type at %s, but no parameter binds it, so the call cannot say what it is.", e.Formal, e.At)
	case StepReturn:
		return fmt.Sprintf("The call returns %s.", e.Result)
	}
	return string(e.Step)
}

// count is n and noun, made plural unless n is 1: "2 parameters".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
