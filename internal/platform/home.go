package platform

import (
	"context"
	"sort"

	"backoffice/internal/web"
)

// HomeCards modules contribute tiles to the home page of each role (issue 13): a count
// with a link to the list filtered to exactly what was counted. The principal is in ctx
// (auth.FromContext); a module returns no cards for a role it has nothing to say to.
// Each card costs one indexed, bounded query (counts capped with LIMIT).
type HomeCards interface {
	HomeCards(ctx context.Context) ([]web.HomeCard, error)
}

// HomeBoard collects the modules' home cards; the server fills it at start and the home
// page asks it for the cards of the logged-in user.
type HomeBoard struct{ sources []HomeCards }

// Collect adds every module that contributes home cards (the server calls it once).
func (b *HomeBoard) Collect(modules []Module) {
	for _, m := range modules {
		if h, ok := m.(HomeCards); ok {
			b.sources = append(b.sources, h)
		}
	}
}

// Cards returns every module's cards for the principal in ctx, in card order.
func (b *HomeBoard) Cards(ctx context.Context) ([]web.HomeCard, error) {
	var out []web.HomeCard
	for _, s := range b.sources {
		cs, err := s.HomeCards(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Order < out[j].Order })
	return out, nil
}
