package groupcache

import "context"

type clientKey struct{}

// WithClient returns a context that names the client a Get serves: the
// id appears in every Event of that Get, on every peer it reaches, and is
// sent to the owner with a peer request.
func WithClient(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, clientKey{}, id)
}

// Client returns the client id WithClient put in ctx, or "".
func Client(ctx context.Context) string {
	id, _ := ctx.Value(clientKey{}).(string)
	return id
}
