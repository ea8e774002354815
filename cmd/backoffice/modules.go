package main

import (
	"backoffice/hardware"
	"backoffice/internal/accounts"
	"backoffice/internal/app"
	"backoffice/internal/clock"
	"backoffice/internal/httpx"
	"backoffice/internal/platform"
	"backoffice/invoices"
	"backoffice/invoices/receivables"
	"backoffice/orders"
	"backoffice/secondment"
	"backoffice/tickets"
)

// Modules lists every module of the product, foundation first.
func Modules(d *platform.Deps, testClock *clock.Settable) []platform.Module {
	ordersModule := orders.New(d)
	d.Rates = ordersModule // the standard rates, for hourly billing in other domains
	return append(app.Foundation(d, testClock),
		ordersModule,
		tickets.New(d),
		secondment.New(d),
		hardware.New(d),
		// receivables before invoices: its demo issues back-dated invoices, the invoices demo
		// today's, so the demo's invoice numbers follow the issue dates.
		receivables.New(d),
		invoices.New(d),
	)
}

func validateUser(in *accounts.UserInput) error { return httpx.Struct(in) }
