package hardware

import (
	"strings"

	"backoffice/internal/civil"
	"backoffice/internal/i18n"
	"backoffice/internal/web"
)

// The item's warranty and title reasons are stored and answered by the API in English
// (with their rule IDs, for staff and auditors); the pages show them in the reader's
// words through these messages.

// itemView is an item as its pages show it: the API's view plus the warranty in words.
type itemView struct {
	ItemOut
	WarrantyText string
}

func viewItem(lang string, it ItemOut) itemView {
	return itemView{ItemOut: it, WarrantyText: warrantyText(lang, it)}
}

// warrantyText says the item's warranty (HW-7) in lang.
func warrantyText(lang string, it ItemOut) string {
	r := it.Warranty.Reason
	switch {
	case it.Warranty.Covered && it.WarrantyUntil != nil:
		return web.T(lang, "hardware.ui.warranty.covered", "Until", i18n.Date(lang, *it.WarrantyUntil), "Months", it.Product.WarrantyMonths)
	case strings.HasPrefix(r, "the manufacturer's warranty ended on") && it.WarrantyUntil != nil:
		return web.T(lang, "hardware.ui.warranty.ended", "On", i18n.Date(lang, *it.WarrantyUntil))
	case strings.HasPrefix(r, "delivered outside the EU"):
		return web.T(lang, "hardware.ui.warranty.outside_eu")
	case strings.HasPrefix(r, "discounted"):
		return web.T(lang, "hardware.ui.warranty.discounted")
	case strings.HasPrefix(r, "second-hand"):
		return web.T(lang, "hardware.ui.warranty.second_hand")
	}
	return web.T(lang, "hardware.ui.warranty.no_manufacturer")
}

// titleText says why title is still retained (HW-4) in lang.
func titleText(lang, reason string) string {
	switch {
	case strings.Contains(reason, "not invoiced yet"):
		return web.T(lang, "hardware.ui.title.reason.not_invoiced")
	case strings.Contains(reason, "not paid in full"):
		return web.T(lang, "hardware.ui.title.reason.unpaid")
	case strings.Contains(reason, "sums owed"):
		return web.T(lang, "hardware.ui.title.reason.sums_owed")
	case strings.Contains(reason, "related services"):
		return web.T(lang, "hardware.ui.title.reason.services")
	}
	return web.T(lang, "hardware.ui.title.reason.paid")
}

func dateOrEmpty(d *civil.Date) string {
	if d == nil {
		return ""
	}
	return d.String()
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
