package typeinfer

// Inferer infers the return types of calls, reporting every step to its
// observer. The zero Inferer has none. An Inferer keeps no state between
// calls; it is safe for concurrent use if Observe is.
type Inferer struct {
	// Observe, if not nil, is called with every step of InferReturn, in
	// order. With no observer the walk costs one nil check a step.
	Observe func(Event)
}

// InferReturn infers the return type of a call of fn with arguments of
// types args, with no observer. See Inferer.InferReturn.
func InferReturn(fn Func, args []Type) (Type, error) {
	var in Inferer
	return in.InferReturn(fn, args)
}

// InferReturn infers the return type of a call of fn with arguments of
// types args, or says with an *InferError why the call is ill-typed.
//
// It walks each parameter's type and its argument's type together, depth
// first and left to right: a generic met for the first time is bound to
// the actual type there; met again, the actual type must equal (as a
// tree) the one it is bound to. A primitive must meet the same primitive,
// a tuple a tuple of the same length. Then the bindings are substituted
// into the return type. A generic of the return type that no parameter
// binds is an error (UnboundGeneric), as Go's "cannot infer T" is: the
// call does not say what it is.
//
// Generics in args are the caller's own type variables: each is a type
// that equals only itself, and a formal generic may be bound to one.
//
// It takes time and memory in proportion to the number of nodes of the
// types walked (a conflict check compares two trees, so in proportion to
// their sizes too), and no goroutine stack beyond a few frames, however
// deep the types.
func (in *Inferer) InferReturn(fn Func, args []Type) (Type, error) {
	w := &walk{obs: in.Observe, fn: fn, args: args}
	if len(fn.Params) != len(args) {
		err := &InferError{Kind: ArgumentCount,
			Formal: TupleOf(fn.Params...), Actual: TupleOf(args...)}
		w.fail(StepArgCount, err) // step: arg-count
		return Type{}, err
	}
	w.note(StepBegin, 0, Type{}, Type{}) // step: begin
	for p := range fn.Params {
		if err := w.param(p + 1); err != nil {
			return Type{}, err
		}
	}
	return w.substitute()
}

// walk is one call being inferred.
type walk struct {
	obs      func(Event)
	fn       Func
	args     []Type
	bindings []Binding      // in the order made
	index    map[string]int // generic -> its binding in bindings
	path     []int          // the index path of the node at hand
	stack    []item
}

// item is a node waiting on the walk's stack: a formal node, the actual
// node at the same place (nil in the substitution, where dst is the node
// being written), its depth and its index in its tuple.
type item struct {
	f, a       *Type
	dst        *Type
	depth, idx int
}

// at sets the walk's path to the place of it.
func (w *walk) at(it item) {
	if it.depth == 0 {
		w.path = w.path[:0]
		return
	}
	w.path = append(w.path[:it.depth-1], it.idx)
}

// param walks parameter p (from 1) and its argument together.
func (w *walk) param(p int) error {
	w.stack = append(w.stack[:0], item{f: &w.fn.Params[p-1], a: &w.args[p-1]})
	w.path = w.path[:0]
	w.note(StepParam, p, w.fn.Params[p-1], w.args[p-1]) // step: param
	for len(w.stack) > 0 {
		it := w.stack[len(w.stack)-1]
		w.stack = w.stack[:len(w.stack)-1]
		w.at(it)
		f, a := it.f, it.a
		w.note(StepVisit, p, *f, *a) // step: visit
		switch f.kind {
		case Generic:
			k, ok := w.index[f.name]
			if !ok {
				w.bind(f.name, *a, p)
				w.note(StepBind, p, *f, *a)
				continue
			}
			if Equal(w.bindings[k].Type, *a) {
				w.note(StepCheck, p, *f, *a) // step: check
				continue
			}
			b := w.bindings[k]
			err := &InferError{Kind: TypeConflict, At: clonePath(p, w.path),
				Formal: *f, Actual: *a, Bound: b.Type, BoundAt: b.At}
			w.fail(StepConflict, err) // step: conflict
			return err
		case Primitive:
			if a.kind == Tuple {
				return w.structure(p, f, a)
			}
			if a.kind != Primitive || a.name != f.name {
				err := &InferError{Kind: TypeMismatch,
					At: clonePath(p, w.path), Formal: *f, Actual: *a}
				w.fail(StepMismatch, err) // step: mismatch
				return err
			}
			w.note(StepSame, p, *f, *a) // step: same
		case Tuple:
			if a.kind != Tuple || len(a.elems) != len(f.elems) {
				return w.structure(p, f, a)
			}
			w.note(StepDescend, p, *f, *a) // step: descend
			for j := len(f.elems) - 1; j >= 0; j-- {
				w.stack = append(w.stack, item{f: &f.elems[j], a: &a.elems[j],
					depth: it.depth + 1, idx: j})
			}
		}
	}
	return nil
}

// bind binds generic g to t, met at the walk's path in parameter p.
func (w *walk) bind(g string, t Type, p int) {
	if w.index == nil {
		w.index = make(map[string]int)
	}
	w.index[g] = len(w.bindings)
	b := Binding{Generic: g, Type: t, At: clonePath(p, w.path)}
	w.bindings = append(w.bindings, b) // step: bind
}

// structure refuses formal node f and actual node a, of different shapes.
func (w *walk) structure(p int, f, a *Type) error {
	err := &InferError{Kind: StructureMismatch,
		At: clonePath(p, w.path), Formal: *f, Actual: *a}
	w.fail(StepStructure, err) // step: structure
	return err
}

// substitute writes the return type with every generic replaced by its
// binding, node by node in pre-order. A leaf or a binding is shared, not
// copied: types are immutable.
func (w *walk) substitute() (Type, error) {
	var out Type
	w.stack = append(w.stack[:0], item{f: &w.fn.Return, dst: &out})
	for len(w.stack) > 0 {
		it := w.stack[len(w.stack)-1]
		w.stack = w.stack[:len(w.stack)-1]
		w.at(it)
		switch src := it.f; src.kind {
		case Generic:
			k, ok := w.index[src.name]
			if !ok {
				err := &InferError{Kind: UnboundGeneric,
					At: clonePath(0, w.path), Formal: *src}
				w.fail(StepUnbound, err) // step: unbound
				return Type{}, err
			}
			*it.dst = w.bindings[k].Type // step: substitute
		case Primitive:
			*it.dst = *src
		case Tuple:
			if len(src.elems) > 0 {
				*it.dst = Type{kind: Tuple, elems: make([]Type, len(src.elems))}
			}
			for j := len(src.elems) - 1; j >= 0; j-- {
				w.stack = append(w.stack, item{f: &src.elems[j],
					dst: &it.dst.elems[j], depth: it.depth + 1, idx: j})
			}
		}
		if w.obs != nil {
			d := *it.dst
			if it.f.kind == Tuple {
				d = Type{} // a rebuilt tuple: its elements are still to be written
			}
			w.note(StepSubstitute, 0, *it.f, d)
		}
	}
	if w.obs != nil {
		w.path = w.path[:0]
		e := w.event(StepReturn, 0, Type{}, Type{}) // step: return
		e.Result = out
		w.send(e)
	}
	return out, nil
}

// note reports a step with the pair (or return node) f, a at the walk's
// path in parameter p (0: the return type).
func (w *walk) note(step Step, p int, f, a Type) {
	if w.obs != nil {
		w.send(w.event(step, p, f, a))
	}
}

// fail reports the error step that ends the call with err.
func (w *walk) fail(step Step, err *InferError) {
	if w.obs != nil {
		e := w.event(step, err.At.Param, err.Formal, err.Actual)
		e.At, e.Err = err.At, err
		if err.Kind == TypeConflict {
			e.Conflict = w.index[err.Formal.name]
		}
		w.send(e)
	}
}

// event is the Event of step with the walk's state.
func (w *walk) event(step Step, p int, f, a Type) Event {
	return Event{
		Step: step, Func: w.fn, Args: w.args,
		At: clonePath(p, w.path), Formal: f, Actual: a,
		Bindings: append([]Binding(nil), w.bindings...),
		Conflict: -1,
	}
}

// send explains e and gives it to the observer.
func (w *walk) send(e Event) {
	e.Explain = explain(e)
	w.obs(e)
}
