package main

import (
	"backoffice/internal/accounts"
	"backoffice/internal/app"
	"backoffice/internal/clock"
	"backoffice/internal/httpx"
	"backoffice/internal/platform"
	"backoffice/secondment"
)

// Modules lists every module of the product, foundation first.
func Modules(d *platform.Deps, testClock *clock.Settable) []platform.Module {
	return append(app.Foundation(d, testClock),
		secondment.New(d),
	)
}

func validateUser(in *accounts.UserInput) error { return httpx.Struct(in) }
