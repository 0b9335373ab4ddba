package typeinfer

// Step is the stable id of a step an observer sees: the line of infer.go
// that performs it carries the comment "// step: <id>", and tutor's source
// pane highlights it.
type Step string

// The steps, in the order a call takes them. A well-typed call takes
// begin, then for each parameter param and, for each pair of nodes, visit
// and one of bind, check, same or descend; then substitute for each node
// of the return type, and return. An ill-typed call ends at arg-count,
// conflict, mismatch, structure or unbound.
const (
	// StepBegin starts a call whose argument count is right; the Event
	// has the function and the arguments.
	StepBegin Step = "begin"
	// StepArgCount refuses a call with the wrong number of arguments.
	StepArgCount Step = "arg-count"
	// StepParam starts walking a parameter and its argument together.
	StepParam Step = "param"
	// StepVisit takes the next pair of nodes, formal and actual.
	StepVisit Step = "visit"
	// StepBind binds a generic met for the first time to the actual type.
	StepBind Step = "bind"
	// StepCheck checks a generic met again against its binding: they agree.
	StepCheck Step = "check"
	// StepConflict refuses a generic met again with a different type.
	StepConflict Step = "conflict"
	// StepSame finds the same primitive on both sides.
	StepSame Step = "same"
	// StepMismatch refuses a primitive that differs.
	StepMismatch Step = "mismatch"
	// StepDescend finds two tuples of one length and goes into them.
	StepDescend Step = "descend"
	// StepStructure refuses a pair of nodes of different shapes.
	StepStructure Step = "structure"
	// StepSubstitute rewrites one node of the return type: a generic by
	// its binding, a primitive as it is, a tuple rebuilt.
	StepSubstitute Step = "substitute"
	// StepUnbound refuses a generic of the return type that no parameter
	// binds.
	StepUnbound Step = "unbound"
	// StepReturn gives the inferred return type.
	StepReturn Step = "return"
)

// Binding is a generic bound to a type during a walk, and where.
type Binding struct {
	Generic string
	Type    Type
	At      Path
}

// Event is one step of InferReturn as an observer sees it. Fields that do
// not apply to a step are zero. Its slices are the event's own.
type Event struct {
	Step Step
	// Explain is one sentence a learner can read.
	Explain string
	// Func and Args are the call (every step carries them).
	Func Func
	Args []Type
	// At is where the step is: the pair's place in a parameter, or the
	// node's place in the return type (Param 0).
	At Path
	// Formal is the formal node at At (of a parameter or of the return
	// type) and Actual the actual argument's node there; in a substitute
	// step, Actual is what the node becomes.
	Formal, Actual Type
	// Bindings are the bindings after the step, in the order they were
	// made.
	Bindings []Binding
	// Conflict is, in a conflict step, the index in Bindings of the
	// binding that breaks; -1 otherwise.
	Conflict int
	// Result is, in a return step, the inferred type.
	Result Type
	// Err is the error an error step ends the call with.
	Err *InferError
}
