package main

import (
	"backoffice/internal/accounts"
	"backoffice/internal/app"
	"backoffice/internal/clock"
	"backoffice/internal/httpx"
	"backoffice/internal/platform"
)

// Modules lists every module of the product, foundation first.
func Modules(d *platform.Deps, testClock *clock.Settable) []platform.Module {
	mods := app.Foundation(d, testClock)
	return mods
}

func validateUser(in *accounts.UserInput) error { return httpx.Struct(in) }
