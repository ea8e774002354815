package main

import (
	"backoffice/hardware"
	"backoffice/internal/accounts"
	"backoffice/internal/app"
	"backoffice/internal/clock"
	"backoffice/internal/httpx"
	"backoffice/internal/platform"
	"backoffice/orders"
	"backoffice/secondment"
	"backoffice/tickets"
)

// Modules lists every module of the product, foundation first.
func Modules(d *platform.Deps, testClock *clock.Settable) []platform.Module {
	return append(app.Foundation(d, testClock),
		orders.New(d),
		tickets.New(d),
		secondment.New(d),
		hardware.New(d),
	)
}

func validateUser(in *accounts.UserInput) error { return httpx.Struct(in) }
